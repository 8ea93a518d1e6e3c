"""so-ky-hieu: the number line exactly as `docgen.rules.symbols.number_line` writes it
(``Số 07-KH/BDVTU``: no colon, numbers below 10 as 01-09, no spaces; HD 36 §II.1.3, S2, S4)."""
from __future__ import annotations

from collections.abc import Iterator

from docgen.docx.view import DocumentView
from docgen.lint.violation import Violation
from docgen.rules.profile import Profile
from docgen.rules.symbols import PARTY, number_line, parse_number_line

ID = "so-ky-hieu"
TEMPLATE = False
EXAMPLES = {"dat": [{"doan": "Số 66", "van_ban": "Số 07-KH/BDVTU"}, {"doan": "Số 66", "van_ban": "Số       -KH/BDVTU"}],
            "sai": [{"doan": "Số 66", "van_ban": "Số: 66-KH/BDVTU"}, {"doan": "Số 66", "van_ban": "Số 7-KH/BDVTU"},
                    {"doan": "Số 66", "van_ban": "Số 66 - KH/BDVTU"}]}


def check(view: DocumentView, profile: Profile, catalog: object) -> Iterator[Violation]:
    line = view.number_line()
    if line is None:
        yield Violation("không có số và ký hiệu", "dòng 'Số ...' dưới tên cơ quan", "tiêu đề")
        return
    system = profile.number_form.system
    example = number_line(7, "KH", ["BDVTU"]) if system == PARTY else number_line(12, "QĐ", ["UBND"], system)
    parsed = parse_number_line(line.text, system)
    if system == PARTY and line.text.startswith("Số:"):
        yield Violation(f"'{line.text}' có dấu hai chấm", f"không có dấu hai chấm: '{example}'", line.place())
    elif parsed is None:
        yield Violation(f"'{line.text}'", f"dạng '{example}' (số dưới 10 viết 01-09, không có dấu cách)", line.place())
    elif not parsed.canonical:
        wanted = number_line(parsed.number, parsed.kind, parsed.issuers, system)
        yield Violation(f"'{line.text}'", f"'{wanted}' (số dưới 10 viết 01-09, không có dấu cách)", line.place())
