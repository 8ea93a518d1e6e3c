"""Citations of governing documents, Party and State (the symbols themselves are
`docgen.rules.symbols`).

First mention in full: ``Quyết định số 23-QĐ/TW, ngày 30/7/2021 của Bộ Chính trị ban hành ...``
(State: no comma before ``ngày``); later mentions short: ``Quyết định số 23-QĐ/TW``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from docgen.rules.dates import short_date


@dataclass(frozen=True)
class Cited:
    """What a citation needs: kind name, symbol, date, issuer as written in citations, title."""

    kind_name: str
    symbol: str
    system: str
    date: dt.date | None
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


# A clause that looks back at a document rather than resting on it: "Sau 11 năm thực hiện
# Quyết định số 290-QĐ/TW", "(thay thế Quyết định số 290-QĐ/TW)", "tổng kết 10 năm thực hiện".
_HISTORY = re.compile(
    r"\b(?:sau|qua|trải qua)\s+(?:hơn\s+|gần\s+|trên\s+)?\S+\s+năm\s+(?:thực hiện|triển khai)"
    r"|thay thế|thay cho|trước đây|(?:tổng kết|sơ kết)\s+(?:\S+\s+){0,4}?(?:thực hiện|triển khai)")


def _clause_before(text: str, position: int) -> str:
    return re.split(r"[.;:!?\n]", text[:position])[-1].lower()


def is_history_context(text: str, position: int) -> bool:
    """Returns whether the clause before `position` looks back at the document cited there
    (``Sau 11 năm thực hiện``, ``thay thế``, ``tổng kết ... thực hiện``): a historical
    mention, which may name a replaced document."""
    clause = _clause_before(text, position)
    opened = clause.rfind("(")
    return _HISTORY.search(clause[opened + 1:] if opened >= 0 else clause) is not None


def is_basis_context(text: str, position: int) -> bool:
    """Returns whether the clause before `position` says the document is a basis
    (``Căn cứ``, ``Thực hiện``, ``triển khai``) and does not look back at it."""
    clause = _clause_before(text, position)
    return any(word in clause for word in BASIS_WORDS) and not is_history_context(text, position)
