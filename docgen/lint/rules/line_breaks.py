"""ngat-dong: no line may end inside a số và ký hiệu or a phrase (issue: pages a văn thư signs
without touching). A symbol's hyphens must be non-breaking (Word's ``w:noBreakHyphen``, typed
with Ctrl+Shift+-), or Word may end a line at "53-" and start the next with "KH/TU"; a line
break placed in a header or signature line must not split a phrase ("BỘ ĐỘI BIÊN / PHÒNG").
The symbols are found by `docgen.rules.symbols`, the phrases are those of
`docgen.rules.lines`, which docgen uses to place its own breaks."""
from __future__ import annotations

from collections.abc import Iterator

from docgen.docx.inspect import printed_text
from docgen.docx.view import DocumentView
from docgen.lint.violation import Violation
from docgen.rules.lines import BREAK, broken_phrases
from docgen.rules.profile import Profile
from docgen.rules.symbols import find_symbols

ID = "ngat-dong"
TEMPLATE = False
EXAMPLES = {"dat": [{"doan": "Đánh giá đúng thực trạng", "van_ban": "Đánh giá đúng thực trạng công tác dân vận."}],
            "sai": [{"doan": "Đánh giá đúng thực trạng", "van_ban": "Thực hiện Kế hoạch số 53-KH/TU của Tỉnh ủy."},
                    {"doan": "BAN DÂN VẬN", "van_ban": "BAN DÂN\nVẬN"}]}


def check(view: DocumentView, profile: Profile, catalog: object) -> Iterator[Violation]:
    for line in view.lines:
        printed = printed_text(line.paragraph)
        loose = [f.written for f in find_symbols(printed.replace(BREAK, " ")) if "-" in f.written]
        if loose:
            yield Violation(f"gạch nối ngắt dòng được trong {', '.join(dict.fromkeys(loose))}",
                            "gạch nối không ngắt (Ctrl+Shift+-) trong số và ký hiệu, để không xuống dòng giữa ký hiệu",
                            line.place())
        if BREAK in printed and (line.where == "tiêu đề" or line.text.isupper()):   # header, signature titles
            split = broken_phrases([" ".join(part.split()) for part in printed.split(BREAK)])
            if split:
                yield Violation(f"xuống dòng giữa cụm từ: {', '.join(p.upper() for p in split)}",
                                "xuống dòng giữa các cụm từ, không ngắt trong một cụm", line.place())

