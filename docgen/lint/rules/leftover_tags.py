"""the-mau: no template tag left in the text ({{ }}, {% %})."""
from __future__ import annotations

import re
from collections.abc import Iterator

from docgen.docx.view import DocumentView
from docgen.lint.violation import Violation
from docgen.rules.profile import Profile

ID = "the-mau"
TEMPLATE = False
EXAMPLES = {"dat": [{"doan": "Đánh giá đúng thực trạng", "van_ban": "Đánh giá đúng thực trạng {nhóm} 100%."}],
            "sai": [{"doan": "Đánh giá đúng thực trạng", "van_ban": "Đánh giá đúng thực trạng {{ con_sot }}"}]}
_TAG = re.compile(r"\{\{|\{%|%\}|\}\}")
_WHOLE_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def check(view: DocumentView, profile: Profile, catalog: object) -> Iterator[Violation]:
    for line in view.lines:
        match = _WHOLE_TAG.search(line.text) or _TAG.search(line.text)
        if match:
            yield Violation(f"còn thẻ mẫu '{match.group(0)}'", "không còn {{ }} hay {% %}", line.place())
