"""noi-dung: body paragraphs in the profile's size range (14-15 pt) and justified (HD 36
Phụ lục 3, S4). Short lines and headings are left alone."""
from __future__ import annotations

from collections.abc import Iterator

from docx.enum.text import WD_ALIGN_PARAGRAPH

from docgen.docx.view import DocumentView
from docgen.lint.violation import Violation, size_text
from docgen.rules.outline import parse_heading_number
from docgen.rules.profile import Profile

ID = "noi-dung"
TEMPLATE = False
EXAMPLES = {"dat": [{"doan": "Đánh giá đúng thực trạng", "co": 14}],
            "sai": [{"doan": "Đánh giá đúng thực trạng", "co": 12}]}
SHORT = 8   # words: a line shorter than this is a label, not a paragraph


def check(view: DocumentView, profile: Profile, catalog: object) -> Iterator[Violation]:
    low, high = profile.size_ranges.body
    forms = (profile.numbering.level_2, profile.numbering.level_3)
    for paragraph in view.text_paragraphs:
        text = view.text(paragraph)
        if parse_heading_number(profile.numbering.level_1, text) or len(text.split()) < SHORT:
            continue
        looks = view.looks(paragraph)
        if any(parse_heading_number(form, text) for form in forms) and looks and \
                (all(look.bold for look in looks) or all(look.italic for look in looks)):
            continue   # a heading: aligned left so that a two-line heading is not stretched
        where = view.paragraph_line(paragraph).place()
        sizes = {look.size for look in looks}
        if not all(s is not None and low <= s <= high for s in sizes):
            yield Violation(f"cỡ chữ {', '.join(sorted(size_text(s) for s in sizes))}", f"cỡ {low:g}-{high:g}", where)
        if view.alignment(paragraph) != WD_ALIGN_PARAGRAPH.JUSTIFY:
            yield Violation("không căn đều hai bên", "căn đều hai bên", where)
