"""docgen watch rebuilds on save (a real process, stopped by the test)."""
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time

from tests.conftest import ROOT


def _lines_of(process) -> queue.Queue:
    """The process's output lines, read by a thread, so a wait below can end at its deadline
    even when the process prints nothing (a blocking readline would wait without end)."""
    lines: queue.Queue = queue.Queue()

    def read() -> None:
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    return lines


def _wait_for(lines, words, seconds=180):   # generous: a first build on a loaded 2-core CI machine
    deadline = time.monotonic() + seconds
    seen = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            break
        seen.append(line.rstrip())
        if words in line:
            return seen
    raise AssertionError(f"'{words}' not seen; got: {seen}")


def test_watch_rebuilds_the_saved_file(tmp_path):
    # the office's own state (a register someone is using, saved web documents) is not part of the test
    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("so-van-ban-di.sqlite3*", "van-ban-web"))
    process = subprocess.Popen([sys.executable, "-m", "docgen", "watch", str(tmp_path / "data"), "-o",
                                str(tmp_path / "output"), "--chu-ky", "0.1"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"}, cwd=tmp_path)
    lines_out = _lines_of(process)
    try:
        _wait_for(lines_out, "Tổng kết:")
        plan = tmp_path / "data" / "examples" / "ke-hoach-dan-van-llvt-nghe-an-2026.yaml"
        plan.write_text(plan.read_text(encoding="utf-8").replace("so: 5", "so: 6"), encoding="utf-8")
        lines = _wait_for(lines_out, "Tổng kết:")
        assert [l for l in lines if l.startswith("đã tạo")] == [
            f"đã tạo {tmp_path / 'output' / 'examples' / 'ke-hoach-dan-van-llvt-nghe-an-2026.docx'}"]
        assert lines[-1].startswith("Tổng kết: 1 đã tạo,")
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        process.stdout.close()
