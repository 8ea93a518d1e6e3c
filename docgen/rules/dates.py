"""Dates as Party documents write them.

Header (S4, S9, N2): ``Đồng Xoài, ngày 05 tháng 01 năm 2022`` — day below 10 and months 1
and 2 with a leading zero, months 3 to 12 without. Citations: ``30/7/2021``, ``25/02/2010``
with the same padding.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


def _month(month: int) -> str:
    return f"{month:02d}" if month < 3 else str(month)


def date_words(day: dt.date) -> str:
    """Returns ``ngày 05 tháng 01 năm 2022`` for 5 January 2022."""
    return f"ngày {day.day:02d} tháng {_month(day.month)} năm {day.year}"


def place_date_line(place: str, day: dt.date) -> str:
    """Returns the header line ``{place}, ngày dd tháng m năm yyyy``."""
    return f"{place}, {date_words(day)}"


def short_date(day: dt.date, separator: str = "/") -> str:
    """Returns ``30/7/2021`` or ``05/01/2022``: the date as cited in running text."""
    return separator.join((f"{day.day:02d}", _month(day.month), str(day.year)))


def parse_date(text: str) -> dt.date:
    """Returns the date written as ``17/01/2022``, ``17/1/2022``, ``17-01-2022`` or ``2022-01-17``.

    Raises `ValueError` with a Vietnamese message when the text is not a date that exists.
    """
    raw = text.strip()
    for sep in ("/", "-", "."):
        parts = raw.split(sep)
        if len(parts) == 3 and all(p.strip().isdigit() for p in parts):
            a, b, c = (int(p) for p in parts)
            if len(parts[0].strip()) == 4:
                year, month, day = a, b, c
            else:
                day, month, year = a, b, c
            break
    else:
        raise ValueError(f"'{raw}' không phải ngày tháng; viết dạng ngày/tháng/năm, ví dụ 17/01/2022")
    if year < 1930 or year > 2100:
        raise ValueError(f"năm {year} không hợp lý (ngày '{raw}')")
    if not 1 <= month <= 12:
        raise ValueError(f"tháng {month} không tồn tại (ngày '{raw}')")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"tháng {month} năm {year} không có ngày {day} (ngày '{raw}')") from None


_IN_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_PLACE_DATE = re.compile(r"^(?P<place>[^,]+), (?P<date>ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4}))$")


def date_in_words(text: str) -> dt.date | None:
    """Returns the first date written ``ngày dd tháng m năm yyyy`` in `text` (padded or not),
    or `None` when there is none or it does not exist."""
    match = _IN_WORDS.search(text)
    if match is None:
        return None
    try:
        return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None


@dataclass(frozen=True)
class PlaceDateLine:
    """A place-date line as written: the place, the date (``None`` when it does not exist),
    and whether it is exactly what `place_date_line` writes for that place and date."""

    written: str
    place: str
    date: dt.date | None
    canonical: bool


def parse_place_date_line(text: str) -> PlaceDateLine | None:
    """Returns the line `text` read as ``{place}, ngày dd tháng m năm yyyy`` (padded or not),
    or `None` when it does not have that shape."""
    match = _PLACE_DATE.match(text.strip())
    if match is None:
        return None
    day = date_in_words(match.group("date"))
    place = match.group("place")
    return PlaceDateLine(text, place, day, day is not None and place_date_line(place, day) == text)
