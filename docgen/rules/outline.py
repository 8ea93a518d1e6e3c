"""Outline numbers generated from the content tree: ``I.`` → ``1.`` → ``a)`` → ``-`` → ``+``.

Numbers are never typed by the user: inserting a section renumbers everything after it.
The forms come from the profile (``{la_ma}.`` or ``{la_ma}-``; ``{chu})`` or
``{so_cha}.{so}.``).
"""
from __future__ import annotations

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
