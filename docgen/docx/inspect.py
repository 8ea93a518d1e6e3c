"""Reading what a reader of a .docx sees: effective run properties (direct formatting, then
the paragraph style chain, then the document defaults, as Word resolves them), fields, and
page setup in millimetres. Used by the tests today and by ``docgen lint`` later.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn as _qn
from docx.section import Section
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

EMU_PER_MM = 36000
qn = cache(_qn)   # python-docx's, read once per name: the linter asks for the same few names very often


_T, _BR, _BR_TYPE, _R, _HYPERLINK = qn("w:t"), qn("w:br"), qn("w:type"), qn("w:r"), qn("w:hyperlink")
_RUN_CHARACTERS = {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}


def run_text(run: Run) -> str:
    """Returns python-docx's ``run.text`` (a line break as a newline, a page or column break as
    nothing, a tab as a tab, a non-breaking hyphen as ``-``), read by walking the run's
    children rather than by an XPath query per run."""
    return _run_text(run._r)


def _run_text(r) -> str:
    out = []
    for child in r:
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif tag == _BR:
            if child.get(_BR_TYPE, "textWrapping") == "textWrapping":
                out.append("\n")
        elif tag in _RUN_CHARACTERS:
            out.append(_RUN_CHARACTERS[tag])
    return "".join(out)


def paragraph_text(paragraph: Paragraph) -> str:
    """Returns python-docx's ``paragraph.text`` (its runs' and its hyperlinks' runs' text; see
    `run_text`)."""
    out = []
    for child in paragraph._p:
        if child.tag == _R:
            out.append(_run_text(child))
        elif child.tag == _HYPERLINK:
            out.extend(_run_text(r) for r in child if r.tag == _R)
    return "".join(out)


@dataclass(frozen=True)
class RunLook:
    """What a run looks like: font name, size in points, bold, italic, underline."""

    text: str
    font: str | None
    size: float | None
    bold: bool
    italic: bool
    underline: bool


def margins_mm(section: Section) -> dict[str, float]:
    """Returns the page size and margins of `section` in millimetres, rounded to 0.1."""
    values = {
        "rong": section.page_width, "cao": section.page_height,
        "tren": section.top_margin, "duoi": section.bottom_margin,
        "trai": section.left_margin, "phai": section.right_margin,
    }
    # a value the file does not state is 0 mm: reported as wrong, never a crash
    return {k: round((v or 0) / EMU_PER_MM, 1) for k, v in values.items()}


def _rpr_value(rpr, tag: str, attr: str = "w:val"):
    if rpr is None:
        return None
    el = rpr.find(qn(tag))
    if el is None:
        return None
    return el.get(qn(attr), "true")


def _toggle(value) -> bool | None:
    if value is None:
        return None
    return value not in ("0", "false", "none")


class _Styles:
    """The styles part indexed once: each style element by id and the default paragraph
    style (a chain then costs one look-up per step, not a scan of every style). The elements
    are kept, not their properties, so a style mended in place is read as it now is."""

    def __init__(self, element) -> None:
        self.element = element
        self.size = len(element)
        self.by_id: dict[str | None, Any] = {}
        self.default: str | None = None
        for style in element.findall(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            self.by_id.setdefault(style_id, style)   # the first of a repeated id, as a scan finds it
            if self.default is None and style.get(qn("w:type")) == "paragraph" \
                    and style.get(qn("w:default")) in ("1", "true"):
                self.default = style_id


_STYLES: dict[int, _Styles] = {}


def _styles(document: DocxDocument) -> _Styles:
    """Returns the styles of `document` read once (read again when styles are added or removed)."""
    element = document.styles.element
    cached = _STYLES.get(id(element))
    if cached is None or cached.element is not element or cached.size != len(element):
        if len(_STYLES) >= 4:   # each entry keeps its document's styles alive: only the latest few
            _STYLES.clear()
        cached = _STYLES[id(element)] = _Styles(element)
    return cached


def _style_chain(document: DocxDocument, style_id: str | None) -> Iterator:
    by_id = _styles(document).by_id
    seen = set()
    while style_id and style_id not in seen:
        seen.add(style_id)
        style = by_id.get(style_id)
        if style is None:
            return
        yield style.find(qn("w:rPr"))
        based = style.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None


def _default_style_id(document: DocxDocument) -> str | None:
    return _styles(document).default


def _layers(document: DocxDocument, which: tuple[str, str | None], memo: dict[Any, list[Any]] | None) -> list[Any]:
    """Returns the run properties of a run style's chain (``("r", id)``), or of a paragraph
    style's chain then the document defaults (``("p", id or None for the default style)``)."""
    if memo is not None and which in memo:
        return memo[which]
    kind, style_id = which
    found = list(_style_chain(document, style_id if kind == "r" else style_id or _default_style_id(document)))
    if kind == "p":
        defaults = document.styles.element.find(qn("w:docDefaults"))
        if defaults is not None and defaults.find(qn("w:rPrDefault")) is not None:
            found.append(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))
    if memo is not None:
        memo[which] = found
    return found


def run_look(document: DocxDocument, paragraph: Paragraph, run: Run, memo: dict[Any, list[Any]] | None = None,
             text: str | None = None) -> RunLook:
    """Returns the effective look of `run` in `paragraph` (direct → styles → defaults).

    `memo` keeps the layers of each style chain for further calls on a document that does not
    change meanwhile (a `DocumentView`'s); `text` is the run's text when the caller has it."""
    ppr = paragraph._p.find(_PPR)
    style = ppr.find(_PSTYLE) if ppr is not None else None
    style_id = style.get(_VAL) if style is not None else None
    rpr = run._r.find(_RPR)
    key = ("look", style_id, etree.tostring(rpr) if rpr is not None else None)
    found = memo.get(key) if memo is not None else None
    if found is None:
        found = _look(document, style_id, rpr, memo)
        if memo is not None:
            memo[key] = found   # runs formatted alike (by their properties' XML) look alike
    return RunLook(run_text(run) if text is None else text, *found)


_PPR, _PSTYLE, _VAL, _RPR = qn("w:pPr"), qn("w:pStyle"), qn("w:val"), qn("w:rPr")


def _look(document: DocxDocument, style_id: str | None, rpr, memo: dict[Any, list[Any]] | None) -> list[Any]:
    """Returns RunLook's fields after the text for run properties `rpr` in a paragraph of
    style `style_id`."""
    layers = [rpr]
    run_style = _rpr_value(rpr, "w:rStyle")
    if run_style:
        layers.extend(_layers(document, ("r", run_style), memo))
    layers.extend(_layers(document, ("p", style_id), memo))

    def first(tag: str, attr: str = "w:val"):
        for rpr in layers:
            value = _rpr_value(rpr, tag, attr)
            if value is not None:
                return value
        return None

    def font() -> str | None:
        for rpr in layers:
            fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
            if fonts is None:
                continue
            name = fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))
            if name:
                return name
            theme = fonts.get(qn("w:asciiTheme")) or fonts.get(qn("w:hAnsiTheme"))
            if theme:
                return f"phông theo chủ đề ({theme})"
        return None

    size = first("w:sz")
    underline = first("w:u")
    return [font(), int(size) / 2 if size else None, bool(_toggle(first("w:b"))), bool(_toggle(first("w:i"))),
            underline not in (None, "none")]


def all_paragraphs(document: DocxDocument) -> Iterator[tuple[str, Paragraph]]:
    """Yields ``(where, paragraph)`` for the body and every table cell, in document order;
    `where` is ``"body"`` or ``"table N"``."""
    body = document.element.body
    table_no = 0
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield "body", Paragraph(child, document._body)
        elif child.tag == qn("w:tbl"):
            table_no += 1
            for cell in table_cells(Table(child, document._body)):
                for paragraph in cell.paragraphs:
                    yield f"table {table_no}", paragraph


def table_cells(table: Table) -> Iterator[_Cell]:
    """Yields each cell of `table` once, row by row: a merged cell, which python-docx lists once
    per column it spans, only the first time."""
    seen: set[object] = set()   # the cell elements themselves (kept alive, so identity holds)
    for row in table.rows:
        for cell in row.cells:
            if cell._tc not in seen:
                seen.add(cell._tc)
                yield cell


def field_codes(part_element) -> list[str]:
    """Returns the field instructions (``PAGE``...) found in an XML part's element."""
    codes = [el.text.strip() for el in part_element.iter(qn("w:instrText")) if el.text]
    codes += [(el.get(qn("w:instr")) or "").strip() for el in part_element.iter(qn("w:fldSimple"))]
    return codes


def has_field(container, code: str) -> bool:
    """Returns whether a header, footer or paragraph holds the field `code` (``PAGE``)."""
    element = container._p if isinstance(container, Paragraph) else container._element
    return code in " ".join(field_codes(element))


def field_paragraph(container, code: str) -> Paragraph | None:
    """Returns the first paragraph of a header or footer that holds the field `code`."""
    return next((p for p in container.paragraphs if has_field(p, code)), None)


def has_bottom_rule(paragraph: Paragraph) -> bool:
    """Returns whether `paragraph` has a border drawn under it (``w:pBdr/w:bottom``)."""
    ppr = paragraph._p.pPr
    borders = ppr.find(qn("w:pBdr")) if ppr is not None else None
    return borders is not None and borders.find(qn("w:bottom")) is not None


def rule_below(paragraph: Paragraph) -> str | None:
    """Returns how a line is drawn under `paragraph`: ``"duong_ke"`` (a border under it or
    under the empty paragraph right after it, docgen's way), ``"gach_chan"`` (its text
    underlined), or `None`."""
    if has_bottom_rule(paragraph):
        return "duong_ke"
    following = paragraph._p.getnext()
    if following is not None and following.tag == qn("w:p"):
        after = Paragraph(following, paragraph._parent)
        if not after.text.strip() and has_bottom_rule(after):
            return "duong_ke"
    runs = [run for run in paragraph.runs if run.text.strip()]
    if runs and all(run.font.underline for run in runs):
        return "gach_chan"
    return None


def printed_text(paragraph: Paragraph) -> str:
    """Returns the text of `paragraph` as it is set: a non-breaking hyphen (``w:noBreakHyphen``)
    as U+2011 — python-docx reads it as ``-`` — a line break as a newline, a tab as a tab."""
    out: list[str] = []
    for element in paragraph._p.iter(qn("w:t"), qn("w:noBreakHyphen"), qn("w:br"), qn("w:cr"), qn("w:tab")):
        if element.tag == qn("w:t"):
            out.append(element.text or "")
        elif element.tag == qn("w:noBreakHyphen"):
            out.append("\u2011")
        elif element.tag == qn("w:tab"):
            if element.getparent() is not None and element.getparent().tag == qn("w:r"):
                out.append("\t")
        else:
            out.append("\n")
    return "".join(out)


def space_before_pt(paragraph: Paragraph) -> float:
    """Returns the space before `paragraph` in points: its own, else its style chain's."""
    value = paragraph.paragraph_format.space_before
    style = paragraph.style
    while value is None and style is not None:
        value = style.paragraph_format.space_before
        style = style.base_style
    return value.pt if value is not None else 0.0


def effective_alignment(paragraph: Paragraph) -> WD_ALIGN_PARAGRAPH | None:
    """Returns the alignment of `paragraph`: its own, else its style chain's (``None``: left,
    Word's default)."""
    alignment = paragraph.alignment
    style = paragraph.style
    while alignment is None and style is not None:
        alignment = style.paragraph_format.alignment
        style = style.base_style
    return alignment


def has_title_page(section: Section) -> bool:
    """Returns whether `section` has a distinct first-page header/footer (``w:titlePg``)."""
    return section._sectPr.find(qn("w:titlePg")) is not None and \
        _toggle(section._sectPr.find(qn("w:titlePg")).get(qn("w:val"), "true")) is True


def row_flags(table: Table, index: int) -> set[str]:
    """Returns the row properties set on row `index` (``cantSplit``, ``tblHeader``)."""
    trpr = table.rows[index]._tr.trPr
    if trpr is None:
        return set()
    return {child.tag.split("}")[1] for child in trpr if _toggle(child.get(qn("w:val"), "true"))}


def table_borders(table: Table) -> dict[str, str]:
    """Returns the table-level border styles by side (``none``, ``single``...)."""
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    if borders is None:
        return {}
    return {child.tag.split("}")[1]: child.get(qn("w:val")) for child in borders}


# Child order that Word enforces (ECMA-376 Part 1 sequences; LibreOffice forgives, Word calls the
# file corrupt). Only the elements docgen writes into are listed.
_SEQUENCES = {
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
            "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
            "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
            "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
            "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
            "sectPr", "pPrChange"],
    "rPr": ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
            "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
            "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
            "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"],
    "tblPr": ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
              "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
              "tblLook", "tblCaption", "tblDescription", "tblPrChange"],
    "tcPr": ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
             "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge",
             "tcPrChange"],
    "sectPr": ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
               "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
               "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange"],
}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def order_problems(root) -> list[str]:
    """Returns a description of each property element whose children are out of schema order."""
    found = []
    for name, sequence in _SEQUENCES.items():
        rank = {tag: i for i, tag in enumerate(sequence)}
        for element in root.iter(f"{_W}{name}"):
            tags = [child.tag[len(_W):] for child in element if child.tag.startswith(_W)]
            positions = [rank.get(tag, -1) for tag in tags]
            if -1 in positions or positions != sorted(positions):
                found.append(f"w:{name}: {' '.join(tags)}")
    return found
