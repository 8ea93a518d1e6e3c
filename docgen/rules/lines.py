"""Where a printed line may break (conventions §Header, §Signature; issue: pages a văn thư signs
without touching).

- A số và ký hiệu or a cited symbol never breaks at its hyphens: they are written as
  non-breaking hyphens (U+2011 here; Word's ``w:noBreakHyphen`` in the file).
- Header issuer lines, the date line, signature titles and the title's trích yếu break
  *between phrases*, never inside one ("BỘ ĐỘI BIÊN PHÒNG", "TỈNH ỦY NGHỆ AN", "DÂN VẬN",
  "ngày 13 tháng 5 năm 2022", "năm 2030"), into as few lines as fit the column and, among
  those, the most even ones (no lone word on a last line). Widths come from the font's real
  advance widths (`docgen.rules.font_widths`) and the column widths of the profile.
- A line break typed in the data wins: each typed line is broken further only if it does
  not fit.

The phrases are the built-in list in ``cum-tu.txt`` beside this module plus those a caller
adds (the place names of the document's bodies).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from docgen.rules.font_widths import units, units_to_pt
from docgen.rules.symbols import find_symbols

NB_HYPHEN = "\u2011"
BREAK = "\n"       # a line break in a context string; the template engine writes ``<w:br/>``
PT_PER_MM = 72 / 25.4
SLACK = 0.98       # use 98 % of a column: Word and LibreOffice round glyph positions differently
_DIGIT_START = re.compile(r"^\(?\d")
_GLUED_AFTER_NUMBER = {"tháng", "năm"}
PHRASES_FILE = Path(__file__).with_name("cum-tu.txt")


def keep_symbols_whole(text: str) -> str:
    """Returns `text` with the hyphens of every symbol in it (``02-CTr/BTGDVTU-BCHQST``,
    ``49/2015/QĐ-TTg``) made non-breaking."""
    if "-" not in text:
        return text
    found = find_symbols(text)
    if not found:
        return text
    chars = list(text)
    for symbol in found:
        for i in range(symbol.start, symbol.end):
            if chars[i] == "-":
                chars[i] = NB_HYPHEN
    return "".join(chars)


def width_mm(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Returns the width of `text` on one line, in millimetres."""
    return units_to_pt(units(text, bold, italic), size_pt) / PT_PER_MM


@lru_cache(maxsize=1)
def builtin_phrases() -> tuple[str, ...]:
    """Returns the built-in phrases (lower case), in a stable order."""
    lines = PHRASES_FILE.read_text(encoding="utf-8").splitlines()
    phrases = {" ".join(line.split("#", 1)[0].split()).lower() for line in lines}
    return tuple(sorted(p for p in phrases if " " in p))


def _key(word: str) -> str:
    """Returns a word as phrases are matched: lower case, without the punctuation around it."""
    return word.lower().strip(",;:.()")


@lru_cache(maxsize=64)
def _index(phrases: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Returns the phrases by their first word."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        parts = tuple(phrase.split())
        by_first.setdefault(parts[0], []).append(parts)
    return {first: tuple(found) for first, found in by_first.items()}


def _phrases_in(keys: list[str], phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    """Returns the spans ``(first word, after last)`` of the phrases in the words `keys` (see
    `_key`), read left to right taking the longest phrase at each word ("CHỈ HUY TRƯỞNG | BAN
    CHỈ HUY", not "TRƯỞNG BAN" across them)."""
    by_first = _index(phrases)
    spans = []
    i = 0
    while i < len(keys):
        longest = max((len(parts) for parts in by_first.get(keys[i], ()) if tuple(keys[i:i + len(parts)]) == parts),
                      default=0)
        if longest > 1:
            spans.append((i, i + longest))
            i += longest
        else:
            i += 1
    return spans


def _glue(words: list[str], phrases: tuple[str, ...]) -> list[bool]:
    """Returns, for each gap between two words, whether the line must not break there."""
    glued = [False] * max(len(words) - 1, 0)
    lowered = [_key(w) for w in words]
    for start, end in _phrases_in(lowered, phrases):
        for gap in range(start, end - 1):
            glued[gap] = True
    for gap in range(len(glued)):
        left, right = words[gap], words[gap + 1]
        if left.endswith(",") or left.endswith(";"):
            continue
        if _DIGIT_START.match(right) or right in ("-", "–") or left in ("-", "–"):
            glued[gap] = True   # "năm 2030", "số 23-QĐ/TW", "2026 - 2030"
        elif _DIGIT_START.match(left) and lowered[gap + 1] in _GLUED_AFTER_NUMBER:
            glued[gap] = True   # "ngày 13 tháng 5 năm 2022"
        elif left.startswith("(") and not left.endswith(")"):
            glued[gap] = True   # "(khóa XVI)"
        elif lowered[gap] in ("k/t", "t/m", "t/l", "t/u", "q.", "số", "của", "và", "về", "với"):
            glued[gap] = True   # a form or a short word goes with what follows
    return glued


def _best_split(words: list[str], glued: list[bool], word_units: list[int], space: int,
                fits: Callable[[int], bool]) -> list[str]:
    """Returns the words joined into lines that fit: the fewest breaks inside a phrase (none,
    unless a phrase is wider than the column), then the fewest lines, then the fewest lines of
    one word, then the most even lines. A line's width is its words' and spaces' font units
    (`word_units`, `space`), summed once (`fits` tells whether so many units fit)."""
    n = len(words)
    before = [0]
    for amount in word_units:
        before.append(before[-1] + amount)
    best: dict[int, tuple[int, int, int, int, list[str]]] = {0: (0, 0, 0, 0, [])}
    for end in range(1, n + 1):
        starts = []
        for start in range(end - 1, -1, -1):   # ever longer lines ending at `end`, while they fit
            wide = before[end] - before[start] + space * (end - start - 1)
            if end - start > 1 and not fits(wide):
                break
            starts.append((start, wide))
        for start, wide in reversed(starts):   # the first start wins a tie, as it always has
            if start not in best:
                continue
            inside, count, lone, widest, lines = best[start]
            candidate = (inside + (1 if end < n and glued[end - 1] else 0), count + 1,
                         lone + (1 if end - start == 1 and n > 1 else 0), max(widest, wide),
                         [*lines, " ".join(words[start:end])])
            known = best.get(end)
            if known is None or candidate[:4] < known[:4]:
                best[end] = candidate
    return best[n][4]


def break_lines(text: str, column_mm: float, size_pt: float, bold: bool = False, italic: bool = False,
                phrases: Iterable[str] = ()) -> str:
    """Returns `text` with line breaks (`BREAK`) placed between phrases so that each line fits
    `column_mm` at `size_pt`; a break typed in `text` is kept."""
    known = (*sorted({" ".join(p.split()).lower() for p in phrases if " " in p.strip()}), *builtin_phrases())
    limit = column_mm * SLACK

    def fits(amount: int) -> bool:
        return units_to_pt(amount, size_pt) / PT_PER_MM <= limit

    out: list[str] = []
    for typed in text.split(BREAK):
        typed = " ".join(typed.split())
        if not typed or fits(units(typed, bold, italic)):
            out.append(typed)
            continue
        words = typed.split(" ")
        out += _best_split(words, _glue(words, known), [units(w, bold, italic) for w in words],
                           units(" ", bold, italic), fits)
    return BREAK.join(out)


def broken_phrases(lines: list[str], phrases: Iterable[str] = ()) -> list[str]:
    """Returns the phrases split across two of the printed `lines` (lint, page checks): the
    phrase, read as `break_lines` reads them, whose words end one line and start the next."""
    known = (*(" ".join(p.split()).lower() for p in phrases), *builtin_phrases())
    found = []
    for first, second in zip(lines, lines[1:], strict=False):
        tail, head = first.split()[-4:], second.split()[:4]
        if not tail or not head:
            continue
        keys = [_key(w) for w in tail + head]
        for start, end in _phrases_in(keys, known):
            if start < len(tail) < end:
                found.append(" ".join(keys[start:end]))
    return sorted(set(found))
