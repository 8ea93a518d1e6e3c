"""Documents saved by the service, every version kept, in the register's database (SQLite or
PostgreSQL): every worker and machine of an office sees the same documents.

A document is known by its name (``ten``: ``<ma_van_ban>.yaml`` or ``.json``); each save whose
text differs from the latest version adds a version (who, when, size). A draft is kept as sent:
it may be invalid data. What the list shows (kind, date, trích yếu) is read from the text where
it can be, and left empty where it cannot. Archiving (``luu_tru``) hides a document from the
list without deleting anything. Documents the service saved as files before (``data/van-ban-web``)
are imported once (`import_folder`); the files stay where they are.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import DataError, Finding, NotFound
from docgen.register import PostgresStore, SqliteStore, local_user
from docgen.text import strip_accents

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,63}\.(yaml|json)$")
NAME_PATTERN = NAME.pattern
FOLDER = "van-ban-web"          # where the service saved documents as files (and the register's key prefix)
IMPORTED = "(nhập từ tệp)"      # who the versions imported from files are attributed to
_FACT_LENGTH = 500


@dataclass(frozen=True)
class Saved:
    """A saved document as the list shows it: its latest version and what it says of itself."""

    name: str
    kind: str | None
    date: str | None
    summary: str | None
    symbol: str | None        # its number and symbol in the register, once a final render drew one
    version: int
    changed_at: str
    changed_by: str
    archived: bool

    @property
    def document_id(self) -> str:
        return self.name.rsplit(".", 1)[0]


@dataclass(frozen=True)
class Version:
    number: int
    at: str
    by: str
    size: int


def register_key(name: str) -> str:
    """Returns the register's key of the saved document `name` (the file's path under the data
    folder where the service saved it, as the register has always known it)."""
    return f"{FOLDER}/{name}"


def _facts(text: str) -> tuple[str | None, str | None, str | None]:
    """Returns (loai, ngay, trich_yeu) of a document's data, each `None` where the text does
    not say it plainly (a draft may not parse)."""
    import yaml

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception:   # a draft that does not parse (yet): nothing to show
        return None, None, None
    if not isinstance(data, dict):
        return None, None, None

    def fact(key: str) -> str | None:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, str | int | float | dt.date):
            return None
        return str(value)[:_FACT_LENGTH]

    return fact("loai"), fact("ngay"), fact("trich_yeu")


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def check_name(name: str) -> str:
    """Returns `name` if it can name a saved document; raises `DataError` otherwise."""
    if not NAME.match(name):
        raise DataError([Finding(f"tên văn bản '{name[:80]}' không hợp lệ (mã văn bản: chữ không dấu, số, dấu -, "
                                 "tối đa 64 ký tự; rồi .yaml hoặc .json)", field="ten")])
    return name


class SavedDocuments:
    """The saved documents of one register database."""

    def __init__(self, store: SqliteStore | PostgresStore):
        self.store = store

    def save(self, name: str, text: str, actor: str = "", at: str | None = None) -> tuple[int, bool]:
        """Saves `text` as the latest version of `name` by `actor` (default: the user running this
        process); returns the version and whether it is a new one (`False`: the text is the
        latest version's, nothing was written)."""
        check_name(name)
        kind, date, summary = _facts(text)
        when, actor = at or _now(), actor or local_user()
        with self.store.transaction() as db:
            row = db.execute("SELECT phien_ban FROM van_ban WHERE ten = ?", (name,)).fetchone()
            if row is not None:
                (latest,) = db.execute("SELECT noi_dung FROM phien_ban WHERE ten = ? AND so = ?", (name, row[0])).fetchone()
                if latest == text:
                    return row[0], False
                version = row[0] + 1
                db.execute("UPDATE van_ban SET loai = ?, ngay = ?, trich_yeu = ?, phien_ban = ?, sua_luc = ?, nguoi_sua = ? "
                           "WHERE ten = ?", (kind, date, summary, version, when, actor, name))
            else:
                version = 1
                db.execute("INSERT INTO van_ban (ten, loai, ngay, trich_yeu, phien_ban, sua_luc, nguoi_sua, luu_tru) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, 0)", (name, kind, date, summary, version, when, actor))
            db.execute("INSERT INTO phien_ban (ten, so, luc, nguoi, noi_dung, kich_thuoc) VALUES (?, ?, ?, ?, ?, ?)",
                       (name, version, when, actor, text, len(text.encode("utf-8"))))
        return version, True

    def listing(self, search: str | None = None, archived: bool | None = False) -> list[Saved]:
        """Returns the saved documents, last changed first: those archived or not (`archived`;
        `None`: all), whose name, trích yếu or number and symbol hold every word of `search`
        (without regard to accents or case)."""
        where, params = "", []
        if archived is not None:
            where, params = "WHERE v.luu_tru = ?", [int(archived)]
        rows = self.store.query(
            "SELECT v.ten, v.loai, v.ngay, v.trich_yeu, s.ky_hieu, v.phien_ban, v.sua_luc, v.nguoi_sua, v.luu_tru "
            f"FROM van_ban v LEFT JOIN so_van_ban s ON s.ma_van_ban = '{FOLDER}/' || v.ten AND s.trang_thai = 'da_cap' {where} "
            "ORDER BY v.sua_luc DESC, v.ten", tuple(params))
        found = [Saved(name, kind, date, summary, symbol, version, at, by, bool(archived))
                 for name, kind, date, summary, symbol, version, at, by, archived in rows]
        words = strip_accents(search or "").split()
        if not words:
            return found
        return [s for s in found
                if all(w in strip_accents(" ".join(filter(None, (s.name, s.summary, s.symbol)))) for w in words)]

    def _known(self, name: str) -> int:
        rows = self.store.query("SELECT phien_ban FROM van_ban WHERE ten = ?", (name,))
        if not rows:
            raise NotFound(f"không có văn bản đã lưu tên '{name[:80]}'")
        return int(rows[0][0])

    def text(self, name: str, version: int | None = None) -> str:
        """Returns the text of `name`'s version `version` (default: the latest)."""
        latest = self._known(name)
        rows = self.store.query("SELECT noi_dung FROM phien_ban WHERE ten = ? AND so = ?", (name, version or latest))
        if not rows:
            raise NotFound(f"văn bản '{name[:80]}' không có phiên bản {version} (có 1 đến {latest})")
        return str(rows[0][0])

    def versions(self, name: str) -> list[Version]:
        """Returns the versions of `name`, newest first."""
        self._known(name)
        return [Version(*row) for row in self.store.query(
            "SELECT so, luc, nguoi, kich_thuoc FROM phien_ban WHERE ten = ? ORDER BY so DESC", (name,))]

    def archive(self, name: str, archived: bool) -> None:
        """Archives `name` (hidden from the list) or brings it back."""
        self._known(name)
        with self.store.transaction() as db:
            db.execute("UPDATE van_ban SET luu_tru = ? WHERE ten = ?", (int(archived), name))

    def import_folder(self, folder: Path) -> list[str]:
        """Imports the documents saved as files in `folder` that the store does not know yet, each
        as version 1 dated by its file; returns their names. Files whose name cannot name a saved
        document, or that are not UTF-8 text, are left out (and stay on disk)."""
        if not folder.is_dir():
            return []
        known = {row[0] for row in self.store.query("SELECT ten FROM van_ban")}
        imported = []
        for path in sorted(folder.iterdir()):
            if path.name in known or not NAME.match(path.name) or not path.is_file():
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            when = dt.datetime.fromtimestamp(path.stat().st_mtime).isoformat(timespec="seconds")
            if self._import_one(path.name, text, when):
                imported.append(path.name)
        return imported

    def _import_one(self, name: str, text: str, when: str) -> bool:
        """Saves a file's text as version 1 of `name` unless another process did first."""
        kind, date, summary = _facts(text)
        with self.store.transaction() as db:
            if db.execute("SELECT 1 FROM van_ban WHERE ten = ?", (name,)).fetchone() is not None:
                return False
            db.execute("INSERT INTO van_ban (ten, loai, ngay, trich_yeu, phien_ban, sua_luc, nguoi_sua, luu_tru) "
                       "VALUES (?, ?, ?, ?, 1, ?, ?, 0)", (name, kind, date, summary, when, IMPORTED))
            db.execute("INSERT INTO phien_ban (ten, so, luc, nguoi, noi_dung, kich_thuoc) VALUES (?, ?, ?, ?, ?, ?)",
                       (name, 1, when, IMPORTED, text, len(text.encode("utf-8"))))
        return True

