"""Accounts of the service: local users with hashed passwords, their roles, their API tokens.

Two roles (conventions: who does what in a Party office): ``van_thu`` (văn thư: issues, reserves
and voids numbers, renders the final document that draws a number) and ``soan_thao`` (soạn
thảo: checks data, renders drafts and previews, reads the register). Passwords are hashed with
Argon2 (argon2-cffi); a token is shown once and only its SHA-256 is kept (the page's session
cookie holds such a token). Users live in the register's database, beside the audit log that
names them.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from docgen.errors import DataError, Finding, NotFound
from docgen.register import PostgresStore, SqliteStore

ROLES = {"van_thu": "văn thư", "soan_thao": "soạn thảo"}
# What each role may do (the service asks `may`).
RIGHTS = {
    "van_thu": {"doc", "kiem_tra", "ban_nhap", "cap_so", "giu_cho", "huy_so"},
    "soan_thao": {"doc", "kiem_tra", "ban_nhap"},
}
RIGHT_NAMES = {"doc": "xem", "kiem_tra": "kiểm tra dữ liệu", "ban_nhap": "tạo bản nháp",
               "cap_so": "tạo văn bản chính thức (cấp số)", "giu_cho": "giữ chỗ số", "huy_so": "hủy số"}
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD = 8


@dataclass(frozen=True)
class User:
    name: str
    role: str

    def may(self, right: str) -> bool:
        return right in RIGHTS[self.role]


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Accounts:
    """The users of one register database."""

    def __init__(self, store: SqliteStore | PostgresStore):
        self.store = store
        self.hasher = PasswordHasher()

    def users(self) -> list[User]:
        return [User(*row) for row in self.store.query("SELECT ten, vai_tro FROM nguoi_dung ORDER BY ten")]

    def add(self, name: str, role: str, password: str) -> str:
        """Adds (or replaces the password and role of) user `name`; returns a new API token."""
        if not _NAME.match(name):
            raise DataError([Finding(f"tên người dùng '{name}' không hợp lệ (2-64 ký tự: chữ thường không dấu, số, . _ -)",
                                     field="ten")])
        if role not in ROLES:
            raise DataError([Finding(f"vai trò '{role}' không có (chọn: {', '.join(ROLES)})", field="vai_tro")])
        if len(password) < MIN_PASSWORD:
            raise DataError([Finding(f"mật khẩu cần ít nhất {MIN_PASSWORD} ký tự", field="mat_khau")])
        hashed = self.hasher.hash(password)
        with self.store.transaction() as db:
            db.execute("INSERT INTO nguoi_dung (ten, mat_khau, vai_tro) VALUES (?, ?, ?) "
                       "ON CONFLICT (ten) DO UPDATE SET mat_khau = excluded.mat_khau, vai_tro = excluded.vai_tro",
                       (name, hashed, role))
            return self._token(db, name)

    def remove(self, name: str) -> None:
        with self.store.transaction() as db:
            db.execute("DELETE FROM ma_truy_cap WHERE ten = ?", (name,))
            if db.execute("DELETE FROM nguoi_dung WHERE ten = ?", (name,)).rowcount == 0:
                raise NotFound(f"không có người dùng '{name}'")

    def login(self, name: str, password: str) -> tuple[User, str] | None:
        """Returns the user and a new token, or `None` for a wrong name or password."""
        rows = self.store.query("SELECT mat_khau, vai_tro FROM nguoi_dung WHERE ten = ?", (name,))
        if not rows:
            self.hasher.hash(password)   # the same time for an unknown name
            return None
        try:
            self.hasher.verify(rows[0][0], password)
        except (VerificationError, InvalidHashError):
            return None
        with self.store.transaction() as db:
            return User(name, rows[0][1]), self._token(db, name)

    def user(self, name: str) -> User | None:
        """Returns the user `name` (a reverse proxy's identity must be a local user), or `None`."""
        rows = self.store.query("SELECT ten, vai_tro FROM nguoi_dung WHERE ten = ?", (name,))
        return User(*rows[0]) if rows else None

    def logout(self, token: str) -> None:
        """Forgets `token` (a session or an API token): it opens nothing any more."""
        with self.store.transaction() as db:
            db.execute("DELETE FROM ma_truy_cap WHERE bam = ?", (_digest(token),))

    def csrf(self, subject: str) -> str:
        """Returns the CSRF token of `subject` (a session, or a proxy's user): an HMAC under a key
        that every worker and machine reads from the database (made once, at first use)."""
        rows = self.store.query("SELECT gia_tri FROM cau_hinh WHERE khoa = 'khoa_csrf'")
        if not rows:
            with self.store.transaction() as db:
                db.execute("INSERT INTO cau_hinh (khoa, gia_tri) VALUES ('khoa_csrf', ?) ON CONFLICT (khoa) DO NOTHING",
                           (secrets.token_hex(32),))
            rows = self.store.query("SELECT gia_tri FROM cau_hinh WHERE khoa = 'khoa_csrf'")
        return hmac.new(bytes.fromhex(rows[0][0]), subject.encode("utf-8"), hashlib.sha256).hexdigest()

    def by_token(self, token: str, max_age: dt.timedelta | None = None) -> User | None:
        """Returns the user of `token`, or `None` (unknown, or made more than `max_age` ago)."""
        rows = self.store.query("SELECT n.ten, n.vai_tro, m.tao_luc FROM ma_truy_cap m JOIN nguoi_dung n ON n.ten = m.ten "
                                "WHERE m.bam = ?", (_digest(token),))
        if not rows:
            return None
        name, role, made = rows[0]
        if max_age is not None and dt.datetime.fromisoformat(made) < dt.datetime.now() - max_age:
            return None
        return User(name, role)

    @staticmethod
    def _token(db, name: str) -> str:
        token = secrets.token_urlsafe(32)
        db.execute("INSERT INTO ma_truy_cap (bam, ten, tao_luc) VALUES (?, ?, ?)",
                   (_digest(token), name, dt.datetime.now().isoformat(timespec="seconds")))
        return token
