"""duong-ke: the line under ĐẢNG CỘNG SẢN VIỆT NAM is a line of its own, as long as the title
(a border under it or under an empty paragraph right after it), not underlined text: at print
resolution an underline runs into the dots under Ặ, Ộ, Ệ (HD 36 Phụ lục 3, S4: "gạch dưới"
means a line under the heading). Whether there is a line at all is `tieu-de-dang`'s check."""
from __future__ import annotations

from collections.abc import Iterator

from docgen.docx.view import DocumentView
from docgen.lint.violation import Violation
from docgen.rules.profile import Profile

ID = "duong-ke"
TEMPLATE = True
EXAMPLES = {"dat": [{"doan": "ĐẢNG CỘNG SẢN", "co": 15}],
            "sai": [{"doan": "ĐẢNG CỘNG SẢN", "gach_chan": True}]}


def check(view: DocumentView, profile: Profile, catalog: object) -> Iterator[Violation]:
    line = view.party_title(profile.title_line)
    if line is None:
        return
    looks = view.looks(line.paragraph)
    if looks and all(look.underline for look in looks):
        yield Violation("gạch chân chữ làm đường kẻ (chạm dấu dưới Ặ, Ộ, Ệ khi in)",
                        "đường kẻ riêng dưới dòng (đường viền đoạn), dài bằng dòng tiêu đề", line.place())
