"""phong-chu: every run in the profile's font (Times New Roman, TCVN 6909:2001; HD 36, S5)."""
from __future__ import annotations

from collections.abc import Iterator

from docgen.docx.view import DocumentView
from docgen.lint.violation import Violation
from docgen.rules.profile import Profile

ID = "phong-chu"
TEMPLATE = True
EXAMPLES = {"dat": [{"doan": "Đánh giá đúng thực trạng", "phong": "Times New Roman"}],
            "sai": [{"doan": "Đánh giá đúng thực trạng", "phong": "Arial"}]}


def check(view: DocumentView, profile: Profile, catalog: object) -> Iterator[Violation]:
    for line in view.lines:
        other = sorted({look.font or "không rõ" for look in view.looks(line.paragraph)} - {profile.font})
        if other:
            yield Violation(f"phông {', '.join(other)}", profile.font, line.place())
