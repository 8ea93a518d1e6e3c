import datetime as dt

import pytest

from docgen.rules.dates import date_words, parse_date, place_date_line, short_date


@pytest.mark.parametrize("day, expected", [
    (dt.date(2022, 1, 5), "ngày 05 tháng 01 năm 2022"),
    (dt.date(2022, 1, 17), "ngày 17 tháng 01 năm 2022"),
    (dt.date(2018, 4, 3), "ngày 03 tháng 4 năm 2018"),
    (dt.date(2021, 7, 30), "ngày 30 tháng 7 năm 2021"),
    (dt.date(2018, 2, 20), "ngày 20 tháng 02 năm 2018"),
    (dt.date(2026, 12, 1), "ngày 01 tháng 12 năm 2026"),
])
def test_date_line_pads_day_and_early_months(day, expected):
    assert date_words(day) == expected


def test_place_date_line():
    assert place_date_line("Hà Nội", dt.date(2026, 1, 9)) == "Hà Nội, ngày 09 tháng 01 năm 2026"


def test_short_date_as_cited():
    assert short_date(dt.date(2021, 7, 30)) == "30/7/2021"
    assert short_date(dt.date(2010, 2, 25)) == "25/02/2010"
    assert short_date(dt.date(2013, 6, 3)) == "03/6/2013"


@pytest.mark.parametrize("text", ["17/01/2022", "17/1/2022", "2022-01-17", "17-01-2022", "17.01.2022", " 17/01/2022 "])
def test_parse_date_accepts_common_forms(text):
    assert parse_date(text) == dt.date(2022, 1, 17)


@pytest.mark.parametrize("text, words", [
    ("30/02/2022", "không có ngày 30"),
    ("31/4/2022", "không có ngày 31"),
    ("12/13/2022", "tháng 13"),
    ("hôm nay", "không phải ngày tháng"),
    ("01/01/22", "năm 22"),
])
def test_parse_date_explains_impossible_dates(text, words):
    with pytest.raises(ValueError) as info:
        parse_date(text)
    assert words in str(info.value)
