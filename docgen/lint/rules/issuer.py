"""co-quan-ban-hanh: the issuer's name in capitals, bold, the upper body not bold, a ``*``
under it (HD 36 Phụ lục 3, S4; S9)."""
from __future__ import annotations

from collections.abc import Iterator

from docgen.docx.view import DocumentView
from docgen.lint.violation import Violation
from docgen.rules.profile import Profile
from docgen.rules.signature import issuer_kind_from_name
from docgen.rules.symbols import PARTY

ID = "co-quan-ban-hanh"
TEMPLATE = False
EXAMPLES = {"dat": [{"doan": "BAN DÂN VẬN", "dam": True}], "sai": [{"doan": "BAN DÂN VẬN", "dam": False}]}


def check(view: DocumentView, profile: Profile, catalog: object) -> Iterator[Violation]:
    cell = view.issuer_cell(profile.title_line)
    star = next((i for i, line in enumerate(cell) if line.text == "*"), None)
    number = next((i for i, line in enumerate(cell) if line.text.startswith("Số")), len(cell))
    if profile.number_form.system == PARTY and star is None:
        yield Violation("không có dấu *", "dấu * dưới tên cơ quan ban hành", "tiêu đề")
    names = cell[:star if star is not None else number]
    if not names:
        yield Violation("không có tên cơ quan ban hành", "tên cơ quan ban hành ở ô trái tiêu đề", "tiêu đề")
        return
    for line in names:
        if line.text != line.text.upper():
            yield Violation(f"'{line.text}' không in hoa", "tên cơ quan in hoa", line.place())
    last = names[-1]
    if not all(look.bold for look in view.looks(last.paragraph)):
        yield Violation("tên cơ quan ban hành không in đậm", "in đậm", last.place())
    upper = names[0]
    if len(names) > 1 and issuer_kind_from_name(upper.text) == "cap-uy" and \
            any(look.bold for look in view.looks(upper.paragraph)):
        yield Violation("dòng cơ quan cấp trên in đậm", "cơ quan cấp trên không in đậm", upper.place())
