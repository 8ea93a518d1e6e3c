"""docgen lint: a corpus of documents each breaking exactly one rule gets exactly the expected
findings; docgen's own outputs and templates lint clean; hostile files get a clear error."""
from __future__ import annotations

import json
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from docgen.core import Core, Settings
from docgen.docx.reader import open_document
from docgen.errors import UnreadableDocument
from docgen.lint import lint_document
from docgen.rules.profile import load_profile
from tests.conftest import CATALOGS, EXAMPLES, ROOT, paragraph_starting


def lint(path, profile, catalog=None):
    """Returns the findings of the Word file at `path` (opened by the guarded opener)."""
    return lint_document(open_document(path), profile, catalog)


PROFILE = load_profile()
CATALOG = Core(Settings(catalogs=(CATALOGS,))).catalog(ROOT / "data")   # with the office's own documents
PLAN = ROOT / "data" / "examples" / "ke-hoach-khao-sat-llvt-binh-phuoc-2022.yaml"


@pytest.fixture(scope="module")
def correct(tmp_path_factory):
    from click.testing import CliRunner

    from docgen.faces.cli import cli

    out = tmp_path_factory.mktemp("lint") / "dung.docx"
    assert CliRunner().invoke(cli, ["render", str(PLAN), "-o", str(out)]).exit_code == 0
    return out


def _retext(paragraph, text):
    paragraph.runs[0].text = text
    for run in paragraph.runs[1:]:
        run.text = ""


def _page(d):
    d.sections[0].page_width = Mm(216)


def _margin(d):
    d.sections[0].left_margin = Mm(25)


def _font(d):
    paragraph_starting(d, "Đánh giá đúng thực trạng").runs[0].font.name = "Arial"


def _party_title(d):
    paragraph_starting(d, "ĐẢNG CỘNG SẢN").runs[0].font.size = Pt(13)


def _issuer(d):
    paragraph_starting(d, "BAN DÂN VẬN").runs[0].font.bold = False


def _colon(d):
    _retext(paragraph_starting(d, "Số 66"), "Số: 66\u2011KH/BDVTU")   # the hyphen docgen writes: unbreakable


def _kind_code(d):
    _retext(paragraph_starting(d, "Số 66"), "Số 66\u2011BC/BDVTU")


def _date(d):
    _retext(paragraph_starting(d, "Đồng Xoài"), "Đồng Xoài, ngày 6 tháng 5 năm 2022")


def _title(d):
    paragraph_starting(d, "KẾ HOẠCH").runs[0].font.bold = False


def _heading(d):
    _retext(paragraph_starting(d, "II. NỘI DUNG"), "IV. NỘI DUNG, ĐỐI TƯỢNG, HÌNH THỨC KHẢO SÁT")


def _body(d):
    paragraph_starting(d, "Đánh giá đúng thực trạng").runs[0].font.size = Pt(12)


def _signature(d):
    _retext(paragraph_starting(d, "K/T TRƯỞNG BAN"), "KT. TRƯỞNG BAN")


def _recipients(d):
    _retext(paragraph_starting(d, "- Công an tỉnh"), "- Công an tỉnh;")


def _page_one(d):
    sect = d.sections[0]._sectPr
    sect.remove(sect.find(qn("w:titlePg")))


def _tag(d):
    paragraph = paragraph_starting(d, "Đánh giá đúng thực trạng")
    paragraph.runs[0].text += " {{ con_sot }}"


def _citation(d):
    paragraph = paragraph_starting(d, "Phát hiện, nhân rộng")
    _retext(paragraph, "Tiếp tục thực hiện Quyết định số 290\u2011QĐ/TW ngày 25/02/2010 của Bộ Chính trị ban hành Quy "
                       "chế công tác dân vận của hệ thống chính trị.")


BREAKS = {
    "kho-giay": (_page, ["khổ giấy 216 × 297 mm"]),
    "le-trang": (_margin, ["lề trái 25 mm"]),
    "phong-chu": (_font, ["phông Arial"]),
    "tieu-de-dang": (_party_title, ["cỡ 13"]),
    "co-quan-ban-hanh": (_issuer, ["tên cơ quan ban hành không in đậm"]),
    "so-ky-hieu": (_colon, ["'Số: 66-KH/BDVTU' có dấu hai chấm"]),
    "loai-va-ky-hieu": (_kind_code, ["ký hiệu loại 'BC' với tên loại KẾ HOẠCH"]),
    "dia-danh-ngay": (_date, ["'Đồng Xoài, ngày 6 tháng 5 năm 2022'"]),
    "ten-loai-trich-yeu": (_title, ["tên loại không in đậm"]),
    "de-muc": (_heading, ["đề mục số IV", "đề mục số III"]),
    "noi-dung": (_body, ["cỡ chữ 12"]),
    "chu-ky": (_signature, ["thẩm quyền ký 'KT.' không hợp lệ"]),
    "noi-nhan": (_recipients, ["'- Công an tỉnh;'"]),
    "so-trang": (_page_one, ["trang 1 có số trang"]),
    "the-mau": (_tag, ["còn thẻ mẫu '{{ con_sot }}'"]),
    "trich-dan": (_citation, ["290-QĐ/TW đã được thay thế bằng 23-QĐ/TW từ 30/7/2021"]),
}


def test_a_correct_document_has_no_finding(correct):
    assert lint(correct, PROFILE, CATALOG) == []


@pytest.mark.parametrize("rule_id", list(BREAKS))
def test_each_broken_rule_gives_exactly_its_findings(rule_id, correct, tmp_path):
    breaker, expected = BREAKS[rule_id]
    document = docx.Document(str(correct))
    breaker(document)
    broken = tmp_path / f"{rule_id}.docx"
    document.save(str(broken))
    findings = lint(broken, PROFILE, CATALOG)
    assert [f.rule for f in findings] == [rule_id] * len(expected), [str(f) for f in findings]
    for finding, words in zip(findings, expected, strict=False):
        assert finding.message.startswith(words), finding.message
        assert finding.expected and finding.place and finding.source


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_output_lints_clean(path, tmp_path, run_cli):
    out = tmp_path / "x.docx"
    assert run_cli("render", path, "-o", out).exit_code == 0
    assert [str(f) for f in lint(out, PROFILE, CATALOG)] == []


def test_every_template_lints_clean(run_cli):
    templates = sorted((ROOT / "templates" / "docx").glob("*.docx"))
    result = run_cli("lint", "--mau", *templates)
    assert result.exit_code == 0, result.output
    assert result.output.count("0 lỗi, 0 cảnh báo") == len(templates)


def test_cli_text_json_and_exit_codes(correct, tmp_path, run_cli):
    clean = run_cli("lint", correct, "--danh-muc", CATALOGS)
    assert clean.exit_code == 0 and clean.output.strip().endswith("0 lỗi, 0 cảnh báo")
    document = docx.Document(str(correct))
    _signature(document)
    _body(document)
    broken = tmp_path / "hong.docx"
    document.save(str(broken))
    text = run_cli("lint", broken, "--danh-muc", CATALOGS)
    assert text.exit_code == 1 and "lỗi [chu-ky] thẩm quyền ký 'KT.'" in text.output and "cảnh báo [noi-dung]" in text.output
    data = json.loads(run_cli("lint", broken, "--json", "--danh-muc", CATALOGS).output)
    assert {f["quy_tac"] for f in data[str(broken)]} == {"chu-ky", "noi-dung"}
    document = docx.Document(str(correct))
    _body(document)
    warned = tmp_path / "canh-bao.docx"
    document.save(str(warned))
    assert run_cli("lint", warned, "--danh-muc", CATALOGS).exit_code == 0   # warnings alone exit 0


def test_fix_mends_mechanical_faults_into_a_new_file(correct, tmp_path, run_cli):
    document = docx.Document(str(correct))
    for breaker in (_font, _margin, _date, _recipients):
        breaker(document)
    broken = tmp_path / "hong.docx"
    document.save(str(broken))
    original = broken.read_bytes()
    result = run_cli("lint", broken, "--sua", "--danh-muc", CATALOGS)
    mended = tmp_path / "hong.da-sua.docx"
    assert result.exit_code == 0, result.output
    assert broken.read_bytes() == original
    assert "'Đồng Xoài, ngày 6 tháng 5 năm 2022' → 'Đồng Xoài, ngày 06 tháng 5 năm 2022'" in result.output
    assert lint(mended, PROFILE, CATALOG) == []
    assert run_cli("lint", broken, "--sua", "-o", broken).exit_code != 0   # never over the original


def test_state_profile_sees_a_party_document_as_foreign(correct):
    state = load_profile("nd30-2020")
    rules = {f.rule for f in lint(correct, state)}
    assert {"tieu-de-dang", "so-ky-hieu", "chu-ky", "noi-nhan"} <= rules


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_document_saved_by_libreoffice_still_lints_clean(correct, tmp_path):
    source = tmp_path / "vao.docx"
    shutil.copy(correct, source)
    subprocess.run(["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(tmp_path / "lo"), str(source)], check=True, capture_output=True, timeout=180)
    findings = lint(tmp_path / "lo" / "vao.docx", PROFILE, CATALOG)
    assert [str(f) for f in findings] == []


# ---------------------------------------------------------------------------------- hostile

def _zip(path, parts: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def test_not_a_zip(tmp_path):
    path = tmp_path / "x.docx"
    path.write_bytes(b"%PDF-1.7 not a word file")
    with pytest.raises(UnreadableDocument, match="không phải gói zip"):
        lint(path, PROFILE)


def test_zip_bomb(tmp_path):
    path = _zip(tmp_path / "bom.docx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (20 << 20)})
    with pytest.raises(UnreadableDocument, match="zip bomb"):
        lint(path, PROFILE)


def test_missing_parts(tmp_path):
    path = _zip(tmp_path / "thieu.docx", {"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<x/>"})
    with pytest.raises(UnreadableDocument, match="thiếu phần word/document.xml"):
        lint(path, PROFILE)


def test_macro_enabled(correct, tmp_path):
    with zipfile.ZipFile(correct) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macro"
    path = _zip(tmp_path / "macro.docm", parts)
    with pytest.raises(UnreadableDocument, match="có macro"):
        lint(path, PROFILE)


def test_very_large_file(tmp_path):
    path = tmp_path / "lon.docx"
    with path.open("wb") as handle:
        handle.seek(60 << 20)
        handle.write(b"\0")
    with pytest.raises(UnreadableDocument, match="quá lớn"):
        lint(path, PROFILE)


def test_broken_xml_inside(correct, tmp_path):
    with zipfile.ZipFile(correct) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = b"<w:document><w:body><w:p>"
    path = _zip(tmp_path / "hong.docx", parts)
    with pytest.raises(UnreadableDocument):
        lint(path, PROFILE)


def test_cli_reports_a_hostile_file_without_a_traceback(tmp_path, run_cli):
    path = tmp_path / "x.docx"
    path.write_bytes(b"hello")
    result = run_cli("lint", path)
    assert result.exit_code == 2 and "không phải tệp Word .docx" in result.output and "Traceback" not in result.output
