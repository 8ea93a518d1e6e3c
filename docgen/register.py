"""The outgoing register (sổ đăng ký văn bản đi): who has which number.

Numbering (conventions §Numbering; HD 36 §II.1.3): a Party body numbers each document kind
from 01 within the committee's term (nhiệm kỳ), not per year; a joint document takes the lead
body's next number of that kind; State and armed-forces bodies number per calendar year. The
scheme is set per issuer (organisations file: ``danh_so: nhiem_ky | nam``, ``nhiem_ky_tu``).

``so: auto`` in the data draws the next number the first time the document is rendered and
keeps it for that document ever after (its id: ``ma_van_ban``, or its data file's path under
the data folder). Numbers may also be reserved, voided (never reused) and listed, and the
register exported to CSV or .xlsx.

Storage: SQLite by default, one file beside the data, or PostgreSQL that several machines
share. Every write runs in one transaction that holds the register's write lock from its start
(SQLite's ``BEGIN IMMEDIATE``, PostgreSQL's table lock), so processes drawing at the same time
never issue a number twice or skip one. The SQL is plain and the same on both.

Schema: the revisions in ``docgen/migrations/`` applied by yoyo-migrations (`upgrade`) when a
store is opened. yoyo, not alembic: its migrations are plain SQL files (or a few lines of
Python where the engines differ), it needs no ORM (alembic brings SQLAlchemy for DDL docgen
writes by hand), runs on sqlite3 and psycopg 3, records what it applied in the database and
locks against another process migrating at the same time. Revision 1 is the schema of the
registers made before (every table ``IF NOT EXISTS``), so an existing register takes it as it is.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.errors import NotFound, RegisterError

REGISTER_FILE = "so-van-ban-di.sqlite3"
STATES = {"da_cap": "đã cấp", "giu_cho": "giữ chỗ", "huy": "đã hủy"}
# Default term starts of provincial Party committees (congresses around October); an office
# sets its own in the organisations file (nhiem_ky_tu).
DEFAULT_TERM_STARTS = [dt.date(2010, 10, 1), dt.date(2015, 10, 1), dt.date(2020, 10, 1), dt.date(2025, 10, 1),
                       dt.date(2030, 10, 1)]
YEARLY_KINDS = {"nha-nuoc", "luc-luong-vu-trang"}

ACTIONS = {"cap": "cấp số", "giu_cho": "giữ chỗ", "huy": "hủy số"}



def numbering_period(date: dt.date, scheme: str, term_starts: list[dt.date] | None = None) -> str:
    """Returns the numbering period of a document dated `date`: ``nhiệm kỳ 2020-2025`` for
    the term scheme (terms begin at `term_starts`), ``năm 2026`` for the yearly one."""
    if scheme == "nam":
        return f"năm {date.year}"
    starts = sorted(term_starts or DEFAULT_TERM_STARTS)
    begun = [s for s in starts if s <= date]
    if not begun:
        return f"trước {starts[0].strftime('%d/%m/%Y')}"
    start = begun[-1]
    later = [s for s in starts if s > start]
    end = later[0].year if later else start.year + 5
    return f"nhiệm kỳ {start.year}-{end}"


@dataclass(frozen=True)
class Entry:
    id: int
    issuer: str
    kind: str
    period: str
    number: int
    state: str
    document: str | None
    date: str | None
    summary: str | None
    symbol: str | None
    note: str | None


def local_user() -> str:
    """Returns who runs this process (the actor of changes made without an account)."""
    import getpass

    try:
        return f"{getpass.getuser()} (máy này)"
    except (KeyError, OSError):
        return "(máy này)"


WAIT_SECONDS = 60.0   # how long a process waits for another's lock on the register


def _patiently(action):
    """Runs `action`, again after a short pause while SQLite says the database is locked or busy.

    SQLite's own wait (the connection timeout) is not used where waiting could deadlock — opening
    the write-ahead log while another process closes it, or a journal-mode change — and then
    answers "database is locked" at once; a build's workers opening the register together meet
    that. Other errors, and a lock held past `WAIT_SECONDS`, are raised."""
    deadline = time.monotonic() + WAIT_SECONDS
    pause = 0.005
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if ("locked" not in text and "busy" not in text) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.25)


MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_TABLE = "_yoyo_migration"


def _revisions() -> set[str]:
    """The ids of the schema's revisions (their files' names, as yoyo names them)."""
    return {p.name.split(".")[0] for p in MIGRATIONS.iterdir()
            if p.suffix in (".sql", ".py") and not p.name.endswith(".rollback.sql")}


def upgrade(store: SqliteStore | PostgresStore) -> None:
    """Brings the store's schema to the latest revision (nothing to do, one cheap read, when it
    is there already). One process migrates at a time: yoyo's lock, under a lock of our own
    (an advisory lock on PostgreSQL, a lock on the register's folder for SQLite) so processes
    opening a new register together wait for the first instead of racing in yoyo's set-up."""
    try:
        applied = {row[0] for row in store.query(f"SELECT migration_id FROM {MIGRATION_TABLE}")}
    except Exception:   # no migration table yet: a new register, or one made before migrations
        store.recover()
        applied = set()
    if _revisions() <= applied:
        return
    with store.migration_lock():
        backend = store.yoyo_backend()
        try:
            from yoyo import read_migrations

            # Under our own lock no other docgen process is migrating: a row in yoyo's lock table
            # was left by one killed while it migrated, and would block every later open.
            backend.break_lock()
            with backend.lock(timeout=WAIT_SECONDS):
                backend.apply_migrations(backend.to_apply(read_migrations(str(MIGRATIONS))))
        except Exception as exc:
            raise RegisterError(f"không nâng cấp được cấu trúc sổ văn bản đi ở {store.shown}: {str(exc).strip()[:300]}") from exc
        finally:
            backend.connection.close()


def is_database_url(location: str | Path) -> bool:
    """Whether `location` names a PostgreSQL database (``postgresql://...``) rather than a file."""
    return str(location).startswith(("postgresql://", "postgres://"))


def open_store(location: str | Path) -> SqliteStore | PostgresStore:
    """Returns the store at `location`: a PostgreSQL URL, or the path of a SQLite file."""
    return PostgresStore(str(location)) if is_database_url(location) else SqliteStore(Path(location))


class SqliteStore:
    """The register in one SQLite file: every write transaction takes SQLite's write lock at its
    start (``BEGIN IMMEDIATE``)."""

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.shown = str(path)
        self._db = sqlite3.connect(str(path), timeout=WAIT_SECONDS, isolation_level=None)
        _patiently(lambda: self._db.execute("PRAGMA journal_mode=WAL"))
        upgrade(self)

    def close(self) -> None:
        self._db.close()

    def recover(self) -> None:
        """Nothing to do after a failed read (SQLite keeps no failed transaction)."""

    @contextmanager
    def migration_lock(self) -> Iterator[None]:
        """Holds an exclusive lock on the register's folder (flock) while the schema is upgraded."""
        import fcntl
        import os

        handle = os.open(self.path.parent, os.O_RDONLY)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield
        finally:
            os.close(handle)   # releases the lock

    def yoyo_backend(self):
        """Returns yoyo's backend for this file, connected the way the store connects (a plain
        path, not yoyo's ``file:`` URI, which a path with ``?`` or ``#`` would break)."""
        from yoyo.backends.core.sqlite3 import SQLiteBackend
        from yoyo.connections import DatabaseURI

        class Backend(SQLiteBackend):
            def connect(self, dburi):
                connection = sqlite3.connect(dburi.database, timeout=WAIT_SECONDS, detect_types=sqlite3.PARSE_DECLTYPES)
                connection.isolation_level = None
                return connection

        backend = Backend(DatabaseURI("sqlite", None, None, None, None, str(self.path), {}), MIGRATION_TABLE)
        _patiently(backend.init_database)
        return backend

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction that holds the write lock from its start."""
        _patiently(lambda: self._db.execute("BEGIN IMMEDIATE"))
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Returns the rows of one read."""
        return _patiently(lambda: self._db.execute(sql, params).fetchall())

    def rows(self, where: str = "", params: tuple = ()) -> list[Entry]:
        query = ("SELECT id, co_quan, loai, ky_danh_so, so, trang_thai, ma_van_ban, ngay, trich_yeu, ky_hieu, ghi_chu "
                 f"FROM so_van_ban {where} ORDER BY co_quan, loai, ky_danh_so, so")
        return [Entry(*row) for row in _patiently(lambda: self._db.execute(query, params).fetchall())]


@dataclass(frozen=True)
class AuditEntry:
    """One change of the register: when, by whom, what (``cap``, ``giu_cho``, ``huy``), which
    row and number, and why."""

    id: int
    at: str
    actor: str
    action: str
    entry: int
    number: str
    reason: str | None


class _Translated:
    """A psycopg connection that takes the register's SQL as written for SQLite (``?`` markers)."""

    def __init__(self, connection):
        self.connection = connection

    def execute(self, sql: str, params: tuple = ()):
        return self.connection.execute(sql.replace("?", "%s"), params)


def _without_password(url: str) -> str:
    """Returns a database URL as messages may show it (no password)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)


class PostgresStore:
    """The register in a PostgreSQL database that several machines share: every write
    transaction first locks the register's table against other writers (SHARE ROW EXCLUSIVE
    conflicts with itself, not with readers), so numbers are drawn one after another across
    processes and machines: never twice, never skipped."""

    def __init__(self, url: str):
        import psycopg

        self.path = url
        try:
            self._db = psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError as exc:
            raise RegisterError(f"không kết nối được cơ sở dữ liệu PostgreSQL: {str(exc).strip()[:300]}") from None
        self.shown = _without_password(url)
        upgrade(self)

    def close(self) -> None:
        self._db.close()

    def recover(self) -> None:
        """Nothing to do after a failed read (autocommit: no transaction is left aborted)."""

    @contextmanager
    def migration_lock(self) -> Iterator[None]:
        """Holds a session advisory lock while the schema is upgraded."""
        self._db.execute("SELECT pg_advisory_lock(721500)")
        try:
            yield
        finally:
            self._db.execute("SELECT pg_advisory_unlock(721500)")

    def yoyo_backend(self):
        """Returns yoyo's psycopg 3 backend for this database."""
        from yoyo.backends.core.postgresql import PostgresqlPsycopgBackend
        from yoyo.connections import parse_uri

        backend = PostgresqlPsycopgBackend(parse_uri("postgresql+psycopg://" + self.path.split("://", 1)[1]), MIGRATION_TABLE)
        backend.init_database()
        return backend

    @contextmanager
    def transaction(self) -> Iterator[_Translated]:
        with self._db.transaction():
            self._db.execute("LOCK TABLE so_van_ban IN SHARE ROW EXCLUSIVE MODE")
            yield _Translated(self._db)

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self._db.execute(sql.replace("?", "%s"), params).fetchall()

    def rows(self, where: str = "", params: tuple = ()) -> list[Entry]:
        query = ("SELECT id, co_quan, loai, ky_danh_so, so, trang_thai, ma_van_ban, ngay, trich_yeu, ky_hieu, ghi_chu "
                 f"FROM so_van_ban {where} ORDER BY co_quan, loai, ky_danh_so, so")
        return [Entry(*row) for row in self.query(query, params)]


class Register:
    """Numbers by issuer, kind and numbering period; every number drawn, reserved or voided is
    written to the audit log (nhat_ky) in the same transaction, with `actor` and the reason."""

    def __init__(self, store: SqliteStore | PostgresStore, actor: str = ""):
        self.store = store
        self.actor = actor or local_user()

    @classmethod
    def open(cls, location: str | Path, actor: str = "") -> "Register":
        """Opens the register at `location`: a SQLite file's path or a PostgreSQL URL."""
        return cls(open_store(location), actor)

    def _audit(self, db: Any, action: str, entry_id: int, reason: str | None) -> None:
        issuer, kind, period, number = db.execute("SELECT co_quan, loai, ky_danh_so, so FROM so_van_ban WHERE id = ?",
                                                  (entry_id,)).fetchone()
        db.execute("INSERT INTO nhat_ky (luc, nguoi, hanh_dong, dong, so_ky_hieu, ly_do) VALUES (?, ?, ?, ?, ?, ?)",
                   (dt.datetime.now().isoformat(timespec="seconds"), self.actor, action, entry_id,
                    f"{number:02d}-{kind}/{issuer} ({period})", reason))

    def audit(self) -> list[AuditEntry]:
        """Returns the audit log, oldest first."""
        query = "SELECT id, luc, nguoi, hanh_dong, dong, so_ky_hieu, ly_do FROM nhat_ky ORDER BY id"
        return [AuditEntry(*row) for row in self.store.query(query)]

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Register":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @staticmethod
    def _next(db: Any, issuer: str, kind: str, period: str) -> int:
        row = db.execute("SELECT MAX(so) FROM so_van_ban WHERE co_quan = ? AND loai = ? AND ky_danh_so = ?",
                         (issuer, kind, period)).fetchone()
        return (row[0] or 0) + 1

    def number_for(self, document: str, issuer: str, kind: str, period: str, date: dt.date | None = None,
                   summary: str | None = None) -> int:
        """Returns the number of `document`: the one it was given before, or the next free
        number of (issuer, kind, period), recorded in the same transaction."""
        with self.store.transaction() as db:
            row = db.execute("SELECT so, co_quan, loai, ky_danh_so, trang_thai FROM so_van_ban WHERE ma_van_ban = ?",
                             (document,)).fetchone()
            if row is not None:
                if row[4] == "huy":
                    raise RegisterError(f"số {row[0]:02d} của văn bản '{document}' đã bị hủy; ghi số mới hoặc ma_van_ban mới")
                if (row[1], row[2], row[3]) != (issuer, kind, period):
                    raise RegisterError(
                        f"văn bản '{document}' đã có số {row[0]:02d} trong sổ {row[1]}/{row[2]}/{row[3]}, nay là "
                        f"{issuer}/{kind}/{period}; hủy số cũ (docgen so huy) trước khi cấp số mới")
                return row[0]
            number = self._next(db, issuer, kind, period)
            (row_id,) = db.execute(
                "INSERT INTO so_van_ban (co_quan, loai, ky_danh_so, so, trang_thai, ma_van_ban, ngay, trich_yeu) "
                "VALUES (?, ?, ?, ?, 'da_cap', ?, ?, ?) RETURNING id",
                (issuer, kind, period, number, document, date.isoformat() if date else None, summary)).fetchone()
            self._audit(db, "cap", row_id, document)
            return number

    def record_symbol(self, document: str, symbol: str) -> None:
        with self.store.transaction() as db:
            db.execute("UPDATE so_van_ban SET ky_hieu = ? WHERE ma_van_ban = ?", (symbol, document))

    def reserve(self, issuer: str, kind: str, period: str, note: str | None = None) -> int:
        """Returns the next number of (issuer, kind, period), kept aside (giữ chỗ)."""
        with self.store.transaction() as db:
            number = self._next(db, issuer, kind, period)
            (row_id,) = db.execute("INSERT INTO so_van_ban (co_quan, loai, ky_danh_so, so, trang_thai, ghi_chu) "
                                   "VALUES (?, ?, ?, ?, 'giu_cho', ?) RETURNING id",
                                   (issuer, kind, period, number, note)).fetchone()
            self._audit(db, "giu_cho", row_id, note)
            return number

    def void(self, entry_id: int, note: str | None = None) -> Entry:
        """Marks an entry void: its number is never given again."""
        with self.store.transaction() as db:
            if db.execute("SELECT 1 FROM so_van_ban WHERE id = ?", (entry_id,)).fetchone() is None:
                raise NotFound(f"sổ không có dòng số {entry_id}")
            db.execute("UPDATE so_van_ban SET trang_thai = 'huy', ghi_chu = COALESCE(?, ghi_chu) WHERE id = ?",
                       (note, entry_id))
            self._audit(db, "huy", entry_id, note)
        return self.store.rows("WHERE id = ?", (entry_id,))[0]

    def number_of(self, document: str) -> int | None:
        """Returns the number given to `document` (its register key), or `None` (none yet, or voided)."""
        rows = self.store.rows("WHERE ma_van_ban = ? AND trang_thai = 'da_cap'", (document,))
        return rows[0].number if rows else None

    def entries(self, issuer: str | None = None, kind: str | None = None) -> list[Entry]:
        where, params = [], []
        if issuer:
            where.append("co_quan = ?")
            params.append(issuer)
        if kind:
            where.append("loai = ?")
            params.append(kind)
        return self.store.rows(("WHERE " + " AND ".join(where)) if where else "", tuple(params))


HEADERS = ["Dòng", "Cơ quan", "Loại", "Kỳ đánh số", "Số", "Trạng thái", "Mã văn bản", "Ngày", "Trích yếu",
           "Số ký hiệu", "Ghi chú"]


def _row(entry: Entry) -> list:
    return [entry.id, entry.issuer, entry.kind, entry.period, entry.number, STATES.get(entry.state, entry.state),
            entry.document or "", entry.date or "", entry.summary or "", entry.symbol or "", entry.note or ""]


def export_csv(entries: list[Entry], path: Path) -> None:
    """Writes the entries as CSV (UTF-8 with BOM, so Excel shows Vietnamese correctly)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows(_row(e) for e in entries)


def export_xlsx(entries: list[Entry], path: Path) -> None:
    """Writes the entries as an .xlsx workbook."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Sổ văn bản đi"
    sheet.append(HEADERS)
    for entry in entries:
        sheet.append(_row(entry))
    book.save(path)


def document_key(doc, root: Path) -> str:
    """Returns the stable id of a document in the register: its ``ma_van_ban``, or its data
    file's path under `root` (the data folder)."""
    return register_key(doc.model.document_id, Path(doc.source), root)


def register_key(document_id: str | None, source: Path, root: Path) -> str:
    """Returns the register's id of the document `document_id` (its ``ma_van_ban``) read from
    `source`: the id itself, or the file's path under `root` (the data folder)."""
    if document_id:
        return document_id
    source = source.resolve()
    try:
        return source.relative_to(root.resolve()).as_posix()
    except ValueError:
        return source.as_posix()


def assign_number(doc, register: "Register", root: Path):
    """Gives a document with ``so: auto`` its number from the register (the same on every
    render); returns the document, numbered."""
    if doc.model.number != "auto":
        return doc
    issuer = doc.issuer
    code = doc.model.kind_code or doc.profile.kind_codes[doc.kind.slug]
    scheme = issuer.numbering or ("nam" if issuer.kind in YEARLY_KINDS else "nhiem_ky")
    period = numbering_period(doc.model.date, scheme, issuer.term_starts)
    key = document_key(doc, root)
    number = register.number_for(key, issuer.code, code, period, doc.model.date, doc.model.summary)
    doc.model = doc.model.model_copy(update={"number": number})
    register.record_symbol(key, doc.symbol)
    return doc


def registered_number(document_id: str | None, source: Path, register: str | Path | None = None) -> int | None:
    """Returns the number the register gave the ``so: auto`` document read from `source`, or
    `None` when it has none yet (no register, or never drawn). `register` is the register's
    file or database URL (default: the file in the data folder)."""
    from docgen.input.sources import data_root

    root = data_root(source.resolve().parent)
    location = register or root / REGISTER_FILE
    if not is_database_url(location) and not Path(location).is_file():
        return None
    with Register.open(location) as register_:
        return register_.number_of(register_key(document_id, source, root))


def register_stamp(location: str | Path) -> int:
    """Returns a value that changes whenever a number is drawn, reserved or voided in the
    register at `location` (0 when there is none): the file's modification time, or the
    database's last audit entry (every change writes one)."""
    if is_database_url(location):
        with Register.open(location) as register:
            rows = register.store.query("SELECT max(id) FROM nhat_ky")
        return int(rows[0][0] or 0) if rows else 0
    try:
        return os.stat(location).st_mtime_ns
    except OSError:
        return 0


def numbered(doc, register_path: str | Path | None = None, actor: str = ""):
    """Returns `doc` with its ``so: auto`` number drawn from the register at `register_path`
    (default: ``so-van-ban-di.sqlite3`` in the document's data folder), logged as drawn by
    `actor`; others unchanged."""
    from docgen.input.sources import data_root

    if doc.model.number != "auto":
        return doc
    root = data_root(Path(doc.source).resolve().parent)
    register = Register.open(register_path or root / REGISTER_FILE, actor)
    try:
        return assign_number(doc, register, root)
    finally:
        register.close()
