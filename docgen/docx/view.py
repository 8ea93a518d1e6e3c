"""A reader's view of a Word document for the linter and the citation check: which paragraphs
form the header block, the title and trích yếu, the body, the signature and Nơi nhận, each
with a place to name. What each line *says* is read by the rules modules, not here."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from docgen.docx.inspect import RunLook, effective_alignment, paragraph_text, qn, run_look, run_text, table_cells
from docgen.rules.lines import NB_HYPHEN
from docgen.rules.signature import addressee_block_length, parse_authority_line
from docgen.rules.symbols import document_symbol, parse_number_line

APPENDIX = re.compile(r"^Phụ lục(\s+\d+)?$")


def _flat(text: str) -> str:
    """Returns a paragraph's text on one line: a line break docgen placed between phrases
    (``w:br``, read as a newline) is a space, and a non-breaking hyphen typed as U+2011 is a
    hyphen, to every rule that reads the text (python-docx reads ``w:noBreakHyphen`` so)."""
    return " ".join(text.replace(NB_HYPHEN, "-").split())


@dataclass
class Line:
    """A non-empty paragraph and where it is."""

    paragraph: Paragraph
    where: str          # "tiêu đề", "thân văn bản", "bảng 2"...
    text: str

    def place(self) -> str:
        words = self.text.split(None, 7)
        return f"{self.where}, đoạn «{' '.join(words[:7])}{'…' if len(words) > 7 else ''}»"


class DocumentView:
    """The parts of a document that the rules look at."""

    def __init__(self, document: DocxDocument):
        self.document = document
        self.blocks: list[Paragraph | Table] = []   # paragraphs and tables in body order
        for child in document.element.body.iterchildren():
            if child.tag == qn("w:p"):
                self.blocks.append(Paragraph(child, document._body))
            elif child.tag == qn("w:tbl"):
                self.blocks.append(Table(child, document._body))
        # what several rules ask of one paragraph, read once (by its element; the view is made
        # for one reading of a document that does not change meanwhile)
        self._texts: dict[object, str] = {}
        self._looks: dict[object, list[RunLook]] = {}
        self._alignments: dict[str | None, WD_ALIGN_PARAGRAPH | None] = {}
        self._styles: dict[Any, list[Any]] = {}

    def text(self, paragraph: Paragraph) -> str:
        """Returns the text of `paragraph` (python-docx's) on one line (see `_flat`)."""
        found = self._texts.get(paragraph._p)
        if found is None:
            found = self._texts[paragraph._p] = _flat(paragraph_text(paragraph))
        return found

    def look(self, paragraph: Paragraph, run: Run, text: str | None = None) -> RunLook:
        return run_look(self.document, paragraph, run, self._styles, text)

    def looks(self, paragraph: Paragraph) -> list[RunLook]:
        found = self._looks.get(paragraph._p)
        if found is None:
            found = self._looks[paragraph._p] = [self.look(paragraph, run, text) for run in paragraph.runs
                                                 for text in (run_text(run),) if text.strip()]
        return found

    def alignment(self, paragraph: Paragraph) -> WD_ALIGN_PARAGRAPH | None:
        """Returns `effective_alignment(paragraph)`, its style chain's read once per style."""
        own = paragraph.alignment
        if own is not None:
            return own
        ppr = paragraph._p.pPr
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        key = style.get(qn("w:val")) if style is not None else None
        if key not in self._alignments:
            self._alignments[key] = effective_alignment(paragraph)
        return self._alignments[key]

    @cached_property
    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]

    @cached_property
    def header_tables(self) -> list[Table]:
        """The header block: the tables before the title — one, or several in a row for a
        joint document whose bodies stand in rows above the number and the party title."""
        tables: list[Table] = []
        for block in self.blocks:
            if isinstance(block, Table):
                tables.append(block)
                continue
            text = block.text.strip()
            if text and not text.isupper() and not text.startswith(("{%", "{{")):   # DỰ THẢO and tags may come first
                break
            if text and tables:
                break
        return tables

    @property
    def header(self) -> Table | None:
        """The first table of the header block."""
        return self.header_tables[0] if self.header_tables else None

    def header_lines(self) -> list[list[Line]]:
        """Returns the header's cells as lists of lines, row by row, left to right (a cell
        merged across columns once)."""
        cells: list[list[Line]] = []
        for table in self.header_tables:
            for cell in table_cells(table):
                lines = [Line(p, "tiêu đề", self.text(p)) for p in cell.paragraphs if self.text(p)]
                if lines:
                    cells.append(lines)
        return cells

    @cached_property
    def lines(self) -> list[Line]:
        """Every non-empty paragraph in reading order, tables included."""
        out: list[Line] = []
        table_no = 0
        for block in self.blocks:
            if isinstance(block, Paragraph):
                if self.text(block):
                    out.append(Line(block, "thân văn bản", self.text(block)))
            else:
                table_no += 1
                where = "tiêu đề" if any(block is t for t in self.header_tables) else f"bảng {table_no}"
                for cell in table_cells(block):
                    out += [Line(p, where, self.text(p)) for p in cell.paragraphs if self.text(p)]
        return out

    @cached_property
    def body_paragraphs(self) -> list[Paragraph]:
        """The paragraphs between the header block and the first table after it (the signature
        block) or the first appendix label: the text of the document."""
        out: list[Paragraph] = []
        started = self.header is None
        for block in self.blocks:
            if isinstance(block, Table):
                if any(block is t for t in self.header_tables):
                    started = True
                    continue
                if started and out:
                    break
                continue
            if not started:
                continue
            if APPENDIX.match(self.text(block)):
                break
            if self.text(block):
                out.append(block)
        return out

    @property
    def title(self) -> Paragraph | None:
        return self.body_paragraphs[0] if self.body_paragraphs else None

    @property
    def summary(self) -> Paragraph | None:
        return self.body_paragraphs[1] if len(self.body_paragraphs) > 1 else None

    @property
    def has_title(self) -> bool:
        """Whether the text opens with a title (a công văn opens with "Kính gửi")."""
        first = self.title
        return first is not None and addressee_block_length([first.text.strip()]) == 0

    @property
    def text_paragraphs(self) -> list[Paragraph]:
        """The body after the title and trích yếu (a công văn has none) and the "Kính gửi" block."""
        rest = self.body_paragraphs[2 if self.has_title else 0:]
        return rest[addressee_block_length([self.text(p) for p in rest]):]

    def recipients(self) -> list[Line]:
        """The Nơi nhận label and the lines under it (empty list when there is none)."""
        lines = self.lines
        start = next((i for i, l in enumerate(lines) if l.text.rstrip(":").strip().lower() == "nơi nhận"), None)
        if start is None:
            return []
        out = [lines[start]]
        for line in lines[start + 1:]:
            if line.where != lines[start].where or not line.text.startswith(("-", "–", "+")):
                break
            out.append(line)
        return out

    def signature_beside_recipients(self) -> Paragraph | None:
        """The first line of the signature in the cell beside "Nơi nhận:" (a document of one
        body), or `None` when Nơi nhận stands alone (a joint document, or none)."""
        recipients = self.recipients()
        if not recipients:
            return None
        label = recipients[0].paragraph._p
        for table in self.tables:
            for row in table.rows:
                cells = row.cells
                if len(cells) == 2 and any(p._p is label for p in cells[0].paragraphs):
                    return next((p for p in cells[1].paragraphs if p.text.strip()), None)
        return None

    def signature_first_line(self) -> str | None:
        """The first printed line of the signature block (the table right after the header's),
        or `None` when the document has none."""
        if len(self.tables) <= len(self.header_tables):
            return None
        block = self.tables[len(self.header_tables)]
        for cell in table_cells(block):
            if any(p.text.startswith("Nơi nhận") for p in cell.paragraphs):
                continue   # the Nơi nhận cell beside the signature of one body
            for paragraph in cell.paragraphs:
                text = paragraph.text
                if text.strip() and not text.startswith("{%"):
                    return _flat(text.split("\n")[0])
        return None

    def authority_lines(self) -> list[Line]:
        """The signature lines that begin with an authority form (T/M, K/T, ... or KT.)."""
        return [l for l in self.lines if parse_authority_line(l.text) is not None]

    def party_title(self, title: str) -> Line | None:
        """The header line that reads `title` (``ĐẢNG CỘNG SẢN VIỆT NAM``), spaces and case aside."""
        wanted = " ".join(title.split()).upper()
        for cell in self.header_lines():
            for line in cell:
                if " ".join(line.text.split()).upper() == wanted:
                    return line
        return None

    def issuer_cell(self, title: str) -> list[Line]:
        """The lines of the header cell that names the issuer (the one without `title`)."""
        found = self.party_title(title)
        for cell in self.header_lines():
            if cell and (found is None or found not in cell):
                return cell
        return []

    def number_line(self) -> Line | None:
        """The header line that begins with ``Số``."""
        return next((l for cell in self.header_lines() for l in cell if l.text.startswith("Số")), None)

    def own_symbol(self) -> str | None:
        """The document's own symbol, read from its number line (Party or State form)."""
        line = self.number_line()
        if line is None:
            return None
        for system in ("dang", "nha_nuoc"):
            parsed = parse_number_line(line.text, system)
            if parsed is not None and parsed.number is not None:
                return document_symbol(parsed.number, parsed.kind, parsed.issuers, system)
        return None

    def place_date_line(self) -> Line | None:
        """The header line holding `` ngày ``."""
        return next((l for cell in self.header_lines() for l in cell if " ngày " in f" {l.text} "), None)

    def paragraph_line(self, paragraph: Paragraph) -> Line:
        """The line of a body paragraph, to name its place."""
        return Line(paragraph, "thân văn bản", self.text(paragraph))

    def places(self) -> list[tuple[str, str]]:
        """Every non-empty paragraph as ``(place, text)`` in reading order."""
        return [(line.place(), line.text) for line in self.lines]
