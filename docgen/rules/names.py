"""Names that ended: bodies merged or abolished in 2025, and provinces merged on 01/07/2025.

A document dated after a name ended should not use it (in its text or Nơi nhận); docgen warns
and gives the current name. Sources: ``../shared/conventions/rules-2026.md`` §3 (the Ban Tuyên
giáo and Ban Dân vận merged from February–March 2025, exact dates by province unconfirmed;
Công an cấp huyện ended 01/3/2025; the district level ended 01/7/2025; Nghị quyết
202/2025/QH15: 63 provinces became 34 from 01/7/2025).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

MERGED_BANS = dt.date(2025, 3, 1)        # latest merger date of the Ban Tuyên giáo and Ban Dân vận (§3.1)
DISTRICT_POLICE_END = dt.date(2025, 3, 1)
TWO_LEVELS = dt.date(2025, 7, 1)         # no district level, 34 provinces (§3.2, §3.3)

# New province ← the provinces merged into it (Nghị quyết 202/2025/QH15, rules-2026.md §3.3).
PROVINCES_MERGED = {
    "Tuyên Quang": ("Hà Giang",), "Lào Cai": ("Yên Bái",), "Thái Nguyên": ("Bắc Kạn",),
    "Phú Thọ": ("Vĩnh Phúc", "Hòa Bình"), "Bắc Ninh": ("Bắc Giang",), "Hưng Yên": ("Thái Bình",),
    "Hải Phòng": ("Hải Dương",), "Ninh Bình": ("Hà Nam", "Nam Định"), "Quảng Trị": ("Quảng Bình",),
    "Đà Nẵng": ("Quảng Nam",), "Quảng Ngãi": ("Kon Tum",), "Gia Lai": ("Bình Định",), "Khánh Hòa": ("Ninh Thuận",),
    "Lâm Đồng": ("Đắk Nông", "Bình Thuận"), "Đắk Lắk": ("Phú Yên",),
    "Hồ Chí Minh": ("Bình Dương", "Bà Rịa - Vũng Tàu"), "Đồng Nai": ("Bình Phước",), "Tây Ninh": ("Long An",),
    "Cần Thơ": ("Sóc Trăng", "Hậu Giang"), "Vĩnh Long": ("Bến Tre", "Trà Vinh"), "Đồng Tháp": ("Tiền Giang",),
    "Cà Mau": ("Bạc Liêu",), "An Giang": ("Kiên Giang",),
}


@dataclass(frozen=True)
class EndedName:
    """A name in use until `ended` (exclusive), and what to write instead. `source` is the
    name as a regular expression, compiled at its first use (`pattern`): a document dated
    before a name ended never needs it, and compiling all of them cost ~3 ms of every start.
    Every match contains one of the plain words `clues`: a text with none of them is passed
    over without running the pattern (a text of a 2026 document is checked against all of
    the names; most contain none)."""

    source: str
    ended: dt.date
    instead: str
    clues: tuple[str, ...]

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.source)


def _ended() -> list[EndedName]:
    names = [
        EndedName(r"(?<!và )\bBan [Dd]ân vận\b", MERGED_BANS,
                  "Ban Tuyên giáo và Dân vận (Ban Tuyên giáo và Ban Dân vận hợp nhất năm 2025)", ("Ban Dân vận", "Ban dân vận")),
        EndedName(r"\bBan [Tt]uyên giáo\b(?! và [Dd]ân vận)", MERGED_BANS,
                  "Ban Tuyên giáo và Dân vận (Ban Tuyên giáo và Ban Dân vận hợp nhất năm 2025)", ("Ban Tuyên giáo", "Ban tuyên giáo")),
        EndedName(r"(?<![/\w-])(?:BDVTU|BDVTW|BTGTU|BTGTW)(?![/\w-])", MERGED_BANS,
                  "ký hiệu BTGDVTU / BTGDVTW của Ban Tuyên giáo và Dân vận", ("BDVT", "BTGT")),
        EndedName(r"\bCông an (?:các )?huyện\b", DISTRICT_POLICE_END,
                  "Công an tỉnh, Công an xã (công an cấp huyện kết thúc từ 01/3/2025)", ("Công an huyện", "Công an các huyện")),
        EndedName(r"\b(?:[Hh]uyện ủy|[Hh]uyện uỷ|các huyện ủy|UBND huyện|Ủy ban nhân dân huyện|"
                  r"Ban Chỉ huy Quân sự huyện|cấp huyện)\b", TWO_LEVELS,
                  "cấp tỉnh hoặc cấp xã (chính quyền địa phương hai cấp từ 01/7/2025, không còn cấp huyện)",
                  ("uyện",)),
    ]
    for new, olds in PROVINCES_MERGED.items():
        for old in olds:
            names.append(EndedName(rf"\b(?:tỉnh|[Tt]ỉnh ủy|[Tt]ỉnh uỷ) {re.escape(old)}\b", TWO_LEVELS,
                                   f"tỉnh {new}" if new not in ("Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ")
                                   else f"thành phố {new}", (old,)))
    return names


ENDED_NAMES = _ended()


@cache
def _title_before() -> re.Pattern[str]:
    """A name inside another document's title ("Chương trình phối hợp ... giữa Ban Dân vận Tỉnh
    ủy với ...") names that document as it was issued: the title before it, compiled at its
    first use."""
    return re.compile(r"(?:Chương trình|Kế hoạch|Nghị quyết|Quy chế|Quyết định|Chỉ thị|Kết luận|Hướng dẫn|"
                      r"Thông báo|Báo cáo|Đề án|Công văn)\b[^.;:]*$")


@lru_cache(maxsize=64)
def _ended_by(day: dt.date) -> tuple[re.Pattern[str] | None, tuple[EndedName, ...]]:
    """Returns the names that had ended by `day` (a document's texts all share its date) and
    one pattern finding any of their clues (compiled once per date)."""
    names = tuple(name for name in ENDED_NAMES if day >= name.ended)
    clues = sorted({clue for name in names for clue in name.clues}, key=len, reverse=True)
    return (re.compile("|".join(re.escape(clue) for clue in clues)) if clues else None), names


def _clues_in(text: str, clues: re.Pattern[str]) -> set[str]:
    """Returns the clues `text` holds, overlapping ones too (each search starts one character
    after the last match began; no clue begins another, tested)."""
    found: set[str] = set()
    match = clues.search(text)
    while match is not None:
        found.add(match.group())
        match = clues.search(text, match.start() + 1)
    return found


def ended_names(text: str, day: dt.date) -> list[str]:
    """Returns a warning for each name in `text` that had ended by `day`, with the name to use."""
    clues, names = _ended_by(day)
    held = _clues_in(text, clues) if clues is not None else None
    if not held:   # one pass over the text: most hold no clue of any name
        return []
    found = []
    for name in names:
        if held.isdisjoint(name.clues):   # none of its clues: the pattern cannot match
            continue
        for match in name.pattern.finditer(text):
            if _title_before().search(text[:match.start()]):
                continue
            found.append(f"'{match.group(0)}' không còn dùng từ {name.ended.day:02d}/{name.ended.month:02d}/"
                         f"{name.ended.year} (văn bản ngày {day.day:02d}/{day.month:02d}/{day.year}); "
                         f"nay là {name.instead}")
            break
    return found
