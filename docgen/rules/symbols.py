"""Số và ký hiệu: writing a document's own symbol and number line, and reading symbols back.

Party symbols: ``23-QĐ/TW``, ``07-KH/BDV-CA-QS-BP``, ``02-CTr/BDVTU-BCHQST-CAT-BCHBPT``
(number, hyphen, kind, slash, issuers joined by hyphens; HD 36 §II.1.3, S2, S4: no colon
after "Số", no spaces, numbers from 01). State symbols: ``33/CT-TTg``, ``169/2013/NĐ-CP``,
``202/2025/QH15`` (number, slash, [year, slash], [kind, hyphen], issuer); the State number
line has a colon (``Số: 12/QĐ-UBND``, NĐ 30/2020). Parsing is tolerant (spaces, en dashes,
``Ctr``, ``TƯ``); output is canonical. A State symbol is never turned into the Party form or
back (conventions §Citations). The renderer writes with `number_line`; lint and the citation
checks read with `parse_number_line`, `parse_symbol` and `find_symbols`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from docgen.rules.kinds import kind_named_before

PARTY = "dang"
STATE = "nha_nuoc"

DASH = "-–—‐‑"
_D = f"[{DASH}]"

# Canonical spellings of codes that are not all capitals; other Party codes are upper-cased.
_CANONICAL = {c.upper(): c for c in ("CTr", "TTr", "QĐi", "TTg", "QHo", "TBo", "ThU", "NĐ")}
_ISSUER_ALIASES = {"TƯ": "TW"}
# A State-ordered symbol whose issuer is one of these is a Party symbol written the State way
# (``217/QĐ-TW`` for ``217-QĐ/TW``).
_PARTY_ISSUER = re.compile(r"^(?:[A-ZĐ]*(?:TW|TƯ|TU|HU|ĐU|QU|ĐUK)|TW)$")
# The codes of the kinds of Party documents (HD 36-HD/VPTW): the kinds a register numbers.
PARTY_KINDS = frozenset({"NQ", "QĐ", "QĐi", "CT", "KL", "QC", "TB", "HD", "KH", "BC", "CTr", "TTr", "ĐA", "CV", "QCPH"})
_LOWER = "a-zđ\u00e0-\u1ef9"


@cache
def _patterns(first: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Returns the Party and State patterns whose codes start with a letter of class `first`
    (compiled at first use: a command that reads no symbol does not pay for them).

    A code is a run of letters (ASCII and Đ), digits and ``&`` that is not followed by another
    letter, so a word such as ``Quân`` in ``302/Quân khu 7`` is not a code; capitals glued to
    the next word (``70-TB/TWngày``) are read as the code they are.
    """
    code = rf"(?:{first}[A-Za-zĐđƯư0-9&]*(?![^\W_])|[A-ZĐƯ]{{2,}}(?=[{_LOWER}]))"
    kind = rf"{first}[A-Za-zĐđƯư]{{0,4}}"
    party = re.compile(
        rf"(?<![\d/])(?P<n>\d{{1,5}})\s*{_D}\s*(?P<kind>{kind})\s*/\s*"
        rf"(?P<issuers>{code}(?:\s*{_D}\s*{code})*)")
    state = re.compile(
        rf"(?<![\d/])(?P<n>\d{{1,5}})\s*/\s*(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?"
        rf"(?P<tail>{code}(?:\s*[{DASH}/]\s*{code})*)")
    return party, state


# In running text codes start with a capital (so words are not swallowed); a symbol given
# on its own may be typed in any case.
_IN_TEXT = "[A-ZĐƯ]"
_ANY_CASE = "[A-Za-zĐđƯư]"


def _code(text: str) -> str:
    """Returns a Party code in its canonical spelling (capitals, ``CTr``, ``TƯ`` → ``TW``)."""
    text = text.strip()
    upper = text.upper()
    return _ISSUER_ALIASES.get(upper, _CANONICAL.get(upper, upper))


def _state_code(text: str) -> str:
    """Returns a State code as issued: kept as written (``SNgV``) but for the known mixed
    spellings (``TTg``) and codes typed all in small letters (``ct`` → ``CT``)."""
    text = text.strip()
    return _CANONICAL.get(text.upper(), text.upper() if text.islower() else text)


@dataclass(frozen=True)
class Symbol:
    """A parsed document symbol. `system` is ``dang`` (Party) or ``nha_nuoc`` (State); a State
    symbol keeps its codes and separators as issued in `tail` (``NQLT/CP-UBTUMTTQVN``)."""

    system: str
    number: int
    kind: str | None
    issuers: tuple[str, ...]
    year: int | None = None
    tail: str | None = None

    def __str__(self) -> str:
        issuers = "-".join(self.issuers)
        if self.system == PARTY:
            return f"{self.number:02d}-{self.kind}/{issuers}"
        parts = [f"{self.number:02d}"]
        if self.year:
            parts.append(str(self.year))
        parts.append(self.tail or (f"{self.kind}-{issuers}" if self.kind else issuers))
        return "/".join(parts)


def _from_match(match: re.Match[str], system: str) -> Symbol:
    number = int(match.group("n"))
    if system == PARTY:
        issuers = tuple(_code(c) for c in re.split(_D, match.group("issuers")))
        return Symbol(PARTY, number, _code(match.group("kind")), issuers)
    year = int(match.group("year")) if match.group("year") else None
    pieces = re.split(rf"\s*([{DASH}/])\s*", match.group("tail"))
    codes = [_state_code(c) for c in pieces[::2]]
    separators = ["/" if sep == "/" else "-" for sep in pieces[1::2]]
    if year is None and len(codes) == 2 and separators == ["-"] and _code(codes[0]) in PARTY_KINDS \
            and _PARTY_ISSUER.match(_code(codes[1])):
        return Symbol(PARTY, number, _code(codes[0]), (_code(codes[1]),))   # a Party symbol in State order
    tail = codes[0] + "".join(sep + code for sep, code in zip(separators, codes[1:], strict=True))
    kind = codes[0] if len(codes) > 1 and separators[0] == "-" else None
    return Symbol(STATE, number, kind, tuple(codes[1:] if kind else codes), year, tail)


def parse_symbol(text: str) -> Symbol | None:
    """Returns the symbol that `text` is (the whole of it, spaces allowed), or `None`."""
    if "/" not in text:   # every symbol has one (see find_symbols)
        return None
    text = text.strip()
    for pattern, system in zip(_patterns(_ANY_CASE), (PARTY, STATE), strict=True):
        match = pattern.fullmatch(text)
        if match:
            return _from_match(match, system)
    return None


def canonical(text: str) -> str | None:
    """Returns the canonical form of the symbol `text`, or `None` when it is not one."""
    symbol = parse_symbol(text)
    return str(symbol) if symbol else None


@dataclass(frozen=True)
class Found:
    """A symbol found in running text: where, as written, and parsed."""

    start: int
    end: int
    written: str
    symbol: Symbol

    @property
    def well_formed(self) -> bool:
        """Whether it is written in its canonical form (capitals aside in a line of capitals)."""
        return self.written == str(self.symbol) or \
            (self.written.isupper() and self.written == str(self.symbol).upper())


def find_symbols(text: str) -> list[Found]:
    """Returns the symbols written in `text`, in order (Party forms first where both match)."""
    if "/" not in text:   # every symbol has one; most sentences have none
        return []
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for pattern, system in zip(_patterns(_IN_TEXT), (PARTY, STATE), strict=True):
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            symbol = _from_match(match, system)
            if symbol.system == STATE and symbol.kind is None and symbol.year is None and len(symbol.issuers) == 1 \
                    and _PARTY_ISSUER.match(_code(symbol.issuers[0])):
                named = kind_named_before(text[:match.start()])   # "Nghị quyết số 09/TU": a Party symbol lacking its code
                if named is not None:
                    symbol = Symbol(PARTY, symbol.number, named.code, (_code(symbol.issuers[0]),))
            found.append(Found(match.start(), match.end(), match.group(0), symbol))
    return sorted(found, key=lambda f: f.start)


def is_well_formed(written: str) -> bool:
    """Returns whether a symbol is written exactly in its canonical form."""
    return canonical(written) == written


# --------------------------------------------------------------------------- the document's own symbol

def format_number(number: int | str | None) -> str:
    """Returns the number as written in a symbol: two digits at least; blank when `None`
    (or ``"auto"`` not yet drawn from the register).

    `None` is a number the văn thư fills in at signing; it is written as spaces so the
    printed form ``Số      -KH/BDVTU`` leaves room for the pen.
    """
    if number is None or number == "auto":
        return "      "
    if isinstance(number, str):
        number = int(number)
    if number < 1:
        raise ValueError("số văn bản phải từ 1 trở lên")
    return f"{number:02d}"


def document_symbol(number: int | str | None, kind_code: str, issuer_codes: list[str] | tuple[str, ...],
                    system: str = PARTY) -> str:
    """Returns ``07-KH/BDVTU`` (State: ``07/KH-UBND``): the symbol without the word "Số".

    `issuer_codes` holds one code per issuing body, lead body first.
    """
    if not issuer_codes:
        raise ValueError("cần ít nhất một ký hiệu cơ quan ban hành")
    codes = "-".join(code.strip() for code in issuer_codes)
    if system == STATE:
        return f"{format_number(number)}/{kind_code.strip()}-{codes}"
    return f"{format_number(number)}-{kind_code.strip()}/{codes}"


def number_line(number: int | str | None, kind_code: str, issuer_codes: list[str] | tuple[str, ...],
                system: str = PARTY) -> str:
    """Returns the header line ``Số 07-KH/BDVTU`` (Party: no colon) or ``Số: 07/KH-UBND`` (State)."""
    word = "Số:" if system == STATE else "Số"
    return f"{word} {document_symbol(number, kind_code, issuer_codes, system)}"


@dataclass(frozen=True)
class NumberLine:
    """A number line as written: the number (``None`` when left blank for the văn thư), the
    kind code and the issuer codes, and whether it is exactly the form `number_line` writes."""

    written: str
    number: int | None
    kind: str
    issuers: tuple[str, ...]
    canonical: bool


_NUMBER_LINE = r"^Số\s*:?\s*(?P<rest>.*)$"


@cache
def _blank(system: str) -> re.Pattern[str]:
    """Returns the pattern of `system`'s number line with the number left blank (compiled at
    first use: only reading a Word file's number line needs it)."""
    if system == PARTY:
        return re.compile(rf"^\s*{_D}\s*(?P<kind>[A-Za-zĐđ]+)\s*/\s*"
                          rf"(?P<issuers>[A-ZĐ][A-Za-zĐđ0-9]*(?:\s*{_D}\s*[A-ZĐ][A-Za-zĐđ0-9]*)*)$")
    return re.compile(rf"^\s*/\s*(?P<kind>[A-Za-zĐđ]+)\s*{_D}\s*"
                      rf"(?P<issuers>[A-ZĐ][A-Za-zĐđ0-9]*(?:\s*{_D}\s*[A-ZĐ0-9][A-Za-zĐđ0-9]*)*)$")


def parse_number_line(text: str, system: str = PARTY) -> NumberLine | None:
    """Returns the number line `text` (``Số 07-KH/BDVTU``, also as typed loosely: ``Số: 7 - KH/BDVTU``)
    read in `system`'s form, or `None` when it is not one. `canonical` tells whether it is
    written exactly as the rule writes it (colon, padding, spacing)."""
    match = re.match(_NUMBER_LINE, text.strip())
    if match is None:
        return None
    rest = match.group("rest")
    blank = _blank(PARTY if system == PARTY else STATE).match(rest)
    if blank is not None:
        kind = _code(blank.group("kind"))
        issuers = tuple(_code(c) for c in re.split(_D, blank.group("issuers")))
        spaced = " ".join(number_line(None, kind, issuers, system).split())   # the blank's width is the typist's
        return NumberLine(text, None, kind, issuers, " ".join(text.split()) == spaced)
    symbol = parse_symbol(rest)
    if symbol is None or symbol.system != system or symbol.kind is None:
        return None
    line = number_line(symbol.number, symbol.kind, symbol.issuers, system)
    return NumberLine(text, symbol.number, symbol.kind, symbol.issuers, text == line and symbol.year is None)
