import pytest

from docgen.rules.symbols import document_symbol, format_number, number_line


def test_number_line_has_no_colon_and_pads_numbers_below_ten():
    assert number_line(7, "KH", ["BDVTU"]) == "Số 07-KH/BDVTU"
    assert number_line(66, "KH", ["BDVTU"]) == "Số 66-KH/BDVTU"
    assert number_line(399, "QĐ", ["TW"]) == "Số 399-QĐ/TW"


def test_joint_codes_are_joined_by_hyphens_in_data_order():
    assert document_symbol(2, "CTr", ["BDVTU", "BCHQST", "CAT", "BCHBPT"]) == "02-CTr/BDVTU-BCHQST-CAT-BCHBPT"


def test_codes_keep_their_case_and_lose_stray_spaces():
    assert document_symbol(4, "CTr", [" DV", "ĐPS "]) == "04-CTr/DV-ĐPS"


def test_blank_number_leaves_room_for_the_clerk():
    assert number_line(None, "KH", ["BDVTU"]).startswith("Số ")
    assert number_line(None, "KH", ["BDVTU"]).endswith("-KH/BDVTU")
    assert format_number(None).strip() == ""


def test_number_zero_and_missing_issuer_are_refused():
    with pytest.raises(ValueError):
        format_number(0)
    with pytest.raises(ValueError):
        document_symbol(1, "KH", [])
