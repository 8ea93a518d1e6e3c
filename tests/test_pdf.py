"""PDF through LibreOffice: warm converter, recovery after a failure or a timeout, CLI --pdf."""
import shutil
import subprocess

import pytest

from docgen.pdf.converter import PdfConverter, PdfFailed
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and pdftotext are not installed: "
           "apt-get install libreoffice-writer-nogui python3-uno poppler-utils fonts-liberation2")


@pytest.fixture
def example_docx(run_cli, tmp_path):
    """The first example rendered to a .docx in `tmp_path`: the document the converter tests convert."""
    out = tmp_path / "x.docx"
    assert run_cli("render", EXAMPLES[0], "-o", out).exit_code == 0
    return out


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def test_converter_recovers_after_a_bad_document_and_a_timeout(example_docx, tmp_path):
    out = example_docx
    converter = PdfConverter(slots=1, timeout=60)
    try:
        assert "Số" in _text(converter.convert(out.read_bytes(), "a"), tmp_path)
        with pytest.raises(PdfFailed):
            converter.convert(b"PK\x03\x04 not really a document", "hong")
        converter.timeout = 0.001
        with pytest.raises(PdfFailed, match="không chuyển xong"):
            converter.convert(out.read_bytes(), "cham")
        converter.timeout = 60
        assert "Nơi nhận:" in _text(converter.convert(out.read_bytes(), "b"), tmp_path)
    finally:
        converter.close()


def test_render_pdf_from_the_cli(run_cli, tmp_path):
    out = tmp_path / "ke-hoach.docx"
    result = run_cli("render", EXAMPLES[0], "-o", out, "--pdf")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ke-hoach.pdf").read_bytes().startswith(b"%PDF")


def test_without_libreoffice_docx_still_works_and_pdf_says_how(monkeypatch, run_cli, tmp_path):
    import docgen.pdf.converter

    monkeypatch.setattr(docgen.pdf.converter, "find_soffice", lambda: None)
    result = run_cli("render", EXAMPLES[0], "-o", tmp_path / "x.docx", "--pdf")
    assert result.exit_code == 1 and "apt-get install libreoffice-writer-nogui" in result.output
    assert (tmp_path / "x.docx").is_file()


def test_a_libreoffice_left_by_a_killed_process_is_stopped_by_the_next(example_docx):
    """When a docgen process and its converter are killed outright (kill -9), their LibreOffice
    runs on alone; the next docgen process that converts stops it and removes its profile."""
    import os
    import signal
    import sys
    import time

    from docgen.pdf.converter import private_profile_home

    out = example_docx
    script = (
        "import os, sys\n"
        "from docgen.pdf.converter import PdfConverter\n"
        "c = PdfConverter(slots=1, timeout=120)\n"
        f"c.convert(open({str(out)!r}, 'rb').read(), 'x')\n"
        "print(os.getpid(), c._workers[0].process.pid, flush=True)\n"
        "sys.stdin.read()\n")
    owner = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    pid, worker = (int(x) for x in owner.stdout.readline().split())

    def offices() -> list[int]:
        return _offices_on(f"/p{pid}-".encode())   # the profile folder of the killed process

    assert offices()
    os.kill(worker, signal.SIGKILL)     # the converter's worker alone, as an out-of-memory kill does
    owner.kill()
    owner.wait()
    time.sleep(1)
    left = offices()
    if not left:   # LibreOffice may notice its closed pipe and quit by itself (seen under load)
        owner.stdout.close()
        owner.stdin.close()
        pytest.skip("LibreOffice ended with its owner this time: nothing left for the next process to stop")
    private_profile_home()               # the next process that converts
    deadline = time.monotonic() + 10
    while offices() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert offices() == [], f"left running: {left}"
    owner.stdout.close()
    owner.stdin.close()


def _offices_on(marker: bytes) -> list[int]:
    """Returns the ids of the running LibreOffice processes whose command line holds `marker` (a
    profile folder); an ended process waiting to be reaped has no command line."""
    from pathlib import Path

    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                command = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"soffice" in command[0] and any(marker in part for part in command):
                found.append(int(proc.name))
    return found


def _soffice_of(converter: PdfConverter) -> list[int]:
    """Returns the ids of the LibreOffice processes running on `converter`'s own profiles."""
    return _offices_on(str(converter.home).encode())


@pytest.mark.skipif(subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True).returncode != 0,
                    reason="python3-uno is not installed (apt-get install python3-uno): no LibreOffice is kept running")
def test_after_libreoffice_is_killed_the_next_conversion_succeeds(example_docx, tmp_path):
    import os
    import signal

    out = example_docx
    converter = PdfConverter(slots=1, timeout=60)
    try:
        assert "Số" in _text(converter.convert(out.read_bytes(), "a"), tmp_path)
        running = _soffice_of(converter)
        assert running, "the warm converter's LibreOffice was not found"
        for pid in running:
            os.kill(pid, signal.SIGKILL)
        assert "Nơi nhận:" in _text(converter.convert(out.read_bytes(), "b"), tmp_path)
        assert _soffice_of(converter) and not set(_soffice_of(converter)) & set(running)
    finally:
        converter.close()


def test_a_full_queue_answers_busy_with_retry_after(example_docx):
    from concurrent.futures import ThreadPoolExecutor

    from docgen.errors import PdfBusy

    out = example_docx
    converter = PdfConverter(slots=1, timeout=60, max_waiting=0)
    data = out.read_bytes()

    def one(i: int):
        try:
            return converter.convert(data, f"v{i}")
        except PdfBusy as exc:
            return exc

    try:
        converter.convert(data, "am")   # LibreOffice started: the next ones take about the same time each
        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(one, range(4)))
    finally:
        converter.close()
    busy = [r for r in results if isinstance(r, PdfBusy)]
    done = [r for r in results if isinstance(r, bytes)]
    assert busy and done and len(busy) + len(done) == 4
    assert all(b.http_status == 503 and b.retry_after and "bận" in b.message for b in busy)
    assert all(d.startswith(b"%PDF") for d in done)


CONVERT_MANY = """
import sys
from docgen.pdf.converter import PdfConverter
data = open(sys.argv[1], "rb").read()
converter = PdfConverter(slots=1, timeout=120)
failures = 0
try:
    for i in range(int(sys.argv[2])):
        try:
            failures += not converter.convert(data, f"v{i}").startswith(b"%PDF")
        except Exception as exc:
            failures += 1
            print(type(exc).__name__, exc, file=sys.stderr)
finally:
    converter.close()
print(failures)
"""


def test_two_processes_converting_at_once_never_fail(example_docx):
    """Two docgen processes (the service and `render --pdf`, say) convert 50 documents each at
    the same time: each has its own LibreOffice profile, so none of the 100 fails."""
    import sys

    out = example_docx
    runs = [subprocess.Popen([sys.executable, "-c", CONVERT_MANY, str(out), "50"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outcomes = [run.communicate(timeout=600) for run in runs]
    assert [o[0].strip() for o in outcomes] == ["0", "0"], [o[1][-500:] for o in outcomes]


def test_build_pdf_converts_in_every_worker_and_leaves_no_libreoffice(run_cli, tmp_path):
    """`docgen build --pdf -j 2`: each worker converts with its own LibreOffice; every .docx gets
    its PDF, an unchanged build converts nothing again, a missing PDF is made again, and no
    LibreOffice is left running once the build has ended."""
    import os
    import re
    from pathlib import Path

    data = tmp_path / "data"
    shutil.copytree(EXAMPLES[0].parents[1], data)
    for old in (data / "examples").glob("*.yaml"):
        if old != data / "examples" / EXAMPLES[0].name:
            old.unlink()
    for i in range(3):
        shutil.copy(data / "examples" / EXAMPLES[0].name, data / "examples" / f"ban-{i}.yaml")
    out = tmp_path / "output"
    first = run_cli("build", data, "-o", out, "-j", "2", "--pdf")
    assert first.exit_code == 0, first.output
    assert first.output.strip().splitlines()[-1] == "Tổng kết: 4 đã tạo, 0 không đổi, 0 lỗi."
    pdfs = sorted((out / "examples").glob("*.pdf"))
    assert [p.stem for p in pdfs] == sorted(p.stem for p in (out / "examples").glob("*.docx")) and len(pdfs) == 4
    for pdf in pdfs:
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in _text(pdf.read_bytes(), tmp_path)
    stamps = {p: p.stat().st_mtime_ns for p in pdfs}
    again = run_cli("build", data, "-o", out, "-j", "2", "--pdf")
    assert again.output.strip().splitlines()[-1] == "Tổng kết: 0 đã tạo, 4 không đổi, 0 lỗi."
    assert {p: p.stat().st_mtime_ns for p in pdfs} == stamps
    pdfs[0].unlink()
    third = run_cli("build", data, "-o", out, "-j", "2", "--pdf")
    assert third.output.strip().splitlines()[-1] == "Tổng kết: 1 đã tạo, 3 không đổi, 0 lỗi." and pdfs[0].is_file()

    def ended(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False

    left = []
    for office in _offices_on(b"/docgen-lo-"):
        try:
            command = Path(f"/proc/{office}/cmdline").read_bytes()
        except OSError:
            continue
        owner = re.search(rb"/p(\d+)-[^/\x00]*/", command)
        if owner and ended(int(owner.group(1))):
            left.append(office)
    assert left == []   # the workers stopped their LibreOffice when they ended
