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
from docgen.rules.symbols import Found, find_symbols


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


def short_citation(doc: Cited, number_word: bool = True) -> str:
    """Returns the later-mention form: ``Quyết định số 23-QĐ/TW`` (without `number_word`:
    ``Quyết định 23-QĐ/TW``, as many texts write it)."""
    return f"{doc.kind_name} số {doc.symbol}" if number_word else f"{doc.kind_name} {doc.symbol}"


def alias_citation(doc: Cited) -> str:
    """Returns the name a ``(sau đây gọi tắt là ...)`` introduces: ``Quyết định 23-QĐ/TW``."""
    return f"{doc.kind_name} {doc.symbol}"


# --------------------------------------------------------------------------- markers in prose

# Every marker of a data text opens so: a citation ``[[23-QĐ/TW]]`` (below), a figure ``[[so:...]]``
# or the task count ``[[nhiem_vu]]`` (docgen.document.report). A text without it has none.
MARKER_OPEN = "[["

# Citation markers; [[so:...]] and [[nhiem_vu]] belong to reports (docgen.document.report).
MARKER = re.compile(r"\[\[(?!\s*(?:so\s*:|nhiem_vu\s*\]))\s*(?P<symbol>[^\]|]+?)\s*(?:\|\s*(?P<options>[^\]]*))?\]\]")
OPTIONS = {
    "day_du": "always the full form",
    "ngan": "always the short form",
    "goi_tat": "full form followed by (sau đây gọi tắt là ...); later mentions use that name",
    "viet_tat": "full form followed by (viết tắt là ...); later mentions use that name",
    "co_so": "the short form with 'số': Kế hoạch số 11-KH/TW",
    "khong_so": "the short form without 'số': Kế hoạch 11-KH/TW",
    "lich_su": "a historical mention: a replaced document is allowed here",
}
ALIAS_WORDS = {"goi_tat": "sau đây gọi tắt là", "viet_tat": "viết tắt là"}


@dataclass(frozen=True)
class Marker:
    """A ``[[SYMBOL|options]]`` marker found in text."""

    start: int
    end: int
    written: str
    options: frozenset[str]


def find_markers(text: str) -> list[Marker]:
    """Returns the citation markers of `text`, in order."""
    if MARKER_OPEN not in text:
        return []
    out = []
    for match in MARKER.finditer(text):
        options = frozenset(o.strip() for o in (match.group("options") or "").split(",") if o.strip())
        out.append(Marker(match.start(), match.end(), match.group("symbol"), options))
    return out


# ------------------------------------------------------------------ reading citations in prose

BASIS_USE, HISTORY_USE, MENTION_USE = "can_cu", "lich_su", "nhac_den"
_BASIS_VERBS = re.compile(r"căn cứ|thực hiện|triển khai|quán triệt|theo tinh thần")
# A look back at a document rather than resting on it: "Sau 11 năm thực hiện Quyết định số
# 290-QĐ/TW", "(thay thế ...)", "tổng kết 10 năm thực hiện", "trong những năm qua, ... đã ...".
_HISTORY = re.compile(
    r"\b(?:sau|qua|trải qua)\s+(?:hơn\s+|gần\s+|trên\s+)?\S+\s+năm\s+(?:thực hiện|triển khai)"
    r"|\b\d+\s+năm\s+(?:thực hiện|triển khai)|năm qua\b|thời gian qua\b|thay thế|thay cho|trước đây"
    r"|(?:tổng kết|sơ kết)\s+(?:\S+\s+){0,4}?(?:thực hiện|triển khai)"
    r"|\bđã\s+(?:\S+\s+){0,3}?(?:thực hiện|triển khai|quán triệt|chỉ đạo|làm tốt|ban hành)")
# After a citation, a title ("về ...") runs until the next document is named; a document named
# inside it is mentioned, not used — unless it is coordinated with the first ("và Quyết định số").
_ABOUT = re.compile(r"\svề\s|\sthực hiện\s|\striển khai\s")
_COORDINATED = re.compile(r"(?:\svà|[,;])\s+(?:\S+\s+){0,3}$")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_CLAUSE_END = re.compile(r"[;:]")
_NAME_BEFORE = re.compile(r"((?:[A-ZĐ][^\s\d]*)(?:\s+[^\s\d]+){0,3}?)\s+số\s*$")
_LIST_ITEM = re.compile(r"\s*-?\s*(?:và\s+)?(?:nghị quyết|quyết định|chỉ thị|kết luận|kế hoạch|thông báo|hướng dẫn|quy định|quy chế|"
                        r"chương trình|công văn|thông tri|đề án|nghị định|thông tư|luật)\b")

_DATE_NUMBERS = re.compile(r"^\s*,?\s*ngày\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_DATE_WORDS = re.compile(r"^\s*,?\s*ngày\s*(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_OF = re.compile(r"^\s*,?\s*của\s+")
_COUNCIL = re.compile(r"^\s*(?=Hội nghị|Ban Chấp hành|BCH)")
_ISSUER_END = re.compile(r"\s*(?:[,;:.“”\"\n]|\((?!\s*kho[aá])|\s(?:về|ban hành|thực hiện|triển khai|đã|đề nghị|tại|nhằm)\s)")
_BODY_START = re.compile(
    r"^(?:ban|bộ|ủy ban|uỷ ban|ubnd|tỉnh ủy|tỉnh uỷ|thành ủy|thành uỷ|huyện ủy|huyện uỷ|thị ủy|thị uỷ|quận ủy|"
    r"quân ủy|đảng ủy|đảng uỷ|đảng đoàn|chính phủ|thủ tướng|quốc hội|văn phòng|hội nghị|bch|tổng cục|sở|"
    r"công an|mặt trận|hội đồng|tòa án|viện|chủ tịch|tổng bí thư|hđnd)\b", re.I)


@dataclass(frozen=True)
class Reading:
    """A symbol in a sentence as the sentence uses it: `use` (``can_cu`` a basis, ``lich_su`` a
    look back, ``nhac_den`` a mention), and the issuer and date the sentence states for it
    (``None`` where it states none, or not unambiguously)."""

    found: Found
    use: str
    issuer: str | None
    date: tuple[int, int, int] | None
    date_written: str | None = None


def _written_date(after: str) -> tuple[tuple[int, int, int] | None, str | None, int]:
    match = _DATE_NUMBERS.match(after) or _DATE_WORDS.match(after)
    if match is None:
        return None, None, 0
    written = match.group(0).strip().lstrip(",").strip()
    written = written[len("ngày"):].strip() if written.startswith("ngày") else written
    return (int(match.group(1)), int(match.group(2)), int(match.group(3))), written, match.end()


def _written_issuer(after: str) -> str | None:
    """Returns the issuer stated right after a citation (``của Bộ Chính trị``, or a
    ``Hội nghị Trung ương 7 khóa X``), or `None` when none is stated unambiguously."""
    of = _OF.match(after)
    if of is None:
        of = _COUNCIL.match(after)
        if of is None:
            return None
    rest = after[of.end():]
    end = _ISSUER_END.search(rest)
    phrase = " ".join((rest[:end.start()] if end else rest).split()).strip()
    return phrase if phrase and _BODY_START.match(phrase) else None


def _use(text: str, found: Found, earlier: list[Reading], role: str) -> str:
    """Returns how the sentence uses the document at `found`. The sentence is read back to its
    start: a clause after ";" that begins with a document's name is an item of a list and is
    used as the list's first document is (an item after ":" takes the verb before the colon);
    a document named inside another's title ("về ...", a quoted title) is mentioned; one the
    sentence later implements ("để triển khai thực hiện ... Chương trình phối hợp") is a basis."""
    flat = text.replace("\n", " ")
    segment_start = max((m.end() for m in _SENTENCE_END.finditer(flat, 0, found.start)), default=0)
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(flat, segment_start, found.start)), default=segment_start)
    clause = flat[clause_start:found.start].lower()
    lead = flat[segment_start:clause_start].lower()
    in_segment = [r for r in earlier if r.found.start >= segment_start]
    item = bool(lead) and _LIST_ITEM.match(clause) is not None
    if _HISTORY.search(clause) or (lead.rstrip().endswith(":") and _HISTORY.search(lead)):
        return HISTORY_USE
    if clause.count("“") > clause.count("”") or clause.count('"') % 2:
        return MENTION_USE   # inside a quoted title
    previous = in_segment[-1].found if in_segment else None
    if previous is not None and previous.end > clause_start:
        between = flat[previous.end:found.start]
        if _ABOUT.search(between) and not _COORDINATED.search(between):
            return MENTION_USE
    if role == BASIS_USE or _BASIS_VERBS.search(clause):
        return BASIS_USE
    if ":" in lead and (item or lead.rstrip().endswith(":")):
        return BASIS_USE if _BASIS_VERBS.search(lead.rpartition(":")[0]) else MENTION_USE
    if item and in_segment:
        return in_segment[0].use
    named = _NAME_BEFORE.search(flat[segment_start:found.start])
    if named and re.search(rf"(?:thực hiện|triển khai)(?:\s+\S+){{0,4}}?\s+{re.escape(named.group(1))}",
                           flat[found.end:].split(". ")[0], re.IGNORECASE):
        return BASIS_USE
    return MENTION_USE


def read_citations(text: str, role: str = "van_ban") -> list[Reading]:
    """Returns every symbol of `text` as the sentence uses it. `role` ``can_cu`` is a căn cứ /
    thực hiện line of an opening: its documents are bases, but for those named inside another
    document's title."""
    readings: list[Reading] = []
    basis_role = BASIS_USE if role == "can_cu" else role
    for found in find_symbols(text):
        after = text[found.end:]
        date, written, used = _written_date(after)
        issuer = _written_issuer(after[used:])
        readings.append(Reading(found, _use(text, found, readings, basis_role), issuer, date, written))
    return readings


def is_basis_context(text: str, position: int) -> bool:
    """Returns whether the sentence uses the document cited at `position` as a basis."""
    return any(r.found.start == position and r.use == BASIS_USE for r in read_citations(text))


_ABBREVIATIONS = ((r"\bbch\b", "ban chap hanh"), (r"\btw\b", "trung uong"), (r"\bubnd\b", "uy ban nhan dan"),
                  (r"\bmttq\b", "mat tran to quoc"), (r"\bhdnd\b", "hoi dong nhan dan"))
_COUNCIL_OF = re.compile(r"^hoi nghi (?:lan thu )?\S+ (?:ban chap hanh )?trung uong(?: \S+)?(?= khoa\b|$)")
_TERM = re.compile(r"\bkhoa\s+([ivxlc]+)\b")


def _issuer_parts(name: str) -> tuple[str, str | None]:
    """Returns an issuer's name reduced for comparison (no accents, case, brackets,
    abbreviations expanded, a central conference read as the Central Committee, the standing
    committee as its committee) and its term (``khóa XI`` → ``xi``)."""
    from docgen.text import strip_accents

    text = " ".join(re.sub(r"[()\[\]“”\"',.]", " ", strip_accents(name).lower()).split())
    for pattern, full in _ABBREVIATIONS:
        text = re.sub(pattern, full, text)
    term = _TERM.search(text)
    text = " ".join(_TERM.sub(" ", text).split())
    text = _COUNCIL_OF.sub("ban chap hanh trung uong", text)
    text = re.sub(r"^ban thuong vu ", "", text)
    return text, term.group(1) if term else None


def same_issuer(written: str, catalogued: str) -> bool:
    """Returns whether an issuer as a sentence writes it names the catalog's issuer: case,
    accents written differently, brackets, ``BCH TW``, a missing term or province, ``Hội nghị
    Trung ương 7`` for the Central Committee are all the same; another body or another term is not."""
    (a, term_a), (b, term_b) = _issuer_parts(written), _issuer_parts(catalogued)
    if term_a and term_b and term_a != term_b:
        return False
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")
