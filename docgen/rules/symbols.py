"""Số và ký hiệu of a Party document: ``Số 07-KH/BDVTU``, ``Số 02-CTr/BDVTU-BCHQST-CAT-BCHBPT``.

HD 36 §II.1.3 (S2, S4): no colon after "Số", number then hyphen, kind code, slash, issuer
codes joined by hyphens in the data's order (lead body first), no spaces; numbers start at 01.
"""
from __future__ import annotations


def format_number(number: int | str | None) -> str:
    """Returns the number as written in a symbol: two digits at least; blank when `None`
    (or ``"auto"`` not yet drawn from the register).

    `None` is a number the văn thư fills in at signing; it is written as spaces so the
    printed form ``Số      -KH/BDVTU`` leaves room for the pen.
    """
    if number is None or number == "auto":
        return "      "
    if number < 1:
        raise ValueError("số văn bản phải từ 1 trở lên")
    return f"{number:02d}"


def document_symbol(number: int | None, kind_code: str, issuer_codes: list[str] | tuple[str, ...]) -> str:
    """Returns ``07-KH/BDVTU``: the symbol without the word "Số".

    `issuer_codes` holds one code per issuing body, lead body first.
    """
    if not issuer_codes:
        raise ValueError("cần ít nhất một ký hiệu cơ quan ban hành")
    codes = "-".join(code.strip() for code in issuer_codes)
    return f"{format_number(number)}-{kind_code.strip()}/{codes}"


def number_line(number: int | None, kind_code: str, issuer_codes: list[str] | tuple[str, ...]) -> str:
    """Returns the header line ``Số 07-KH/BDVTU`` (no colon)."""
    return f"Số {document_symbol(number, kind_code, issuer_codes)}"
