"""so-trang: a PAGE field centred in the header (or footer, by the profile), none on page 1
(custom, unconfirmed; profile ``trang.so_trang``)."""
from __future__ import annotations

from collections.abc import Iterator

from docx.enum.text import WD_ALIGN_PARAGRAPH

from docgen.docx.inspect import field_paragraph, has_field, has_title_page
from docgen.docx.view import DocumentView
from docgen.lint.violation import Violation
from docgen.rules.profile import Profile

ID = "so-trang"
TEMPLATE = True
EXAMPLES = {"dat": [{"trang": {"rong_mm": 210}}], "sai": [{"trang_dau_co_so": True}]}


def check(view: DocumentView, profile: Profile, catalog: object) -> Iterator[Violation]:
    numbers = profile.page.page_numbers
    section = view.document.sections[0]
    top = numbers.position == "tren"
    part = section.header if top else section.footer
    if not has_field(part, "PAGE"):
        yield Violation("không có số trang", "số trang (trường PAGE) ở giữa " + ("lề trên" if top else "lề dưới"), "đầu trang")
        return
    paragraph = field_paragraph(part, "PAGE")
    if paragraph is not None and paragraph.alignment != WD_ALIGN_PARAGRAPH.CENTER:
        yield Violation("số trang không căn giữa", "căn giữa", "đầu trang")
    if not numbers.on_first_page:
        first = section.first_page_header if top else section.first_page_footer
        if not has_title_page(section) or has_field(first, "PAGE"):
            yield Violation("trang 1 có số trang", "không đánh số trang 1 (trang đầu khác)", "đầu trang")
