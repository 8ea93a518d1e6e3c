"""Reporting periods as Vietnamese documents name them.

``6 tháng đầu năm 2019``, ``6 tháng cuối năm 2019``, ``9 tháng đầu năm 2019``, ``quý II năm 2019``,
``năm 2022``, ``3 năm 2016 - 2019``, ``giai đoạn 2016 - 2021``, ``2016 - 2021``: each is a span of
dates, so a report's period can be checked against its plan's.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"((?:19|20)\d\d)"
_RANGE = rf"{_YEAR}\s*[-–—]\s*{_YEAR}"


@dataclass(frozen=True)
class Period:
    """A named span of dates, both ends included."""

    text: str
    start: dt.date
    end: dt.date

    def within(self, other: "Period") -> bool:
        return other.start <= self.start and self.end <= other.end


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str) -> Period:
    """Returns the period `text` names; raises `ValueError` (in Vietnamese) when it names none."""
    clean = " ".join(text.split())
    low = clean.lower()
    match = re.fullmatch(rf"(\d{{1,2}}) tháng (đầu|cuối) năm {_YEAR}", low)
    if match:
        months, year = int(match.group(1)), int(match.group(3))
        if not 1 <= months <= 12:
            raise ValueError(f"kỳ báo cáo '{clean}': số tháng phải từ 1 đến 12")
        if match.group(2) == "đầu":
            return Period(clean, dt.date(year, 1, 1), _month_end(year, months))
        return Period(clean, dt.date(year, 13 - months, 1), dt.date(year, 12, 31))
    match = re.fullmatch(rf"quý (i{{1,3}}|iv|[1-4]) năm {_YEAR}", low)
    if match:
        quarter, year = _QUARTERS[match.group(1)], int(match.group(2))
        return Period(clean, dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter))
    match = re.fullmatch(rf"năm {_YEAR}", low)
    if match:
        year = int(match.group(1))
        return Period(clean, dt.date(year, 1, 1), dt.date(year, 12, 31))
    match = re.fullmatch(rf"(?:(?:\d{{1,2}}) năm |giai đoạn )?{_RANGE}", low)
    if match:
        first, last = int(match.group(1)), int(match.group(2))
        if last < first:
            raise ValueError(f"kỳ báo cáo '{clean}': năm cuối trước năm đầu")
        return Period(clean, dt.date(first, 1, 1), dt.date(last, 12, 31))
    raise ValueError(
        f"không hiểu kỳ '{clean}'; viết như: 6 tháng đầu năm 2019, quý II năm 2019, năm 2022, "
        "3 năm 2016 - 2019, giai đoạn 2016 - 2021")


def years(first: int, last: int) -> Period:
    """Returns the period ``giai đoạn first - last`` (whole years)."""
    return Period(f"giai đoạn {first} - {last}", dt.date(first, 1, 1), dt.date(last, 12, 31))
