"""Dates as Party documents write them.

Header (S4, S9, N2): ``Đồng Xoài, ngày 05 tháng 01 năm 2022`` — day below 10 and months 1
and 2 with a leading zero, months 3 to 12 without. Citations: ``30/7/2021``, ``25/02/2010``
with the same padding.
"""
from __future__ import annotations

import datetime as dt


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
