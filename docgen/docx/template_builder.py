"""Builds the Word templates in ``templates/docx/`` from a rule profile.

The templates are ordinary .docx files with docxtpl tags; a clerk may open and restyle them
in Word. They are generated rather than drawn by hand so that a profile change (a new
guidance) is a data change: ``python -m docgen.docx.template_builder`` writes them again,
and a test checks the committed files are what the builder makes.

Layout (conventions §Page–§Signature): A4; header as a borderless two-column table; title
and trích yếu centred with a short rule; body paragraphs in named styles; signature and
Nơi nhận as a borderless two-column row that never splits; the task table as an appendix on
a new page with its header row repeated; page numbers centred at the top from page 2.
"""
from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from docgen.docx import xml
from docgen.docx.package import write_package
from docgen.rules import layout
from docgen.rules.lines import width_mm
from docgen.rules.profile import Profile

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates" / "docx"

# Named styles of the flowing content; the template's loop gives each block its style.
BODY = "Nội dung"
LEVEL_1 = "Mục cấp 1"
LEVEL_2 = "Mục cấp 2"
LEVEL_3 = "Mục cấp 3"
BULLET = "Gạch đầu dòng"
CLOSING = "Đoạn kết"
TABLE_TEXT = "Chữ trong bảng"
KINH_GUI_INDENT_MM = 25.0
LANG = "vi-VN"


def _styles(document, profile: Profile) -> None:
    font, sizes, para = profile.font, profile.sizes, profile.paragraphs
    styles_el = document.styles.element
    # Times New Roman for every script in every style and in the defaults; no theme fonts.
    defaults = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    xml.set_run_fonts(defaults, font)
    xml.set_language(defaults, LANG)
    for size_tag in ("w:sz", "w:szCs"):
        defaults.find(qn(size_tag)).set(qn("w:val"), str(int(sizes.body * 2)))
    for fonts in styles_el.iter(qn("w:rFonts")):
        for attr in list(fonts.attrib):
            if attr.endswith("Theme") or attr.endswith("theme"):
                del fonts.attrib[attr]
        for script in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{script}"), font)
    for color in list(styles_el.iter(qn("w:color"))):
        color.getparent().remove(color)

    normal = document.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(sizes.body)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    body = document.styles.add_style(BODY, WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    body.quick_style = True
    pf = body.paragraph_format
    pf.alignment = 3  # justify
    pf.first_line_indent = Mm(para.first_line_indent_mm)
    pf.space_before = Pt(para.space_before_pt)
    pf.space_after = Pt(para.space_after_pt)
    pf.line_spacing = para.line_spacing
    pf.widow_control = True
    body.font.size = Pt(sizes.body)

    for name, bold, italic in ((LEVEL_1, True, False), (LEVEL_2, True, False), (LEVEL_3, False, True)):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = body
        style.quick_style = True
        style.font.bold = bold
        style.font.italic = italic
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.alignment = 0   # left: a two-line heading is not stretched
        style.next_paragraph_style = body

    bullet = document.styles.add_style(BULLET, WD_STYLE_TYPE.PARAGRAPH)
    bullet.base_style = body
    bullet.quick_style = True

    # The last paragraph goes to the next page with the signature rather than leave it alone.
    closing = document.styles.add_style(CLOSING, WD_STYLE_TYPE.PARAGRAPH)
    closing.base_style = body
    closing.quick_style = True
    closing.paragraph_format.keep_with_next = True

    table_text = document.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.font.size = Pt(sizes.table)
    table_text.paragraph_format.space_before = Pt(2)
    table_text.paragraph_format.space_after = Pt(2)


def _para(container, text: str = "", *, style: str | None = None):
    paragraph = container.add_paragraph(style=style)
    if text:
        paragraph.add_run(text)
    return paragraph


def _line(container, text: str, profile: Profile, size: float, *, bold=False, italic=False, underline=False,
          align="center", before=0.0, after=0.0, keep_next=False):
    """Adds a directly formatted one-run paragraph (header, title and signature lines)."""
    paragraph = container.add_paragraph()
    xml.paragraph_format(paragraph, align=align, before=before, after=after, keep_next=keep_next)
    xml.run_format(paragraph.add_run(text), profile.font, size, bold=bold, italic=italic, underline=underline)
    xml.paragraph_mark_size(paragraph, size, profile.font)
    return paragraph


def _tag(container, tag: str, profile: Profile):
    """Adds a paragraph holding only a docxtpl paragraph tag (removed at render)."""
    paragraph = container.add_paragraph()
    xml.paragraph_format(paragraph, align="left")
    xml.run_format(paragraph.add_run(tag), profile.font, profile.sizes.body)
    return paragraph


def _first_cell_paragraph(cell):
    """Returns the empty paragraph a new cell has, to reuse it for the first line."""
    return cell.paragraphs[0]


def _borderless_row(document, widths_mm: list[float], rows: int = 1):
    """Adds a borderless table with fixed `widths_mm` and no margins inside the cells (the
    columns are as wide as the layout says, `docgen.rules.layout`); returns it and the cells
    of its first row, emptied (the cells of the other rows keep their empty paragraph)."""
    table = document.add_table(rows=rows, cols=len(widths_mm))
    xml.table_borders(table, "none")
    xml.table_layout(table, widths_mm)
    xml.table_cell_margins(table, 0)
    for row in table.rows:
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    for cell in table.rows[0].cells:
        cell._tc.remove(_first_cell_paragraph(cell)._p)
    return table, table.rows[0].cells


def _issuer_block(cell, profile: Profile, var: str, star: bool = True) -> None:
    """One body's block: its upper body, its name (bold), and the "*" under them."""
    s = profile.sizes
    _tag(cell, f"{{%p if {var}.cap_tren %}}", profile)
    _line(cell, f"{{{{ {var}.cap_tren }}}}", profile, s.issuer)
    _tag(cell, "{%p endif %}", profile)
    _line(cell, f"{{{{ {var}.ten }}}}", profile, s.issuer, bold=True)
    if star:
        _line(cell, "*", profile, s.issuer)


def _number_and_marks(cell, profile: Profile) -> None:
    s = profile.sizes
    # a number too long for its column (four bodies' codes) is set smaller rather than broken
    _tag(cell, "{%p if so_ky_hieu_nho %}", profile)
    _line(cell, "{{ so_ky_hieu }}", profile, s.number - 2)
    _tag(cell, "{%p else %}", profile)
    _line(cell, "{{ so_ky_hieu }}", profile, s.number)
    _tag(cell, "{%p endif %}", profile)
    # a công văn's trích yếu sits under its number ("V/v ...", ô 5b)
    _tag(cell, "{%p if trich_yeu_cong_van %}", profile)
    _line(cell, "{{ trich_yeu_cong_van }}", profile, s.letter_summary, italic=True, before=3)
    _tag(cell, "{%p endif %}", profile)
    for mark in ("mat", "khan"):
        _tag(cell, f"{{%p if {mark} %}}", profile)
        _line(cell, f"{{{{ {mark} }}}}", profile, s.number, bold=True, before=6)
        _tag(cell, "{%p endif %}", profile)


PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"


def _party_title(cell, profile: Profile, column_mm: float, date: bool = True) -> None:
    """ĐẢNG CỘNG SẢN VIỆT NAM, the rule under it as long as it (a paragraph border, not an
    underline: an underline runs into the dots under Ặ, Ộ, Ệ), then the place and date."""
    s = profile.sizes
    _line(cell, PARTY_TITLE, profile, s.party_title, bold=True)
    rule = cell.add_paragraph()
    xml.paragraph_format(rule, align="center", after=6)
    indent = max((column_mm - width_mm(PARTY_TITLE, s.party_title, bold=True)) / 2, 0)
    rule.paragraph_format.left_indent = Mm(round(indent, 1))
    rule.paragraph_format.right_indent = Mm(round(indent, 1))
    xml.paragraph_mark_size(rule, 2, profile.font)
    xml.paragraph_bottom_rule(rule)
    if date:
        _date_lines(cell, profile)


def _date_lines(cell, profile: Profile) -> None:
    s = profile.sizes
    _line(cell, "{{ dia_danh_ngay }}", profile, s.place_date, italic=True)
    _tag(cell, "{%p if pham_vi_luu_hanh %}", profile)
    _line(cell, "{{ pham_vi_luu_hanh }}", profile, s.place_date, italic=True, before=6)
    _tag(cell, "{%p endif %}", profile)


def _header(document, profile: Profile, width_mm: float) -> None:
    s = profile.sizes
    _tag(document, "{%p if du_thao %}", profile)
    draft = _line(document, "{{ du_thao }}", profile, s.body, bold=True, align="right")
    xml.paragraph_box(draft)
    _tag(document, "{%p endif %}", profile)

    # Two bodies side by side, each its own block, the number under both.
    _tag(document, f"{{%p if tieu_de_kieu == '{layout.SIDE_BY_SIDE}' %}}", profile)
    bodies, title_w = layout.header_columns(profile, layout.SIDE_BY_SIDE, 2)
    table, (first, second, right) = _borderless_row(document, [*bodies, title_w], rows=2)
    xml.table_cell_margins(table, layout.JOINT_MARGIN_MM)
    _issuer_block(first, profile, "co_quan_khoi[0]")
    _issuer_block(second, profile, "co_quan_khoi[1]")
    _party_title(right, profile, title_w)
    under = table.rows[1].cells[0].merge(table.rows[1].cells[1])
    for empty in under.paragraphs:
        under._tc.remove(empty._p)
    _number_and_marks(under, profile)
    # Two to four bodies in rows across the top; number, party title and date below.
    for count in (2, 3, 4):
        _tag(document, f"{{%p elif tieu_de_kieu == '{layout.ROW}' and co_quan_khoi|length == {count} %}}", profile)
        bodies, title_w = layout.header_columns(profile, layout.ROW, count)
        across = layout.row_count(count)
        for first in range(0, count, across):
            row_table, cells = _borderless_row(document, bodies[first:first + across])
            xml.table_cell_margins(row_table, layout.JOINT_MARGIN_MM)
            for i, cell in enumerate(cells, first):
                _issuer_block(cell, profile, f"co_quan_khoi[{i}]")
        number_w = layout.number_column(profile, layout.ROW)
        _, (left, right) = _borderless_row(document, [number_w, title_w])
        _line(left, "", profile, s.party_title)   # level with ĐẢNG CỘNG SẢN VIỆT NAM
        _number_and_marks(left, profile)
        _party_title(right, profile, title_w)
    # The bodies' blocks stacked in the left column (profile lien_tich.tieu_de: xep_chong).
    _tag(document, f"{{%p elif tieu_de_kieu == '{layout.STACKED}' %}}", profile)
    (left_w,), title_w = layout.header_columns(profile, layout.STACKED, 2)
    _, (left, right) = _borderless_row(document, [left_w, title_w])
    _tag(left, "{%p for khoi in co_quan_khoi %}", profile)
    _issuer_block(left, profile, "khoi")
    _tag(left, "{%p endfor %}", profile)
    _number_and_marks(left, profile)
    _party_title(right, profile, title_w)
    # One body.
    _tag(document, "{%p else %}", profile)
    (left_w,), title_w = layout.header_columns(profile, layout.ONE, 1)
    _, (left, right) = _borderless_row(document, [left_w, title_w])
    _issuer_block(left, profile, "co_quan_khoi[0]")
    _number_and_marks(left, profile)
    _party_title(right, profile, title_w)
    _tag(document, "{%p endif %}", profile)


def _title(document, profile: Profile, width_mm: float) -> None:
    s = profile.sizes
    _tag(document, "{%p if ten_loai %}", profile)
    _line(document, "{{ ten_loai }}", profile, s.kind_name, bold=True, before=18, keep_next=True)
    _line(document, "{{ trich_yeu }}", profile, s.summary, bold=True, keep_next=True)
    rule = document.add_paragraph()
    xml.paragraph_format(rule, align="center", after=12, keep_next=True)
    indent = (width_mm - 30) / 2  # a 30 mm rule, centred
    rule.paragraph_format.left_indent = Mm(indent)
    rule.paragraph_format.right_indent = Mm(indent)
    xml.paragraph_mark_size(rule, 4, profile.font)
    xml.paragraph_bottom_rule(rule)
    _tag(document, "{%p endif %}", profile)
    # Kính gửi (công văn, tờ trình): one addressee on one centred line; several listed under it
    _tag(document, "{%p for dong in kinh_gui_mot %}", profile)
    _line(document, "{{ dong }}", profile, s.body, before=12, after=6)
    _tag(document, "{%p endfor %}", profile)
    _tag(document, "{%p for dong in kinh_gui_nhieu %}", profile)
    addressee = _line(document, "{{ dong.van_ban }}", profile, s.body, align="left",
                      after=0, keep_next=True)
    addressee.paragraph_format.left_indent = Mm(KINH_GUI_INDENT_MM)
    _tag(document, "{%p endfor %}", profile)


def _content(document, profile: Profile) -> None:
    _tag(document, "{%p for dong in mo_dau %}", profile)
    _para(document, "{{ dong }}", style=BODY)
    _tag(document, "{%p endfor %}", profile)
    _blocks(document, profile, "khoi")


def _blocks(document, profile: Profile, items: str) -> None:
    """Places the text blocks of `items` (headings, paragraphs, bullets, articles, tables)."""
    _tag(document, f"{{%p for k in {items} %}}", profile)
    branches = (("muc1", LEVEL_1), ("muc2", LEVEL_2), ("muc3", LEVEL_3), ("gach1", BULLET), ("gach2", BULLET),
                ("ket", CLOSING))
    for i, (kind, style) in enumerate(branches):
        _tag(document, f"{{%p {'if' if i == 0 else 'elif'} k.loai == '{kind}' %}}", profile)
        _para(document, "{{ k.van_ban }}", style=style)
    # "QUYẾT ĐỊNH:" and the like: centred, bold
    _tag(document, "{%p elif k.loai == 'giua_dam' %}", profile)
    _line(document, "{{ k.van_ban }}", profile, profile.sizes.body, bold=True, before=6, after=6, keep_next=True)
    # "Điều 1. ...": the article's number bold, its text as body text
    _tag(document, "{%p elif k.loai == 'dieu' %}", profile)
    article = _para(document, style=BODY)
    article.add_run("{{ k.nhan }}").bold = True
    article.add_run(" {{ k.van_ban }}")
    # "Điều 1. Phạm vi điều chỉnh": an article of a regulation, its heading bold, its text below
    _tag(document, "{%p elif k.loai == 'dieu_ten' %}", profile)
    heading = _para(document, style=BODY)
    heading.add_run("{{ k.nhan }} {{ k.van_ban }}").bold = True
    heading.paragraph_format.keep_with_next = True
    _body_table(document, profile)
    _tag(document, "{%p else %}", profile)
    _para(document, "{{ k.van_ban }}", style=BODY)
    _tag(document, "{%p endif %}", profile)
    _tag(document, "{%p endfor %}", profile)


def _body_table(document, profile: Profile) -> None:
    """A table in the text: its title, a header row repeated on every page, rows of cells (as
    many columns as the data has), group rows merged across and bold, total rows bold."""
    s = profile.sizes
    _tag(document, "{%p elif k.loai == 'bang' %}", profile)
    _tag(document, "{%p if k.tieu_de %}", profile)
    _line(document, "{{ k.tieu_de }}", profile, s.body, bold=True, before=6, after=6, keep_next=True)
    _tag(document, "{%p endif %}", profile)
    table = document.add_table(rows=10, cols=3)
    xml.table_borders(table, "single")
    header, loop, if_group, group, if_total, total, otherwise, body, end_if, end_loop = table.rows
    xml.row_repeats_as_header(header)
    for row, expression, bold in ((header, "{{ c }}", True), (total, "{{ c }}", True), (body, "{{ c }}", False)):
        source = "k.cot" if row is header else "r.o"
        xml.row_cant_split(row)
        _cell_text(row.cells[0], profile, f"{{%tc for c in {source} %}}", False, None)
        _cell_text(row.cells[1], profile, expression, row is header, None, bold=bold)
        _cell_text(row.cells[2], profile, "{%tc endfor %}", False, None)
    merged = group.cells[0].merge(group.cells[2])
    _cell_text(merged, profile, "{% colspan k.so_cot %}{{ r.nhom }}", False, None, bold=True)
    for row, tag in ((loop, "{%tr for r in k.hang %}"), (if_group, "{%tr if r.nhom %}"), (if_total, "{%tr elif r.tong %}"),
                     (otherwise, "{%tr else %}"), (end_if, "{%tr endif %}"), (end_loop, "{%tr endfor %}")):
        xml.row_run_format(row, tag, profile.font, s.table)


RECIPIENT_DASH = "- "


def _recipients(container, profile: Profile, before: float) -> None:
    s = profile.sizes
    label = _line(container, "{{ noi_nhan_nhan }}", profile, s.recipients_label, align="left", before=before,
                  bold=profile.recipients.label_bold, underline=profile.recipients.label_underlined)
    label.paragraph_format.keep_with_next = True
    _tag(container, "{%p for dong in noi_nhan %}", profile)
    item = _line(container, "{{ dong }}", profile, s.recipients, align="left", keep_next=True)
    # a wrapped item goes on under its text, not back to the margin under its dash
    hang = Mm(round(width_mm(RECIPIENT_DASH, s.recipients), 2))
    item.paragraph_format.left_indent = hang
    item.paragraph_format.first_line_indent = -hang
    _tag(container, "{%p endfor %}", profile)
    _tag(container, "{%p if danh_may %}", profile)
    _line(container, "{{ danh_may }}", profile, s.typist, align="left", before=6)
    _tag(container, "{%p endif %}", profile)


SIGNATURE_BEFORE = 12.0   # the first line of a signature and "Nơi nhận:" start level


def _signature_column(cell, profile: Profile, var: str, guard: bool, keep_last: bool,
                      before: float = SIGNATURE_BEFORE) -> None:
    """Adds quyền hạn / chức vụ / space to sign / name for the signer `var`, its first line
    (whichever it is) `before` points down. With `guard`, the lines appear only when `var` is
    set (an empty place in a grid keeps one empty line)."""
    s, sig = profile.sizes, profile.signature
    if guard:
        _tag(cell, f"{{%p if {var} %}}", profile)
    _tag(cell, f"{{%p if {var}.quyen_han %}}", profile)
    _line(cell, f"{{{{ {var}.quyen_han }}}}", profile, s.signature, bold=True, before=before, keep_next=True)
    _line(cell, f"{{{{ {var}.chuc_vu }}}}", profile, s.signature, bold=sig.position_bold, keep_next=True)
    _tag(cell, "{%p else %}", profile)
    _line(cell, f"{{{{ {var}.chuc_vu }}}}", profile, s.signature, bold=sig.position_bold, before=before, keep_next=True)
    _tag(cell, "{%p endif %}", profile)
    for _ in range(sig.blank_lines):
        _line(cell, "", profile, s.signature, keep_next=True)
    if guard:
        _tag(cell, "{%p endif %}", profile)
        name = f'{{{{ {var}.ho_ten if {var} else "" }}}}'
    else:
        name = f"{{{{ {var}.ho_ten }}}}"
    _line(cell, name, profile, s.signature, bold=True, keep_next=keep_last)


def _signature(document, profile: Profile, width_mm: float) -> None:
    # Joint document: one column per body, two to a row (lead body on the profile's side), a
    # last signer alone centred; every line kept with the next so the block stays on one
    # page; Nơi nhận below, at the left.
    _tag(document, "{%p if lien_tich %}", profile)
    widths = layout.signature_columns(profile, joint=True)
    table = document.add_table(rows=7, cols=2)
    xml.table_borders(table, "none")
    xml.table_layout(table, widths)
    xml.table_cell_margins(table, layout.SIGNATURE_MARGIN_MM)
    loop_open, if_alone, alone, otherwise, pair, end_if, loop_close = table.rows
    for row, tag in ((loop_open, "{%tr for hang in chu_ky_hang %}"), (if_alone, "{%tr if hang.giua %}"),
                     (otherwise, "{%tr else %}"), (end_if, "{%tr endif %}"), (loop_close, "{%tr endfor %}")):
        xml.row_run_format(row, tag, profile.font, profile.sizes.body)
    for row in (alone, pair):
        xml.row_cant_split(row)
    centre = alone.cells[0].merge(alone.cells[1])
    cells = [(centre, "hang.giua")] + list(zip(pair.cells, ("hang.trai", "hang.phai"), strict=False))
    for cell, var in cells:
        # bottom-aligned so the names of a row line up; the first paragraph spaces the rows apart
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        for extra in cell.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        spacer = _first_cell_paragraph(cell)
        xml.paragraph_format(spacer, before=6, keep_next=True)
        xml.paragraph_mark_size(spacer, profile.sizes.signature, profile.font)
        _signature_column(cell, profile, var, guard=True, keep_last=True)
    _recipients(document, profile, before=SIGNATURE_BEFORE)
    _tag(document, "{%p else %}", profile)
    # One body: Nơi nhận on the left, the signature on the right, level, in one row that never splits.
    table, (left, right) = _borderless_row(document, layout.signature_columns(profile, joint=False))
    xml.table_cell_margins(table, layout.SIGNATURE_MARGIN_MM)
    xml.row_cant_split(table.rows[0])
    _recipients(left, profile, before=SIGNATURE_BEFORE)
    _signature_column(right, profile, "ky", guard=False, keep_last=False)
    _tag(document, "{%p endif %}", profile)


def _cell_text(cell, profile: Profile, expression: str, center: bool, bold_if: str | None, bold: bool = False) -> None:
    """Fills a loop row's cell with `expression`; with `bold_if`, bold when that is true."""
    paragraph = cell.paragraphs[0]

    def line(container_paragraph, bold: bool):
        container_paragraph.style = cell.part.document.styles[TABLE_TEXT]
        container_paragraph.paragraph_format.alignment = 1 if center else 0
        xml.run_format(container_paragraph.add_run(expression), profile.font, profile.sizes.table, bold=bold)

    if bold_if is None:
        line(paragraph, bold)
        return
    xml.run_format(paragraph.add_run(f"{{%p if {bold_if} %}}"), profile.font, profile.sizes.table)
    line(cell.add_paragraph(), True)
    xml.run_format(cell.add_paragraph().add_run("{%p else %}"), profile.font, profile.sizes.table)
    line(cell.add_paragraph(), False)
    xml.run_format(cell.add_paragraph().add_run("{%p endif %}"), profile.font, profile.sizes.table)


def _appendix(document, profile: Profile, width_mm: float, var: str, columns: list[tuple[str, str, float, bool]],
              bold_if: str | None = None, condition: str | None = None, groups: bool = False) -> None:
    """Adds an appendix on a new page: label, title, "(Kèm theo ...)", and a table whose header
    row repeats on every page and whose rows come from ``{var}.hang``. `columns` holds
    ``(heading, row expression, width mm, centred)``; the last column takes the rest. With
    `condition`, the appendix is this variant only when it holds; with `groups`, a row whose
    ``r.nhom`` is set is a group row: its number, then its name bold across the other columns."""
    s = profile.sizes
    _tag(document, f"{{%p if {var} and {condition} %}}" if condition else f"{{%p if {var} %}}", profile)
    heading = _line(document, f"{{{{ {var}.nhan }}}}", profile, s.body, bold=True, keep_next=True)
    heading.paragraph_format.page_break_before = True
    _line(document, f"{{{{ {var}.tieu_de }}}}", profile, s.body, bold=True, keep_next=True)
    _line(document, f"{{{{ {var}.kem_theo }}}}", profile, s.body, italic=True, after=12, keep_next=True)
    widths = [c[2] for c in columns]
    rest = widths.index(0) if 0 in widths else len(widths) - 1   # the column of width 0 takes the rest
    widths[rest] = round(width_mm - sum(w for i, w in enumerate(widths) if i != rest), 1)
    table = document.add_table(rows=8 if groups else 4, cols=len(columns))
    xml.table_borders(table, "single")
    xml.table_layout(table, widths)
    if groups:
        header, loop_open, if_group, group, otherwise, body, end_if, loop_close = table.rows
        xml.row_run_format(if_group, "{%tr if r.nhom %}", profile.font, s.table)
        xml.row_run_format(otherwise, "{%tr else %}", profile.font, s.table)
        xml.row_run_format(end_if, "{%tr endif %}", profile.font, s.table)
        xml.row_cant_split(group)
        _cell_text(group.cells[0], profile, "{{ r.stt }}", True, None, bold=True)
        merged = group.cells[1].merge(group.cells[len(columns) - 1])
        _cell_text(merged, profile, "{{ r.noi_dung }}", False, None, bold=True)
    else:
        header, loop_open, body, loop_close = table.rows
    xml.row_repeats_as_header(header)
    xml.row_cant_split(header)
    xml.row_cant_split(body)
    for i, (title, expression, _width, center) in enumerate(columns):
        paragraph = header.cells[i].paragraphs[0]
        paragraph.style = document.styles[TABLE_TEXT]
        paragraph.paragraph_format.alignment = 1
        xml.run_format(paragraph.add_run(title), profile.font, s.table, bold=True)
        header.cells[i].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _cell_text(body.cells[i], profile, expression, center, bold_if)
    xml.row_run_format(loop_open, f"{{%tr for r in {var}.hang %}}", profile.font, s.table)
    xml.row_run_format(loop_close, "{%tr endfor %}", profile.font, s.table)
    _tag(document, "{%p endif %}", profile)


TASK_COLUMNS = [("STT", "{{ r.stt }}", 13.0, True), ("Nội dung nhiệm vụ", "{{ r.noi_dung }}", 52.0, False),
                ("Cơ quan chủ trì", "{{ r.chu_tri }}", 30.0, False), ("Cơ quan phối hợp", "{{ r.phoi_hop }}", 30.0, False),
                ("Thời gian", "{{ r.thoi_gian }}", 20.0, True), ("Ghi chú", "{{ r.ghi_chu }}", 0, False)]
def _text_appendices(document, profile: Profile) -> None:
    """Adds the appendices the data writes (text, tables): each on a new page, label, title,
    "(Kèm theo ...)", then its blocks."""
    s = profile.sizes
    _tag(document, "{%p for pl in phu_luc_them %}", profile)
    heading = _line(document, "{{ pl.nhan }}", profile, s.body, bold=True, keep_next=True)
    heading.paragraph_format.page_break_before = True
    _line(document, "{{ pl.tieu_de }}", profile, s.body, bold=True, keep_next=True)
    _line(document, "{{ pl.kem_theo }}", profile, s.body, italic=True, after=12, keep_next=True)
    _blocks(document, profile, "pl.khoi")
    _tag(document, "{%p endfor %}", profile)


TASK_OPTIONAL = ("phoi_hop", "ghi_chu")
TASK_COLUMN_CHOICES = [("phoi_hop", "ghi_chu"), ("phoi_hop",), ("ghi_chu",), ()]


def _task_columns(kept: tuple[str, ...]) -> list[tuple[str, str, float, bool]]:
    """Returns the task table's columns keeping the optional ones in `kept`; the content column
    takes the width of those left out (the last column always takes the rest)."""
    columns = [c for c in TASK_COLUMNS if not any(f"r.{o} " in c[1] for o in TASK_OPTIONAL if o not in kept)]
    if "ghi_chu" not in kept:   # the content column takes the rest of the width
        return [(t, e, 0 if e == "{{ r.noi_dung }}" else w, c) for t, e, w, c in columns]
    freed = sum(c[2] for c in TASK_COLUMNS if c not in columns)
    return [(t, e, w + freed if e == "{{ r.noi_dung }}" else w, c) for t, e, w, c in columns]


FIGURE_COLUMNS = [("STT", "{{ r.stt }}", 13.0, True), ("Chỉ tiêu, đơn vị báo cáo", "{{ r.ten }}", 92.0, False),
                  ("Đơn vị tính", "{{ r.don_vi_tinh }}", 30.0, True), ("Số lượng", "{{ r.so_luong }}", 0, True)]


def _page_setup(document, profile: Profile) -> None:
    page = profile.page
    xml.apply_page_setup(document, profile)
    section = document.sections[0]
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    numbers = page.page_numbers
    section.different_first_page_header_footer = not numbers.on_first_page
    target = section.header if numbers.position == "tren" else section.footer
    paragraph = target.paragraphs[0]
    xml.paragraph_format(paragraph, align="center")
    xml.add_page_field(paragraph, profile.font, profile.sizes.page_number)
    if not numbers.on_first_page:
        first = section.first_page_header if numbers.position == "tren" else section.first_page_footer
        first.is_linked_to_previous = False
        xml.paragraph_format(first.paragraphs[0], align="center")


def build_template(profile: Profile) -> bytes:
    """Returns the bytes of the standard template (every kind shares this layout today)."""
    document = docx.Document()
    _styles(document, profile)
    _page_setup(document, profile)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    width = profile.page.text_width_mm
    _header(document, profile, width)
    _title(document, profile, width)
    _content(document, profile)
    _signature(document, profile, width)
    for optional in TASK_COLUMN_CHOICES:   # a column empty in every row is left out (profile can keep it)
        columns = _task_columns(optional)
        _appendix(document, profile, width, "phu_luc", columns, condition=f"phu_luc.cot == '{'|'.join(optional)}'",
                  groups=True)
    _appendix(document, profile, width, "phu_luc_so_lieu", FIGURE_COLUMNS, bold_if="r.dam")
    _text_appendices(document, profile)
    props = document.core_properties
    props.title = "Mẫu văn bản của Đảng (docgen)"
    props.author = "docgen"
    props.last_modified_by = "docgen"
    props.comments = ""
    props.revision = 1
    props.language = LANG
    import datetime as dt
    props.created = props.modified = dt.datetime(2026, 1, 1)
    raw = io.BytesIO()
    document.save(raw)
    return write_package(raw.getvalue())
