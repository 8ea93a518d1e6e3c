"""docgen build: skip what is unchanged, rebuild what changed, never stop on one bad file."""
from __future__ import annotations

import shutil

import docx
import pytest

from tests.conftest import ROOT


@pytest.fixture
def office(tmp_path):
    """A copy of the bundled data and templates, as an office would have them."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "templates" / "docx", tmp_path / "mau")
    return tmp_path


def _build(run_cli, office, *extra):
    return run_cli("build", office / "data", "-o", office / "output", "--thu-muc-mau", office / "mau", *extra)


def _outputs(office):
    return {p.relative_to(office / "output"): p.read_bytes() for p in sorted((office / "output").rglob("*.docx"))}


def _summary(result):
    return result.output.strip().splitlines()[-1]


def test_second_build_changes_nothing_and_keeps_the_bytes(run_cli, office):
    first = _build(run_cli, office)
    assert first.exit_code == 0, first.output
    count = len(list((office / "data" / "examples").glob("*.yaml")))
    assert _summary(first) == f"Tổng kết: {count} đã tạo, 0 không đổi, 0 lỗi."
    before = _outputs(office)
    second = _build(run_cli, office)
    assert _summary(second) == f"Tổng kết: 0 đã tạo, {count} không đổi, 0 lỗi."
    assert _outputs(office) == before
    forced = _build(run_cli, office, "--tao-lai")
    assert _summary(forced) == f"Tổng kết: {count} đã tạo, 0 không đổi, 0 lỗi."
    assert _outputs(office) == before   # byte-identical rebuilds


def test_a_changed_template_rebuilds_the_documents_of_its_kind(run_cli, office):
    _build(run_cli, office)
    template = office / "mau" / "thong-bao-ket-luan.docx"
    document = docx.Document(str(template))
    document.styles["Nội dung"].font.size = docx.shared.Pt(13)
    document.save(str(template))
    result = _build(run_cli, office)
    built = [l for l in result.output.splitlines() if l.startswith("đã tạo")]
    notices = sorted(p.with_suffix(".docx").name for p in (office / "data" / "examples").glob("*.yaml")
                     if "loai: thong-bao-ket-luan" in p.read_text(encoding="utf-8"))
    assert notices and sorted(l.rsplit("/", 1)[-1] for l in built) == notices


def test_a_changed_catalog_rebuilds_what_cites_through_it(run_cli, office):
    _build(run_cli, office)
    catalog = office / "data" / "danh-muc" / "binh-phuoc.yaml"
    catalog.write_text(catalog.read_text(encoding="utf-8") + "\n# sửa danh mục\n", encoding="utf-8")
    result = _build(run_cli, office)
    count = len(list((office / "data" / "examples").glob("*.yaml")))
    assert _summary(result) == f"Tổng kết: {count} đã tạo, 0 không đổi, 0 lỗi."


def test_a_changed_plan_rebuilds_the_reports_on_it(run_cli, office):
    _build(run_cli, office)
    plan = office / "data" / "examples" / "ke-hoach-phoi-hop-vdqc-ninh-binh-2019.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("so: 1\n", "so: 2\n"), encoding="utf-8")
    result = _build(run_cli, office)
    built = sorted(l.rsplit("/", 1)[-1] for l in result.output.splitlines() if l.startswith("đã tạo"))
    assert built == ["bao-cao-so-ket-ninh-binh-2019.docx", "ke-hoach-phoi-hop-vdqc-ninh-binh-2019.docx"]
    report = docx.Document(str(office / "output" / "examples" / "bao-cao-so-ket-ninh-binh-2019.docx"))
    assert any(p.text.startswith("Thực hiện Kế hoạch số 02-KH/BCĐ") for p in report.paragraphs)


def test_one_bad_file_never_stops_the_others(run_cli, office):
    bad = office / "data" / "examples" / "hong.yaml"
    bad.write_text("loai: ke-hoach\nngay: 30/02/2022\n", encoding="utf-8")
    result = _build(run_cli, office)
    assert result.exit_code == 2
    count = len(list((office / "data" / "examples").glob("*.yaml"))) - 1
    assert _summary(result) == f"Tổng kết: {count} đã tạo, 0 không đổi, 1 lỗi."
    assert "hong.yaml: không tạo được" in result.output and "không có ngày 30" in result.output
    leftovers = [p.name for p in (office / "output" / "examples").iterdir() if p.name.startswith(("hong", ".hong"))]
    assert leftovers == []


def test_files_that_are_not_documents_are_left_alone(run_cli, office):
    (office / "data" / "ghi-chu.yaml").write_text("ghi_chu: danh sách việc cần làm\n", encoding="utf-8")
    result = _build(run_cli, office)
    assert result.exit_code == 0 and "ghi-chu" not in result.output


def test_an_edited_organisation_is_seen_by_the_next_build_in_the_same_process(run_cli, office):
    """A build answers its look-ups once per process (`looking_up_once`); `watch` builds again
    in the same process, which must see the edit: here `-j 1` builds in this process."""
    first = _build(run_cli, office, "-j", "1")
    assert first.exit_code == 0, first.output
    organisations = office / "data" / "to-chuc.yaml"
    organisations.write_text(organisations.read_text(encoding="utf-8").replace(
        "cap_tren: Huyện ủy Anh Sơn", "cap_tren: Huyện ủy Anh Sơn Mới"), encoding="utf-8")
    second = _build(run_cli, office, "-j", "1")
    assert "bao-cao-tong-ket-anh-son-phuc-son-2021.docx" in second.output
    report = docx.Document(str(office / "output" / "examples" / "bao-cao-tong-ket-anh-son-phuc-son-2021.docx"))
    header = "\n".join(cell.text for table in report.tables for row in table.rows for cell in row.cells)
    assert "HUYỆN ỦY ANH SƠN MỚI" in header.upper()


def test_a_build_looks_each_folder_up_once_and_the_next_build_again(tmp_path):
    from docgen.input.sources import looking_up_once, office_root

    folder = tmp_path / "data" / "phong"
    folder.mkdir(parents=True)
    with looking_up_once("build-1"):
        assert office_root(folder) == tmp_path / "data"
    (folder / "to-chuc.yaml").write_text("to_chuc: []\n", encoding="utf-8")
    with looking_up_once("build-1"):   # the next document of the same build: answered from memory
        assert office_root(folder) == tmp_path / "data"
    assert office_root(folder) == folder   # outside a build: the folder as it is now
    with looking_up_once("build-2"):   # a new build looks again
        assert office_root(folder) == folder
