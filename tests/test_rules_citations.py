import datetime as dt

import pytest

from docgen.rules.citations import Cited, alias_citation, find_markers, full_citation, is_basis_context, short_citation
from docgen.rules.symbols import canonical, find_symbols, is_well_formed, parse_symbol


@pytest.mark.parametrize("written, expected, system", [
    ("23-QĐ/TW", "23-QĐ/TW", "dang"),
    ("07-KH/BDV-CA-QS-BP", "07-KH/BDV-CA-QS-BP", "dang"),
    ("04-CTr/DV-ĐPS", "04-CTr/DV-ĐPS", "dang"),
    ("02-CTr/BDVTU-BCHQST-CAT-BCHBPT", "02-CTr/BDVTU-BCHQST-CAT-BCHBPT", "dang"),
    ("33/CT-TTg", "33/CT-TTg", "nha_nuoc"),
    ("169/2013/NĐ-CP", "169/2013/NĐ-CP", "nha_nuoc"),
    ("1237/QĐ-TTg", "1237/QĐ-TTg", "nha_nuoc"),
    ("49/2015/QĐ-TTg", "49/2015/QĐ-TTg", "nha_nuoc"),
    ("202/2025/QH15", "202/2025/QH15", "nha_nuoc"),
])
def test_every_symbol_form_parses_to_itself(written, expected, system):
    symbol = parse_symbol(written)
    assert str(symbol) == expected and symbol.system == system
    assert is_well_formed(written)


@pytest.mark.parametrize("written, expected", [
    ("07 – KH/BDV – CA – QS – BP", "07-KH/BDV-CA-QS-BP"),   # spaces and en dashes (seed 000)
    ("16 – NQ/TW", "16-NQ/TW"),
    ("4-Ctr/DV-ĐPS", "04-CTr/DV-ĐPS"),                      # Ctr, no leading zero
    ("23-QĐ/TƯ", "23-QĐ/TW"),                               # TƯ
    ("23 - qđ / tw", "23-QĐ/TW"),
    ("33 / ct-ttg", "33/CT-TTg"),
    ("169 / 2013 / NĐ – CP", "169/2013/NĐ-CP"),
])
def test_parsing_is_tolerant_and_output_canonical(written, expected):
    assert canonical(written) == expected
    assert not is_well_formed(written)


def test_state_symbols_are_never_turned_into_party_form():
    assert parse_symbol("33/CT-TTg").system == "nha_nuoc"
    assert str(parse_symbol("33/CT-TTg")) != "33-CT/TTg"


@pytest.mark.parametrize("text", ["30/7/2021", "giai đoạn 2016-2021", "Nghị quyết số 25", "abc"])
def test_dates_and_words_are_not_symbols(text):
    assert parse_symbol(text) is None


def test_symbols_found_in_running_text():
    text = "Căn cứ Quyết định số 290-QĐ/TW ngày 25/02/2010 và Chỉ thị số 33/CT-TTg, ngày 26/11/2021; Nghị định 169/2013/NĐ-CP."
    assert [str(f.symbol) for f in find_symbols(text)] == ["290-QĐ/TW", "33/CT-TTg", "169/2013/NĐ-CP"]


QD23 = Cited("Quyết định", "23-QĐ/TW", "dang", dt.date(2021, 7, 30), "Bộ Chính trị",
             "ban hành Quy chế công tác dân vận của hệ thống chính trị")
CT33 = Cited("Chỉ thị", "33/CT-TTg", "nha_nuoc", dt.date(2021, 11, 26), "Thủ tướng Chính phủ", "về tiếp tục ...")


def test_full_citation_party_and_state_forms():
    assert full_citation(QD23) == ("Quyết định số 23-QĐ/TW, ngày 30/7/2021 của Bộ Chính trị ban hành Quy chế công tác "
                                   "dân vận của hệ thống chính trị")
    assert full_citation(QD23, comma_before_date=False).startswith("Quyết định số 23-QĐ/TW ngày 30/7/2021")
    assert full_citation(CT33) == "Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ về tiếp tục ..."


def test_short_and_alias_forms():
    assert short_citation(QD23) == "Quyết định số 23-QĐ/TW"
    assert alias_citation(QD23) == "Quyết định 23-QĐ/TW"


def test_citation_without_a_known_date_leaves_it_out():
    undated = Cited("Nghị định", "169/2013/NĐ-CP", "nha_nuoc", None, "Chính phủ", "quy định ...")
    assert full_citation(undated) == "Nghị định số 169/2013/NĐ-CP của Chính phủ quy định ..."


def test_markers_and_their_options():
    markers = find_markers("Thực hiện [[23-QĐ/TW]] và [[ 290-QĐ/TW | lich_su, ngan ]].")
    assert [(m.written, sorted(m.options)) for m in markers] == [("23-QĐ/TW", []), ("290-QĐ/TW", ["lich_su", "ngan"])]


def test_basis_context_is_read_in_the_sentence_of_the_citation():
    text = "Năm 2015, đơn vị đã sơ kết. Tiếp tục triển khai Quyết định số 23-QĐ/TW."
    assert is_basis_context(text, text.index("23-"))
    text = "Thực hiện tốt công tác. Nhắc lại Quyết định số 290-QĐ/TW."
    assert not is_basis_context(text, text.index("290-"))
    text = "Sau 11 năm thực hiện Quyết định số 290-QĐ/TW, công tác dân vận có nhiều chuyển biến."
    assert not is_basis_context(text, text.index("290-"))
