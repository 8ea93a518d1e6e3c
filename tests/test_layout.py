"""Acceptance: render every example document (plans, programmes, joint documents, and the
kinds that follow) and check what a reader — and the office's văn thư — sees."""
from __future__ import annotations

import re
import zipfile

import docx
import pytest
from docx.shared import Pt

from docgen.document.kinds import KINDS
from docgen.docx.inspect import all_paragraphs, field_codes, has_title_page, margins_mm, row_flags, run_look, table_borders
from docgen.rules.profile import load_profile
from tests.conftest import EXAMPLES, header

PROFILE = load_profile()
TITLES = {kind.title for kind in KINDS.values() if kind.title}
SENTENCE_NAMES = {kind.in_sentence for kind in KINDS.values()}
DATE_LINE = re.compile(r"[^,]+, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm (\d{4})")
SYMBOL = r"\d{2,}-[A-Za-zĐ]+/[A-ZĐ][A-Za-zĐ0-9]*(?:-[A-ZĐ][A-Za-zĐ0-9]*)*"


def _recipients(document) -> list:
    """Returns the Nơi nhận label paragraph and the lines after it, wherever the layout put them."""
    paragraphs = [p for _, p in all_paragraphs(document)]
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Nơi nhận:")
    lines = [paragraphs[start]]
    for paragraph in paragraphs[start + 1:]:
        if not paragraph.text.startswith("- "):
            break
        lines.append(paragraph)
    return lines


def _signature_table(document):
    """Returns the signature block: the first table after the header's tables."""
    at = next(i for i, t in enumerate(document.tables) if "ĐẢNG CỘNG SẢN VIỆT NAM" in [c.paragraphs[0].text
                                                                                  for row in t.rows for c in row.cells])
    return document.tables[at + 1]


def _signature_cells(document) -> list:
    """Returns the table cells that hold a signature (one per signing body)."""
    block = _signature_table(document)
    cells = [cell for row in block.rows for cell in row.cells]
    return [c for c in cells if c.text.strip() and not c.text.startswith("Nơi nhận:")]


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.stem)
def rendered(request, tmp_path_factory):
    from click.testing import CliRunner

    from docgen.faces.cli import cli

    out = tmp_path_factory.mktemp("out") / f"{request.param.stem}.docx"
    result = CliRunner().invoke(cli, ["render", str(request.param), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _header(document) -> tuple[list, object]:
    """Returns the header's body cells (in reading order) and the cell of ĐẢNG CỘNG SẢN VIỆT NAM."""
    _, cells, title = header(document)
    return cells, title


def _date_line(document) -> str:
    _, title = _header(document)
    return _flat(next(p.text for p in title.paragraphs if " ngày " in p.text.replace("\n", " ")))


def test_page_is_a4_with_profile_margins(rendered):
    section = docx.Document(str(rendered)).sections[0]
    page = PROFILE.page
    assert margins_mm(section) == {"rong": page.width_mm, "cao": page.height_mm, "tren": page.top_mm,
                                   "duoi": page.bottom_mm, "trai": page.left_mm, "phai": page.right_mm}
    assert (page.width_mm, page.height_mm) == (210, 297)
    assert 20 <= page.top_mm <= 25 and 30 <= page.left_mm <= 35 and 15 <= page.right_mm <= 20


def test_every_run_is_times_new_roman(rendered):
    document = docx.Document(str(rendered))
    looks = [run_look(document, p, r) for _, p in all_paragraphs(document) for r in p.runs]
    assert looks, "no runs"
    assert {look.font for look in looks} == {"Times New Roman"}
    header = document.sections[0].header
    for paragraph in header.paragraphs:
        for run in paragraph.runs:
            assert run_look(document, paragraph, run).font == "Times New Roman"


def test_header_block_texts_and_formatting(rendered):
    document = docx.Document(str(rendered))
    header = document.tables[0]
    assert table_borders(header) == {s: "none" for s in ("top", "left", "bottom", "right", "insideH", "insideV")}
    bodies, right = _header(document)
    paragraphs = [p for cell in bodies for p in cell.paragraphs if p.text.strip()]
    lines = [_flat(p.text) for p in paragraphs]
    number_at = next(i for i, t in enumerate(lines) if t.startswith("Số "))
    assert re.fullmatch(rf"Số {SYMBOL}", lines[number_at])
    # After the number only a letter's trích yếu ("V/v ...", italic) may follow.
    if lines[number_at + 1:]:
        assert lines[number_at + 1].startswith("V/v ")
    # Every body's block: its upper body (not bold) if any, its name (bold), then "*".
    stars = [i for i, p in enumerate(paragraphs) if p.text == "*"]
    issuers = lines[number_at].split("/", 1)[1].split("-")
    assert len(stars) == len(issuers)   # one block, one "*", per issuing body
    for star in stars:
        issuer = paragraphs[star - 1]
        look = run_look(document, issuer, issuer.runs[0])
        assert issuer.text == issuer.text.upper() and look.bold and look.size == 14
    upper = paragraphs[0]
    assert _flat(upper.text).startswith(("TỈNH ỦY", "HUYỆN ỦY", "THÀNH ỦY", "ĐẢNG ỦY", "BAN CHẤP HÀNH TRUNG ƯƠNG"))
    # A body under a cấp ủy has the cấp ủy above it, not bold; a cấp ủy issuing itself is one bold line.
    assert run_look(document, upper, upper.runs[0]).bold == (stars[0] == 1)
    number = paragraphs[number_at]
    assert not run_look(document, number, number.runs[0]).bold
    title, rule, date_line = right.paragraphs[0], right.paragraphs[1], right.paragraphs[2]
    t = run_look(document, title, title.runs[0])
    # the rule under the title is a line of its own (a border under an empty paragraph), not an underline
    assert (title.text, t.size, t.bold, t.underline, t.italic) == ("ĐẢNG CỘNG SẢN VIỆT NAM", 15, True, False, False)
    assert rule.text == "" and rule._p.pPr.find(docx.oxml.ns.qn("w:pBdr")) is not None
    d = run_look(document, date_line, date_line.runs[0])
    assert (d.italic, d.bold, d.size) == (True, False, 14)
    assert DATE_LINE.fullmatch(_flat(date_line.text))
    for paragraph in [p for cell in bodies for p in cell.paragraphs] + list(right.paragraphs):
        assert paragraph.alignment == 1  # centred


def test_title_and_summary(rendered):
    document = docx.Document(str(rendered))
    body = [p for where, p in all_paragraphs(document) if where == "body"]
    if body[0].text.startswith("Kính gửi:"):   # a letter (công văn): its trích yếu is under the number
        assert body[0].alignment == 1 and not any(p.text in TITLES for p in body)
        return
    title, summary, rule = body[0], body[1], body[2]
    look = run_look(document, title, title.runs[0])
    assert title.text in TITLES and (look.bold, look.size, title.alignment) == (True, 16, 1)
    look = run_look(document, summary, summary.runs[0])
    assert look.bold and look.size == 14 and summary.alignment == 1
    # it reads on from the title ("về ...", "phối hợp ..."), unless it opens with a body's name
    assert summary.text[0].islower() or summary.text.startswith(("Hội nghị ", "Ban ", "Bộ "))
    assert rule.text == "" and rule._p.pPr.find(docx.oxml.ns.qn("w:pBdr")) is not None


def test_section_numbers_are_generated_in_sequence(rendered):
    document = docx.Document(str(rendered))
    level1 = [p.text for p in document.paragraphs if p.style.name == "Mục cấp 1"]
    assert [t.split(" ")[0] for t in level1] == ["I.", "II.", "III.", "IV.", "V.", "VI."][:len(level1)]
    assert all(t == t.upper() for t in level1)
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Mục cấp 1":
            assert run_look(document, paragraph, paragraph.runs[0]).bold


def test_body_paragraphs_are_justified_14pt_with_first_line_indent(rendered):
    document = docx.Document(str(rendered))
    style = document.styles["Nội dung"]
    assert style.paragraph_format.alignment == 3
    assert round(style.paragraph_format.first_line_indent.mm) == PROFILE.paragraphs.first_line_indent_mm
    body = [p for p in document.paragraphs if p.style.name in ("Nội dung", "Đoạn kết")]
    assert body
    for paragraph in body:
        assert run_look(document, paragraph, paragraph.runs[0]).size == 14


def test_text_ends_with_end_mark(rendered):
    """The last paragraph of the text (before the signature and Nơi nhận) ends with "./."; a
    closing paragraph, where there is one, is kept with the signature."""
    document = docx.Document(str(rendered))
    text = []
    for where, paragraph in all_paragraphs(document):
        if paragraph.text == "Nơi nhận:":
            break
        if where == "body" and paragraph.text.strip():
            text.append(paragraph)
    assert text[-1].text.endswith("./.")
    assert sum(p.text.endswith("./.") for p in text) == 1
    closing = [p for p in document.paragraphs if p.style.name == "Đoạn kết"]
    assert len(closing) <= 1
    for paragraph in closing:
        assert paragraph.text == text[-1].text
        assert paragraph.paragraph_format.keep_with_next or document.styles["Đoạn kết"].paragraph_format.keep_with_next


def test_signature_and_recipients(rendered):
    document = docx.Document(str(rendered))
    block = _signature_table(document)
    assert table_borders(block)["insideV"] == "none"
    assert all("cantSplit" in row_flags(block, i) for i, row in enumerate(block.rows) if row.cells[0].text.strip()
               or row.cells[-1].text.strip())
    label, *recipients = _recipients(document)
    look = run_look(document, label, label.runs[0])
    assert look.underline and not look.bold and look.size == 14
    lines = [p.text for p in recipients]
    assert len(lines) >= 2
    assert all(l.endswith(",") for l in lines[:-1])
    assert lines[-1].startswith("- Lưu ") and lines[-1].endswith(".") and ":" not in lines[-1]
    for paragraph in recipients:
        assert run_look(document, paragraph, paragraph.runs[0]).size == 12
        # a wrapped item goes on under its text, not under its dash: a hanging indent
        fmt = paragraph.paragraph_format
        assert fmt.left_indent > 0 and fmt.first_line_indent == -fmt.left_indent
    cells = _signature_cells(document)
    assert cells
    if len(cells) == 1:   # one body: the signature's first line level with "Nơi nhận:" beside it
        first = next(p for p in cells[0].paragraphs if p.text)
        assert first.paragraph_format.space_before == label.paragraph_format.space_before == Pt(12)
    for cell in cells:
        sig = [p.text for p in cell.paragraphs if p.text]
        assert not sig[-1].isupper()  # the name, in normal case
        assert all(l == l.upper() for l in sig[:-1])
        assert not any(l.startswith(("TM.", "KT.", "TL.")) for l in sig)
        name = [p for p in cell.paragraphs if p.text][-1]
        assert run_look(document, name, name.runs[0]).bold


TASK_HEADER = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian", "Ghi chú"]
FIGURE_HEADER = ["STT", "Chỉ tiêu, đơn vị báo cáo", "Đơn vị tính", "Số lượng"]


def _table_with_header(document, header):
    """The table whose header row is `header`, or `header` less its optional columns (left out
    when empty in every row)."""
    def fits(cells: list[str]) -> bool:
        return cells == header or (cells[:2] == header[:2] and set(cells) <= set(header) and len(cells) >= 4)
    return next((t for t in document.tables if fits([c.text for c in t.rows[0].cells])), None)


def test_appendix_tables_repeat_their_header_and_number_their_rows(rendered):
    document = docx.Document(str(rendered))
    tables = [t for t in (_table_with_header(document, TASK_HEADER), _table_with_header(document, FIGURE_HEADER)) if t]
    labels = [p.text for p in document.paragraphs if p.text.startswith("Phụ lục")]
    assert len(labels) == len(tables)
    assert labels == (["Phụ lục"] if len(tables) == 1 else ["Phụ lục 1", "Phụ lục 2"][:len(tables)])
    if not tables:
        pytest.skip("this example has no appendix")
    for table in tables:
        assert "tblHeader" in row_flags(table, 0)
        runs, numbers = [], []   # rows numbered from 1, anew under each group row (I, II, ...)
        for row in table.rows[1:]:
            first, second = row.cells[0].text, row.cells[1].text
            if row.cells[1]._tc is row.cells[-1]._tc:   # a group row: its name spans the columns
                assert first in ("I", "II", "III", "IV") and "nhiệm vụ)" in second
                runs.append(numbers)
                numbers = []
            elif first:
                numbers.append(first)
        for run in [*runs, numbers]:
            assert run == [str(i) for i in range(1, len(run) + 1)]
        assert numbers
    for paragraph in document.paragraphs:
        if paragraph.text.startswith("Phụ lục"):
            assert paragraph.paragraph_format.page_break_before


def test_page_numbers_from_page_two(rendered):
    section = docx.Document(str(rendered)).sections[0]
    assert has_title_page(section)
    assert "PAGE" in field_codes(section.header._element)
    assert field_codes(section.first_page_header._element) == []
    assert section.header.paragraphs[0].alignment == 1


def test_no_template_tag_left(rendered):
    with zipfile.ZipFile(rendered) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                text = z.read(name).decode("utf-8")
                assert not re.search(r"\{[{%]|[%}]\}", text), name


def test_core_properties_come_from_the_data(rendered):
    props = docx.Document(str(rendered)).core_properties
    assert any(props.title.startswith(name) for name in SENTENCE_NAMES)
    assert re.fullmatch(SYMBOL, props.keywords)
    # created and modified are the document's date, read back from its date line
    date_line = _date_line(docx.Document(str(rendered)))
    day, month, year = DATE_LINE.fullmatch(date_line).groups()
    assert props.created == props.modified
    assert (props.created.year, props.created.month, props.created.day) == (int(year), int(month), int(day))
    assert props.language == "vi-VN"


def test_second_render_gives_identical_bytes(rendered, tmp_path):
    from click.testing import CliRunner

    from docgen.faces.cli import cli

    source = next(p for p in EXAMPLES if p.stem == rendered.stem)
    again = tmp_path / "again.docx"
    assert CliRunner().invoke(cli, ["render", str(source), "-o", str(again)]).exit_code == 0
    assert again.read_bytes() == rendered.read_bytes()
    with zipfile.ZipFile(again) as z:
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.namelist()[0] == "[Content_Types].xml"


@pytest.mark.parametrize("written, expected", [
    ("05/01/2022", "ngày 05 tháng 01 năm 2022"),
    ("17/01/2022", "ngày 17 tháng 01 năm 2022"),
    ("03/4/2018", "ngày 03 tháng 4 năm 2018"),
    ("30/7/2021", "ngày 30 tháng 7 năm 2021"),
])
def test_date_line_in_the_document(plan_data, render_data, written, expected):
    plan_data["ngay"] = written
    plan_data["co_quan"] = {"cap_tren": "Tỉnh ủy Bình Phước", "ten": "Ban Dân vận", "ky_hieu": "BDVTU",
                            "dia_danh": "Đồng Xoài"}
    document = render_data(plan_data)
    assert _date_line(document) == f"Đồng Xoài, {expected}"


def test_inserting_a_section_renumbers_everything_after_it(plan_data, render_data):
    before = render_data(plan_data, "truoc")
    titles_before = [p.text for p in before.paragraphs if p.style.name == "Mục cấp 1"]
    plan_data["noi_dung"].insert(1, {"tieu_de": "Thời gian, địa điểm", "noi_dung": [
        {"tieu_de": "Thời gian", "noi_dung": ["Tháng 6 đến tháng 8 năm 2022."]},
        {"tieu_de": "Địa điểm", "noi_dung": ["Tại các đơn vị được khảo sát."]}]})
    after = render_data(plan_data, "sau")
    titles_after = [p.text for p in after.paragraphs if p.style.name == "Mục cấp 1"]
    assert [t.split(" ")[0] for t in titles_after] == ["I.", "II.", "III.", "IV."]
    assert titles_after[1] == "II. THỜI GIAN, ĐỊA ĐIỂM"
    assert [t.split(" ", 1)[1] for t in titles_after[2:]] == [t.split(" ", 1)[1] for t in titles_before[1:]]
    level2 = [p.text for p in after.paragraphs if p.style.name == "Mục cấp 2"]
    assert level2[2:4] == ["1. Thời gian", "2. Địa điểm"]


def test_level_one_form_comes_from_the_profile(plan_data, render_data, tmp_path):
    profile = tmp_path / "van-phong.yaml"
    profile.write_text("extends: hd36-2018\nten: van-phong\ndanh_so:\n  cap_1: '{la_ma}-'\n  cap_3: '{so_cha}.{so}.'\n"
                       "ket_thuc: '.'\n", encoding="utf-8")
    plan_data["ho_so"] = str(profile)
    plan_data["noi_dung"][0]["noi_dung"][0]["noi_dung"].append({"tieu_de": "Ý con", "noi_dung": ["Nội dung."]})
    document = render_data(plan_data)
    level1 = [p.text for p in document.paragraphs if p.style.name == "Mục cấp 1"]
    assert level1[0] == "I- MỤC ĐÍCH, YÊU CẦU"
    assert [p.text for p in document.paragraphs if p.style.name == "Mục cấp 3"] == ["1.1. Ý con"]
    closing = [p for p in document.paragraphs if p.style.name == "Đoạn kết"][0]
    assert closing.text.endswith("thực hiện.") and not closing.text.endswith("./.")


def test_property_elements_are_in_the_order_word_requires(rendered):
    from lxml import etree

    from docgen.docx.inspect import order_problems

    with zipfile.ZipFile(rendered) as z:
        for name in z.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                assert order_problems(etree.fromstring(z.read(name))) == [], name
