import docx

from tests.conftest import CATALOGS


def test_cite_prints_full_and_short_forms(run_cli):
    result = run_cli("cite", "23-QĐ/TW", "--danh-muc", CATALOGS)
    assert result.exit_code == 0
    assert result.output.splitlines()[:2] == [
        "Quyết định số 23-QĐ/TW, ngày 30/7/2021 của Bộ Chính trị ban hành Quy chế công tác dân vận của hệ thống chính trị",
        "lần sau: Quyết định số 23-QĐ/TW"]


def test_cite_accepts_loose_spelling_and_tells_about_replacement(run_cli):
    result = run_cli("cite", "290 – QĐ/TƯ", "--danh-muc", CATALOGS)
    assert result.exit_code == 0 and "đã được thay thế bằng 23-QĐ/TW từ 30/7/2021" in result.output


def test_cite_unknown_symbol(run_cli):
    result = run_cli("cite", "23-QĐ/TU", "--danh-muc", CATALOGS)
    assert result.exit_code == 2 and "gần giống: 23-QĐ/TW" in result.output


def test_cite_search_is_accent_insensitive(run_cli):
    result = run_cli("cite", "--search", "quy che dan van", "--danh-muc", CATALOGS)
    assert result.exit_code == 0
    assert [line.split("\t")[0] for line in result.output.splitlines()] == ["23-QĐ/TW", "290-QĐ/TW"]


def _word_file(path, date_line, body):
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "TỈNH ỦY BÌNH PHƯỚC\nBAN DÂN VẬN\n*\nSố 12-KH/BDVTU"
    table.rows[0].cells[1].text = f"ĐẢNG CỘNG SẢN VIỆT NAM\n{date_line}"
    for text in body:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def test_cite_check_flags_a_replaced_basis_in_a_word_file(run_cli, tmp_path):
    path = _word_file(tmp_path / "ke-hoach.docx", "Đồng Xoài, ngày 15 tháng 3 năm 2024", [
        "KẾ HOẠCH", "tổ chức Tháng Dân vận năm 2024",
        "Căn cứ Quyết định số 290-QĐ/TW ngày 25/02/2010 của Bộ Chính trị ban hành Quy chế công tác dân vận của "
        "hệ thống chính trị, Ban Dân vận Tỉnh ủy ban hành Kế hoạch như sau:"])
    result = run_cli("cite", "--check", path, "--danh-muc", CATALOGS)
    assert result.exit_code == 1
    flagged = [l for l in result.output.splitlines() if "290-QĐ/TW đã được thay thế" in l]
    assert flagged and "23-QĐ/TW" in flagged[0] and "«Căn cứ Quyết định số 290-QĐ/TW ngày…»" in flagged[0]
    assert "1 lỗi" in result.output


def test_cite_check_accepts_the_same_basis_before_the_replacement(run_cli, tmp_path):
    path = _word_file(tmp_path / "ke-hoach.docx", "Đồng Xoài, ngày 15 tháng 3 năm 2019", [
        "Căn cứ Quyết định số 290-QĐ/TW ngày 25/02/2010 của Bộ Chính trị ban hành Quy chế công tác dân vận của "
        "hệ thống chính trị,"])
    result = run_cli("cite", "--check", path, "--danh-muc", CATALOGS)
    assert result.exit_code == 0, result.output
    assert "0 lỗi" in result.output


def test_cite_check_date_can_be_given(run_cli, tmp_path):
    path = _word_file(tmp_path / "x.docx", "", ["Thực hiện Quyết định số 290-QĐ/TW ngày 25/02/2010,"])
    assert run_cli("cite", "--check", path, "--danh-muc", CATALOGS).exit_code == 0
    assert run_cli("cite", "--check", path, "--ngay", "01/01/2024", "--danh-muc", CATALOGS).exit_code == 1


def test_cite_check_refuses_a_file_that_is_not_word(run_cli, tmp_path):
    path = tmp_path / "x.docx"
    path.write_bytes(b"not a zip")
    result = run_cli("cite", "--check", path, "--danh-muc", CATALOGS)
    assert result.exit_code == 2 and "không phải tệp Word" in result.output
