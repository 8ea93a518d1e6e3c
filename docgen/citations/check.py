"""Citations in a document: expanding ``[[23-QĐ/TW]]`` markers and structured căn cứ items
through the catalog, and the one check of every citation that `check`, `render`, `lint` and
``cite --check`` share.

A data file is checked the way its Word file will be read: its markers are checked in the
data (unknown symbols, options), then the text *as it will be printed* goes through
`check_printed`, the same function lint and ``cite --check`` run on a Word file's paragraphs.
So the commands cannot disagree about a sentence.

Checks:
- a marker or structured căn cứ whose symbol is not in the catalog: error, naming the closest;
- a replaced document used as a basis (căn cứ, thực hiện, triển khai, and not a look back such
  as "Sau 11 năm thực hiện", "thay thế") in a document dated on or after its replacement:
  error naming the successor; marked ``|lich_su`` in a sentence that reads as a basis: a
  warning that the printed sentence will be read as a basis;
- a typed citation whose date or issuer differs from the catalog: error;
- a typed symbol not in the catalog: warning; a symbol written off its canonical form: warning.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from docgen.citations.catalog import Catalog, Entry
from docgen.errors import ERROR, WARNING, Finding
from docgen.rules.citations import (
    ALIAS_WORDS,
    BASIS_USE,
    OPTIONS,
    Cited,
    Reading,
    alias_citation,
    find_markers,
    full_citation,
    read_citations,
    same_issuer,
    short_citation,
)
from docgen.rules.dates import short_date
from docgen.rules.symbols import canonical, parse_number_line, parse_symbol

BASIS = "can_cu"        # a căn cứ / thực hiện line: every citation in it is a basis
PROSE = "van_ban"       # running text: a citation is a basis when its clause says so
RULE = "trich-dan"

_BASIS_OPENING = ("căn cứ", "thực hiện")


def _finding(severity: str, message: str) -> Finding:
    return Finding(message, severity=severity, rule=RULE)


def _replaced_problem(catalog: Catalog, symbol: str, doc_date: dt.date | None) -> Finding | None:
    successor = catalog.successor(symbol)
    if successor is None or doc_date is None:
        return None
    if successor.date is not None and doc_date < successor.date:
        return None
    since = f" từ {short_date(successor.date)}" if successor.date else ""
    new = catalog.get(successor.symbol)
    named = full_citation(new.cited()) if new else successor.symbol
    return _finding(ERROR, (
        f"{symbol} đã được thay thế bằng {successor.symbol}{since}; văn bản ngày {short_date(doc_date)} "
        f"phải căn cứ {named}. Nếu chỉ nhắc lại lịch sử, ghi [[{symbol}|lich_su]]"))


def unknown_symbol(catalog: Catalog, written: str, severity: str = ERROR) -> Finding:
    """Returns the finding for a symbol the catalog lacks, naming the closest it has."""
    if not catalog.has_entries():
        return _finding(severity, (
            f"không tìm thấy danh mục văn bản (thư mục danh-muc/ ở thư mục dữ liệu hoặc thư mục cha) để tra "
            f"{canonical(written) or written}; chỉ ra bằng --danh-muc"))
    close = catalog.closest(written)
    hint = f"; gần giống: {', '.join(close)}" if close else ""
    tail = "" if severity == ERROR else " (thêm vào danh mục để docgen kiểm tra được)"
    return _finding(severity, f"{canonical(written) or written} không có trong danh mục văn bản{hint}{tail}")


def _check_written_facts(entry: Entry, reading: Reading, text: str, role: str) -> list[Finding]:
    """Returns the problems of a date or an issuer the sentence states that contradict the
    catalog: errors in a căn cứ line; in running prose a warning that quotes the sentence (its
    "của ..." may belong to another noun)."""
    severity = ERROR if role == BASIS else WARNING
    quoted = "" if role == BASIS else f" (câu: «{_excerpt(text, reading.found.start)}»)"
    found = []
    if reading.date is not None and entry.date is not None:
        day, month, year = reading.date
        try:
            written: dt.date | None = dt.date(year, month, day)
        except ValueError:
            written = None
        if written != entry.date:
            found.append(_finding(severity, (
                f"{entry.symbol} ghi ngày {reading.date_written}, danh mục ghi ngày {short_date(entry.date)}{quoted}")))
    if reading.issuer is not None and entry.issuer and not same_issuer(reading.issuer, entry.issuer):
        found.append(_finding(severity, (
            f"{entry.symbol} ghi cơ quan ban hành '{reading.issuer}', danh mục ghi '{entry.issuer}'{quoted}")))
    return found


def _excerpt(text: str, position: int, words: int = 12) -> str:
    """Returns about `words` words of `text` around `position`, marked where cut."""
    before = text[:position].split()[-4:]
    after = text[position:].split()[:words - len(before)]
    head = "…" if len(text[:position].split()) > len(before) else ""
    tail = "…" if len(text[position:].split()) > len(after) else ""
    return f"{head}{' '.join(before + after)}{tail}"


def check_markers(text: str, role: str, catalog: Catalog) -> list[Finding]:
    """Returns the problems of what only a data file has: its ``[[...]]`` markers (options,
    symbols the catalog lacks) and a căn cứ line given as a bare symbol that it lacks."""
    findings: list[Finding] = []
    for marker in find_markers(text):
        unknown_options = sorted(marker.options - set(OPTIONS))
        if unknown_options:
            findings.append(_finding(ERROR, (
                f"tùy chọn trích dẫn không có: {', '.join(unknown_options)} (có: {', '.join(OPTIONS)})")))
        symbol = parse_symbol(marker.written)
        if symbol is None:
            findings.append(_finding(ERROR, f"'[[{marker.written}]]': không đọc được số ký hiệu văn bản"))
        elif catalog.get(str(symbol)) is None:
            findings.append(unknown_symbol(catalog, marker.written, ERROR))
    whole = parse_symbol(text) if role == BASIS else None
    if whole is not None and catalog.get(str(whole)) is None:
        findings.append(unknown_symbol(catalog, text.strip(), ERROR))
    return findings


def check_printed(text: str, role: str, catalog: Catalog, doc_date: dt.date | None,
                  history: Iterable[tuple[int, int]] = (), checked: Iterable[tuple[int, int]] = (),
                  own: str | None = None) -> list[Finding]:
    """Returns the citation problems of a text as printed (a Word file's paragraph, or a data
    text after its citations are expanded): a căn cứ line when `role` is ``BASIS``. Each
    problem of a document is said once. `history` holds the spans a data file marked
    ``|lich_su``; `checked` the spans of markers already refused by `check_markers`; `own` is
    the document's own symbol, which is never a citation."""
    readings = read_citations(text, BASIS_USE if role == BASIS else PROSE)
    if not readings:
        return []
    marked, skipped = list(history), list(checked)
    groups: dict[str, list[Reading]] = {}
    for reading in readings:
        key = str(reading.found.symbol)
        if key != own and not any(s <= reading.found.start < e for s, e in skipped):
            groups.setdefault(key, []).append(reading)
    findings: list[Finding] = []
    bare_basis = role == BASIS and parse_symbol(text) is not None   # refused by check_markers already
    for key, readings in groups.items():
        loose = next((r.found for r in readings if not r.found.well_formed), None)
        if loose is not None:
            findings.append(_finding(WARNING, f"số ký hiệu viết chưa chuẩn: '{loose.written}' → '{key}'"))
        entry = catalog.get(key)
        bases = [r for r in readings if r.use == BASIS_USE]
        if entry is None:
            if catalog.has_entries() and not bare_basis:
                findings.append(_unknown_basis(catalog, key) if bases else unknown_symbol(catalog, key, WARNING))
            continue
        for finding in (f for r in readings for f in _check_written_facts(entry, r, text, role)):
            if finding not in findings:
                findings.append(finding)
        problem = _replaced_problem(catalog, key, doc_date) if bases else None
        if problem is None:
            continue
        if all(any(s <= r.found.start < e for s, e in marked) for r in bases):
            findings.append(_finding(WARNING, (
                f"{key} được ghi là nhắc lại lịch sử (lich_su) nhưng câu văn in ra đọc như dùng làm căn cứ; "
                "docgen lint và cite --check sẽ báo lỗi. Viết rõ là nhìn lại, ví dụ 'Sau ... năm thực hiện', "
                "'(thay thế ...)'")))
        else:
            findings.append(problem)
    return findings


def _unknown_basis(catalog: Catalog, written: str) -> Finding:
    close = catalog.closest(written)
    hint = f"; gần giống: {', '.join(close)}" if close else ""
    return _finding(ERROR, (
        f"{canonical(written) or written} được dùng làm căn cứ nhưng không có trong danh mục văn bản{hint}; "
        "thêm văn bản vào danh mục của văn phòng (danh-muc/*.yaml) để docgen kiểm tra được"))


def paragraph_role(text: str) -> str:
    """Returns the role of a Word file's paragraph: ``BASIS`` when it opens with Căn cứ or
    Thực hiện (after a dash), ``PROSE`` otherwise."""
    return BASIS if text.lstrip("-–• ").lower().startswith(_BASIS_OPENING) else PROSE


def check_paragraphs(paragraphs: Iterable[tuple[str, str]], catalog: Catalog, doc_date: dt.date | None,
                     file: str | None = None, own: str | None = None) -> list[Finding]:
    """Returns the citation problems of a Word file's paragraphs, given as ``(place, text)``;
    `own` is the file's own symbol (from its number line), which is never a citation."""
    found: list[Finding] = []
    for place, text in paragraphs:
        if own is not None and parse_number_line(text) is not None:
            continue
        for finding in check_printed(text, paragraph_role(text), catalog, doc_date, own=own):
            found.append(Finding(finding.message, file, severity=finding.severity, rule=RULE, place=place))
    return found


@dataclass
class Citer:
    """Expands citations in reading order: full at the first mention, short afterwards."""

    catalog: Catalog
    comma_before_date: bool = True
    number_word: bool = True   # the profile's short form: "Kế hoạch số 11-KH/TW" or "Kế hoạch 11-KH/TW"
    cited: set[str] = field(default_factory=set)
    aliases: dict[str, str] = field(default_factory=dict)

    def _form(self, entry: Entry, options: frozenset[str]) -> str:
        cited: Cited = entry.cited()
        first = entry.symbol not in self.cited
        self.cited.add(entry.symbol)
        number_word = "khong_so" not in options and ("co_so" in options or self.number_word)
        if "ngan" in options or (not first and "day_du" not in options):
            return self.aliases.get(entry.symbol) or short_citation(cited, number_word)
        text = full_citation(cited, self.comma_before_date)
        alias_option = next((o for o in ("goi_tat", "viet_tat") if o in options), None)
        if alias_option is not None:
            alias = alias_citation(cited)
            self.aliases[entry.symbol] = alias
            text += f" ({ALIAS_WORDS[alias_option]} {alias})"
        return text

    def expand(self, text: str, role: str = PROSE) -> str:
        """Returns `text` with its markers (or, for a căn cứ line that is only a symbol, the
        line itself) replaced by citations; unknown symbols are left as written (the checks
        have refused them before rendering)."""
        return self.expand_with_history(text, role)[0]

    def expand_with_history(self, text: str, role: str = PROSE) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
        """Returns `expand(text)`, the spans (in the expanded text) of the markers written
        ``|lich_su`` (historical mentions), and the spans of markers the catalog lacks (left
        as written)."""
        if role == BASIS:
            whole = parse_symbol(text)
            entry = self.catalog.get(str(whole)) if whole else None
            if entry is not None:
                return self._form(entry, frozenset({"day_du"})), [], []
        markers = find_markers(text)
        if not markers:
            return text, [], []
        out: list[str] = []
        history: list[tuple[int, int]] = []
        unknown: list[tuple[int, int]] = []
        size, last = 0, 0
        for marker in markers:
            entry = self.catalog.get(marker.written)
            before = text[last:marker.start]
            printed = self._form(entry, marker.options) if entry else marker.written
            out += [before, printed]
            size += len(before)
            if "lich_su" in marker.options:
                history.append((size, size + len(printed)))
            if entry is None:
                unknown.append((size, size + len(printed)))
            size += len(printed)
            last = marker.end
        out.append(text[last:])
        return "".join(out), history, unknown
