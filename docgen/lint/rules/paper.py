"""kho-giay: every section is A4 portrait (HD 36, S5)."""
from __future__ import annotations

from collections.abc import Iterator

from docgen.docx.inspect import margins_mm
from docgen.docx.view import DocumentView
from docgen.lint.violation import Violation
from docgen.rules.profile import Profile

ID = "kho-giay"
TEMPLATE = True
TOLERANCE_MM = 1.0
EXAMPLES = {"dat": [{"trang": {"rong_mm": 210}}], "sai": [{"trang": {"rong_mm": 216}}]}


def check(view: DocumentView, profile: Profile, catalog: object) -> Iterator[Violation]:
    page = profile.page
    for n, section in enumerate(view.document.sections, 1):
        m = margins_mm(section)
        if abs(m["rong"] - page.width_mm) > TOLERANCE_MM or abs(m["cao"] - page.height_mm) > TOLERANCE_MM:
            yield Violation(f"khổ giấy {m['rong']:g} × {m['cao']:g} mm",
                            f"A4 đứng {page.width_mm:g} × {page.height_mm:g} mm", f"phần (section) {n}")
