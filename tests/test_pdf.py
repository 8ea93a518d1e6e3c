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


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def test_converter_recovers_after_a_bad_document_and_a_timeout(run_cli, tmp_path):
    out = tmp_path / "x.docx"
    assert run_cli("render", EXAMPLES[0], "-o", out).exit_code == 0
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


def test_a_libreoffice_left_by_a_killed_process_is_stopped_by_the_next(tmp_path):
    """When a docgen process and its converter are killed outright (kill -9), their LibreOffice
    runs on alone; the next docgen process that converts stops it and removes its profile."""
    import os
    import signal
    import sys
    import time

    from docgen.pdf.converter import private_profile_home

    script = (
        "import os, sys\n"
        "from docgen.pdf.converter import PdfConverter\n"
        "c = PdfConverter(slots=1, timeout=120)\n"
        f"c.convert(open({str(_example_docx(tmp_path))!r}, 'rb').read(), 'x')\n"
        "print(os.getpid(), c._workers[0].process.pid, flush=True)\n"
        "sys.stdin.read()\n")
    owner = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    pid, worker = (int(x) for x in owner.stdout.readline().split())

    def offices() -> list[int]:
        found = []
        for entry in os.listdir("/proc"):
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    command = f.read()
                with open(f"/proc/{entry}/stat") as f:
                    state = f.read().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if f"/p{pid}-".encode() in command and b"soffice" in command and state != "Z":
                found.append(int(entry))
        return found

    assert offices()
    os.kill(worker, signal.SIGKILL)     # the converter's worker alone, as an out-of-memory kill does
    owner.kill()
    owner.wait()
    time.sleep(1)
    left = offices()
    assert left, "LibreOffice did not outlive its owner here: nothing for the next process to stop"
    private_profile_home()               # the next process that converts
    deadline = time.monotonic() + 10
    while offices() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert offices() == [], f"left running: {left}"
    owner.stdout.close()
    owner.stdin.close()


def _example_docx(tmp_path):
    from click.testing import CliRunner

    from docgen.faces.cli import cli

    out = tmp_path / "x.docx"
    if not out.exists():
        assert CliRunner().invoke(cli, ["render", str(EXAMPLES[0]), "-o", str(out)]).exit_code == 0
    return out
