"""Citations in a document: expanding ``[[23-QĐ/TW]]`` markers and structured căn cứ items
through the catalog, and checking every citation (markers and plain text) against it.

One `Citer` walks a document's texts in reading order, so the first mention is written in
full and later ones short. `check_text` is the same check for data files and for Word files
(``docgen cite --check``).

Checks:
- a marker or structured căn cứ whose symbol is not in the catalog: error, naming the closest;
- a replaced document used as a basis (căn cứ, thực hiện, triển khai) in a document dated on
  or after its replacement: error naming the successor, unless marked ``|lich_su``;
- a plain-text citation whose date or issuer differs from the catalog: error;
- a plain-text symbol not in the catalog: warning; a symbol written off its canonical form: warning.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from docgen.citations.catalog import Catalog, Entry
from docgen.rules.citations import (OPTIONS, Cited, alias_citation, canonical, find_markers, find_symbols,
                              full_citation, is_basis_context, parse_symbol, short_citation)
from docgen.rules.dates import short_date
from docgen.text import strip_accents

BASIS = "can_cu"        # a căn cứ / thực hiện line: every citation in it is a basis
PROSE = "van_ban"       # running text: a citation is a basis when its clause says so

_DATE_AFTER = re.compile(r"^\s*,?\s*ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_ISSUER_AFTER = re.compile(r"^\s*(?:,?\s*ngày\s+[\d/.\s-]+)?\s*của\s+(?P<rest>.+)$", re.S)


@dataclass(frozen=True)
class Finding:
    """One citation problem: ``loi`` or ``canh_bao``, and the message in Vietnamese."""

    severity: str
    message: str


def _replaced_problem(catalog: Catalog, symbol: str, doc_date: dt.date | None) -> Finding | None:
    successor = catalog.successor(symbol)
    if successor is None or doc_date is None:
        return None
    if successor.date is not None and doc_date < successor.date:
        return None
    since = f" từ {short_date(successor.date)}" if successor.date else ""
    new = catalog.get(successor.symbol)
    named = full_citation(new.cited()) if new else successor.symbol
    return Finding("loi", (
        f"{symbol} đã được thay thế bằng {successor.symbol}{since}; văn bản ngày {short_date(doc_date)} "
        f"phải căn cứ {named}. Nếu chỉ nhắc lại lịch sử, ghi [[{symbol}|lich_su]]"))


def _unknown(catalog: Catalog, written: str, severity: str) -> Finding:
    if not catalog.entries:
        return Finding(severity, (
            f"không tìm thấy danh mục văn bản (thư mục danh-muc/ ở thư mục dữ liệu hoặc thư mục cha) để tra "
            f"{canonical(written) or written}; chỉ ra bằng --danh-muc"))
    close = catalog.closest(written)
    hint = f"; gần giống: {', '.join(close)}" if close else ""
    tail = "" if severity == "loi" else " (thêm vào danh mục để docgen kiểm tra được)"
    return Finding(severity, f"{canonical(written) or written} không có trong danh mục văn bản{hint}{tail}")


def _check_written_facts(entry: Entry, after: str) -> list[Finding]:
    found = []
    date = _DATE_AFTER.match(after)
    if date and entry.date is not None:
        try:
            written = dt.date(int(date.group(3)), int(date.group(2)), int(date.group(1)))
        except ValueError:
            written = None
        if written != entry.date:
            found.append(Finding("loi", (
                f"{entry.symbol} ghi ngày {date.group(1)}/{date.group(2)}/{date.group(3)}, "
                f"danh mục ghi ngày {short_date(entry.date)}")))
    issuer = _ISSUER_AFTER.match(after)
    if issuer and entry.issuer:
        rest = strip_accents(issuer.group("rest"))
        if not rest.startswith(strip_accents(entry.issuer)):
            words = " ".join(issuer.group("rest").split()[:len(entry.issuer.split())]).rstrip(",.;:")
            found.append(Finding("loi", (
                f"{entry.symbol} ghi cơ quan ban hành '{words}', danh mục ghi '{entry.issuer}'")))
    return found


def check_text(text: str, role: str, catalog: Catalog, doc_date: dt.date | None) -> list[Finding]:
    """Returns the citation problems of one text (a căn cứ line when `role` is ``BASIS``)."""
    findings: list[Finding] = []
    markers = find_markers(text)
    covered = [(m.start, m.end) for m in markers]
    for marker in markers:
        symbol = parse_symbol(marker.written)
        unknown_options = sorted(marker.options - set(OPTIONS))
        if unknown_options:
            findings.append(Finding("loi", (
                f"tùy chọn trích dẫn không có: {', '.join(unknown_options)} (có: {', '.join(OPTIONS)})")))
        if symbol is None:
            findings.append(Finding("loi", f"'[[{marker.written}]]': không đọc được số ký hiệu văn bản"))
            continue
        if catalog.get(str(symbol)) is None:
            findings.append(_unknown(catalog, marker.written, "loi"))
            continue
        if "lich_su" not in marker.options and (role == BASIS or is_basis_context(text, marker.start)):
            problem = _replaced_problem(catalog, str(symbol), doc_date)
            if problem:
                findings.append(problem)
    whole = parse_symbol(text)
    if whole is not None and role == BASIS:
        if catalog.get(str(whole)) is None:
            findings.append(_unknown(catalog, text.strip(), "loi"))
        else:
            problem = _replaced_problem(catalog, str(whole), doc_date)
            if problem:
                findings.append(problem)
        return findings
    for found in find_symbols(text):
        if any(s <= found.start < e for s, e in covered):
            continue
        key = str(found.symbol)
        if found.written != key:
            findings.append(Finding("canh_bao", f"số ký hiệu viết chưa chuẩn: '{found.written}' → '{key}'"))
        entry = catalog.get(key)
        if entry is None:
            if catalog.entries:
                findings.append(_unknown(catalog, found.written, "canh_bao"))
            continue
        findings.extend(_check_written_facts(entry, text[found.end:]))
        if role == BASIS or is_basis_context(text, found.start):
            problem = _replaced_problem(catalog, key, doc_date)
            if problem:
                findings.append(problem)
    return findings


@dataclass
class Citer:
    """Expands citations in reading order: full at the first mention, short afterwards."""

    catalog: Catalog
    comma_before_date: bool = True
    cited: set[str] = field(default_factory=set)
    aliases: dict[str, str] = field(default_factory=dict)

    def _form(self, entry: Entry, options: frozenset[str]) -> str:
        cited: Cited = entry.cited()
        first = entry.symbol not in self.cited
        self.cited.add(entry.symbol)
        if "ngan" in options or (not first and "day_du" not in options):
            return self.aliases.get(entry.symbol) or short_citation(cited)
        text = full_citation(cited, self.comma_before_date)
        if "goi_tat" in options:
            alias = alias_citation(cited)
            self.aliases[entry.symbol] = alias
            text += f" (sau đây gọi tắt là {alias})"
        return text

    def expand(self, text: str, role: str = PROSE) -> str:
        """Returns `text` with its markers (or, for a căn cứ line that is only a symbol, the
        line itself) replaced by citations; unknown symbols are left as written (the checks
        have refused them before rendering)."""
        if role == BASIS:
            whole = parse_symbol(text)
            entry = self.catalog.get(str(whole)) if whole else None
            if entry is not None:
                return self._form(entry, frozenset({"day_du"}))
        out, last = [], 0
        for marker in find_markers(text):
            entry = self.catalog.get(marker.written)
            out.append(text[last:marker.start])
            out.append(self._form(entry, marker.options) if entry else marker.written)
            last = marker.end
        out.append(text[last:])
        return "".join(out)
