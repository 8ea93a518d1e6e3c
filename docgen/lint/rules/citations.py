"""trich-dan: every citation against the catalog, by the same check that `docgen check`
runs on a data file (`docgen.citations.check.check_printed`): a replaced document used as a
basis, a typed date or issuer that contradicts the catalog; its warnings (a symbol the catalog
lacks, a date in running text that differs) as warnings. ``cite --check`` runs the same check,
so the two say the same of one file."""
from __future__ import annotations

from collections.abc import Iterator

from docgen.citations.catalog import Catalog
from docgen.citations.check import check_paragraphs
from docgen.docx.view import DocumentView
from docgen.lint.violation import Violation
from docgen.rules.dates import date_in_words
from docgen.rules.profile import Profile

ID = "trich-dan"
TEMPLATE = False
EXAMPLES = {"dat": [{"doan": "Phát hiện, nhân rộng", "van_ban": "Sau 11 năm thực hiện Quyết định số 290-QĐ/TW ngày "
                                                             "25/02/2010 của Bộ Chính trị, công tác dân vận có nhiều chuyển biến."}],
            "sai": [{"doan": "Phát hiện, nhân rộng", "van_ban": "Tiếp tục thực hiện Quyết định số 290-QĐ/TW ngày 25/02/2010 "
                                                             "của Bộ Chính trị ban hành Quy chế công tác dân vận của hệ "
                                                             "thống chính trị."}]}


def check(view: DocumentView, profile: Profile, catalog: Catalog | None) -> Iterator[Violation]:
    if catalog is None or not catalog.has_entries():
        return
    when = next((d for d in (date_in_words(text) for _, text in view.places()) if d is not None), None)
    for finding in check_paragraphs(view.places(), catalog, when, own=view.own_symbol()):
        yield Violation(finding.message, "trích dẫn đúng danh mục văn bản căn cứ", finding.place,
                        None if finding.is_error else finding.severity)
