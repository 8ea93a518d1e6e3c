"""Checking the citations of any Word file (``docgen cite --check``): the same checks as for
data, paragraph by paragraph, with the document's date read from its place-date line."""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError

from docgen.citations.catalog import Catalog
from docgen.citations.check import BASIS, PROSE, Finding, check_text
from docgen.docx.inspect import all_paragraphs
from docgen.errors import DocgenError

_DATE_LINE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


@dataclass(frozen=True)
class ParagraphFinding:
    """A citation problem in a paragraph of a Word file."""

    where: str          # "body" or "table N"
    number: int         # 1-based paragraph number in reading order
    opening: str        # the paragraph's first words
    finding: Finding

    def __str__(self) -> str:
        kind = "lỗi" if self.finding.severity == "loi" else "cảnh báo"
        return f"đoạn {self.number} ({self.where}) «{self.opening}»: {kind}: {self.finding.message}"


def document_date(paragraphs: list[str]) -> dt.date | None:
    """Returns the date of the first ``ngày dd tháng m năm yyyy`` line, or `None`."""
    for text in paragraphs:
        match = _DATE_LINE.search(text)
        if match:
            try:
                return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
            except ValueError:
                return None
    return None


def check_docx(path: Path, catalog: Catalog, date: dt.date | None = None) -> tuple[dt.date | None, list[ParagraphFinding]]:
    """Returns the document's date and the citation problems of every paragraph of `path`.

    `date` overrides the date read from the document. Raises `DocgenError` when the file is
    not a Word document.
    """
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocgenError(f"{path}: không phải tệp Word (.docx) đọc được ({exc})") from None
    paragraphs = [(where, p.text) for where, p in all_paragraphs(document)]
    when = date or document_date([text for _, text in paragraphs])
    found: list[ParagraphFinding] = []
    for number, (where, text) in enumerate(paragraphs, 1):
        if not text.strip():
            continue
        for finding in paragraph_findings(text, catalog, when):
            found.append(ParagraphFinding(where, number, " ".join(text.split()[:8]), finding))
    return when, found


def paragraph_findings(text: str, catalog: Catalog, when: dt.date | None) -> list[Finding]:
    """Returns the citation problems of one paragraph of a Word file (a basis when it opens
    with Căn cứ / Thực hiện)."""
    role = BASIS if text.lstrip("-–• ").lower().startswith(("căn cứ", "thực hiện")) else PROSE
    return check_text(text, role, catalog, when)
