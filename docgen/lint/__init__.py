"""``docgen lint``: any Word document — docgen's or typed by hand — against the presentation
rules of a profile, each violation reported with the rule, what was found, what the rule
requires, and where.

Each rule is a module in `docgen.lint.rules` with its `ID`, its `check` and its `EXAMPLES`
(a passing and a failing case, the yamllint way); the registry is the explicit
`docgen.lint.rules.RULES`. Rules read a document through `docgen.docx.view` and decide with
the rules modules that write the same forms (`docgen.rules.*`), so check, render and lint
cannot disagree. Severities and sources are profile data (``quy_tac``). Findings are values.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from docgen.errors import ERROR, WARNING, Finding

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from docgen.citations.catalog import Catalog
    from docgen.rules.profile import Profile


def lint_document(document: DocxDocument, profile: Profile, catalog: Catalog | None = None,
                  template: bool = False, file: str | None = None) -> list[Finding]:
    """Returns the findings of the python-docx `document` against `profile` (and the citation
    catalog, when given); with `template`, only the rules that apply to a template (page,
    fonts, the fixed title line, page numbers). `file` names the file in the findings."""
    from docgen.docx.view import DocumentView
    from docgen.lint.rules import RULES

    view = DocumentView(document)
    findings: list[Finding] = []
    for rule_id, rule in RULES.items():
        if template and not rule.TEMPLATE:
            continue
        setting = profile.rules.get(rule_id)
        severity = setting.severity if setting else ERROR
        if severity == "tat":
            continue
        for found in rule.check(view, profile, catalog):
            milder = WARNING if WARNING in (severity, found.severity) else ERROR
            findings.append(Finding(found.message, file, severity=milder, rule=rule_id, place=found.place,
                                    expected=found.expected, source=setting.source if setting else ""))
    return findings
