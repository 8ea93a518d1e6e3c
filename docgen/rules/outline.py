"""Outline numbers generated from the content tree: ``I.`` → ``1.`` → ``a)`` → ``-`` → ``+``.

Numbers are never typed by the user: inserting a section renumbers everything after it.
The forms come from the profile (``{la_ma}.`` or ``{la_ma}-``; ``{chu})`` or
``{so_cha}.{so}.``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]
# Vietnamese documents letter their points a) b) c) d) đ) e) g) h) i) k) ... (no f, j, w, z).
_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()


def roman(n: int) -> str:
    """Returns `n` (1 or more) in Roman numerals: 4 → ``IV``."""
    if n < 1:
        raise ValueError("số La Mã bắt đầu từ 1")
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def letter(n: int) -> str:
    """Returns the `n`-th point letter (1 → ``a``, 5 → ``đ``); past ``y`` it doubles (``aa``)."""
    if n < 1:
        raise ValueError("điểm đánh chữ bắt đầu từ 1")
    count = len(_LETTERS)
    return _LETTERS[(n - 1) % count] * ((n - 1) // count + 1)


def heading_number(form: str, path: tuple[int, ...]) -> str:
    """Returns the number of the heading at `path` (1-based positions from the top) by `form`.

    `form` may use ``{la_ma}`` (Roman), ``{so}`` (Arabic), ``{chu}`` (letter) for the last
    position, and ``{so_cha}`` for the parent's Arabic position (``1.1.``).
    """
    n = path[-1]
    parent = path[-2] if len(path) > 1 else 0
    return form.format(la_ma=roman(n), so=n, chu=letter(n), so_cha=parent)


def roman_value(text: str) -> int:
    """Returns the value of the Roman numeral `text` (``IV`` → 4); raises `ValueError` for
    letters that are not Roman digits."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(text):
        value = values[ch]
        total += -value if i + 1 < len(text) and values[text[i + 1]] > value else value
    return total


_PIECES = {"la_ma": r"(?P<la_ma>[IVXLC]+)", "so": r"(?P<so>\d+)", "chu": r"(?P<chu>[a-zđ]{1,2})",
           "so_cha": r"(?P<so_cha>\d+)"}


@dataclass(frozen=True)
class HeadingNumber:
    """A heading number read back from text: its value at its level (``IV.`` → 4) and the
    heading's text after it."""

    value: int
    text: str


@cache
def _number_pattern(form: str) -> re.Pattern[str]:
    """Returns the pattern of a number written by `form` at the start of a text, then a space."""
    return re.compile("".join(_PIECES[piece[1:-1]] if piece.startswith("{") else re.escape(piece)
                              for piece in re.split(r"(\{\w+\})", form) if piece) + r"\s")


def parse_heading_number(form: str, text: str) -> HeadingNumber | None:
    """Returns the number `form` writes (``{la_ma}.``, ``{so}.``, ``{chu})``...) read at the
    start of `text`, followed by a space, or `None` when `text` does not start with it."""
    match = _number_pattern(form).match(text)
    if match is None:
        return None
    groups = match.groupdict()
    try:
        if groups.get("la_ma"):
            value = roman_value(groups["la_ma"])
        elif groups.get("so"):
            value = int(groups["so"])
        else:
            value = _LETTERS.index(groups["chu"][0]) + 1
    except (KeyError, ValueError):
        return None
    return HeadingNumber(value, text[match.end():])
