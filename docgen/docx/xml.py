"""Small helpers over WordprocessingML that python-docx has no API for.

Every ``w:`` name, XPath and lxml call of docgen lives in this package; the rest of the
code asks these helpers by what they mean.
"""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run


def _child(parent, tag: str):
    """Returns the first child `tag` of `parent`, created (appended) when absent."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def set_run_fonts(rpr_parent, font: str) -> None:
    """Sets every script's font of a ``w:rPr`` (or of an element holding one) to `font`,
    removing theme fonts that would override it."""
    rpr = rpr_parent if rpr_parent.tag == qn("w:rPr") else rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(1 if rpr.find(qn("w:rStyle")) is not None else 0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), font)


def set_language(rpr, lang: str) -> None:
    """Sets the proofing language of a ``w:rPr`` (``vi-VN``)."""
    el = _child(rpr, "w:lang")
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)
    el.set(qn("w:bidi"), lang)


def run_format(run: Run, font: str, size: float, bold: bool = False, italic: bool = False,
               underline: bool = False) -> Run:
    """Returns `run` with its font, size and weight set directly."""
    set_run_fonts(run._r, font)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline
    return run


def paragraph_format(paragraph: Paragraph, align: str = "center", before: float = 0, after: float = 0,
                     line: float = 1.0, first_indent_mm: float = 0, keep_next: bool = False) -> Paragraph:
    """Returns `paragraph` with alignment and spacing set directly."""
    pf = paragraph.paragraph_format
    pf.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                    "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.line_spacing = line
    pf.first_line_indent = Mm(first_indent_mm) if first_indent_mm else None
    pf.keep_with_next = keep_next or None
    return paragraph


def paragraph_mark_size(paragraph: Paragraph, size: float, font: str) -> None:
    """Sets the size of the paragraph mark (the height of an empty paragraph)."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = _child(ppr, "w:rPr")
    set_run_fonts(rpr, font)
    _child(rpr, "w:sz").set(qn("w:val"), str(int(size * 2)))
    _child(rpr, "w:szCs").set(qn("w:val"), str(int(size * 2)))


def paragraph_bottom_rule(paragraph: Paragraph, width_eighths: int = 6) -> None:
    """Draws a single rule under `paragraph` between its indents (a short centred line)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", str(width_eighths)), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    # pBdr must precede spacing/ind/jc in CT_PPr order; insert early
    ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
                              "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
                              "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
                              "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                              "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
                              "w:rPr", "w:sectPr", "w:pPrChange")


def paragraph_box(paragraph: Paragraph) -> None:
    """Draws a single frame around `paragraph` (the DỰ THẢO mark)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
            el.set(qn(f"w:{key}"), value)
        borders.append(el)
    ppr.insert_element_before(borders, "w:spacing", "w:ind", "w:jc", "w:rPr")


def add_page_field(paragraph: Paragraph, font: str, size: float) -> None:
    """Appends a PAGE field (the page number) to `paragraph`."""
    def run_with(child) -> None:
        run = paragraph.add_run()
        run_format(run, font, size)
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    shown = paragraph.add_run("2")
    run_format(shown, font, size)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def table_borders(table: Table, style: str) -> None:
    """Sets every border of `table` to `style` (``none`` or ``single``)."""
    tblpr = table._tbl.tblPr
    borders = tblpr.find(qn("w:tblBorders"))
    if borders is not None:
        tblpr.remove(borders)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), style)
        if style != "none":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    tblpr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def table_layout(table: Table, widths_mm: list[float]) -> None:
    """Fixes `table`'s layout and column widths (mm), so Word and LibreOffice agree."""
    table.autofit = False
    tblpr = table._tbl.tblPr
    width = _child(tblpr, "w:tblW")
    width.set(qn("w:w"), str(int(Mm(sum(widths_mm)).twips)))
    width.set(qn("w:type"), "dxa")
    for i, col in enumerate(table.columns):
        col.width = Mm(widths_mm[i])
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = Mm(widths_mm[i])


def table_cell_margins(table: Table, side_mm: float) -> None:
    """Sets the left and right margins inside every cell of `table` (mm), so that a column's
    text may use the whole width the layout gives it."""
    tblpr = table._tbl.tblPr
    old = tblpr.find(qn("w:tblCellMar"))
    if old is not None:
        tblpr.remove(old)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(Mm(side_mm).twips)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tblpr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def row_cant_split(row: _Row) -> None:
    """Keeps `row` on one page (``w:cantSplit``)."""
    _child(row._tr.get_or_add_trPr(), "w:cantSplit")


def row_repeats_as_header(row: _Row) -> None:
    """Repeats `row` at the top of every page the table spans (``w:tblHeader``)."""
    _child(row._tr.get_or_add_trPr(), "w:tblHeader")


def row_run_format(row: _Row, text: str, font: str, size: float) -> None:
    """Writes `text` (a docxtpl row tag) into the first cell of `row`."""
    run_format(row.cells[0].paragraphs[0].add_run(text), font, size)




def apply_page_setup(document, profile) -> None:
    """Sets every section of a python-docx `document` to the profile's page size and margins."""
    page = profile.page
    for section in document.sections:
        section.page_width = Mm(page.width_mm)
        section.page_height = Mm(page.height_mm)
        section.top_margin = Mm(page.top_mm)
        section.bottom_margin = Mm(page.bottom_mm)
        section.left_margin = Mm(page.left_mm)
        section.right_margin = Mm(page.right_mm)


def set_document_font(document, paragraphs: list[Paragraph], font: str) -> int:
    """Sets `font` for every style of `document` and every run of `paragraphs`; returns how
    many runs were set."""
    for element in document.styles.element.iter():
        if element.tag == qn("w:rPr"):
            set_run_fonts(element, font)
    count = 0
    for paragraph in paragraphs:
        for run in paragraph.runs:
            set_run_fonts(run._r, font)
            count += 1
    return count
