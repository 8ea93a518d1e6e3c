"""Reports against their plan, figures summed across units, the spreadsheet path, and the
conference notice."""
from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal

import docx
import pytest
from openpyxl import Workbook

from tests.conftest import CATALOGS, ORGANISATIONS, ROOT, load_yaml

EXAMPLES = ROOT / "data" / "examples"
NINH_BINH = EXAMPLES / "bao-cao-so-ket-ninh-binh-2019.yaml"
NINH_BINH_PLAN = EXAMPLES / "ke-hoach-phoi-hop-vdqc-ninh-binh-2019.yaml"
ANH_SON = EXAMPLES / "bao-cao-tong-ket-anh-son-phuc-son-2021.yaml"
NOTICE = EXAMPLES / "thong-bao-ket-luan-hoi-nghi-ninh-binh-2019.yaml"


def _text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def _vn(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def test_ninh_binh_task_counts_and_ratios(render_file):
    document, _ = render_file(NINH_BINH)
    text = _text(document)
    assert ("Hoàn thành 6/9 nhiệm vụ chung (đạt 66,67%), 24/37 nhiệm vụ do các cơ quan thành viên đăng ký chủ trì "
            "(đạt 64,86%).") in text
    assert "đã chỉ đạo thực hiện và hoàn thành 6/9 nhiệm vụ chung, 24/37 nhiệm vụ do các cơ quan thành viên" in text
    unfinished = [p.text for p in document.paragraphs if p.style.name == "Gạch đầu dòng"
                  and "chủ trì):" in p.text]
    assert len(unfinished) == 3 + 13
    assert unfinished[0] == ("- Phối hợp giúp đỡ huyện Gia Viễn và 12 xã đăng ký đạt chuẩn nông thôn mới (Ủy ban MTTQ "
                             "tỉnh chủ trì): đang hoàn thiện hồ sơ, xét công nhận vào quý IV/2019;")
    assert unfinished[-1].endswith(".")


def test_ninh_binh_figures_are_summed_and_written_the_vietnamese_way(render_file):
    document, _ = render_file(NINH_BINH)
    text = _text(document)
    # every figure exactly as seed 003 writes it: the sums where the seed gives an exact figure, its rounded
    # figures typed as it writes them (never "gần" before a computed sum)
    seed = ROOT.parent / "shared" / "seeds" / "003_d68b2ad876a17678.txt"
    figures = ("6/9 nhiệm vụ chung", "24/37 nhiệm vụ", "163 hội nghị", "gần 45.000 lượt", "1.600 thanh niên",
               "210 ngôi nhà", "trên 7 tỷ đồng", "795 buổi", "62.000 lượt", "20.115 suất quà", "trên 5.100 triệu đồng")
    for figure in figures:
        assert figure in text, figure
        if seed.is_file():
            assert figure in seed.read_text(encoding="utf-8"), figure
    assert "44.870" not in text and "7.150" not in text and "5.130" not in text


def test_appendix_totals_are_the_sums_of_the_units(render_file):
    document, _ = render_file(NINH_BINH)
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Chỉ tiêu, đơn vị báo cáo")
    totals, current = {}, None
    for row in table.rows[1:]:
        cells = [c.text for c in row.cells]
        if cells[0]:
            current = cells[1]
            totals[current] = [_vn(cells[3]), Decimal(0)]
            bold = [r.font.bold for p in row.cells[3].paragraphs for r in p.runs if r.text]
            assert bold == [True]
        else:
            assert cells[1].startswith("- ")
            totals[current][1] += _vn(cells[3])
    assert len(totals) == 6   # the seed's exact figures; its rounded ones are typed in the text, not summed
    for name, (total, summed) in totals.items():
        assert total == summed, name
    data = load_yaml(NINH_BINH)
    assert totals["Hội nghị quán triệt, triển khai, tuyên truyền"][0] == 163
    assert totals["Suất quà tặng người có công, gia đình chính sách, hộ nghèo, công nhân viên chức lao động"][0] == 20115
    assert len(data["so_lieu"]["don_vi"]) == 9


def test_report_opening_cites_its_plan(render_file):
    document, _ = render_file(NINH_BINH)
    opening = next(p.text for p in document.paragraphs if p.text.startswith("Thực hiện"))
    assert opening.startswith("Thực hiện Kế hoạch số 01-KH/BCĐ, ngày 15/01/2019 của Ban Chỉ đạo phối hợp hoạt động")
    assert opening.endswith("báo cáo kết quả 6 tháng đầu năm 2019 như sau:")


def test_anh_son_report_finds_its_programme_by_symbol(render_file):
    document, _ = render_file(ANH_SON)
    text = _text(document)
    assert "Hoàn thành 4/4 nhiệm vụ (đạt 100%)." in text
    assert "Thực hiện Chương trình số 04-CTr/DV-ĐPS, ngày 10/4/2016 của Ban Dân vận Huyện ủy Anh Sơn" in text
    assert "tổ chức 207 buổi truyền thông chuyên đề" in text and "với 11.866 lượt người tham gia" in text
    assert "hỗ trợ 50 con lợn giống" in text and "kết nạp 09 đảng viên nữ" in text   # as seed 004 writes it
    level2 = [p.text for p in document.paragraphs if p.style.name == "Mục cấp 2"]
    assert "2. Bài học kinh nghiệm" in level2


# -------------------------------------------------------------------------- bad links and data

def _beside_examples(tmp_path):
    """Copies the examples and the organisations beside a test's data file, as in an office's data
    folder: a report names its plan inside its own folder."""
    for example in EXAMPLES.glob("*.yaml"):
        shutil.copy(example, tmp_path / example.name)
    shutil.copy(ORGANISATIONS, tmp_path / ORGANISATIONS.name)


def _check(data, tmp_path, run_cli, name="bao-cao.json"):
    _beside_examples(tmp_path)
    source = tmp_path / name
    source.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return run_cli("check", source, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)


def _report(tmp_path):
    _beside_examples(tmp_path)
    data = load_yaml(NINH_BINH)
    data["bao_cao_ve"] = {"tep": NINH_BINH_PLAN.name}
    return data


@pytest.mark.parametrize("edit, field, words", [
    (lambda d: d["ket_qua_nhiem_vu"][3].update(ma="C10"), "ket_qua_nhiem_vu[3].ma",
     "Kế hoạch số 01-KH/BCĐ không có nhiệm vụ mã 'C10'"),
    (lambda d: d["ket_qua_nhiem_vu"][4].update(ma="C1"), "ket_qua_nhiem_vu[4].ma",
     "nhiệm vụ 'C1' đã được báo cáo ở mục thứ 1"),
    (lambda d: d.update(ky_bao_cao="6 tháng đầu năm 2020"), "ky_bao_cao",
     "nằm ngoài thời kỳ của Kế hoạch số 01-KH/BCĐ (năm 2019"),
    (lambda d: d["ket_qua_nhiem_vu"][2].pop("ly_do"), "ket_qua_nhiem_vu[2]", "chưa hoàn thành: ghi lý do"),
    (lambda d: d.update(bao_cao_ve={"tep": "khong-co.yaml"}), "bao_cao_ve.tep", "không tìm thấy tệp 'khong-co.yaml'"),
    (lambda d: d.update(bao_cao_ve={"so_ky_hieu": "99-KH/BCĐ"}), "bao_cao_ve.so_ky_hieu",
     "không tìm thấy văn bản 99-KH/BCĐ"),
    (lambda d: d.update(bao_cao_ve={"tep": ANH_SON.name}), "bao_cao_ve", "không về một báo cáo"),
    (lambda d: d.pop("bao_cao_ve"), "ket_qua_nhiem_vu", "chưa ghi 'bao_cao_ve'"),
    (lambda d: d["ket_qua"][0]["noi_dung"].append("Có [[so:hoi_ngi]] hội nghị."), "ket_qua[0].noi_dung[1]",
     "không có chỉ tiêu mã 'hoi_ngi'"),
    (lambda d: d["so_lieu"]["don_vi"][0]["so_lieu"].update(hoi_ngi=3), "so_lieu.don_vi[0].so_lieu.hoi_ngi",
     "có phải ý là 'hoi_nghi'?"),
])
def test_bad_links_between_report_and_plan(edit, field, words, tmp_path, run_cli):
    data = _report(tmp_path)
    edit(data)
    result = _check(data, tmp_path, run_cli)
    assert result.exit_code == 2, result.output
    line = next((l for l in result.output.splitlines() if f"[{field}]" in l), "")
    assert words in line, result.output


def test_tasks_marker_needs_task_results(tmp_path, run_cli):
    data = _report(tmp_path)
    data.pop("ket_qua_nhiem_vu")
    result = _check(data, tmp_path, run_cli)
    assert result.exit_code == 2 and "'[[nhiem_vu]]': báo cáo chưa có kết quả từng nhiệm vụ" in result.output


def test_unreported_tasks_are_a_warning_and_count_as_not_done(tmp_path, run_cli):
    data = _report(tmp_path)
    data["ket_qua_nhiem_vu"] = data["ket_qua_nhiem_vu"][:9]
    source = tmp_path / "bao-cao.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "x.docx"
    result = run_cli("render", source, "-o", out, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)
    assert result.exit_code == 0 and "cảnh báo" in result.output and "chưa có kết quả của 37 nhiệm vụ" in result.output
    assert "0/37 nhiệm vụ do các cơ quan thành viên đăng ký chủ trì (đạt 0%)" in _text(docx.Document(str(out)))


def test_dotted_thousands_in_yaml_are_refused_with_the_fix(tmp_path, run_cli):
    text = NINH_BINH.read_text(encoding="utf-8").replace("suat_qua: 1500", "suat_qua: 1.500")
    _beside_examples(tmp_path)
    source = tmp_path / "bao-cao.yaml"
    source.write_text(text, encoding="utf-8")
    result = run_cli("check", source, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)
    assert result.exit_code == 2
    assert "[so_lieu.don_vi[0].so_lieu.suat_qua]" in result.output and "('1.500')" in result.output


def test_quoted_vietnamese_numbers_are_read(tmp_path, run_cli):
    data = _report(tmp_path)
    data["so_lieu"]["don_vi"][0]["so_lieu"]["suat_qua"] = "1.500"
    data["so_lieu"]["chi_tieu"].append({"ma": "ty_le", "ten": "Tỷ lệ hộ nghèo còn lại", "don_vi_tinh": "%"})
    data["so_lieu"]["don_vi"][1]["so_lieu"]["ty_le"] = "0,70"
    data["ket_qua"][0]["noi_dung"].append("Tặng [[so:suat_qua]]; tỷ lệ hộ nghèo còn [[so:ty_le]].")
    source = tmp_path / "bao-cao.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "x.docx"
    result = run_cli("render", source, "-o", out, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)
    assert result.exit_code == 0, result.output
    assert "Tặng 20.115 suất quà; tỷ lệ hộ nghèo còn 0,70%." in _text(docx.Document(str(out)))   # as typed


# ----------------------------------------------------------------------------- spreadsheets

def _workbook(path, rows, title="Số liệu"):
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_figures_from_workbooks_that_units_fill_in(tmp_path, run_cli):
    data = _report(tmp_path)
    units = data["so_lieu"].pop("don_vi")
    header = ["Đơn vị", "hoi_nghi", "Suất quà tặng người có công, gia đình chính sách, hộ nghèo, công nhân viên chức lao động"]
    _workbook(tmp_path / "don-vi-1.xlsx", [header] + [[u["don_vi"], u["so_lieu"].get("hoi_nghi"),
                                                       u["so_lieu"].get("suat_qua")] for u in units[:5]])
    _workbook(tmp_path / "don-vi-2.xlsx", [header] + [[u["don_vi"], u["so_lieu"].get("hoi_nghi"),
                                                       str(u["so_lieu"].get("suat_qua"))] for u in units[5:]])
    data["so_lieu"]["tu_tep"] = ["don-vi-1.xlsx", "don-vi-2.xlsx"]
    data["ket_qua"] = [{"tieu_de": "Kết quả", "noi_dung": ["Tổ chức [[so:hoi_nghi]], tặng [[so:suat_qua]]."]}]
    source = tmp_path / "bao-cao.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "x.docx"
    result = run_cli("render", source, "-o", out, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)
    assert result.exit_code == 0, result.output
    assert "Tổ chức 163 hội nghị, tặng 20.115 suất quà." in _text(docx.Document(str(out)))


def test_a_bad_cell_names_the_sheet_the_cell_and_the_type(tmp_path, run_cli):
    data = _report(tmp_path)
    data["so_lieu"].pop("don_vi")
    _workbook(tmp_path / "so-lieu.xlsx", [["Đơn vị", "hoi_nghi", "luot_khkt"],
                                           ["Tỉnh đoàn", 15, 9800], ["Hội Nông dân tỉnh", 19, "bốn nghìn"]])
    data["so_lieu"]["tu_tep"] = ["so-lieu.xlsx"]
    result = _check(data, tmp_path, run_cli)
    assert result.exit_code == 2
    line = next(l for l in result.output.splitlines() if "bốn nghìn" in l)
    assert "so-lieu.xlsx" in line and "[trang tính 'Số liệu', ô C3]" in line
    assert "cần một số (chỉ tiêu 'Lượt người dự chuyển giao" in line and "đơn vị tính lượt người" in line


def test_a_zip_bomb_named_as_a_workbook_is_refused_within_the_limits(tmp_path, run_cli):
    """A .xlsx is opened like a Word file: real decompressed sizes bounded while reading."""
    import time
    import zipfile

    data = _report(tmp_path)
    data["so_lieu"].pop("don_vi")
    bomb = tmp_path / "so-lieu.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook/>")
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            for _ in range(300):
                part.write(b"\0" * (1024 * 1024))   # 300 MB of nothing, about 300 KB packed
    data["so_lieu"]["tu_tep"] = ["so-lieu.xlsx"]
    started = time.monotonic()
    result = _check(data, tmp_path, run_cli)
    assert time.monotonic() - started < 10
    assert result.exit_code == 2 and "so-lieu.xlsx" in result.output and "zip bomb" in result.output


def test_an_unknown_column_and_a_unit_reported_twice(tmp_path, run_cli):
    data = _report(tmp_path)
    _workbook(tmp_path / "so-lieu.xlsx", [["Đơn vị", "hoi_nghi", "so_buoi"], ["Tỉnh đoàn", 15, 2]])
    data["so_lieu"]["tu_tep"] = ["so-lieu.xlsx"]
    result = _check(data, tmp_path, run_cli)
    assert result.exit_code == 2
    assert "[trang tính 'Số liệu', ô C1]: chỉ tiêu 'so_buoi' không có" in result.output
    assert "đơn vị 'Tỉnh đoàn' đã có số liệu ở dữ liệu" in result.output


# ------------------------------------------------------------------------------- scaffolding

def test_report_scaffold_has_one_slot_per_task_and_renders_once_filled(tmp_path, run_cli):
    scaffold = tmp_path / "bao-cao-moi.yaml"
    _beside_examples(tmp_path)   # the plan in the report's folder
    result = run_cli("new", "bao-cao", "--from", tmp_path / NINH_BINH_PLAN.name, "-o", scaffold, "--to-chuc", ORGANISATIONS,
                     "--danh-muc", CATALOGS)
    assert result.exit_code == 0, result.output
    data = load_yaml(scaffold)
    assert [slot["ma"] for slot in data["ket_qua_nhiem_vu"]] == ["C" + str(i) for i in range(1, 10)] + \
        [f"DK{i:02d}" for i in range(1, 38)]
    checked = run_cli("check", scaffold, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)
    assert checked.exit_code == 2 and checked.output.count("hoan_thanh]: phải là true (có) hoặc false (không)") == 46
    text = scaffold.read_text(encoding="utf-8").replace("hoan_thanh:\n", "hoan_thanh: true\n")
    text = re.sub(r"^ngay: .*$", "ngay: 20/12/2019", text, flags=re.M)  # the scaffold dates it today
    text = text.replace("(ghi kết quả; số liệu: [[so:ma_chi_tieu]])", "Hoàn thành [[nhiem_vu]].")
    scaffold.write_text(text, encoding="utf-8")
    out = tmp_path / "bao-cao-moi.docx"
    result = run_cli("render", scaffold, "-o", out, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)
    assert result.exit_code == 0, result.output
    assert "Hoàn thành 9/9 nhiệm vụ chung, 37/37 nhiệm vụ do các cơ quan thành viên đăng ký chủ trì./." in \
        _text(docx.Document(str(out)))


def test_report_scaffold_names_the_registered_number_of_an_auto_numbered_plan(tmp_path, run_cli):
    """A plan numbered ``so: auto`` has its number in the register once made: the report started
    from it cites that number (it printed a blank number before)."""
    _beside_examples(tmp_path)
    plan = tmp_path / NINH_BINH_PLAN.name
    plan.write_text(re.sub(r"^so: 1$", "so: auto", plan.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    made = run_cli("render", plan, "-o", tmp_path / "ke-hoach.docx", "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)
    assert made.exit_code == 0, made.output
    scaffold = tmp_path / "bao-cao-moi.yaml"
    result = run_cli("new", "bao-cao", "--from", plan, "-o", scaffold, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)
    assert result.exit_code == 0, result.output
    symbol = docx.Document(str(tmp_path / "ke-hoach.docx")).tables[0].rows[0].cells[0].paragraphs[-1].text.removeprefix("Số ")
    assert symbol.startswith("01-KH/")
    assert load_yaml(scaffold)["trich_yeu"].endswith(f"số {symbol}")


# ------------------------------------------------------------------------------------ notice

def test_conference_notice(render_file):
    document, _ = render_file(NOTICE)
    paragraphs = [p.text for p in document.paragraphs]
    assert document.paragraphs[0].text == "THÔNG BÁO"
    opening = next(p for p in paragraphs if p.startswith("Ngày 14/6/2019, "))
    assert "Đồng chí Vũ Xuân Đang, Phó Trưởng Ban Dân vận Tỉnh ủy, Phó Trưởng Ban Chỉ đạo tỉnh chủ trì hội nghị." in opening
    assert opening.endswith("đồng chí Vũ Xuân Đang kết luận như sau:")
    numbered = [p for p in paragraphs if p[:2] in ("1.", "2.", "3.", "4.", "5.")]
    assert [p[:2] for p in numbered] == ["1.", "2.", "3.", "4."]
    assert "Giao Ban Dân vận Tỉnh ủy chủ trì, phối hợp với Bộ Chỉ huy Quân sự tỉnh thực hiện." in paragraphs
    assert paragraphs[[i for i, p in enumerate(paragraphs) if p.endswith("./.")][0]].endswith(
        "thông báo để các cơ quan, đơn vị biết, thực hiện./.")
    assert not [p for p in document.paragraphs if p.style.name == "Mục cấp 1"]
