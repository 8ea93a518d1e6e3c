from decimal import Decimal

import pytest

from docgen.rules.numbers import number, percent, share


def test_thousands_use_dots_and_decimals_commas():
    assert number(1338) == "1.338"
    assert number(45000) == "45.000"
    assert number(20115) == "20.115"
    assert number(Decimal("5.1")) == "5,1"


def test_percent():
    assert percent(Decimal("0.007")) == "0,70%"
    assert percent(Decimal("0.84"), decimals=0) == "84%"


def test_share_has_at_most_two_decimals():
    assert share(Decimal(6) / 9) == "66,67%"
    assert share(Decimal(24) / 37) == "64,86%"
    assert share(Decimal(4) / 4) == "100%"


def test_figures_keep_their_typed_decimals():
    from decimal import Decimal

    from docgen.rules.numbers import number

    assert number(Decimal("0.70")) == "0,70"
    assert number(Decimal("45000")) == "45.000"
    assert number(Decimal("7.2") + Decimal("0.30")) == "7,50"


@pytest.mark.parametrize("value, unit, pad, spaced, expected", [
    ("7", "công trình", True, False, "07 công trình"),
    ("7", "công trình", False, False, "7 công trình"),
    ("12", "đảng viên", True, False, "12 đảng viên"),
    ("0.70", "%", True, False, "0,70%"),
    ("0.70", "%", True, True, "0,70 %"),
    ("5.5", "tỷ đồng", True, False, "5,5 tỷ đồng"),
])
def test_quantities_as_party_texts_write_them(value, unit, pad, spaced, expected):
    from decimal import Decimal

    from docgen.rules.numbers import quantity

    assert quantity(Decimal(value), unit, pad, spaced) == expected
