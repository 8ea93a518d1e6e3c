"""docgen import: Word files back into data — round trips of every example and starter, documents
typed by hand the way clerks type them, and edits made in Word written back into a data file."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from ruamel.yaml import YAML

from docgen.core import Core, Settings
from docgen.docx.blocks import Grid, read_blocks
from docgen.render.renderer import render
from tests.conftest import ROOT

STARTERS = sorted((ROOT / "docgen" / "starters").glob("*.yaml"))
EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.yaml"))


@pytest.fixture
def office(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data" / "examples"


@pytest.fixture(scope="module")
def core():
    return Core(Settings(organisations=ROOT / "data" / "to-chuc.yaml"))


def shape(raw: bytes) -> list[tuple[str, ...]]:
    """Every paragraph's style and text in reading order, tables' cells included."""
    out: list[tuple[str, ...]] = []
    for block in read_blocks(docx.Document(io.BytesIO(raw))):
        if isinstance(block, Grid):
            out.append(("bảng", str(len(block.rows))))
            out += [(f"ô {p.style}", p.stripped, str(p.bold)) for row in block.rows for cell in row for p in cell]
        else:
            out.append((block.style, block.stripped, str(block.bold)))
    return out


@pytest.mark.parametrize("path", EXAMPLES + STARTERS, ids=lambda p: p.name)
def test_render_import_render_gives_the_same_document(path, core):
    first = render(core.check(path))
    imported, text = core.import_text(first, f"{path.stem}.docx", ROOT / "data" / "examples")
    again = render(core.check_text(text, f"{path.stem}-nhap.yaml", ROOT / "data" / "examples"))
    assert shape(again) == shape(first)
    assert again == first   # the same bytes: the data read back is the data that made them
    assert not [n for n in imported.notes if n.kind == "giu_nguyen"]


def test_import_reads_kind_parties_citations_and_tasks_of_a_joint_plan(core):
    raw = render(core.check(ROOT / "data" / "examples" / "ke-hoach-lien-tich-binh-phuoc-2022.yaml"))
    imported = core.import_docx(raw, "kh.docx", ROOT / "data" / "examples")
    data = imported.data
    assert list(data)[:4] == ["loai", "cac_ben", "so", "ngay"]
    assert [p["ky_hieu"] for p in data["cac_ben"]] == ["BDV", "CA", "QS", "BP"]
    assert data["cac_ben"][1]["ky"] == {"tham_quyen": "K/T", "thay_cho": "Giám đốc",
                                        "chuc_vu": "Phó Giám đốc Công an tỉnh", "ho_ten": "Lê Quang Minh"}
    assert data["mo_dau"]["can_cu"] == ["23-QĐ/TW", "53-KH/TU"]          # catalog references, not text
    assert data["noi_dung"][1]["noi_dung"][2]["noi_dung"][0]["liet_ke"][0].startswith("Các đồn Biên phòng")
    assert [t["chu_tri"] for t in data["bang_nhiem_vu"]["nhiem_vu"]] == \
        ["Công an tỉnh", "Ban Dân vận Tỉnh ủy", "Ban Dân vận Tỉnh ủy"]
    assert data["noi_nhan"][0] == {"ten": "Thường trực Tỉnh ủy", "vai_tro": "b/c"}


# --------------------------------------------------------------------------- typed by hand


def hand_typed_plan() -> bytes:
    """A plan as a clerk types it in Word: a header with tabs, "Số:" with a colon, numbers typed
    by hand, headings in bold, a dash written as an en dash, "KT." and "(Đã ký)" in the signature."""
    d = docx.Document()

    def para(text: str, bold: bool = False, center: bool = False) -> None:
        p = d.add_paragraph()
        p.add_run(text).bold = bold
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    para("TỈNH ỦY BÌNH PHƯỚC\t\tĐẢNG CỘNG SẢN VIỆT NAM")
    para("BAN DÂN VẬN", bold=True)
    para("*")
    para("Số: 12-KH/BDVTU\t\tĐồng Xoài, ngày 5 tháng 3 năm 2022")
    para("KẾ HOẠCH", bold=True, center=True)
    para("tổ chức Tháng Dân vận năm 2022", bold=True, center=True)
    para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    para("1. Mục đích", bold=True)
    para("Nâng cao nhận thức của cán bộ, đảng viên về công tác dân vận.")
    para("2. Yêu cầu", bold=True)
    para("– Bám sát nhiệm vụ chính trị của địa phương.")
    para("- Thiết thực, hiệu quả, tránh hình thức.")
    para("II. NỘI DUNG", bold=True)
    para("Tổ chức các hoạt động hướng về cơ sở trong tháng 3/2022.")
    para("Trên đây là Kế hoạch tổ chức Tháng Dân vận năm 2022 của Ban Dân vận Tỉnh ủy./.")
    table = d.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text = "Nơi nhận:"
    for line in ("- Thường trực Tỉnh ủy (b/c);", "- Ban Dân vận các huyện ủy (t/h);", "- Lưu VP."):
        left.add_paragraph(line)
    right.text = "KT. TRƯỞNG BAN"
    for line in ("PHÓ TRƯỞNG BAN", "(Đã ký)", "Nguyễn Văn Bình"):
        right.add_paragraph(line)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_a_plan_typed_by_hand_imports_into_data_that_checks(office, run_cli, tmp_path):
    source = tmp_path / "ke-hoach-go-tay.docx"
    source.write_bytes(hand_typed_plan())
    target = office / "ke-hoach-go-tay.yaml"
    result = run_cli("import", source, "-o", target)
    assert result.exit_code == 0, result.output
    data = YAML(typ="safe").load(target.read_text(encoding="utf-8"))
    assert data["loai"] == "ke-hoach"
    assert data["co_quan"] in ("bdv-binh-phuoc", "btgdv-binh-phuoc")   # the office's list or the national one
    assert data["so"] == 12 and data["ngay"] == "05/3/2022"
    assert data["ky"] == {"tham_quyen": "K/T", "thay_cho": "Trưởng Ban", "chuc_vu": "Phó Trưởng Ban",
                          "ho_ten": "Nguyễn Văn Bình"}
    assert data["noi_dung"][0] == {"tieu_de": "Mục đích, yêu cầu", "noi_dung": [
        {"tieu_de": "Mục đích", "noi_dung": ["Nâng cao nhận thức của cán bộ, đảng viên về công tác dân vận."]},
        {"tieu_de": "Yêu cầu", "noi_dung": [{"liet_ke": ["Bám sát nhiệm vụ chính trị của địa phương.",
                                                         "Thiết thực, hiệu quả, tránh hình thức."]}]}]}
    assert data["ket_thuc"].startswith("Trên đây là Kế hoạch") and not data["ket_thuc"].endswith("./.")
    assert data["noi_nhan"] == [{"ten": "Thường trực Tỉnh ủy", "vai_tro": "b/c"},
                                {"ten": "Ban Dân vận các huyện ủy", "vai_tro": "t/h"}]
    assert data["luu"] == "VP"
    report = result.output   # the report names what was normalised (stderr is mixed in by CliRunner)
    for said in ("phần đầu gõ bằng tab", "dòng số ký hiệu 'Số: 12-KH/BDVTU'", "'KT.'", "'(Đã ký)'",
                 "dấu đầu dòng '–'", "dòng '- Thường trực Tỉnh ủy (b/c);' viết lại"):
        assert said in report, said
    checked = run_cli("check", target)
    assert checked.exit_code == 0, checked.output
    assert run_cli("render", target, "-o", tmp_path / "lai.docx").exit_code == 0
    texts = [p.text for p in docx.Document(tmp_path / "lai.docx").paragraphs if p.text.strip()]
    assert "I. MỤC ĐÍCH, YÊU CẦU" in texts and "- Bám sát nhiệm vụ chính trị của địa phương." in texts


def test_import_json_gives_the_data_and_the_report(office, run_cli, tmp_path):
    import json

    source = tmp_path / "go-tay.docx"
    source.write_bytes(hand_typed_plan())
    result = run_cli("import", source, "--json")
    assert result.exit_code == 0
    found = json.loads(result.output)
    assert found["loai"] == "ke-hoach" and found["du_lieu"]["so"] == 12
    assert {"loai": "chuan_hoa", "vi_tri": "ky.tham_quyen", "noi_dung": "'KT.' (cách viết nhà nước) đọc thành 'K/T'"} \
        in found["bao_cao"]


def test_a_file_that_is_not_word_is_refused_and_nothing_is_written(run_cli, tmp_path):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"khong phai docx")
    result = run_cli("import", bad, "-o", tmp_path / "ra.yaml")
    assert result.exit_code != 0 and "không phải tệp Word" in result.output
    assert not (tmp_path / "ra.yaml").exists()


# --------------------------------------------------------------------------- edits back into data


def _edit(raw: bytes, change) -> bytes:
    d = docx.Document(io.BytesIO(raw))
    change(d)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _paragraph(d, starts: str):
    return next(p for p in d.paragraphs if p.text.startswith(starts))


def _texts(raw: bytes) -> list[str]:
    return [line[1] for line in shape(raw) if len(line) > 1 and line[1]]


def test_edits_made_in_word_come_back_into_the_data_file(office, run_cli, tmp_path):
    data = office / "ke-hoach-lien-tich-binh-phuoc-2022.yaml"
    original = data.read_text(encoding="utf-8")
    assert run_cli("render", data, "-o", tmp_path / "goc.docx").exit_code == 0
    raw = (tmp_path / "goc.docx").read_bytes()

    def edit(d):
        reworded = _paragraph(d, "Duy trì thực hiện kế hoạch")
        reworded.runs[0].text = "Duy trì sâu rộng thực hiện kế hoạch nắm người, nắm hộ, nắm địa bàn."
        for run in reworded.runs[1:]:
            run.text = ""
        first_item = _paragraph(d, "- Các đồn Biên phòng")
        new_item = first_item.insert_paragraph_before("- Phối hợp tổ chức các đợt hành quân dã ngoại làm công tác dân vận.",
                                                      first_item.style)
        first_item._p.addnext(new_item._p)   # after the first item: an item inserted in the list
        section = _paragraph(d, "2. Phối hợp tuyên truyền")
        section_3 = _paragraph(d, "3. Phối hợp xây dựng")
        for run in section_3.runs:
            run.text = run.text.replace("3.", "2.")   # a clerk renumbers by hand after deleting
        body = section._p.getnext()
        section._p.getparent().remove(body)
        section._p.getparent().remove(section._p)   # section 2 deleted
        signature = next(t for t in d.tables if "Lê Quang Minh" in [p.text for c in t.rows[0].cells for p in c.paragraphs])
        for p in (p for cell in signature.rows[0].cells for p in cell.paragraphs):   # the Công an tỉnh signer changed
            if p.text == "Lê Quang Minh":
                p.runs[0].text = "Nguyễn Hữu Phước"
                for run in p.runs[1:]:
                    run.text = ""
        tasks = next(t for t in d.tables if t.rows[0].cells[0].text == "STT")
        row = tasks.add_row()
        for cell, text in zip(row.cells, ("4", "Tập huấn công tác dân vận cho cán bộ đồn Biên phòng",
                                          "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Ban Dân vận Tỉnh ủy", "Quý III/2022"),
                              strict=True):
            cell.text = text
    edited = tmp_path / "da-sua.docx"
    edited.write_bytes(_edit(raw, edit))

    result = run_cli("import", edited, "--vao", data)
    assert result.exit_code == 0, result.output
    assert "đã ghi" in result.output and "đoạn sửa" in result.output
    updated = data.read_text(encoding="utf-8")
    assert updated.splitlines()[:4] == original.splitlines()[:4]           # the comments at the top kept
    assert "    ky_hieu: BDV                      # ký hiệu trong số ký hiệu liên tịch" in updated
    tree = YAML(typ="safe").load(updated)
    assert list(tree) == list(YAML(typ="safe").load(original))             # key order kept
    assert tree["cac_ben"][1]["ky"]["ho_ten"] == "Nguyễn Hữu Phước"
    assert tree["cac_ben"][1]["ky"]["thay_cho"] == "Giám đốc"               # untouched fields as written
    assert tree["mo_dau"]["can_cu"] == ["23-QĐ/TW", "53-KH/TU"]
    assert [t.get("ma") for t in tree["bang_nhiem_vu"]["nhiem_vu"]] == ["NV1", "NV2", "NV3", None]

    assert run_cli("render", data, "-o", tmp_path / "moi.docx").exit_code == 0
    after = _texts((tmp_path / "moi.docx").read_bytes())
    assert after == _texts(edited.read_bytes())          # the render shows exactly the edits made in Word
    assert after != _texts(raw)
    assert "Duy trì sâu rộng thực hiện kế hoạch nắm người, nắm hộ, nắm địa bàn." in after
    assert "2. Phối hợp xây dựng mô hình \"Dân vận khéo\"" in after            # renumbered after the deletion
    assert "- Phối hợp tổ chức các đợt hành quân dã ngoại làm công tác dân vận." in after


def test_a_reworded_paragraph_and_a_new_date_come_back_and_nothing_else_changes(office, run_cli, tmp_path):
    data = office / "ke-hoach-khao-sat-llvt-binh-phuoc-2022.yaml"
    original = data.read_text(encoding="utf-8")
    assert run_cli("render", data, "-o", tmp_path / "goc.docx").exit_code == 0
    raw = (tmp_path / "goc.docx").read_bytes()
    first = render(Core(Settings()).check(data))

    def edit(d):
        for p in d.tables[0].rows[0].cells[-1].paragraphs:
            if "ngày" in p.text:
                for run in p.runs:
                    run.text = ""
                p.runs[0].text = "Đồng Xoài, ngày 10 tháng 5 năm 2022"
    edited = tmp_path / "sua-ngay.docx"
    edited.write_bytes(_edit(raw, edit))
    result = run_cli("import", edited, "--vao", data)
    assert result.exit_code == 0, result.output
    updated = data.read_text(encoding="utf-8")
    diff = [(a, b) for a, b in zip(original.splitlines(), updated.splitlines(), strict=True) if a != b]
    assert diff == [("ngay: 06/5/2022", "ngay: 10/5/2022")]
    again = render(Core(Settings()).check(data))
    assert [t for t in _texts(again) if t not in _texts(first)][:1] == ["Đồng Xoài, ngày 10 tháng 5 năm 2022"]


def test_a_document_with_another_number_is_refused_and_nothing_is_written(office, run_cli, tmp_path):
    data = office / "ke-hoach-khao-sat-llvt-binh-phuoc-2022.yaml"
    other = office / "ke-hoach-lien-tich-binh-phuoc-2022.yaml"
    assert run_cli("render", other, "-o", tmp_path / "khac.docx").exit_code == 0
    before = data.read_bytes()
    result = run_cli("import", tmp_path / "khac.docx", "--vao", data)
    assert result.exit_code == 1
    assert "không phải bản sửa của" in result.output and "--bat-buoc" in result.output
    assert data.read_bytes() == before
    notice = office / "thong-bao-ket-luan-hoi-nghi-ninh-binh-2019.yaml"
    assert run_cli("render", notice, "-o", tmp_path / "tb.docx").exit_code == 0
    refused = run_cli("import", tmp_path / "tb.docx", "--vao", data)
    assert refused.exit_code == 1 and "Thông báo" in refused.output and data.read_bytes() == before


def test_an_unchanged_document_leaves_the_data_file_as_it_was(office, run_cli, tmp_path):
    data = office / "quyet-dinh-ngay-dan-van-ca-nuoc-bo-chinh-tri-1999.yaml"
    before = data.read_bytes()
    assert run_cli("render", data, "-o", tmp_path / "qd.docx").exit_code == 0
    result = run_cli("import", tmp_path / "qd.docx", "--vao", data)
    assert result.exit_code == 0 and "giữ nguyên" in result.output
    assert data.read_bytes() == before


def test_blocks_reader_reads_the_header_table_and_styles(core):
    raw = render(core.check(EXAMPLES[0]))
    blocks = read_blocks(docx.Document(io.BytesIO(raw)))
    assert isinstance(blocks[0], Grid)
    assert any(getattr(b, "style", "") == "Mục cấp 1" for b in blocks)


def test_paths_are_examples_of_every_kind():
    kinds = {YAML(typ="safe").load(p.read_text(encoding="utf-8"))["loai"] for p in EXAMPLES + STARTERS}
    assert len(kinds) == 10 and Path(ROOT / "docgen" / "starters").is_dir()
