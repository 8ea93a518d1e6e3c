"""le-trang: the margins of the profile (20/20/30/15 mm by custom)."""
from __future__ import annotations

from collections.abc import Iterator

from docgen.docx.inspect import margins_mm
from docgen.docx.view import DocumentView
from docgen.lint.rules.paper import TOLERANCE_MM
from docgen.lint.violation import Violation
from docgen.rules.profile import Profile

ID = "le-trang"
TEMPLATE = True
EXAMPLES = {"dat": [{"trang": {"le_trai_mm": 30}}], "sai": [{"trang": {"le_trai_mm": 25}}]}
_NAMES = {"tren": "trên", "duoi": "dưới", "trai": "trái", "phai": "phải"}


def check(view: DocumentView, profile: Profile, catalog: object) -> Iterator[Violation]:
    page = profile.page
    wanted = {"tren": page.top_mm, "duoi": page.bottom_mm, "trai": page.left_mm, "phai": page.right_mm}
    for n, section in enumerate(view.document.sections, 1):
        m = margins_mm(section)
        wrong = [f"{_NAMES[k]} {m[k]:g}" for k, v in wanted.items() if abs(m[k] - v) > TOLERANCE_MM]
        if wrong:
            yield Violation(f"lề {', '.join(wrong)} mm",
                            "lề " + ", ".join(f"{_NAMES[k]} {v:g}" for k, v in wanted.items()) + " mm",
                            f"phần (section) {n}")
