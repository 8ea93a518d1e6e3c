"""PDF through LibreOffice headless, shared by ``docgen render --pdf`` and the HTTP service.

A small pool of slots, one per free core by default; each slot has its own persistent
LibreOffice profile (so instances never fight over one, and a slot starts faster after its
first use) and converts one document at a time with a per-document timeout; a conversion that
fails or times out is reported and its slot's profile is rebuilt on the next use.
Without LibreOffice, .docx keeps working and the message says how to get PDF.
"""
from __future__ import annotations

import os
import queue
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import DocgenError

INSTALL_HINT = ("cài LibreOffice và phông cùng số đo với Times New Roman: "
                "apt-get install libreoffice-writer-nogui fonts-liberation")


class PdfUnavailable(DocgenError):
    """No LibreOffice on this machine."""

    exit_code = 1
    http_status = 503


class PdfFailed(DocgenError):
    """LibreOffice could not convert a document (or took too long)."""

    exit_code = 1
    http_status = 504


def find_soffice() -> str | None:
    """Returns the LibreOffice program, or `None` when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


class PdfConverter:
    """Converts .docx bytes to PDF bytes with `slots` LibreOffice instances at most at once."""

    def __init__(self, slots: int | None = None, timeout: float = 120.0, home: Path | None = None):
        self.program = find_soffice()
        self.timeout = timeout
        self.home = home or Path(tempfile.gettempdir()) / f"docgen-lo-{os.getuid()}"
        count = slots or max(1, (os.cpu_count() or 2) - 1)
        self._free: queue.Queue[int] = queue.Queue()
        for slot in range(count):
            self._free.put(slot)

    @property
    def available(self) -> bool:
        return self.program is not None

    def convert(self, data: bytes, name: str = "van-ban") -> bytes:
        """Returns the PDF of the .docx `data`; raises `PdfUnavailable` or `PdfFailed`."""
        if self.program is None:
            raise PdfUnavailable(f"không tạo được PDF: máy này chưa có LibreOffice ({INSTALL_HINT})")
        slot = self._free.get()
        profile = self.home / f"slot-{slot}"
        try:
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
