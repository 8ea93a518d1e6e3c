"""loai-va-ky-hieu: the kind code in the number matches the title (KẾ HOẠCH → KH; HD 36 §II.1.3)."""
from __future__ import annotations

from collections.abc import Iterator

from docgen.docx.view import DocumentView
from docgen.lint.violation import Violation
from docgen.rules.kinds import kind_of_title
from docgen.rules.profile import Profile
from docgen.rules.symbols import parse_number_line

ID = "loai-va-ky-hieu"
TEMPLATE = False
EXAMPLES = {"dat": [{"doan": "Số 66", "van_ban": "Số 66-KH/BDVTU"}], "sai": [{"doan": "Số 66", "van_ban": "Số 66-BC/BDVTU"}]}


def check(view: DocumentView, profile: Profile, catalog: object) -> Iterator[Violation]:
    line, title = view.number_line(), view.title
    if line is None or title is None:
        return
    kind = kind_of_title(title.text)
    parsed = parse_number_line(line.text, profile.number_form.system)
    if kind is None or parsed is None:
        return
    wanted = profile.kind_codes.get(kind.slug)
    if wanted and parsed.kind != wanted:
        yield Violation(f"ký hiệu loại '{parsed.kind}' với tên loại {kind.title}", f"'{wanted}'", line.place())
