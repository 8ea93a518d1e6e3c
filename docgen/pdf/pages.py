"""The printed page, read back: the lines of a PDF (as LibreOffice set them) and the faults a
văn thư would see on them — a line that ends inside a số và ký hiệu, a date or a listed phrase,
a signature on another page than its Nơi nhận, a page holding only the signature.

The lines come from poppler's ``pdftotext -bbox-layout`` (Debian's poppler-utils), which keeps
the cells of the header and the signature apart; the decisions are those of the rule modules
(`docgen.rules.symbols`, `docgen.rules.lines`).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

from docgen.errors import PdfUnavailable
from docgen.rules.lines import broken_phrases
from docgen.rules.symbols import find_symbols

_XHTML = "{http://www.w3.org/1999/xhtml}"
_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")
HYPHENS = str.maketrans({"\u2011": "-", "\u2010": "-", "\u00ad": ""})


@dataclass(frozen=True)
class PrintedLine:
    """One line as set on the page: its page (from 1), its block (lines of one column run
    together) and its text."""

    page: int
    block: int
    text: str
    left: float = 0.0
    right: float = 0.0
    top: float = 0.0

    def above(self, other: "PrintedLine") -> bool:
        """Whether `other` may be the next line of the same paragraph: the same block, and a
        column that overlaps this one (two cells side by side share a block)."""
        return self.block == other.block and self.left < other.right and other.left < self.right


def pdf_lines(pdf: bytes) -> list[PrintedLine]:
    """Returns the lines of `pdf`, page by page, block by block; raises `PdfUnavailable`
    without poppler's pdftotext."""
    program = shutil.which("pdftotext")
    if program is None:
        raise PdfUnavailable("không đọc được trang PDF: máy này chưa có pdftotext (apt-get install poppler-utils)")
    done = subprocess.run([program, "-bbox-layout", "-", "-"], input=pdf, capture_output=True, timeout=120, check=False)
    if done.returncode != 0:
        raise PdfUnavailable(f"pdftotext không đọc được tệp PDF: {done.stderr.decode('utf-8', 'replace')[:200]}")
    root = ElementTree.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", done.stdout))
    lines: list[PrintedLine] = []
    block_no = 0
    for page_no, page in enumerate(root.iter(f"{_XHTML}page"), 1):
        for block in page.iter(f"{_XHTML}block"):
            block_no += 1
            for line in block.iter(f"{_XHTML}line"):
                words = [(w.text or "").translate(HYPHENS) for w in line.iter(f"{_XHTML}word")]
                text = " ".join(w for w in words if w)
                if text:
                    lines.append(PrintedLine(page_no, block_no, text, float(line.get("xMin", 0)), float(line.get("xMax", 0)),
                                             float(line.get("yMin", 0))))
    return lines


def _crosses(first: str, second: str) -> str | None:
    """Returns the symbol or date cut where line `first` ends and `second` begins, or None."""
    tail = first.split()[-1]
    head = second.split()[0]
    joined = tail + head
    for found in find_symbols(joined):
        if found.start < len(tail) < found.end:
            return found.written
    for match in _DATE.finditer(joined):
        if match.start() < len(tail) < match.end():
            return match.group()
    return None


def line_faults(lines: list[PrintedLine], phrases: tuple[str, ...] = ()) -> list[str]:
    """Returns a message for each line that ends inside a symbol or a date, anywhere, or inside
    a listed phrase in lines of capitals (header names, signature titles, appendix titles:
    running text may break between any two words)."""
    faults = []
    for i, first in enumerate(lines):
        second = next((l for l in lines[i + 1:i + 12] if first.above(l)), None)
        if second is None:
            continue
        cut = _crosses(first.text, second.text)
        if cut:
            faults.append(f"trang {first.page}: xuống dòng giữa '{cut}' («{first.text[-30:]}» / «{second.text[:30]}»)")
        if not (first.text.isupper() and second.text.isupper()):
            continue
        for phrase in broken_phrases([first.text, second.text], phrases):
            faults.append(f"trang {first.page}: xuống dòng giữa cụm từ '{phrase}' («{first.text[-30:]}» / «{second.text[:30]}»)")
    return faults


LEVEL_PT = 2.0   # how far apart (points) two lines set level may print


def signature_faults(lines: list[PrintedLine], signature_first: str, recipients_label: str = "Nơi nhận:",
                     level: bool = False) -> list[str]:
    """Returns the faults of the signature's page: Nơi nhận on another page than the signature's
    first line `signature_first`, or a page that holds nothing before the signature; with
    `level` (one body: Nơi nhận beside the signature), a signature not level with "Nơi nhận:"."""
    wanted = " ".join(signature_first.split())
    signature = next((l for l in lines if l.text == wanted), None)
    label = next((l for l in lines if l.text.startswith(recipients_label)), None)
    if signature is None:
        return [f"không thấy dòng chữ ký '{wanted}' trên trang in"]
    faults = []
    if label is not None and label.page != signature.page:
        faults.append(f"chữ ký ở trang {signature.page}, 'Nơi nhận:' ở trang {label.page}")
    elif label is not None and level and abs(label.top - signature.top) > LEVEL_PT:
        faults.append(f"trang {signature.page}: dòng đầu chữ ký cách 'Nơi nhận:' {abs(label.top - signature.top):.1f} pt "
                      "theo chiều dọc (phải ngang hàng)")
    on_page = [l for l in lines if l.page == signature.page]
    before = [l for l in on_page if l.block < signature.block and not l.text.isdigit()]
    if signature.page > 1 and not before:
        faults.append(f"trang {signature.page} chỉ có chữ ký, không có đoạn nội dung nào đi kèm")
    return faults


def page_faults(pdf: bytes, signature_first: str | None, level: bool = False, phrases: tuple[str, ...] = ()) -> list[str]:
    """Returns every fault of the printed pages of `pdf` (see `line_faults`, `signature_faults`)."""
    lines = pdf_lines(pdf)
    faults = line_faults(lines, phrases)
    if signature_first:
        faults += signature_faults(lines, signature_first, level=level)
    return faults


def page_images(pdf: bytes, dpi: int = 60) -> list[bytes]:
    """Returns the pages of `pdf` as PNG images at `dpi` (poppler's pdftoppm); raises
    `PdfUnavailable` without it."""
    import tempfile
    from pathlib import Path

    program = shutil.which("pdftoppm")
    if program is None:
        raise PdfUnavailable("không vẽ được trang xem trước: máy này chưa có pdftoppm (apt-get install poppler-utils)")
    with tempfile.TemporaryDirectory(prefix="docgen-trang-") as folder:
        done = subprocess.run([program, "-png", "-r", str(dpi), "-", str(Path(folder) / "trang")], input=pdf,
                              capture_output=True, timeout=120, check=False)
        if done.returncode != 0:
            raise PdfUnavailable(f"pdftoppm không đọc được tệp PDF: {done.stderr.decode('utf-8', 'replace')[:200]}")
        # pdftoppm numbers the pages with as many digits as the last one needs
        pages = sorted(Path(folder).glob("trang-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return [p.read_bytes() for p in pages]
