"""The catalog of governing documents: what each symbol is (kind, date, issuer, title) and
what replaced what. Loaded from any number of YAML files; the same symbol in two files must
state the same facts.

File form (``data/danh-muc/*.yaml``)::

    van_ban:
      - so_ky_hieu: 23-QĐ/TW
        loai: Quyết định
        ngay: 30/7/2021
        co_quan: Bộ Chính trị
        trich_yeu: ban hành Quy chế công tác dân vận của hệ thống chính trị
        thay_the: [290-QĐ/TW]
        nguon: ...
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field

from docgen.errors import DataError, Finding
from docgen.input.loader import read_tree, validate
from docgen.model.common import Date, Part, no_items
from docgen.rules.citations import Cited
from docgen.rules.symbols import canonical, parse_symbol
from docgen.text import close_words, strip_accents

CATALOG_DIR = "danh-muc"
BUNDLED_DIR = Path(__file__).resolve().parents[1] / "bundled" / CATALOG_DIR   # the central catalog docgen ships


def _canonical_symbol(value: str) -> str:
    result = canonical(value)
    if result is None:
        raise ValueError(f"'{value}' không phải số ký hiệu văn bản (ví dụ 23-QĐ/TW, 33/CT-TTg, 169/2013/NĐ-CP)")
    return result


SymbolText = Annotated[str, AfterValidator(_canonical_symbol)]


class Replacement(Part):
    symbol: SymbolText = Field(alias="so_ky_hieu", description="Văn bản thay thế")
    date: Date | None = Field(None, alias="ngay", description="Ngày thay thế có hiệu lực")


class Entry(Part):
    """One governing document."""

    symbol: SymbolText = Field(alias="so_ky_hieu", description="Số và ký hiệu, ví dụ 23-QĐ/TW")
    kind_name: str = Field(alias="loai", min_length=1, description="Tên loại: Quyết định, Nghị quyết, Chỉ thị, ...")
    date: Date | None = Field(None, alias="ngay", description="Ngày ban hành (bỏ trống nếu chưa xác nhận)")
    issuer: str | None = Field(None, alias="co_quan", description="Cơ quan ban hành như viết trong trích dẫn")
    title: str | None = Field(None, alias="trich_yeu", description="Trích yếu như viết sau tên cơ quan: 'về ...', 'ban hành ...'")
    replaces: list[SymbolText] = Field(default_factory=no_items, alias="thay_the", description="Các văn bản mà văn bản này thay thế")
    replaced_by: Replacement | None = Field(None, alias="bi_thay_the_boi", description="Văn bản thay thế văn bản này")
    source: str = Field(alias="nguon", min_length=1, description="Nguồn kiểm chứng các thông tin trên")
    note: str | None = Field(None, alias="ghi_chu")

    def facts(self) -> tuple[object, ...]:
        return (self.kind_name, self.date, self.issuer, self.title)

    def cited(self) -> Cited:
        symbol = parse_symbol(self.symbol)
        return Cited(self.kind_name, self.symbol, symbol.system if symbol else "dang", self.date, self.issuer, self.title)


class CatalogFile(Part):
    entries: list[Entry] = Field(alias="van_ban")


@dataclass(frozen=True)
class Successor:
    """The document that replaced another, and from when."""

    symbol: str
    date: dt.date | None


@dataclass
class Catalog:
    """Every entry of the loaded files, by canonical symbol, with replacements resolved."""

    entries: dict[str, Entry] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)
    successors: dict[str, Successor] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    shipped: set[str] = field(default_factory=set)   # the files docgen ships

    def with_entries(self, extra: list[Entry], origin: str) -> Catalog:
        """Returns this catalog with `extra` entries added (named `origin`); an entry it has
        already keeps its own facts."""
        if not extra:
            return self
        merged = Catalog(dict(self.entries), dict(self.origin), dict(self.successors), list(self.files), set(self.shipped))
        for entry in extra:
            if entry.symbol not in merged.entries:
                merged.entries[entry.symbol] = entry
                merged.origin[entry.symbol] = origin
        return merged

    def get(self, symbol: str) -> Entry | None:
        """Returns the entry of `symbol` (any tolerated spelling), or `None`."""
        key = canonical(symbol)
        return self.entries.get(key) if key else None

    def has_entries(self) -> bool:
        """Returns whether the catalog knows any document."""
        return bool(self.entries)

    def adding_later(self, extra: Callable[[], tuple[list[Entry], str]]) -> Catalog:
        """Returns `with_entries(*extra())` (`extra` gives the entries and the name of their
        source), with `extra` called only when an entry this catalog lacks is looked up (or
        the whole is asked for)."""
        return _Extended(self, extra)

    def closest(self, symbol: str, n: int = 3) -> list[str]:
        """Returns up to `n` known symbols that look like `symbol` (same number first)."""
        key = canonical(symbol) or symbol
        number = key.split("-")[0].split("/")[0].lstrip("0")
        same_number = [s for s in self.entries if s.split("-")[0].split("/")[0].lstrip("0") == number]
        alike = close_words(key, list(self.entries), n=n, cutoff=0.5)
        return list(dict.fromkeys(same_number + alike))[:n]

    def successor(self, symbol: str) -> Successor | None:
        """Returns what replaced `symbol` and from when, or `None`."""
        key = canonical(symbol)
        return self.successors.get(key) if key else None

    def search(self, words: str) -> list[Entry]:
        """Returns the entries whose symbol, kind, issuer or title holds every word of `words`,
        ignoring accents and case ("quy che dan van" finds 23-QĐ/TW)."""
        wanted = strip_accents(words).split()
        found = []
        for entry in self.entries.values():
            hay = strip_accents(" ".join(filter(None, (entry.symbol, entry.kind_name, entry.issuer, entry.title))))
            if all(word in hay for word in wanted):
                found.append(entry)
        return sorted(found, key=lambda e: (e.date or dt.date.min), reverse=True)


class _Extended(Catalog):
    """A catalog with entries added on first need. The office's own documents are such
    entries: describing them reads every data file of the office, and most documents cite
    nothing that the catalogs lack, so never need them."""

    def __init__(self, base: Catalog, extra: Callable[[], tuple[list[Entry], str]]):
        self._base, self._extra = base, extra
        self._whole: Catalog | None = None

    def _merged(self) -> Catalog:
        if self._whole is None:
            self._whole = self._base.with_entries(*self._extra())
        return self._whole

    entries = property(lambda self: self._merged().entries)
    origin = property(lambda self: self._merged().origin)
    successors = property(lambda self: self._base.successors)
    files = property(lambda self: self._base.files)
    shipped = property(lambda self: self._base.shipped)

    def has_entries(self) -> bool:
        return self._base.has_entries() or self._merged().has_entries()

    def get(self, symbol: str) -> Entry | None:
        # an entry the base has keeps its own facts (`with_entries`), so the base answers first
        return self._base.get(symbol) or self._merged().get(symbol)

    def with_entries(self, extra: list[Entry], origin: str) -> Catalog:
        return self._merged().with_entries(extra, origin)


def find_catalog_dirs(start: Path) -> list[Path]:
    """Returns the nearest ``danh-muc/`` folder at or above `start` (also ``data/danh-muc/``)."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        for candidate in (folder / CATALOG_DIR, folder / "data" / CATALOG_DIR):
            if candidate.is_dir():
                return [candidate]
    return []


def catalog_files(paths: list[Path]) -> list[Path]:
    """Returns the .yaml files named by `paths` (files, or folders read in name order)."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return files


def load_catalog(paths: list[Path], bundled: bool = True) -> Catalog:
    """Returns the catalog docgen ships (with `bundled`) and every file in `paths` added to
    it: an office's entry replaces the shipped entry of the same symbol; two office files
    stating one symbol differently are an error. Raises `DataError` for bad entries."""
    catalog = Catalog()
    problems: list[Finding] = []
    shipped = catalog_files([BUNDLED_DIR]) if bundled else []
    resolved = {b.resolve() for b in shipped}
    for path in shipped + [p for p in catalog_files(paths) if p.resolve() not in resolved]:
        found = _add_file(catalog, path, path in shipped, positioned=False)
        if found:   # read again with positions, to say where
            found = _add_file(catalog, path, path in shipped, positioned=True)
        problems.extend(found)
    for entry in catalog.entries.values():
        for old in entry.replaces:
            catalog.successors[old] = Successor(entry.symbol, entry.date)
        if entry.replaced_by is not None:
            catalog.successors.setdefault(entry.symbol, Successor(entry.replaced_by.symbol, entry.replaced_by.date))
    if problems:
        raise DataError(problems)
    return catalog


def _add_file(catalog: Catalog, path: Path, shipped: bool, positioned: bool) -> list[Finding]:
    """Adds the entries of one catalog file; returns its problems."""
    tree = read_tree(path, fast=not positioned)
    try:
        data: CatalogFile = validate(tree, CatalogFile)  # type: ignore[assignment]
    except DataError as exc:
        return list(exc.problems)
    if str(path) not in catalog.files:
        catalog.files.append(str(path))
    problems = []
    for i, entry in enumerate(data.entries):
        known = catalog.entries.get(entry.symbol)
        replaces_shipped = known is not None and not shipped and catalog.origin[entry.symbol] in catalog.shipped
        if known is None or replaces_shipped or known.facts() == entry.facts():
            if known is None or replaces_shipped:
                catalog.entries[entry.symbol] = entry
                catalog.origin[entry.symbol] = str(path)
        else:
            problems.append(tree.problem(("van_ban", i, "so_ky_hieu"), (
                f"{entry.symbol} đã có trong {catalog.origin[entry.symbol]} với thông tin khác "
                f"({_differences(known, entry)}); mỗi văn bản chỉ được ghi một cách")))
    if shipped:
        catalog.shipped.add(str(path))
    return problems


def load_catalog_cached(paths: list[Path]) -> Catalog:
    """Returns `load_catalog(paths)`, parsed again only when a file changes."""
    files = tuple((p.resolve(), os.stat(p).st_mtime_ns) for p in catalog_files([BUNDLED_DIR, *paths]))
    return _catalog_cached(files, tuple(p.resolve() for p in paths))


@lru_cache(maxsize=8)
def _catalog_cached(_files: tuple[tuple[Path, int], ...], paths: tuple[Path, ...]) -> Catalog:
    return load_catalog(list(paths))


def _differences(a: Entry, b: Entry) -> str:
    names = ("loai", "ngay", "co_quan", "trich_yeu")
    return ", ".join(f"{n}: '{x}' / '{y}'" for n, x, y in zip(names, a.facts(), b.facts(), strict=False) if x != y)
