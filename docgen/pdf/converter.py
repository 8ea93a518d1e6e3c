"""PDF through LibreOffice headless, shared by ``docgen render --pdf`` and the HTTP service.

A small pool of slots, one per free core by default, each converting one document at a time
with a per-document timeout. Where Debian's python3-uno is installed, each slot keeps one
LibreOffice running (`docgen.pdf.worker`), restarted after 200 conversions or on any failure;
otherwise each conversion starts LibreOffice afresh, on the slot's own persistent profile.
Without LibreOffice, .docx keeps working and the message says how to get PDF.
"""
from __future__ import annotations

import json
import os
import queue
import re
import select
import shutil
import signal
import subprocess
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from docgen.errors import PdfBusy, PdfFailed, PdfUnavailable

INSTALL_HINT = ("cài LibreOffice và phông cùng số đo với Times New Roman: "
                "apt-get install libreoffice-writer-nogui fonts-liberation2")


def private_profile_home() -> Path:
    """Returns a new LibreOffice profile folder for this process, never shared with another.

    It lies in a per-user folder that only the user may enter (its owner and mode are checked,
    so another account cannot plant a profile there); folders left by processes that no longer
    run are removed on the way.
    """
    base = Path(tempfile.gettempdir()) / f"docgen-lo-{os.getuid()}"
    try:
        base.mkdir(mode=0o700)
    except FileExistsError:
        pass
    info = base.lstat()
    if base.is_symlink() or info.st_uid != os.getuid() or info.st_mode & 0o077:
        base = Path(tempfile.mkdtemp(prefix="docgen-lo-"))
    _stop_orphan_offices(base)   # LibreOffice left by docgen processes that were killed
    for old in base.glob("p*-*"):
        pid = old.name[1:].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"p{os.getpid()}-", dir=base))


_OWNER = re.compile(rb"UserInstallation=file://[^\x00]*/p(\d+)-[^/\x00]*/")


def _stop_orphan_offices(base: Path) -> int:
    """Kills the LibreOffice processes running on a profile under `base` whose docgen process
    has ended (killed before it could stop them); returns how many. Linux's /proc only;
    elsewhere nothing is done."""
    marker = base.as_uri().encode() + b"/p"
    stopped = 0
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            command = (entry / "cmdline").read_bytes()
            if marker not in command or entry.stat().st_uid != os.getuid():
                continue
            owner = _OWNER.search(command)
            if owner is not None and not _running(int(owner.group(1))):
                os.kill(int(entry.name), signal.SIGKILL)
                stopped += 1
        except (OSError, ValueError):
            continue
    return stopped


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def find_soffice() -> str | None:
    """Returns the LibreOffice program, or `None` when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


@lru_cache(maxsize=1)
def find_uno_python() -> str | None:
    """Returns a Python that can ``import uno`` (Debian's python3-uno), or `None`."""
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and Path(candidate).is_file():
            try:
                if subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=30).returncode == 0:
                    return candidate
            except (OSError, subprocess.TimeoutExpired):
                continue
    return None


class DeadBridge(PdfFailed):
    """The LibreOffice of a warm worker is gone (killed or crashed): a fresh one may convert."""

    def __init__(self, detail: str):
        super().__init__(f"LibreOffice dừng đột ngột ({detail[:200]})")


class WarmWorker:
    """One LibreOffice kept running by `docgen.pdf.worker`, fed documents one at a time."""

    RESTART_AFTER = 200

    def __init__(self, python: str, soffice: str, profile: Path, pipe: str, timeout: float):
        self.timeout = timeout
        self.done = 0
        self.process = subprocess.Popen(
            [python, str(Path(__file__).with_name("worker.py")), soffice, profile.as_uri(), pipe],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1,
            start_new_session=True)   # its own process group: stopping it stops its LibreOffice too
        assert self.process.stdin is not None and self.process.stdout is not None
        self.input, self.output = self.process.stdin, self.process.stdout
        ready = self._answer(max(timeout, 90))
        if not ready.get("ok"):
            self.stop()
            raise PdfFailed(f"không khởi động được LibreOffice: {ready.get('error', 'không rõ')}")

    def _answer(self, seconds: float) -> dict[str, Any]:
        readable, _, _ = select.select([self.output], [], [], seconds)
        if not readable:
            raise TimeoutError
        line = self.output.readline()
        if not line:
            raise DeadBridge("tiến trình chuyển đổi đã dừng")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def convert(self, source: Path, target: Path) -> None:
        self.input.write(json.dumps({"in": str(source), "out": str(target)}) + "\n")
        self.input.flush()
        answer = self._answer(self.timeout)
        self.done += 1
        if answer.get("dead"):
            raise DeadBridge(str(answer.get("error", "")))
        if not answer.get("ok"):
            raise PdfFailed(f"LibreOffice không chuyển được sang PDF ({answer.get('error', 'không rõ')})")

    @property
    def worn(self) -> bool:
        return self.done >= self.RESTART_AFTER or self.process.poll() is not None

    def stop(self, hard: bool = False) -> None:
        """Ends the worker and its LibreOffice: politely (end of input), or at once when `hard`."""
        if not hard:
            try:
                self.input.close()
                self.process.wait(timeout=15)
            except (OSError, subprocess.TimeoutExpired):
                hard = True
        if hard:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        for stream in (self.input, self.output):
            try:
                stream.close()
            except OSError:
                pass


class PdfConverter:
    """Converts .docx bytes to PDF bytes with `slots` LibreOffice instances at most at once."""

    def __init__(self, slots: int | None = None, timeout: float = 120.0, home: Path | None = None,
                 warm: bool = True, max_waiting: int | None = None):
        self.program = find_soffice()
        self.timeout = timeout
        self._own_home = home is None
        self.home = home or private_profile_home()
        self.python = find_uno_python() if (warm and self.program) else None
        count = slots or max(1, (os.cpu_count() or 2) - 1)
        # Documents that may wait for a slot; one more is refused at once (PdfBusy, 503 + Retry-After).
        self.max_waiting = count * 8 if max_waiting is None else max_waiting
        self._waiting = 0
        self._lock = threading.Lock()
        self._free: queue.Queue[int] = queue.Queue()
        self._workers: dict[int, WarmWorker] = {}
        for slot in range(count):
            self._free.put(slot)

    @property
    def warm(self) -> bool:
        """Whether conversions go to a LibreOffice kept running (python3-uno is installed)."""
        return self.python is not None

    def close(self) -> None:
        """Stops the LibreOffice instances kept running."""
        for worker in self._workers.values():
            worker.stop()
        self._workers.clear()
        if self._own_home:
            shutil.rmtree(self.home, ignore_errors=True)

    def _convert_warm(self, slot: int, data: bytes, name: str) -> bytes:
        """Converts in the slot's warm LibreOffice; one that turns out dead is replaced and the
        document tried once more."""
        try:
            return self._convert_warm_once(slot, data, name)
        except DeadBridge:
            return self._convert_warm_once(slot, data, name)

    def _convert_warm_once(self, slot: int, data: bytes, name: str) -> bytes:
        assert self.python is not None and self.program is not None
        worker = self._workers.get(slot)
        if worker is None or worker.worn:
            if worker is not None:
                worker.stop()
            worker = self._workers[slot] = WarmWorker(self.python, self.program, self.home / f"warm-{slot}",
                                                      f"docgen-{os.getpid()}-{slot}", self.timeout)
        with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as work:
            source, target = Path(work) / f"{name}.docx", Path(work) / f"{name}.pdf"
            source.write_bytes(data)
            try:
                worker.convert(source, target)
            except TimeoutError:
                worker.stop(hard=True)
                self._workers.pop(slot, None)
                raise PdfFailed(f"LibreOffice không chuyển xong '{name}' trong {self.timeout:g} giây") from None
            except PdfFailed:
                worker.stop()
                self._workers.pop(slot, None)
                raise
            return target.read_bytes()

    def _take_slot(self) -> int:
        """Returns a free slot, waiting behind at most `max_waiting` documents and for at most
        the timeout; raises `PdfBusy` otherwise."""
        try:
            return self._free.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._waiting >= self.max_waiting:
                raise PdfBusy(f"bộ chuyển PDF đang bận ({self._waiting} văn bản đang chờ); hãy thử lại sau", 10)
            self._waiting += 1
        try:
            return self._free.get(timeout=self.timeout)
        except queue.Empty:
            raise PdfBusy(f"bộ chuyển PDF bận quá {self.timeout:g} giây; hãy thử lại sau", 30) from None
        finally:
            with self._lock:
                self._waiting -= 1

    def convert(self, data: bytes, name: str = "van-ban") -> bytes:
        """Returns the PDF of the .docx `data`; raises `PdfUnavailable`, `PdfBusy` or `PdfFailed`."""
        if self.program is None:
            raise PdfUnavailable(f"không tạo được PDF: máy này chưa có LibreOffice ({INSTALL_HINT})")
        slot = self._take_slot()
        self.home.mkdir(mode=0o700, parents=True, exist_ok=True)   # again after `close`
        profile = self.home / f"slot-{slot}"
        try:
            if self.warm:
                return self._convert_warm(slot, data, name)
            with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as work:
                source = Path(work) / f"{name}.docx"
                source.write_bytes(data)
                try:
                    result = subprocess.run(
                        [self.program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                         "--convert-to", "pdf", "--outdir", work, str(source)],
                        capture_output=True, timeout=self.timeout)
                except subprocess.TimeoutExpired:
                    shutil.rmtree(profile, ignore_errors=True)
                    raise PdfFailed(f"LibreOffice không chuyển xong '{name}' trong {self.timeout:g} giây") from None
                pdf = Path(work) / f"{name}.pdf"
                if result.returncode != 0 or not pdf.is_file():
                    shutil.rmtree(profile, ignore_errors=True)
                    detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip()[:300]
                    raise PdfFailed(f"LibreOffice không chuyển được '{name}' sang PDF ({detail or 'không rõ lý do'})")
                return pdf.read_bytes()
        finally:
            self._free.put(slot)
