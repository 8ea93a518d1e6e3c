"""dia-danh-ngay: the place-date line exactly as `docgen.rules.dates.place_date_line` writes it
(day below 10 and months 1, 2 with a leading zero), italic, in the profile's size (HD 36
Phụ lục 3, S4)."""
from __future__ import annotations

from collections.abc import Iterator

from docgen.docx.view import DocumentView
from docgen.lint.violation import Violation, size_text
from docgen.rules.dates import parse_place_date_line, place_date_line
from docgen.rules.profile import Profile

ID = "dia-danh-ngay"
TEMPLATE = False
EXAMPLES = {"dat": [{"doan": "Đồng Xoài", "van_ban": "Đồng Xoài, ngày 06 tháng 5 năm 2022"}],
            "sai": [{"doan": "Đồng Xoài", "van_ban": "Đồng Xoài, ngày 6 tháng 5 năm 2022"},
                    {"doan": "Đồng Xoài", "van_ban": "Đồng Xoài, ngày 30 tháng 02 năm 2022"}]}
FORM = "'Địa danh, ngày dd tháng m năm yyyy'"


def check(view: DocumentView, profile: Profile, catalog: object) -> Iterator[Violation]:
    line = view.place_date_line()
    if line is None:
        yield Violation("không có dòng địa danh, ngày tháng", f"{FORM} dưới tiêu đề", "tiêu đề")
        return
    parsed = parse_place_date_line(line.text)
    if parsed is None:
        yield Violation(f"'{line.text}'", FORM, line.place())
    elif parsed.date is None:
        yield Violation(f"ngày không có thật '{line.text}'", "một ngày có thật", line.place())
    elif not parsed.canonical:
        yield Violation(f"'{line.text}'", f"'{place_date_line(parsed.place, parsed.date)}' (ngày dưới 10 và tháng 1, 2 "
                                          "thêm số 0; tháng 3-12 không thêm)", line.place())
    looks = view.looks(line.paragraph)
    if not all(look.italic for look in looks):
        yield Violation("không in nghiêng", "in nghiêng", line.place())
    if not all(look.size == profile.sizes.place_date for look in looks):
        yield Violation(f"cỡ {', '.join(sorted({size_text(look.size) for look in looks}))}",
                        f"cỡ {profile.sizes.place_date:g}", line.place())
