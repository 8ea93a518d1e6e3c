"""chu-ky: the authority forms of the profile (T/M, K/T, T/L with slashes), and who may sign
how, read with `docgen.rules.signature` — the module that checks a data file's signer (HD 36
§II.1.7, S3: a committee signs T/M even by a deputy; an advisory body's head signs directly)."""
from __future__ import annotations

from collections.abc import Iterator

from docgen.docx.view import DocumentView
from docgen.errors import WARNING
from docgen.lint.violation import Violation
from docgen.rules.profile import Profile
from docgen.rules.signature import issuer_kind_from_name, parse_authority_line, signature_problems

ID = "chu-ky"
TEMPLATE = False
EXAMPLES = {"dat": [{"doan": "K/T TRƯỞNG BAN", "van_ban": "K/T TRƯỞNG BAN"}],
            "sai": [{"doan": "K/T TRƯỞNG BAN", "van_ban": "KT. TRƯỞNG BAN"}]}


def check(view: DocumentView, profile: Profile, catalog: object) -> Iterator[Violation]:
    allowed = tuple(profile.signature.authorities)
    cell = view.issuer_cell(profile.title_line)
    star = next((i for i, line in enumerate(cell) if line.text == "*"), len(cell))
    issuer_kind = issuer_kind_from_name(cell[star - 1].text) if star else None
    for line in view.authority_lines():
        parsed = parse_authority_line(line.text)
        if parsed is None:
            continue
        form, principal = parsed
        for severity, _field, message in signature_problems(form, principal, issuer_kind, allowed):
            yield Violation(message, f"một trong {', '.join(allowed)}, đúng thẩm quyền ký", line.place(),
                            WARNING if severity == WARNING else None)
