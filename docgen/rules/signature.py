"""Signature and Nơi nhận lines (HD 36 §II.1.7, S3; conventions §8–9).

Slash forms only (``T/M``, ``K/T``, ``T/L``, ``T/U``); state forms (``TM.``, ``KT.``...) are
refused with the Party form to use. Committees (cấp ủy, UBKT, đảng đoàn, ban cán sự) sign
T/M even by a deputy; an advisory body's head signs directly and a deputy signs K/T.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TypeVar

from docgen.text import bare_item

T = TypeVar("T")
STATE_FORMS = {"TM.": "T/M", "KT.": "K/T", "TL.": "T/L", "TUQ.": "T/U", "TM": "T/M", "KT": "K/T", "TL": "T/L"}
NEEDS_PRINCIPAL = {"T/M", "K/T", "T/L", "T/U"}
COLLECTIVE_KINDS = {"cap-uy", "uy-ban-kiem-tra", "dang-doan", "ban-can-su"}
ADVISORY_KINDS = {"tham-muu", "van-phong"}
ROLE_WORDS = {"b/c", "t/h", "p/h", "để biết", "đ/b"}


def upper(text: str) -> str:
    """Returns `text` in capitals, NFC (Vietnamese letters included: ``ủy`` → ``ỦY``)."""
    return unicodedata.normalize("NFC", text.upper())


@dataclass(frozen=True)
class SignatureLines:
    """The lines of one signature column: quyền hạn (or ``None``), chức vụ, name."""

    authority: str | None
    position: str
    name: str


def signature_problems(authority: str | None, principal: str | None, issuer_kind: str | None,
                       allowed: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """Returns ``(severity, field, message)`` for each rule the signature breaks.

    `authority` is T/M, K/T, ... or ``None`` for a head signing directly; `principal` is
    what follows the form (``BAN THƯỜNG VỤ``, ``TRƯỞNG BAN``); `issuer_kind` is the issuing
    body's kind (``cap-uy``, ``tham-muu``...) or ``None`` when unknown.
    """
    found: list[tuple[str, str, str]] = []
    if authority is not None:
        if authority not in allowed:
            hint = STATE_FORMS.get(authority.strip().upper())
            tail = f"; văn bản của Đảng viết '{hint}' (dấu gạch chéo), không viết '{authority}'" if hint else ""
            found.append(("loi", "tham_quyen",
                          f"thẩm quyền ký '{authority}' không hợp lệ; dùng một trong: {', '.join(allowed)}{tail}"))
            return found
        if authority in NEEDS_PRINCIPAL and not principal:
            found.append(("loi", "thay_cho",
                          f"ký '{authority}' phải ghi thay cho ai (thay_cho), ví dụ 'BAN THƯỜNG VỤ' hoặc 'TRƯỞNG BAN'"))
    elif principal:
        found.append(("loi", "thay_cho", "có 'thay_cho' nhưng thiếu 'tham_quyen' (T/M, K/T, T/L...)"))
    if issuer_kind in COLLECTIVE_KINDS and authority == "K/T":
        found.append(("loi", "tham_quyen",
                      "cấp ủy là tập thể lãnh đạo: cấp phó cũng ký 'T/M', không ký 'K/T' (HD 36, mục II.1.7)"))
    if issuer_kind in COLLECTIVE_KINDS and authority is None:
        found.append(("loi", "tham_quyen", "văn bản của cấp ủy phải ký 'T/M' tập thể (HD 36, mục II.1.7)"))
    if issuer_kind in ADVISORY_KINDS and authority == "T/M":
        found.append(("canh_bao", "tham_quyen",
                      "cơ quan tham mưu, giúp việc: người đứng đầu ký trực tiếp, cấp phó ký 'K/T'; 'T/M' dành cho tập thể"))
    return found


_AUTHORITY_LINE = re.compile(r"^(?P<form>T/M|K/T|T/L|T/U|Q\.|TM\.|KT\.|TL\.|TUQ\.)\s+(?P<rest>\S.*)$")
_COMMITTEE = re.compile(r"^(TỈNH|HUYỆN|THÀNH|THỊ|QUẬN) ỦY|^ĐẢNG ỦY|^ĐẢNG BỘ|^BAN THƯỜNG VỤ|^BAN CHẤP HÀNH|^CHI BỘ")
_INSPECTION = re.compile(r"^ỦY BAN KIỂM TRA")


def parse_authority_line(text: str) -> tuple[str, str | None] | None:
    """Returns ``(form, principal)`` of a printed authority line (``K/T TRƯỞNG BAN`` →
    ``("K/T", "TRƯỞNG BAN")``; ``Q. TRƯỞNG BAN`` → ``("Q.", None)``), also for the State forms
    (``KT.``), or `None` when `text` is not an authority line."""
    match = _AUTHORITY_LINE.match(text.strip())
    if match is None:
        return None
    form = match.group("form")
    return (form, None) if form == "Q." else (form, match.group("rest"))


def issuer_kind_from_name(name: str) -> str | None:
    """Returns the kind of the issuing body whose header name is `name` (in capitals):
    ``cap-uy`` for a committee (``TỈNH ỦY NGHỆ AN``, ``BAN THƯỜNG VỤ ...``), ``uy-ban-kiem-tra``,
    ``tham-muu`` for another ``BAN ...``, or `None` when the name does not tell."""
    name = " ".join(name.split())
    if _COMMITTEE.match(name):
        return "cap-uy"
    if _INSPECTION.match(name):
        return "uy-ban-kiem-tra"
    if name.startswith("BAN "):
        return "tham-muu"
    return None


def signature_lines(authority: str | None, principal: str | None, position: str, name: str) -> SignatureLines:
    """Returns the printed lines: ``T/M BAN THƯỜNG VỤ`` / ``PHÓ BÍ THƯ`` / ``Nguyễn Văn A``.

    ``Q.`` (acting) has no principal; it goes before the position: ``Q. TRƯỞNG BAN``.
    """
    if authority == "Q.":
        return SignatureLines(None, upper(f"Q. {position}"), name)
    first = upper(f"{authority} {principal}") if authority else None
    return SignatureLines(first, upper(position), name)


def signature_grid(columns: list[T], lead_right: bool) -> list[tuple[T | None, T | None]]:
    """Returns the signature columns of a joint document placed in rows of two, the lead
    body (first of `columns`) on the right when `lead_right`: two parties side by side,
    three or four in a grid. An empty place is `None`."""
    rows: list[tuple[T | None, T | None]] = []
    for i in range(0, len(columns), 2):
        first = columns[i]
        second = columns[i + 1] if i + 1 < len(columns) else None
        rows.append((second, first) if lead_right else (first, second))
    return rows


_ROLE_AT_END = re.compile(r"\(([^()]*)\)$")


def recipient_line(name: str, role: str | None, end: str) -> str:
    """Returns ``- Ban Dân vận Trung ương (b/c),``: dash, name, role in brackets, `end`.

    Dashes and end punctuation the user typed are dropped, so the rule is applied once.
    """
    text = bare_item(name)
    if role:
        role = role.strip().strip("()")
        if not _ROLE_AT_END.search(text):
            text = f"{text} ({role})"
    return f"- {text}{end}"


def archive_line(where: str, prefix: str, end: str) -> str:
    """Returns ``- Lưu Văn phòng Ban.`` (no colon after Lưu, as Party documents write it),
    or ``- Lưu: VT.`` under a State profile; an archive the user began with Lưu, with or
    without the colon, gets the profile's own prefix."""
    text = bare_item(where)
    word = prefix.rstrip(":").strip()
    for start in (f"{word}:", word):
        if text.lower().startswith(start.lower()):
            text = text[len(start):].strip()
            break
    return f"- {prefix} {text}{end}"


ADDRESSEE_LABEL = "Kính gửi:"


def addressee_lines(names: list[str]) -> list[str]:
    """Returns the "Kính gửi" lines of a công văn or tờ trình: one addressee on one line
    (``Kính gửi: Tỉnh ủy Thừa Thiên Huế``); several under the label, ``- ...;`` each and the
    last ``- ... .``. Dashes and end punctuation the user typed are dropped."""
    if len(names) == 1:
        return [f"{ADDRESSEE_LABEL} {names[0]}"]
    if not names:
        return []
    items = [bare_item(n) for n in names]
    return [ADDRESSEE_LABEL] + [f"- {n}{'.' if i == len(items) - 1 else ';'}" for i, n in enumerate(items)]


def addressee_block_length(texts: list[str]) -> int:
    """Returns how many of the leading `texts` are a "Kính gửi" block as `addressee_lines`
    writes it (0 when the first does not begin with the label)."""
    if not texts or not texts[0].startswith(ADDRESSEE_LABEL):
        return 0
    if texts[0].strip() != ADDRESSEE_LABEL:
        return 1
    count = 1
    while count < len(texts) and texts[count].startswith("- "):
        count += 1
    return count
