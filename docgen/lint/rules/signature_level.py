"""chu-ky-ngang: the signature block starts level with "Nơi nhận:" beside it (HD 36 Phụ lục 3,
S4: ô 7 and ô 9 in one band), whatever its first line is (quyền hạn, or the position when the
head signs directly)."""
from __future__ import annotations

from collections.abc import Iterator

from docgen.docx.inspect import space_before_pt
from docgen.docx.view import DocumentView
from docgen.lint.violation import Violation
from docgen.rules.profile import Profile

ID = "chu-ky-ngang"
TEMPLATE = False
EXAMPLES = {"dat": [{"doan": "Nơi nhận", "cach_truoc": 12}],
            "sai": [{"doan": "Nơi nhận", "cach_truoc": 0}]}
TOLERANCE_PT = 1.0


def check(view: DocumentView, profile: Profile, catalog: object) -> Iterator[Violation]:
    first = view.signature_beside_recipients()
    if first is None:
        return
    label = view.recipients()[0]
    recipients_at, signature_at = space_before_pt(label.paragraph), space_before_pt(first)
    if abs(recipients_at - signature_at) > TOLERANCE_PT:
        yield Violation(f"chữ ký cách trên {signature_at:g} pt, 'Nơi nhận:' cách trên {recipients_at:g} pt",
                        "dòng đầu của chữ ký ngang hàng với 'Nơi nhận:'", label.place())
