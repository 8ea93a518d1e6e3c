"""The presentation rules `docgen lint` checks, one function each: ``check(view, profile,
catalog)`` yields ``(found, required, where)``. Severity and source are in the profile
(``quy_tac``); the values checked (sizes, margins, forms) are the profile's too."""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable, Iterator

from docx.oxml.ns import qn

from docgen.docx.inspect import field_codes, has_title_page, margins_mm
from docgen.docx.view import DocumentView, Line

Check = Callable[[DocumentView, object, object], Iterator[tuple[str, str, str]]]
RULES: dict[str, Check] = {}
MM = 1.0   # tolerance for lengths

TITLES = {"KẾ HOẠCH": "ke-hoach", "BÁO CÁO": "bao-cao", "CHƯƠNG TRÌNH": "chuong-trinh", "THÔNG BÁO": "thong-bao",
          "NGHỊ QUYẾT": "nghi-quyet", "QUYẾT ĐỊNH": "quyet-dinh", "QUY ĐỊNH": "quy-dinh", "CHỈ THỊ": "chi-thi",
          "KẾT LUẬN": "ket-luan", "QUY CHẾ": "quy-che", "HƯỚNG DẪN": "huong-dan", "TỜ TRÌNH": "to-trinh",
          "ĐỀ ÁN": "de-an"}
DATE_LINE = re.compile(r"^[^,]+, ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})$")
PARTY_NUMBER = re.compile(r"^Số (\d{2,}|\s*)-([A-Za-zĐđ]+)/([A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*)$")
STATE_NUMBER = re.compile(r"^Số: (\d{2,}|\s*)/(?:\d{4}/)?([A-ZĐ][A-Za-zĐđ]*)(?:-([A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*)*))?$")
ROMAN = re.compile(r"^([IVXLC]+)[.-]\s")
ARABIC = re.compile(r"^(\d+)\.\s")
COMMITTEE = re.compile(r"^(TỈNH|HUYỆN|THÀNH|THỊ|QUẬN) ỦY|^ĐẢNG ỦY|^BAN THƯỜNG VỤ|^BAN CHẤP HÀNH|^CHI BỘ|^ỦY BAN KIỂM TRA")
TAG = re.compile(r"\{\{|\{%|%\}|\}\}")
WHOLE_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def rule(rule_id: str):
    def register(check: Check) -> Check:
        RULES[rule_id] = check
        return check
    return register


def _roman_value(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, ch in enumerate(text):
        value = values[ch]
        total += -value if i + 1 < len(text) and values[text[i + 1]] > value else value
    return total


def _fmt(size) -> str:
    return f"{size:g}" if size is not None else "không rõ"


@rule("kho-giay")
def paper(view: DocumentView, profile, catalog):
    page = profile.page
    for n, section in enumerate(view.document.sections, 1):
        m = margins_mm(section)
        if abs(m["rong"] - page.width_mm) > MM or abs(m["cao"] - page.height_mm) > MM:
            yield (f"khổ giấy {m['rong']:g} × {m['cao']:g} mm", f"A4 đứng {page.width_mm:g} × {page.height_mm:g} mm",
                   f"phần (section) {n}")


@rule("le-trang")
def margins(view: DocumentView, profile, catalog):
    page = profile.page
    wanted = {"tren": page.top_mm, "duoi": page.bottom_mm, "trai": page.left_mm, "phai": page.right_mm}
    names = {"tren": "trên", "duoi": "dưới", "trai": "trái", "phai": "phải"}
    for n, section in enumerate(view.document.sections, 1):
        m = margins_mm(section)
        wrong = [f"{names[k]} {m[k]:g}" for k, v in wanted.items() if abs(m[k] - v) > MM]
        if wrong:
            yield (f"lề {', '.join(wrong)} mm",
                   "lề " + ", ".join(f"{names[k]} {v:g}" for k, v in wanted.items()) + " mm", f"phần (section) {n}")


@rule("phong-chu")
def fonts(view: DocumentView, profile, catalog):
    for line in view.lines:
        other = sorted({look.font or "không rõ" for look in view.looks(line.paragraph)} - {profile.font})
        if other:
            yield f"phông {', '.join(other)}", profile.font, line.place()


def _party_title(view: DocumentView, profile) -> Line | None:
    wanted = " ".join(profile.title_line.split()).upper()
    for cell in view.header_lines():
        for line in cell:
            if " ".join(line.text.split()).upper() == wanted:
                return line
    return None


@rule("tieu-de-dang")
def party_title(view: DocumentView, profile, catalog):
    line = _party_title(view, profile)
    if line is None:
        yield "không có dòng tiêu đề", f"'{profile.title_line}' ở ô phải của tiêu đề văn bản", "tiêu đề"
        return
    looks = view.looks(line.paragraph)
    size = profile.sizes.party_title
    if line.text != profile.title_line:
        yield f"'{line.text}'", f"'{profile.title_line}' in hoa", line.place()
    if not all(l.bold for l in looks):
        yield "không in đậm", "in đậm", line.place()
    if not all(l.size == size for l in looks):
        yield f"cỡ {', '.join(sorted({_fmt(l.size) for l in looks}))}", f"cỡ {size:g}", line.place()
    ruled = all(l.underline for l in looks)
    ppr = line.paragraph._p.pPr
    if not ruled and ppr is not None and ppr.find(qn("w:pBdr")) is not None:
        ruled = ppr.find(qn("w:pBdr")).find(qn("w:bottom")) is not None
    if not ruled:
        yield "không có đường kẻ dưới", "gạch chân hoặc đường kẻ liền dưới, dài bằng dòng tiêu đề", line.place()


def _issuer_cell(view: DocumentView, profile) -> list[Line]:
    title = _party_title(view, profile)
    for cell in view.header_lines():
        if cell and (title is None or title not in cell):
            return cell
    return []


@rule("co-quan-ban-hanh")
def issuer(view: DocumentView, profile, catalog):
    cell = _issuer_cell(view, profile)
    star = next((i for i, l in enumerate(cell) if l.text == "*"), None)
    number = next((i for i, l in enumerate(cell) if l.text.startswith("Số")), len(cell))
    if profile.number_form.system == "dang" and star is None:
        yield "không có dấu *", "dấu * dưới tên cơ quan ban hành", "tiêu đề"
    names = cell[:star if star is not None else number]
    if not names:
        yield "không có tên cơ quan ban hành", "tên cơ quan ban hành ở ô trái tiêu đề", "tiêu đề"
        return
    for line in names:
        if line.text != line.text.upper():
            yield f"'{line.text}' không in hoa", "tên cơ quan in hoa", line.place()
    last = names[-1]
    if not all(l.bold for l in view.looks(last.paragraph)):
        yield "tên cơ quan ban hành không in đậm", "in đậm", last.place()
    if len(names) > 1 and any(l.bold for l in view.looks(names[0].paragraph)) and names[0].text.startswith(("TỈNH ỦY", "ĐẢNG BỘ", "HUYỆN ỦY", "BAN CHẤP HÀNH")):
        yield "dòng cơ quan cấp trên in đậm", "cơ quan cấp trên không in đậm", names[0].place()


def _number_line(view: DocumentView) -> Line | None:
    return next((l for cell in view.header_lines() for l in cell if l.text.startswith("Số")), None)


@rule("so-ky-hieu")
def number(view: DocumentView, profile, catalog):
    line = _number_line(view)
    if line is None:
        yield "không có số và ký hiệu", "dòng 'Số ...' dưới tên cơ quan", "tiêu đề"
        return
    text = line.text
    form = profile.number_form
    pattern = PARTY_NUMBER if form.system == "dang" else STATE_NUMBER
    example = "Số 07-KH/BDVTU" if form.system == "dang" else "Số: 12/QĐ-UBND"
    if form.system == "dang" and text.startswith("Số:"):
        yield f"'{text}' có dấu hai chấm", f"không có dấu hai chấm: '{example}'", line.place()
    elif not pattern.match(text):
        yield f"'{text}'", f"dạng '{example}' (số dưới 10 viết 01-09, không có dấu cách)", line.place()
    elif form.system == "dang":
        digits = pattern.match(text).group(1).strip()
        if digits and len(digits) < 2:
            yield f"'{text}'", "số dưới 10 viết 01-09", line.place()


@rule("loai-va-ky-hieu")
def kind_code(view: DocumentView, profile, catalog):
    line = _number_line(view)
    title = view.title
    if line is None or title is None:
        return
    slug = TITLES.get(title.text.strip())
    match = (PARTY_NUMBER if profile.number_form.system == "dang" else STATE_NUMBER).match(line.text)
    if slug is None or match is None:
        return
    wanted = profile.kind_codes.get(slug)
    if wanted and match.group(2) != wanted:
        yield f"ký hiệu loại '{match.group(2)}' với tên loại {title.text.strip()}", f"'{wanted}'", line.place()


@rule("dia-danh-ngay")
def place_date(view: DocumentView, profile, catalog):
    line = next((l for cell in view.header_lines() for l in cell if " ngày " in f" {l.text} "), None)
    if line is None:
        yield "không có dòng địa danh, ngày tháng", "'Địa danh, ngày dd tháng m năm yyyy' dưới tiêu đề", "tiêu đề"
        return
    match = DATE_LINE.match(line.text)
    if match is None:
        yield f"'{line.text}'", "'Địa danh, ngày dd tháng m năm yyyy'", line.place()
    else:
        day, month, year = match.group(1), match.group(2), match.group(3)
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            yield f"ngày không có thật '{line.text}'", "một ngày có thật", line.place()
        if (len(day) < 2) or (int(month) < 3 and len(month) < 2) or (int(month) >= 3 and month.startswith("0")):
            yield f"'{line.text}'", "ngày dưới 10 và tháng 1, 2 thêm số 0 ('ngày 05 tháng 01'); tháng 3-12 không thêm ('tháng 4')", line.place()
    looks = view.looks(line.paragraph)
    if not all(l.italic for l in looks):
        yield "không in nghiêng", "in nghiêng", line.place()
    if not all(l.size == profile.sizes.place_date for l in looks):
        yield f"cỡ {', '.join(sorted({_fmt(l.size) for l in looks}))}", f"cỡ {profile.sizes.place_date:g}", line.place()


@rule("ten-loai-trich-yeu")
def title_and_summary(view: DocumentView, profile, catalog):
    title, summary = view.title, view.summary
    if title is None:
        yield "không có tên loại văn bản", "tên loại in hoa, đậm, căn giữa dưới tiêu đề", "thân văn bản"
        return
    where = Line(title, "thân văn bản", title.text.strip()).place()
    if title.text.strip() != title.text.strip().upper():
        yield "tên loại không in hoa", "in hoa", where
    yield from _bold_centred(view, title, "tên loại", 15, 16, where)
    if summary is None:
        return
    where = Line(summary, "thân văn bản", summary.text.strip()).place()
    yield from _bold_centred(view, summary, "trích yếu", 14, 15, where)
    if len(summary.text.split()) > 3 and summary.text.strip().isupper():
        yield "trích yếu in hoa toàn bộ", "viết thường (chữ đầu viết thường: 'về ...')", where


def _bold_centred(view: DocumentView, paragraph, name: str, low: float, high: float, where: str):
    """Yields what keeps `paragraph` from being bold, `low`-`high` pt and centred."""
    looks = view.looks(paragraph)
    if not all(l.bold for l in looks):
        yield f"{name} không in đậm", "in đậm", where
    sizes = {l.size for l in looks}
    if not all(s is not None and low <= s <= high for s in sizes):
        yield f"{name} cỡ {', '.join(sorted(_fmt(s) for s in sizes))}", f"cỡ {low:g}-{high:g}", where
    if paragraph.alignment != 1:
        yield f"{name} không căn giữa", "căn giữa", where


@rule("de-muc")
def headings(view: DocumentView, profile, catalog):
    expected_roman, expected_arabic = 1, 1
    for paragraph in view.text_paragraphs:
        text = paragraph.text.strip()
        where = Line(paragraph, "thân văn bản", text).place()
        roman = ROMAN.match(text)
        looks = view.looks(paragraph)
        bold = bool(looks) and all(l.bold for l in looks)
        if roman:
            value = _roman_value(roman.group(1))
            if value != expected_roman:
                yield f"đề mục số {roman.group(1)}", f"số La Mã tiếp theo là {_roman(expected_roman)}", where
            expected_roman, expected_arabic = value + 1, 1
            heading = text[roman.end():]
            if heading != heading.upper():
                yield "tên đề mục cấp 1 không in hoa", "in hoa", where
            if not bold:
                yield "đề mục cấp 1 không in đậm", "in đậm", where
            continue
        arabic = ARABIC.match(text)
        if arabic and bold:
            value = int(arabic.group(1))
            if value != expected_arabic:
                yield f"đề mục số {value}.", f"số tiếp theo là {expected_arabic}.", where
            expected_arabic = value + 1


def _roman(n: int) -> str:
    from docgen.rules.outline import roman

    return roman(n)


@rule("noi-dung")
def body(view: DocumentView, profile, catalog):
    size = profile.sizes.body
    for paragraph in view.text_paragraphs:
        text = paragraph.text.strip()
        if ROMAN.match(text) or len(text.split()) < 8:
            continue
        where = Line(paragraph, "thân văn bản", text).place()
        sizes = {l.size for l in view.looks(paragraph)}
        if not all(s is not None and size <= s <= size + 1 for s in sizes):
            yield f"cỡ chữ {', '.join(sorted(_fmt(s) for s in sizes))}", f"cỡ {size:g}-{size + 1:g}", where
        alignment = paragraph.alignment
        if alignment is None:
            style = paragraph.style
            while style is not None and alignment is None:
                alignment = style.paragraph_format.alignment
                style = style.base_style
        if alignment != 3:
            yield "không căn đều hai bên", "căn đều hai bên", where


@rule("chu-ky")
def signature(view: DocumentView, profile, catalog):
    allowed = tuple(profile.signature.authorities)
    cell = _issuer_cell(view, profile)
    star = next((i for i, l in enumerate(cell) if l.text == "*"), len(cell))
    issuer_line = cell[star - 1].text if star else ""
    committee = bool(COMMITTEE.match(issuer_line))
    advisory = issuer_line.startswith("BAN ") and not committee
    for line in view.authority_lines():
        form = line.text.split()[0]
        if form not in allowed:
            party = {"TM.": "T/M", "KT.": "K/T", "TL.": "T/L", "TUQ.": "T/U"}.get(form)
            yield (f"'{form}'", f"một trong {', '.join(allowed)}" + (f" ('{party}')" if party and "T/M" in allowed else ""),
                   line.place())
        elif committee and form == "K/T":
            yield "cấp ủy ký 'K/T'", "cấp ủy là tập thể: cấp phó cũng ký 'T/M'", line.place()
        elif advisory and form == "T/M":
            yield "cơ quan tham mưu ký 'T/M'", "người đứng đầu ký trực tiếp, cấp phó ký 'K/T'", line.place()


@rule("noi-nhan")
def recipients(view: DocumentView, profile, catalog):
    lines = view.recipients()
    rules = profile.recipients
    if not lines:
        yield "không có Nơi nhận", f"'{rules.label}' rồi mỗi nơi một dòng", "cuối văn bản"
        return
    label, items = lines[0], lines[1:]
    looks = view.looks(label.paragraph)
    if label.text != rules.label:
        yield f"'{label.text}'", f"'{rules.label}'", label.place()
    if rules.label_underlined and not all(l.underline for l in looks):
        yield "'Nơi nhận:' không gạch chân", "gạch chân", label.place()
    if rules.label_bold and not all(l.bold for l in looks):
        yield "'Nơi nhận:' không in đậm", "in đậm", label.place()
    if not items:
        yield "Nơi nhận không có dòng nào", "mỗi nơi một dòng bắt đầu bằng '- '", label.place()
        return
    for line in items[:-1]:
        if not line.text.startswith("- ") or not line.text.endswith(rules.item_end):
            yield f"'{line.text}'", f"'- ...{rules.item_end}'", line.place()
    last = items[-1]
    party_archive = rules.archive_prefix == "Lưu"
    if not last.text.startswith(f"- {rules.archive_prefix}") or not last.text.endswith(rules.archive_end):
        yield f"dòng cuối '{last.text}'", f"'- {rules.archive_prefix} ...{rules.archive_end}'", last.place()
    elif party_archive and last.text.startswith("- Lưu:"):
        yield f"'{last.text}' có dấu hai chấm sau 'Lưu'", "'- Lưu Văn phòng ...' (không dấu hai chấm)", last.place()


@rule("so-trang")
def page_numbers(view: DocumentView, profile, catalog):
    numbers = profile.page.page_numbers
    section = view.document.sections[0]
    part = section.header if numbers.position == "tren" else section.footer
    if "PAGE" not in " ".join(field_codes(part._element)):
        yield "không có số trang", "số trang (trường PAGE) ở giữa " + ("lề trên" if numbers.position == "tren" else "lề dưới"), "đầu trang"
        return
    paragraph = next((p for p in part.paragraphs if field_codes(p._p)), None)
    if paragraph is not None and paragraph.alignment != 1:
        yield "số trang không căn giữa", "căn giữa", "đầu trang"
    if not numbers.on_first_page:
        first = section.first_page_header if numbers.position == "tren" else section.first_page_footer
        if not has_title_page(section) or "PAGE" in " ".join(field_codes(first._element)):
            yield "trang 1 có số trang", "không đánh số trang 1 (trang đầu khác)", "đầu trang"


@rule("the-mau")
def leftover_tags(view: DocumentView, profile, catalog):
    for line in view.lines:
        match = WHOLE_TAG.search(line.text) or TAG.search(line.text)
        if match:
            yield f"còn thẻ mẫu '{match.group(0)}'", "không còn {{ }} hay {% %}", line.place()


@rule("trich-dan")
def citations(view: DocumentView, profile, catalog):
    if catalog is None or not catalog.entries:
        return
    from docgen.citations.docx_check import document_date, paragraph_findings

    when = document_date([l.text for l in view.lines])
    for line in view.lines:
        for finding in paragraph_findings(line.text, catalog, when):
            if finding.severity == "loi":
                yield finding.message, "trích dẫn đúng danh mục văn bản căn cứ", line.place()
