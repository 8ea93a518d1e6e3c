"""Symbols and citations of governing documents, Party and State.

Party symbols: ``23-QĐ/TW``, ``07-KH/BDV-CA-QS-BP``, ``02-CTr/BDVTU-BCHQST-CAT-BCHBPT``
(number, hyphen, kind, slash, issuers joined by hyphens). State symbols: ``33/CT-TTg``,
``169/2013/NĐ-CP``, ``202/2025/QH15`` (number, slash, [year, slash], [kind, hyphen], issuer).
Parsing is tolerant (spaces, en dashes, ``Ctr``, ``TƯ``); output is canonical. A State symbol
is never turned into the Party form or back (conventions §Citations).

First mention in full: ``Quyết định số 23-QĐ/TW, ngày 30/7/2021 của Bộ Chính trị ban hành ...``
(State: no comma before ``ngày``); later mentions short: ``Quyết định số 23-QĐ/TW``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from docgen.rules.dates import short_date

DASH = "-–—‐‑"
_D = f"[{DASH}]"

# Canonical spellings of codes that are not all capitals; others are upper-cased.
_CANONICAL = {c.upper(): c for c in ("CTr", "TTr", "QĐi", "TTg", "QHo", "TBo", "ThU", "NĐ")}
_ISSUER_ALIASES = {"TƯ": "TW"}

def _patterns(first: str) -> tuple[re.Pattern, re.Pattern]:
    """Returns the Party and State patterns whose codes start with a letter of class `first`."""
    code = rf"{first}[A-Za-zĐđƯư0-9]*"
    kind = rf"{first}[A-Za-zĐđƯư]{{0,4}}"
    party = re.compile(
        rf"(?<![\d/])(?P<n>\d{{1,5}})\s*{_D}\s*(?P<kind>{kind})\s*/\s*"
        rf"(?P<issuers>{code}(?:\s*{_D}\s*{code})*)")
    state = re.compile(
        rf"(?<![\d/])(?P<n>\d{{1,5}})\s*/\s*(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?"
        rf"(?:(?P<kind>{kind})\s*{_D}\s*)?(?P<issuers>{code}(?:\s*{_D}\s*{code})*)")
    return party, state


# In running text codes start with a capital (so words are not swallowed); a symbol given
# on its own may be typed in any case.
_PARTY, _STATE = _patterns("[A-ZĐƯ]")
_PARTY_ANY_CASE, _STATE_ANY_CASE = _patterns("[A-Za-zĐđƯư]")


def _code(text: str) -> str:
    text = text.strip()
    upper = text.upper()
    return _ISSUER_ALIASES.get(upper, _CANONICAL.get(upper, upper))


@dataclass(frozen=True)
class Symbol:
    """A parsed document symbol. `system` is ``dang`` (Party) or ``nha_nuoc`` (State)."""

    system: str
    number: int
    kind: str | None
    issuers: tuple[str, ...]
    year: int | None = None

    def __str__(self) -> str:
        issuers = "-".join(self.issuers)
        if self.system == "dang":
            return f"{self.number:02d}-{self.kind}/{issuers}"
        parts = [f"{self.number:02d}"]
        if self.year:
            parts.append(str(self.year))
        parts.append(f"{self.kind}-{issuers}" if self.kind else issuers)
        return "/".join(parts)


def _from_match(match: re.Match, system: str) -> Symbol:
    issuers = tuple(_code(c) for c in re.split(_D, match.group("issuers")))
    kind = match.group("kind")
    year = match.groupdict().get("year")
    return Symbol(system, int(match.group("n")), _code(kind) if kind else None, issuers, int(year) if year else None)


def parse_symbol(text: str) -> Symbol | None:
    """Returns the symbol that `text` is (the whole of it, spaces allowed), or `None`."""
    text = text.strip()
    for pattern, system in ((_PARTY_ANY_CASE, "dang"), (_STATE_ANY_CASE, "nha_nuoc")):
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


def find_symbols(text: str) -> list[Found]:
    """Returns the symbols written in `text`, in order (Party forms first where both match)."""
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for pattern, system in ((_PARTY, "dang"), (_STATE, "nha_nuoc")):
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append(Found(match.start(), match.end(), match.group(0), _from_match(match, system)))
    return sorted(found, key=lambda f: f.start)


def is_well_formed(written: str) -> bool:
    """Returns whether a symbol is written exactly in its canonical form."""
    return canonical(written) == written


@dataclass(frozen=True)
class Cited:
    """What a citation needs: kind name, symbol, date, issuer as written in citations, title."""

    kind_name: str
    symbol: str
    system: str
    date: "object | None"
    issuer: str | None
    title: str | None


def full_citation(doc: Cited, comma_before_date: bool = True) -> str:
    """Returns the first-mention form: ``Quyết định số 23-QĐ/TW, ngày 30/7/2021 của Bộ Chính trị ban hành ...``.

    The comma before ``ngày`` is the Party practice (profile); State documents have none.
    """
    text = f"{doc.kind_name} số {doc.symbol}"
    if doc.date is not None:
        comma = "," if comma_before_date and doc.system == "dang" else ""
        text += f"{comma} ngày {short_date(doc.date)}"
    if doc.issuer:
        text += f" của {doc.issuer}"
    if doc.title:
        text += f" {doc.title}"
    return text


def short_citation(doc: Cited) -> str:
    """Returns the later-mention form: ``Quyết định số 23-QĐ/TW``."""
    return f"{doc.kind_name} số {doc.symbol}"


def alias_citation(doc: Cited) -> str:
    """Returns the name a ``(sau đây gọi tắt là ...)`` introduces: ``Quyết định 23-QĐ/TW``."""
    return f"{doc.kind_name} {doc.symbol}"


# --------------------------------------------------------------------------- markers in prose

# Citation markers; [[so:...]] and [[nhiem_vu]] belong to reports (docgen.document.report).
MARKER = re.compile(r"\[\[(?!\s*(?:so\s*:|nhiem_vu\s*\]))\s*(?P<symbol>[^\]|]+?)\s*(?:\|\s*(?P<options>[^\]]*))?\]\]")
OPTIONS = {
    "day_du": "always the full form",
    "ngan": "always the short form",
    "goi_tat": "full form followed by (sau đây gọi tắt là ...); later mentions use that name",
    "lich_su": "a historical mention: a replaced document is allowed here",
}
BASIS_WORDS = ("căn cứ", "thực hiện", "triển khai")


@dataclass(frozen=True)
class Marker:
    """A ``[[SYMBOL|options]]`` marker found in text."""

    start: int
    end: int
    written: str
    options: frozenset[str]


def find_markers(text: str) -> list[Marker]:
    """Returns the citation markers of `text`, in order."""
    out = []
    for match in MARKER.finditer(text):
        options = frozenset(o.strip() for o in (match.group("options") or "").split(",") if o.strip())
        out.append(Marker(match.start(), match.end(), match.group("symbol"), options))
    return out


def is_basis_context(text: str, position: int) -> bool:
    """Returns whether the clause before `position` says the document is a basis
    (``Căn cứ``, ``Thực hiện``, ``triển khai``)."""
    clause = re.split(r"[.;:!?\n]", text[:position])[-1].lower()
    return any(word in clause for word in BASIS_WORDS)
