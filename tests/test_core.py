"""One core for every face: docgen's own outputs lint clean through the same core that made
them; a Word file's verdict does not depend on the folder the command runs in; a hostile Word
file gets the same clear refusal from every command and from the service; check, render and
lint agree about a historical mention."""
from __future__ import annotations

import json
import shutil
import zipfile

import docx
import pytest

from docgen.core import Core, Settings
from docgen.errors import DataError
from tests.conftest import CATALOGS, EXAMPLES, ORGANISATIONS, ROOT, load_yaml

CORE = Core(Settings(ORGANISATIONS, (CATALOGS,), data_dir=ROOT / "data"))
PROFILE = CORE.profile(None)
REPORT = ROOT / "data" / "examples" / "bao-cao-so-ket-ninh-binh-2019.yaml"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_made_by_the_core_lints_clean_through_it(path, tmp_path):
    doc, data, written = CORE.make_file(path, tmp_path / "van-ban.docx")
    assert written == [tmp_path / "van-ban.docx"] and data == written[0].read_bytes()
    assert [str(f) for f in CORE.lint(written[0], written[0].name, PROFILE)] == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_lint_and_cite_check_say_the_same_of_a_word_file_with_or_without_the_office_catalog(path, tmp_path):
    """Moved out of the office (only the bundled catalog applies), a document's citations get
    the same findings — errors and warnings — from lint's trich-dan rule and from cite --check."""
    _doc, _data, (out,) = CORE.make_file(path, tmp_path / "van-ban.docx")
    for core in (CORE, Core(Settings(ORGANISATIONS, ()))):
        linted = sorted((f.severity, f.message) for f in core.lint(out, out.name, PROFILE) if f.rule == "trich-dan")
        _when, cited = core.check_citations(out, out.name)
        assert linted == sorted((f.severity, f.message) for f in cited)


def _office_with_a_replaced_basis(tmp_path):
    """An office folder with its catalog, and a Word file under it citing 290-QĐ/TW as a basis in 2024."""
    office = tmp_path / "van-phong"
    shutil.copytree(CATALOGS, office / "danh-muc")
    (office / "ban-hanh").mkdir()
    path = office / "ban-hanh" / "ke-hoach.docx"
    document = docx.Document()
    for text in ("Đồng Xoài, ngày 15 tháng 3 năm 2024", "KẾ HOẠCH", "tổ chức Tháng Dân vận",
                 "Căn cứ Quyết định số 290-QĐ/TW ngày 25/02/2010 của Bộ Chính trị ban hành Quy chế công tác dân vận "
                 "của hệ thống chính trị, Ban Dân vận ban hành Kế hoạch như sau:"):
        document.add_paragraph(text)
    document.save(str(path))
    return office, path


def test_the_same_file_gets_the_same_findings_from_any_folder(tmp_path, run_cli, monkeypatch):
    office, path = _office_with_a_replaced_basis(tmp_path)
    outputs = []
    for folder, name in ((office, "ban-hanh/ke-hoach.docx"), (tmp_path, str(path)), (ROOT, str(path))):
        monkeypatch.chdir(folder)
        result = run_cli("lint", name, "--json")
        outputs.append([(f["quy_tac"], f["thong_bao"]) for f in json.loads(result.output)[name]])
    assert outputs[0] == outputs[1] == outputs[2]
    assert any(rule == "trich-dan" and "290-QĐ/TW đã được thay thế" in message for rule, message in outputs[0])


def _hostile(tmp_path):
    files = {}
    files["khong-phai-zip.docx"] = b"%PDF-1.7 not a word file"
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (20 << 20))
    files["bom.docx"] = bomb.read_bytes()
    entities = tmp_path / "xxe.docx"
    with zipfile.ZipFile(entities, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                                        "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")
    files["xxe.docx"] = entities.read_bytes()
    return files


@pytest.mark.parametrize("name", ["khong-phai-zip.docx", "bom.docx", "xxe.docx"])
def test_a_hostile_word_file_gets_the_same_refusal_everywhere(name, tmp_path, run_cli, server):
    data = _hostile(tmp_path)[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DataError) as refused:
        CORE.lint(path, name, PROFILE)
    message = refused.value.problems[0].message
    assert message.startswith(name) and "Traceback" not in message
    for args in (("lint", path), ("cite", "--check", path, "--danh-muc", CATALOGS), ("diff", path, path)):
        result = run_cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output, (args, result.output)
    client, _ = server
    answer = client.post("/api/lint", files={"tep": (name, data, "application/octet-stream")})
    assert answer.status_code == 422
    assert [p["thong_bao"] for p in answer.json()["loi"]] == [message]


def _report_with(tmp_path, sentence: str):
    data = load_yaml(REPORT)
    data["ket_qua"][0]["noi_dung"].insert(0, sentence)
    data["ngay"] = "15/03/2023"
    shutil.copy(REPORT.parent / data["bao_cao_ve"]["tep"], tmp_path)   # a report names its plan in its own folder
    path = tmp_path / "bao-cao.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_historical_mention_passes_check_render_and_lint_alike(tmp_path, run_cli):
    path = _report_with(tmp_path, "Sau 11 năm thực hiện [[290-QĐ/TW|lich_su]], công tác dân vận có nhiều chuyển biến.")
    out = tmp_path / "bao-cao.docx"
    result = run_cli("render", path, "-o", out, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)
    assert result.exit_code == 0 and "290" not in result.output, result.output
    assert "Sau 11 năm thực hiện Quyết định số 290-QĐ/TW" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert [str(f) for f in CORE.lint(out, out.name, PROFILE)] == []


def test_a_mention_marked_historical_that_reads_as_a_basis_is_said_by_both(tmp_path, run_cli):
    path = _report_with(tmp_path, "Tiếp tục thực hiện [[290-QĐ/TW|lich_su]] trong toàn hệ thống chính trị.")
    out = tmp_path / "bao-cao.docx"
    result = run_cli("render", path, "-o", out, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)
    assert result.exit_code == 0 and "cảnh báo" in result.output and "lint và cite --check sẽ báo lỗi" in result.output
    assert [f.rule for f in CORE.lint(out, out.name, PROFILE) if f.is_error] == ["trich-dan"]
