"""de-muc: level-1 headings numbered as the profile writes them (I., II., ...) in sequence, in
capitals and bold; bold level-2 headings (1., 2., ...) in sequence under each (conventions
S12, S13, S15). Numbers are read with `docgen.rules.outline.parse_heading_number`."""
from __future__ import annotations

from collections.abc import Iterator

from docgen.docx.view import DocumentView
from docgen.lint.violation import Violation
from docgen.rules.outline import heading_number, parse_heading_number
from docgen.rules.profile import Profile

ID = "de-muc"
TEMPLATE = False
EXAMPLES = {"dat": [{"doan": "II. NỘI DUNG", "van_ban": "II. NỘI DUNG, ĐỐI TƯỢNG, HÌNH THỨC KHẢO SÁT"}],
            "sai": [{"doan": "II. NỘI DUNG", "van_ban": "IV. NỘI DUNG, ĐỐI TƯỢNG, HÌNH THỨC KHẢO SÁT"},
                    {"doan": "II. NỘI DUNG", "van_ban": "II. Nội dung, đối tượng, hình thức khảo sát"}]}


def check(view: DocumentView, profile: Profile, catalog: object) -> Iterator[Violation]:
    first, second = profile.numbering.level_1, profile.numbering.level_2
    expected_first, expected_second = 1, 1
    for paragraph in view.text_paragraphs:
        text = view.text(paragraph)
        top = parse_heading_number(first, text)
        sub = parse_heading_number(second, text) if top is None else None
        if top is None and sub is None:
            continue
        where = view.paragraph_line(paragraph).place()
        looks = view.looks(paragraph)
        bold = bool(looks) and all(look.bold for look in looks)
        if top is not None:
            if top.value != expected_first:
                yield Violation(f"đề mục số {text.split()[0].rstrip('.-')}",
                                f"số tiếp theo là {heading_number(first, (expected_first,))}", where)
            expected_first, expected_second = top.value + 1, 1
            if top.text != top.text.upper():
                yield Violation("tên đề mục cấp 1 không in hoa", "in hoa", where)
            if not bold:
                yield Violation("đề mục cấp 1 không in đậm", "in đậm", where)
            continue
        if sub is not None and bold:
            if sub.value != expected_second:
                yield Violation(f"đề mục số {heading_number(second, (sub.value,))}",
                                f"số tiếp theo là {heading_number(second, (expected_second,))}", where)
            expected_second = sub.value + 1
