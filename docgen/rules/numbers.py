"""Numbers the Vietnamese way, through babel: ``1.338``, ``45.000``, ``0,70%``.

babel is imported at the first number written (~5 ms): most documents print none."""
from __future__ import annotations

from decimal import Decimal

LOCALE = "vi_VN"


def number(value: int | float | Decimal) -> str:
    """Returns `value` with ``.`` between thousands and ``,`` before decimals, with the
    decimals it was typed with: ``45.000``, ``5,1``, ``0,70`` (a Decimal keeps its precision)."""
    from babel.numbers import format_decimal

    decimals = max(0, -value.as_tuple().exponent) if isinstance(value, Decimal) else None  # type: ignore[operator]
    if decimals is None:
        return format_decimal(value, locale=LOCALE)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def quantity(value: Decimal, unit: str, pad_below_ten: bool, space_before_percent: bool) -> str:
    """Returns a figure with its unit as Party texts write it: ``163 hội nghị``, ``07 công trình``
    (a count below 10 with a leading zero, when `pad_below_ten`), ``0,70%``."""
    text = number(value)
    if pad_below_ten and unit != "%" and value == value.to_integral_value() and 0 <= value < 10:
        text = f"{int(value):02d}"
    if unit == "%":
        return f"{text} %" if space_before_percent else f"{text}%"
    return f"{text} {unit}"


def percent(ratio: float | Decimal, decimals: int = 2) -> str:
    """Returns the ratio as a percentage: ``0.007`` → ``0,70%``."""
    from babel.numbers import format_percent

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return format_percent(ratio, format=pattern, locale=LOCALE)


def share(ratio: float | Decimal) -> str:
    """Returns a share with at most two decimals: ``66,67%``, ``64,86%``, ``100%``."""
    from babel.numbers import format_percent

    return format_percent(ratio, format="#,##0.##%", locale=LOCALE)
