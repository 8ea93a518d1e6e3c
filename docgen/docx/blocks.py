"""A Word document as the importer reads it: the body's paragraphs and tables in order, each
paragraph with its text, style name and the look that tells a heading from a paragraph (bold,
centred). What the lines *say* is read by the rules modules and `docgen.document.importer`."""
from __future__ import annotations

from dataclasses import dataclass, field

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from docgen.docx.inspect import effective_alignment, run_look


@dataclass(frozen=True)
class TextLine:
    """One paragraph: its text (tabs kept), style name, and whether all its words are bold
    and whether it is centred."""

    text: str
    style: str
    bold: bool
    centered: bool

    @property
    def stripped(self) -> str:
        return " ".join(self.text.split())


@dataclass
class Grid:
    """A table: rows of cells (a cell merged across columns once), each cell its paragraphs
    (empty ones left out); `spans` tells, per row, whether a cell spans the whole row."""

    rows: list[list[list[TextLine]]] = field(default_factory=list)
    spans: list[bool] = field(default_factory=list)
    columns: int = 0

    @property
    def stripped(self) -> str:
        """A table has no line of its own (so a scan for a line passes over it)."""
        return ""

    def cell_texts(self, row: int) -> list[str]:
        return [" ".join(" ".join(p.stripped for p in cell).split()) for cell in self.rows[row]]

    def lines(self) -> list[TextLine]:
        return [p for row in self.rows for cell in row for p in cell]


Block = TextLine | Grid


def _line(document: DocxDocument, paragraph: Paragraph) -> TextLine:
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(run_look(document, paragraph, run).bold for run in runs)
    style = paragraph.style.name if paragraph.style is not None else "Normal"
    text = paragraph.text.replace("\xa0", " ")
    return TextLine(text, style or "Normal", bold, effective_alignment(paragraph) == WD_ALIGN_PARAGRAPH.CENTER)


def _grid(document: DocxDocument, table: Table) -> Grid:
    grid = Grid(columns=len(table.columns))
    for row in table.rows:
        seen: list[object] = []
        cells = []
        for cell in row.cells:
            if any(cell._tc is s for s in seen):
                continue
            seen.append(cell._tc)
            cells.append([_line(document, p) for p in cell.paragraphs if p.text.strip()])
        grid.rows.append(cells)
        grid.spans.append(len(cells) == 1 and grid.columns > 1)
    return grid


def read_blocks(document: DocxDocument) -> list[Block]:
    """Returns the body of `document` in order: non-empty paragraphs and tables."""
    blocks: list[Block] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document._body)
            if paragraph.text.strip():
                blocks.append(_line(document, paragraph))
        elif child.tag == qn("w:tbl"):
            blocks.append(_grid(document, Table(child, document._body)))
    return blocks
