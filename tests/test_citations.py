"""Citations in documents: forms in the rendered .docx, and the checks before rendering."""
import json

from tests.conftest import CATALOGS, ORGANISATIONS


def _texts(document):
    return [p.text for p in document.paragraphs]


def test_structured_bases_are_written_in_full(plan_data, render_data):
    document = render_data(plan_data)
    assert ("- Căn cứ Quyết định số 23-QĐ/TW, ngày 30/7/2021 của Bộ Chính trị ban hành Quy chế công tác dân vận "
            "của hệ thống chính trị;") in _texts(document)


def test_first_mention_full_later_short(plan_data, render_data):
    section = plan_data["noi_dung"][0]["noi_dung"][0]["noi_dung"]
    section[0] = "Quán triệt [[25-NQ/TW]] trong lực lượng vũ trang."
    section[1] = "Sơ kết việc thực hiện [[25-NQ/TW]] và [[23-QĐ/TW]]."
    texts = _texts(render_data(plan_data))
    assert ("Quán triệt Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI) về tăng "
            "cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới trong lực lượng vũ "
            "trang.") in texts
    # 25-NQ/TW was cited above; 23-QĐ/TW in the căn cứ lines
    assert "Sơ kết việc thực hiện Nghị quyết số 25-NQ/TW và Quyết định số 23-QĐ/TW." in texts


def test_options_force_the_form_and_name_a_short_title(plan_data, render_data):
    section = plan_data["noi_dung"][0]["noi_dung"][0]["noi_dung"]
    section[0] = "Theo [[33/CT-TTg|goi_tat]]; [[33/CT-TTg]]; [[33/CT-TTg|day_du]]."
    section[1] = "Nhắc [[16-NQ/TW|ngan]]."
    texts = _texts(render_data(plan_data))
    full = ("Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ về tiếp tục tăng cường và đổi mới công tác "
            "dân vận của cơ quan hành chính nhà nước, chính quyền các cấp trong tình hình mới")
    assert f"Theo {full} (sau đây gọi tắt là Chỉ thị 33/CT-TTg); Chỉ thị 33/CT-TTg; {full}." in texts
    assert "Nhắc Nghị quyết số 16-NQ/TW." in texts


def _check(tmp_path, run_cli, data):
    source = tmp_path / "x.json"
    source.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return run_cli("check", source, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)


def _with_basis(plan_data, symbol, date):
    plan_data["ngay"] = date
    plan_data["co_quan"] = {"cap_tren": "Tỉnh ủy Bình Phước", "ten": "Ban Dân vận", "ky_hieu": "BDVTU",
                            "dia_danh": "Đồng Xoài", "loai": "tham-muu"}
    plan_data["mo_dau"]["can_cu"] = [symbol]
    return plan_data


def test_replaced_document_as_basis_is_an_error_after_its_replacement(plan_data, tmp_path, run_cli):
    result = _check(tmp_path, run_cli, _with_basis(plan_data, "290-QĐ/TW", "10/3/2023"))
    assert result.exit_code == 2
    line = next(l for l in result.output.splitlines() if "[mo_dau.can_cu[0]]" in l)
    assert "290-QĐ/TW đã được thay thế bằng 23-QĐ/TW từ 30/7/2021" in line
    assert "Quyết định số 23-QĐ/TW, ngày 30/7/2021 của Bộ Chính trị" in line


def test_replaced_document_as_basis_is_fine_before_its_replacement(plan_data, tmp_path, run_cli):
    result = _check(tmp_path, run_cli, _with_basis(plan_data, "290-QĐ/TW", "10/3/2020"))
    assert result.exit_code == 0, result.output


def test_replaced_document_in_a_prose_basis_is_an_error_and_a_historical_mention_is_not(plan_data, tmp_path, run_cli):
    plan_data["noi_dung"][0]["noi_dung"][0]["noi_dung"][0] = "Tiếp tục triển khai [[290-QĐ/TW]] ở cơ sở."
    result = _check(tmp_path, run_cli, plan_data)
    assert result.exit_code == 2 and "[noi_dung[0].noi_dung[0].noi_dung[0]]" in result.output
    plan_data["noi_dung"][0]["noi_dung"][0]["noi_dung"][0] = (
        "Sau 11 năm thực hiện [[290-QĐ/TW|lich_su]], Bộ Chính trị ban hành [[23-QĐ/TW]].")
    assert _check(tmp_path, run_cli, plan_data).exit_code == 0


def test_unknown_symbol_names_the_closest(plan_data, tmp_path, run_cli):
    plan_data["mo_dau"]["can_cu"][0] = "23-QĐ/TU"
    result = _check(tmp_path, run_cli, plan_data)
    assert result.exit_code == 2
    assert "23-QĐ/TU không có trong danh mục văn bản; gần giống: 23-QĐ/TW" in result.output


def test_prose_citation_with_wrong_date_or_issuer_is_a_warning_quoting_the_sentence(plan_data, tmp_path, run_cli):
    section = plan_data["noi_dung"][0]["noi_dung"][0]["noi_dung"]
    section[0] = "Quán triệt Nghị quyết số 25-NQ/TW ngày 03/6/2014 của Ban Chấp hành Trung ương Đảng (khoá XI)."
    section[1] = "Thực hiện Quyết định số 23-QĐ/TW, ngày 30/7/2021 của Ban Bí thư."
    result = _check(tmp_path, run_cli, plan_data)
    assert result.exit_code == 0, result.output
    assert "cảnh báo [noi_dung[0].noi_dung[0].noi_dung[0]]: 25-NQ/TW ghi ngày 03/6/2014, danh mục ghi ngày 03/6/2013 " \
           "(câu: «…triệt Nghị quyết số 25-NQ/TW ngày 03/6/2014 của Ban Chấp hành" in result.output
    assert "23-QĐ/TW ghi cơ quan ban hành 'Ban Bí thư', danh mục ghi 'Bộ Chính trị' (câu: «" in result.output


def test_basis_line_with_wrong_date_or_issuer_is_an_error(plan_data, tmp_path, run_cli):
    plan_data["mo_dau"]["can_cu"] = ["Quyết định số 23-QĐ/TW, ngày 30/7/2021 của Ban Bí thư ban hành Quy chế công tác "
                                     "dân vận của hệ thống chính trị"]
    result = _check(tmp_path, run_cli, plan_data)
    assert result.exit_code == 2
    assert "lỗi [mo_dau.can_cu[0]]: 23-QĐ/TW ghi cơ quan ban hành 'Ban Bí thư', danh mục ghi 'Bộ Chính trị'" in result.output


def test_prose_citation_that_agrees_with_the_catalog_passes(plan_data, tmp_path, run_cli):
    plan_data["noi_dung"][0]["noi_dung"][0]["noi_dung"][0] = (
        "Quán triệt Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng (khoá XI).")
    result = _check(tmp_path, run_cli, plan_data)
    assert result.exit_code == 0 and "cảnh báo" not in result.output


def test_malformed_symbol_is_a_warning(plan_data, tmp_path, run_cli):
    plan_data["noi_dung"][0]["noi_dung"][0]["noi_dung"][0] = "Thực hiện Kế hoạch số 07 – KH/BDV – CA – QS – BP."
    result = _check(tmp_path, run_cli, plan_data)
    assert result.exit_code == 0
    assert "cảnh báo" in result.output and "'07 – KH/BDV – CA – QS – BP' → '07-KH/BDV-CA-QS-BP'" in result.output


def test_example_plans_cite_through_the_catalog():
    from tests.conftest import EXAMPLES, load_yaml

    for path in EXAMPLES:
        opening = load_yaml(path).get("mo_dau", {})
        for line in opening.get("can_cu", []) + opening.get("thuc_hien", []):
            if "23-QĐ/TW" in line:
                assert line == "23-QĐ/TW", path
