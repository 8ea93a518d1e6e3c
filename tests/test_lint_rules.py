"""Each lint rule's own examples (``EXAMPLES`` in its module), applied to docgen's rendered
Bình Phước plan: the rule passes every ``dat`` change and flags every ``sai`` change."""
from __future__ import annotations

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Mm, Pt

from docgen.core import Core, Settings
from docgen.docx.reader import open_document
from docgen.faces.cli import cli
from docgen.lint import lint_document
from docgen.lint.rules import RULES
from docgen.rules.profile import load_profile
from tests.conftest import CATALOGS, ROOT, paragraph_starting

PLAN = ROOT / "data" / "examples" / "ke-hoach-khao-sat-llvt-binh-phuoc-2022.yaml"
PROFILE = load_profile()
CATALOG = Core(Settings(catalogs=(CATALOGS,))).catalog(ROOT / "data")   # with the office's own documents
PAGE = {"rong_mm": "page_width", "cao_mm": "page_height", "le_trai_mm": "left_margin", "le_phai_mm": "right_margin",
        "le_tren_mm": "top_margin", "le_duoi_mm": "bottom_margin"}


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    out = tmp_path_factory.mktemp("quy-tac") / "ke-hoach.docx"
    assert CliRunner().invoke(cli, ["render", str(PLAN), "-o", str(out)]).exit_code == 0
    return out


def _apply(document, change: dict) -> None:
    """Applies one example change (see `docgen.lint.rules`) to a python-docx document."""
    for key, value in change.get("trang", {}).items():
        setattr(document.sections[0], PAGE[key], Mm(value))
    if change.get("trang_dau_co_so"):
        document.sections[0].different_first_page_header_footer = False
    if "doan" in change:
        paragraph = paragraph_starting(document, change["doan"])
        run = paragraph.runs[0]
        if "van_ban" in change:
            run.text = change["van_ban"]
            for other in paragraph.runs[1:]:
                other.text = ""
        if "phong" in change:
            run.font.name = change["phong"]
        if "co" in change:
            for each in paragraph.runs:
                each.font.size = Pt(change["co"])
        if "dam" in change:
            for each in paragraph.runs:
                each.font.bold = change["dam"]
        if "gach_chan" in change:
            for each in paragraph.runs:
                each.font.underline = change["gach_chan"]
        if "cach_truoc" in change:
            paragraph.paragraph_format.space_before = Pt(change["cach_truoc"])


def _cases():
    for rule_id, module in RULES.items():
        for verdict in ("dat", "sai"):
            for i, change in enumerate(module.EXAMPLES[verdict]):
                yield pytest.param(rule_id, verdict, change, id=f"{rule_id}-{verdict}-{i}")


def test_every_rule_has_a_passing_and_a_failing_example():
    assert all(module.EXAMPLES["dat"] and module.EXAMPLES["sai"] for module in RULES.values())


@pytest.mark.parametrize("rule_id, verdict, change", list(_cases()))
def test_rule_examples(rule_id, verdict, change, plan, tmp_path):
    document = docx.Document(str(plan))
    _apply(document, change)
    changed = tmp_path / "x.docx"
    document.save(str(changed))
    findings = [f for f in lint_document(open_document(changed), PROFILE, CATALOG) if f.rule == rule_id]
    if verdict == "dat":
        assert findings == [], [str(f) for f in findings]
    else:
        assert findings, f"{rule_id} did not flag {change}"
