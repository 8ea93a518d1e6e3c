from decimal import Decimal

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
