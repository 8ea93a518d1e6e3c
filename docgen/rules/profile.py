"""The rule profile: every presentation value (sizes, margins, numbering forms, marks) as data.

A profile is a YAML file; it may `extends:` another by name or path, and only states what
differs. The built-in profiles (``docgen/profiles/``) load by the same path as an office's
own files. The renderer, the template builder and (later) the linter all read this object.
"""
import datetime as dt
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from docgen.errors import ProfileError
from docgen.text import excerpt

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "profiles"
DEFAULT_PROFILE = "hd36-2018"


class _Part(BaseModel):
    # Built at the first validation: then the profile's one schema holds its parts', instead of
    # each part building (and compiling) its own validator at import (9.5 -> 8 ms in all).
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, defer_build=True)


class PageNumbers(_Part):
    position: str = Field(alias="vi_tri")
    on_first_page: bool = Field(alias="trang_dau")


class Page(_Part):
    width_mm: float = Field(alias="rong_mm")
    height_mm: float = Field(alias="cao_mm")
    top_mm: float = Field(alias="le_tren_mm")
    bottom_mm: float = Field(alias="le_duoi_mm")
    left_mm: float = Field(alias="le_trai_mm")
    right_mm: float = Field(alias="le_phai_mm")
    page_numbers: PageNumbers = Field(alias="so_trang")

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.left_mm - self.right_mm


class Sizes(_Part):
    body: float = Field(alias="noi_dung")
    party_title: float = Field(alias="tieu_de")
    issuer: float = Field(alias="co_quan")
    number: float = Field(alias="so_ky_hieu")
    place_date: float = Field(alias="dia_danh_ngay")
    kind_name: float = Field(alias="ten_loai")
    summary: float = Field(alias="trich_yeu")
    signature: float = Field(alias="chu_ky")
    recipients_label: float = Field(alias="noi_nhan_nhan")
    recipients: float = Field(alias="noi_nhan_muc")
    letter_summary: float = Field(alias="trich_yeu_cong_van")
    typist: float = Field(alias="danh_may")
    table: float = Field(alias="bang")
    page_number: float = Field(alias="so_trang")


class SizeRanges(_Part):
    """The sizes the rules allow (pt, both ends included), where they allow a range: the
    renderer writes `Sizes`, lint accepts anything within these."""

    kind_name: tuple[float, float] = Field(alias="ten_loai")
    summary: tuple[float, float] = Field(alias="trich_yeu")
    body: tuple[float, float] = Field(alias="noi_dung")


class Paragraphs(_Part):
    first_line_indent_mm: float = Field(alias="thut_dau_dong_mm")
    space_before_pt: float = Field(alias="cach_truoc_pt")
    space_after_pt: float = Field(alias="cach_sau_pt")
    line_spacing: float = Field(alias="gian_dong", ge=1)


class Numbering(_Part):
    level_1: str = Field(alias="cap_1")
    level_2: str = Field(alias="cap_2")
    level_3: str = Field(alias="cap_3")
    bullet_1: str = Field(alias="gach_1")
    bullet_2: str = Field(alias="gach_2")


class NumberStyle(_Part):
    """How figures are written in running text."""

    pad_below_ten: bool = Field(alias="them_so_0_duoi_10")
    space_before_percent: bool = Field(alias="cach_truoc_phan_tram")


class AppendixStyle(_Part):
    """How a task table is printed as an appendix."""

    keep_empty_columns: bool = Field(alias="giu_cot_trong")


class LetterStyle(_Part):
    """How a công văn is laid out."""

    summary_prefix: str = Field(alias="tien_to_trich_yeu")


class Citations(_Part):
    comma_before_date: bool = Field(alias="dau_phay_truoc_ngay")
    short_with_number_word: bool = Field(alias="rut_gon_co_chu_so")


class Recipients(_Part):
    label: str = Field(alias="nhan")
    label_underlined: bool = Field(alias="nhan_gach_chan")
    label_bold: bool = Field(alias="nhan_dam")
    item_end: str = Field(alias="dau_cuoi_muc")
    archive_end: str = Field(alias="dau_cuoi_dong_luu")
    archive_prefix: str = Field(alias="tien_to_luu")


class Signature(_Part):
    position_bold: bool = Field(alias="chuc_vu_dam")
    blank_lines: int = Field(alias="dong_de_ky", ge=0, le=12)
    lead_side: str = Field(alias="ben_chu_tri", pattern="^(trai|phai)$")
    authorities: tuple[str, ...] = Field(alias="tham_quyen")


class Joint(_Part):
    header: str = Field(alias="tieu_de", pattern="^(hang_ngang|xep_chong|canh_nhau)$")


class Layout(_Part):
    """Column widths of the header and signature blocks (mm); lines in them are broken by
    phrase to fit (`docgen.rules.lines`)."""

    title_column_mm: float = Field(85.0, alias="cot_tieu_de_mm", ge=60, le=120)
    joint_title_column_mm: float = Field(80.0, alias="cot_tieu_de_lien_tich_mm", ge=60, le=120)
    recipients_share: float = Field(0.45, alias="ti_le_cot_noi_nhan", gt=0.2, lt=0.7)


class NumberForm(_Part):
    colon: bool = Field(alias="dau_hai_cham")
    system: str = Field(alias="kieu", pattern="^(dang|nha_nuoc)$")


class Validity(_Part):
    """The dates a profile is in force (both ends included; open when absent)."""

    start: dt.date | None = Field(None, alias="tu_ngay")
    end: dt.date | None = Field(None, alias="den_ngay")

    @field_validator("start", "end", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        if isinstance(value, str):
            from docgen.rules.dates import parse_date

            return parse_date(value)
        return value

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class RuleSetting(_Part):
    severity: str = Field(alias="muc_do", pattern="^(loi|canh_bao|tat)$")
    source: str = Field(alias="nguon")


class Profile(_Part):
    """A complete rule profile (after `extends:` is resolved)."""

    name: str = Field(alias="ten")
    description: str = Field(alias="mo_ta")
    validity: Validity | None = Field(None, alias="hieu_luc")
    page: Page = Field(alias="trang")
    font: str = Field(alias="phong_chu")
    sizes: Sizes = Field(alias="co_chu")
    size_ranges: SizeRanges = Field(alias="khoang_co_chu")
    paragraphs: Paragraphs = Field(alias="doan")
    numbering: Numbering = Field(alias="danh_so")
    end_mark: str = Field(alias="ket_thuc")
    figures: NumberStyle = Field(alias="so_lieu")
    letter: LetterStyle = Field(alias="cong_van")
    appendix: AppendixStyle = Field(alias="phu_luc")
    citations: Citations = Field(alias="trich_dan")
    recipients: Recipients = Field(alias="noi_nhan")
    signature: Signature = Field(alias="chu_ky")
    joint: Joint = Field(alias="lien_tich")
    layout: Layout = Field(default_factory=Layout, alias="bo_cuc")
    kind_codes: dict[str, str] = Field(alias="ky_hieu_loai")
    title_line: str = Field(alias="tieu_de_dang")
    number_form: NumberForm = Field(alias="so_ky_hieu")
    rules: dict[str, RuleSetting] = Field(alias="quy_tac")


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _locate(ref: str, relative_to: Path | None, root: Path | None = None) -> Path:
    """Returns the file of profile `ref`: a built-in name, or a .yaml path from `relative_to`
    (inside `root` when one is given: a profile a data file names stays in its data folder)."""
    candidate = Path(ref)
    if candidate.suffix in (".yaml", ".yml"):
        if root is not None and relative_to is not None:
            from docgen.input.sources import Outside, named_file

            try:
                return named_file(ref, relative_to, root)
            except Outside as exc:
                raise ProfileError(f"hồ sơ quy tắc '{excerpt(ref)}': {exc}") from None
        if not candidate.is_absolute() and relative_to is not None:
            candidate = relative_to / candidate
        return candidate
    return BUILTIN_DIR / f"{ref}.yaml"


@lru_cache(maxsize=64)
def _read(path: Path, _mtime: int) -> dict[str, Any]:
    from docgen.input.loader import read_plain  # late import: loader imports the model, which imports us

    data = read_plain(path)
    if not isinstance(data, dict):
        raise ProfileError(f"{path.name}: hồ sơ quy tắc phải là một bảng khóa: giá trị")
    return data


def _chain(ref: str, relative_to: Path | None, root: Path | None = None) -> tuple[tuple[Path, int], ...]:
    """Returns the profile file `ref` and every file it extends, nearest first, each with its
    modification time, so that an edited file is read again."""
    chain: list[tuple[Path, int]] = []
    while True:
        path = _locate(ref, relative_to, None if relative_to == BUILTIN_DIR else root).resolve()
        seen = tuple(p for p, _ in chain)
        if path in seen:
            raise ProfileError(f"hồ sơ quy tắc kế thừa vòng tròn: {' → '.join(p.name for p in seen + (path,))}")
        if not path.is_file():
            known = ", ".join(sorted(p.stem for p in BUILTIN_DIR.glob("*.yaml")))
            raise ProfileError(f"không tìm thấy hồ sơ quy tắc '{excerpt(ref)}' (có sẵn: {known})")
        chain.append((path, path.stat().st_mtime_ns))
        parent = _read(*chain[-1]).get("extends")
        if parent is None:
            return tuple(chain)
        ref, relative_to = str(parent), path.parent


@lru_cache(maxsize=32)
def _validated(ref: str, chain: tuple[tuple[Path, int], ...]) -> Profile:
    data: dict[str, Any] = {}
    for path, mtime in reversed(chain):
        data = _merge(data, {k: v for k, v in _read(path, mtime).items() if k != "extends"})
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        lines = [
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        ]
        raise ProfileError(f"hồ sơ quy tắc '{ref}' không hợp lệ:\n  " + "\n  ".join(lines)) from None


def load_profile(ref: str = DEFAULT_PROFILE, relative_to: Path | None = None, root: Path | None = None) -> Profile:
    """Returns the profile named `ref` (a built-in name or a .yaml path).

    A relative path is taken from `relative_to` (the data file's folder); `None` means the
    current directory. Raises `ProfileError` when it is missing or invalid. Files are read
    again when they change, so a long-running `watch` or server sees an edited profile. With
    `root` (a profile a data file names), every file of the chain must lie inside `root`.
    """
    return _validated(ref, _chain(ref, relative_to.resolve() if relative_to else None, root))


def profile_for_date(day: dt.date) -> str:
    """Returns the built-in Party profile in force on `day`: of the profiles that state their
    own validity (``hieu_luc``), the one covering it; `DEFAULT_PROFILE` when none does. The
    answer is kept while the built-in profiles' files stay as they are (one look at their
    folder, instead of reading each profile's chain for every document)."""
    with os.scandir(BUILTIN_DIR) as entries:
        stamps = tuple(sorted((entry.name, entry.stat().st_mtime_ns) for entry in entries
                              if entry.name.endswith(".yaml") and not entry.name.startswith(".")))
    return _profile_for_date(day, stamps)


@lru_cache(maxsize=64)
def _profile_for_date(day: dt.date, _stamps: tuple[tuple[str, int], ...]) -> str:
    for name in builtin_profiles():
        path = BUILTIN_DIR / f"{name}.yaml"
        own = _read(path, path.stat().st_mtime_ns).get("hieu_luc")
        validity = load_profile(name).validity if isinstance(own, dict) else None
        if validity is not None and validity.covers(day):
            return name
    return DEFAULT_PROFILE


def builtin_profiles() -> list[str]:
    """Returns the names of the profiles that ship with docgen."""
    return sorted(p.stem for p in BUILTIN_DIR.glob("*.yaml"))


def profile_files(ref: str = DEFAULT_PROFILE, relative_to: Path | None = None, root: Path | None = None) -> list[Path]:
    """Returns the files a profile is read from: itself and every profile it extends."""
    return [path for path, _ in _chain(ref, relative_to.resolve() if relative_to else None, root)]
