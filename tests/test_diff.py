"""docgen diff on real edits: a section inserted, a figure changed."""
import shutil

import pytest

from tests.conftest import ROOT


@pytest.fixture
def office(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data" / "examples"


def test_diff_of_data_files_shows_the_inserted_section_and_the_changed_figure(office, run_cli, tmp_path):
    before = office / "bao-cao-so-ket-ninh-binh-2019.yaml"
    after = office / "bao-cao-ban-sua.yaml"
    text = before.read_text(encoding="utf-8").replace("{hoi_nghi: 30,", "{hoi_nghi: 37,")
    text = text.replace("danh_gia:\n", "de_xuat:\n  - Đề nghị Ban Dân vận Trung ương hướng dẫn tổng kết Chương trình.\n"
                                       "danh_gia:\n")
    after.write_text(text, encoding="utf-8")
    result = run_cli("diff", before, after, "--html", tmp_path / "so-sanh.html")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "+ V. ĐỀ XUẤT, KIẾN NGHỊ" in lines
    assert "+ Đề nghị Ban Dân vận Trung ương hướng dẫn tổng kết Chương trình./." in lines
    changed = [l for l in lines if l.startswith("~ ")]
    assert any("tổ chức [-163-] {+170+} hội nghị quán triệt" in l for l in changed)
    assert "~ [-30-] {+37+}" in lines                      # the unit's cell in the appendix
    assert "~ [-163-] {+170+}" in lines                    # and the total
    # the sentence and the appendix total and cell (163 → 170, 30 → 37) and the closing ./. moving to V.
    assert "2 đoạn thêm, 0 đoạn bỏ, 4 đoạn sửa" in lines
    page = (tmp_path / "so-sanh.html").read_text(encoding="utf-8")
    assert '<meta charset="utf-8" />' in page and "ĐỀ&nbsp;XUẤT,&nbsp;KIẾN&nbsp;NGHỊ" in page


def test_diff_of_two_word_files_and_of_identical_versions(office, run_cli, tmp_path):
    plan = office / "ke-hoach-khao-sat-llvt-binh-phuoc-2022.yaml"
    assert run_cli("render", plan, "-o", tmp_path / "a.docx").exit_code == 0
    same = run_cli("diff", tmp_path / "a.docx", plan)
    assert same.exit_code == 0 and same.output.strip() == "0 đoạn thêm, 0 đoạn bỏ, 0 đoạn sửa"
    edited = office / "sua.yaml"
    edited.write_text(plan.read_text(encoding="utf-8").replace("  - tieu_de: Tổ chức thực hiện\n",
                                                                "  - tieu_de: Kinh phí\n    noi_dung:\n"
                                                                "      - Kinh phí do ngân sách bảo đảm.\n"
                                                                "  - tieu_de: Tổ chức thực hiện\n"), encoding="utf-8")
    assert run_cli("render", edited, "-o", tmp_path / "b.docx").exit_code == 0
    result = run_cli("diff", tmp_path / "a.docx", tmp_path / "b.docx")
    lines = result.output.splitlines()
    assert "+ III. KINH PHÍ" in lines and "+ Kinh phí do ngân sách bảo đảm." in lines
    assert "~ [-III.-] {+IV.+} TỔ CHỨC THỰC HIỆN" in lines   # renumbered after the insertion
