"""The office's own documents are known to citations however they are read: the index is
listed only when a citation is not in the catalogs (`Catalog.adding_later`), and once per
process in a build (`Core.reading_once`); a plan several reports report on is read once
(`load_linked`) and again when it changes."""
from __future__ import annotations

import json
import shutil

from docgen.core import Core
from tests.conftest import CATALOGS, ORGANISATIONS


def _office(tmp_path, plan_data):
    data = tmp_path / "data"
    (data / "ke-hoach").mkdir(parents=True)
    shutil.copy(ORGANISATIONS, data / "to-chuc.yaml")
    shutil.copytree(CATALOGS, data / "danh-muc")
    plan_data = dict(plan_data, so=5)   # a number the catalogs do not know (66-KH/BDVTU is there)
    plan = data / "ke-hoach" / "ke-hoach.json"
    plan.write_text(json.dumps(plan_data, ensure_ascii=False), encoding="utf-8")
    symbol = Core().check(plan).symbol
    citing = dict(plan_data, so=plan_data["so"] + 1)
    citing["noi_dung"][0]["noi_dung"][0]["noi_dung"][0] = f"Tiếp tục thực hiện [[{symbol}]] ở cơ sở."
    other = data / "ke-hoach" / "ke-hoach-sau.json"
    other.write_text(json.dumps(citing, ensure_ascii=False), encoding="utf-8")
    return data, plan, other, symbol


def test_a_citation_of_the_offices_own_document_is_known_and_printed(tmp_path, plan_data, run_cli):
    data, plan, other, symbol = _office(tmp_path, plan_data)
    doc = Core().check(other)
    assert doc.catalog.get(symbol) is not None
    assert not [w for w in doc.warnings if symbol in w.message]
    plan.unlink()   # no longer an office document: the same citation is now unknown
    result = run_cli("check", other)
    assert result.exit_code != 0 and symbol in result.output and "không có trong danh mục" in result.output


def test_a_build_knows_the_offices_documents_and_makes_every_file(tmp_path, plan_data, run_cli):
    data, _plan, _other, _symbol = _office(tmp_path, plan_data)
    for workers in ("1", "2"):
        out = tmp_path / f"ra-{workers}"
        result = run_cli("build", data, "-o", out, "-j", workers, "--tao-lai")
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in (out / "ke-hoach").glob("*.docx")) == ["ke-hoach-sau.docx", "ke-hoach.docx"]


def test_the_plan_a_report_reports_on_is_read_again_when_it_changes(tmp_path):
    from tests.conftest import ROOT

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    report = data / "examples" / "bao-cao-so-ket-ninh-binh-2019.yaml"
    plan = data / "examples" / "ke-hoach-phoi-hop-vdqc-ninh-binh-2019.yaml"
    first = Core().check(report).facts.linked
    again = Core().check(report).facts.linked
    assert again is not first and again.model == first.model   # a copy of the one reading
    text = plan.read_text(encoding="utf-8")
    summary = first.model.summary
    plan.write_text(text.replace(summary, summary + " (sửa)", 1), encoding="utf-8")
    assert Core().check(report).facts.linked.model.summary == summary + " (sửa)"
