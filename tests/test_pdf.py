"""PDF through LibreOffice: warm converter, recovery after a failure or a timeout, CLI --pdf."""
import shutil
import subprocess

import pytest

from docgen.pdf.converter import PdfConverter, PdfFailed
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and pdftotext are not installed: "
           "apt-get install libreoffice-writer-nogui python3-uno poppler-utils fonts-liberation")


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
