import datetime as dt

import pytest

from docgen.rules.periods import parse_period, years


@pytest.mark.parametrize("text, start, end", [
    ("6 tháng đầu năm 2019", (2019, 1, 1), (2019, 6, 30)),
    ("6 tháng cuối năm 2019", (2019, 7, 1), (2019, 12, 31)),
    ("9 tháng đầu năm 2024", (2024, 1, 1), (2024, 9, 30)),
    ("quý II năm 2019", (2019, 4, 1), (2019, 6, 30)),
    ("Quý 1 năm 2020", (2020, 1, 1), (2020, 3, 31)),
    ("năm 2022", (2022, 1, 1), (2022, 12, 31)),
    ("3 năm 2016 - 2019", (2016, 1, 1), (2019, 12, 31)),
    ("giai đoạn 2016–2021", (2016, 1, 1), (2021, 12, 31)),
    ("2022 - 2026", (2022, 1, 1), (2026, 12, 31)),
])
def test_periods_become_spans_of_dates(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (dt.date(*start), dt.date(*end))


def test_within():
    assert parse_period("6 tháng đầu năm 2019").within(parse_period("năm 2019"))
    assert parse_period("3 năm 2016 - 2019").within(years(2016, 2021))
    assert not parse_period("năm 2022").within(years(2016, 2021))


@pytest.mark.parametrize("text", ["hôm qua", "13 tháng đầu năm 2019", "giai đoạn 2021 - 2016", "quý V năm 2019"])
def test_unknown_periods_are_explained(text):
    with pytest.raises(ValueError):
        parse_period(text)
