"""tieu-de-dang: ĐẢNG CỘNG SẢN VIỆT NAM in the header, capitals, bold, 15 pt, with a line under
it (HD 36 §II.1.1, S1; Phụ lục 3, S4)."""
from __future__ import annotations

from collections.abc import Iterator

from docgen.docx.inspect import rule_below
from docgen.docx.view import DocumentView
from docgen.lint.violation import Violation, size_text
from docgen.rules.profile import Profile

ID = "tieu-de-dang"
TEMPLATE = True
EXAMPLES = {"dat": [{"doan": "ĐẢNG CỘNG SẢN", "co": 15}],
            "sai": [{"doan": "ĐẢNG CỘNG SẢN", "co": 13}, {"doan": "ĐẢNG CỘNG SẢN", "van_ban": "Đảng Cộng sản Việt Nam"}]}


def check(view: DocumentView, profile: Profile, catalog: object) -> Iterator[Violation]:
    line = view.party_title(profile.title_line)
    if line is None:
        yield Violation("không có dòng tiêu đề", f"'{profile.title_line}' ở ô phải của tiêu đề văn bản", "tiêu đề")
        return
    looks = view.looks(line.paragraph)
    size = profile.sizes.party_title
    if line.text != profile.title_line:
        yield Violation(f"'{line.text}'", f"'{profile.title_line}' in hoa", line.place())
    if not all(look.bold for look in looks):
        yield Violation("không in đậm", "in đậm", line.place())
    if not all(look.size == size for look in looks):
        yield Violation(f"cỡ {', '.join(sorted({size_text(look.size) for look in looks}))}", f"cỡ {size:g}", line.place())
    if not (all(look.underline for look in looks) or rule_below(line.paragraph)):
        yield Violation("không có đường kẻ dưới", "gạch chân hoặc đường kẻ liền dưới, dài bằng dòng tiêu đề", line.place())
