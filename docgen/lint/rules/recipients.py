"""noi-nhan: "Nơi nhận:" as the profile writes it, then each line exactly as
`docgen.rules.signature.recipient_line` writes it (``- ...,``) and the last one as
`archive_line` does (``- Lưu Văn phòng Ban.``, no colon in Party documents)."""
from __future__ import annotations

from collections.abc import Iterator

from docgen.docx.view import DocumentView
from docgen.lint.violation import Violation
from docgen.rules.profile import Profile
from docgen.rules.signature import archive_line, recipient_line

ID = "noi-nhan"
TEMPLATE = False
EXAMPLES = {"dat": [{"doan": "- Công an tỉnh", "van_ban": "- Công an tỉnh,"}],
            "sai": [{"doan": "- Công an tỉnh", "van_ban": "- Công an tỉnh;"},
                    {"doan": "- Lưu", "van_ban": "- Lưu: Văn phòng Ban."}]}


def check(view: DocumentView, profile: Profile, catalog: object) -> Iterator[Violation]:
    lines = view.recipients()
    rules = profile.recipients
    if not lines:
        yield Violation("không có Nơi nhận", f"'{rules.label}' rồi mỗi nơi một dòng", "cuối văn bản")
        return
    label, items = lines[0], lines[1:]
    looks = view.looks(label.paragraph)
    if label.text != rules.label:
        yield Violation(f"'{label.text}'", f"'{rules.label}'", label.place())
    if rules.label_underlined and not all(look.underline for look in looks):
        yield Violation("'Nơi nhận:' không gạch chân", "gạch chân", label.place())
    if rules.label_bold and not all(look.bold for look in looks):
        yield Violation("'Nơi nhận:' không in đậm", "in đậm", label.place())
    if not items:
        yield Violation("Nơi nhận không có dòng nào", "mỗi nơi một dòng bắt đầu bằng '- '", label.place())
        return
    for line in items[:-1]:
        wanted = recipient_line(line.text, None, rules.item_end)
        if line.text != wanted:
            yield Violation(f"'{line.text}'", f"'{wanted}'", line.place())
    last = items[-1]
    wanted = archive_line(last.text, rules.archive_prefix, rules.archive_end)
    if last.text != wanted:
        yield Violation(f"dòng cuối '{last.text}'", f"'{wanted}'", last.place())
