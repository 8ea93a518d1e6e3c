"""Numbers the Vietnamese way, through babel: ``1.338``, ``45.000``, ``0,70%``."""
from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal, format_percent

LOCALE = "vi_VN"


def number(value: int | float | Decimal) -> str:
    """Returns `value` with ``.`` between thousands and ``,`` before decimals: ``45.000``, ``5,1``."""
    return format_decimal(value, locale=LOCALE)


def percent(ratio: float | Decimal, decimals: int = 2) -> str:
    """Returns the ratio as a percentage: ``0.007`` → ``0,70%``."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return format_percent(ratio, format=pattern, locale=LOCALE)


def share(ratio: float | Decimal) -> str:
    """Returns a share with at most two decimals: ``66,67%``, ``64,86%``, ``100%``."""
    return format_percent(ratio, format="#,##0.##%", locale=LOCALE)
