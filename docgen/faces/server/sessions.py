"""Who is calling the service, and what they may do.

Three ways in, tried in this order:

- ``Authorization: Bearer <token>`` (the API: scripts, other programs): no CSRF check, a script
  sends the header on purpose.
- the page's session cookie (``POST /api/dang-nhap`` with ``"phien": true``; HttpOnly,
  SameSite=Strict, Secure behind HTTPS; valid `SESSION_HOURS`): a request that changes something
  must carry the CSRF token in ``X-CSRF-Token`` (double submit: ``GET /api/phien`` gives it to
  the page's script).
- a reverse proxy's identity (a header, default ``X-Remote-User``) trusted only on a request whose
  own peer address is one of the configured proxies; the user must exist locally (its role is the
  store's). It is a browser's identity too, so changes need the CSRF token as well.

On 127.0.0.1 with no user configured (and no proxy), the service stays a single-user tool with
no login, as before.
"""
from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fastapi import Body, Depends, FastAPI, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from docgen.core import Core
from docgen.errors import Forbidden, NotAuthenticated

if TYPE_CHECKING:
    from docgen.accounts import User

COOKIE = "docgen_phien"
SESSION_HOURS = 12   # a page's session lasts a working day; then the clerk logs in again
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


@dataclass(frozen=True)
class Caller:
    """Who made a request and how they proved it: ``ma`` (Bearer token), ``phien`` (the session
    cookie), ``proxy`` (a trusted proxy's header) or ``may`` (this machine's single user)."""

    user: User | None
    how: str
    token: str | None = None

    @property
    def subject(self) -> str | None:
        """What the CSRF token is bound to (`None` where none is needed)."""
        if self.how == "phien" and self.token:
            return f"phien:{self.token}"
        if self.how == "proxy" and self.user:
            return f"nguoi:{self.user.name}"
        return None


def install(app: FastAPI, core: Core, local_only: bool, proxies: tuple[str, ...], proxy_header: str
            ) -> tuple[Callable[..., Awaitable[User | None]], Callable[[User | None, str], str]]:
    """Adds login, logout and the session's route to `app`; returns the dependency that
    identifies the caller and the function that checks a right (returning the name the audit log
    and the saved versions give the user)."""
    bearer = HTTPBearer(auto_error=False, description="Mã truy cập (POST /api/dang-nhap hoặc docgen nguoi-dung them)")
    single_user = local_only and not proxies

    def is_https(request: Request) -> bool:
        peer = request.client.host if request.client else ""
        return request.url.scheme == "https" or (peer in proxies and request.headers.get("x-forwarded-proto") == "https")

    def identify(request: Request, token: str | None) -> Caller:
        """Returns the caller; raises `NotAuthenticated` (401) or `Forbidden` (403: no CSRF token)."""
        cookie = request.cookies.get(COOKIE)
        peer = request.client.host if request.client else ""
        proxied = request.headers.get(proxy_header) if proxy_header and peer in proxies else None
        found: Caller | None = None
        csrf_ok = True
        configured = False
        if core.has_register():   # no register yet: no account either
            with core.accounts() as accounts:
                configured = bool(accounts.users())
                if configured and token:
                    user = accounts.by_token(token)
                    found = Caller(user, "ma", token) if user else None
                elif configured and cookie:
                    user = accounts.by_token(cookie, dt.timedelta(hours=SESSION_HOURS))
                    found = Caller(user, "phien", cookie) if user else None
                elif configured and proxied:
                    user = accounts.user(proxied.strip())
                    if user is None:
                        raise NotAuthenticated(f"người dùng '{proxied.strip()[:64]}' do máy chủ trung gian báo chưa có "
                                               "trong docgen: thêm bằng 'docgen nguoi-dung them'")
                    found = Caller(user, "proxy")
                if found is not None and found.subject and request.method not in SAFE_METHODS:
                    sent = request.headers.get(CSRF_HEADER, "")
                    csrf_ok = hmac.compare_digest(sent.encode("utf-8", "replace"),
                                                  accounts.csrf(found.subject).encode("ascii"))
        if not configured:
            if single_user:
                return Caller(None, "may")
            raise NotAuthenticated("dịch vụ mở ra ngoài máy này cần tài khoản: thêm người dùng bằng "
                                   "'docgen nguoi-dung them' rồi đăng nhập")
        if found is None:
            raise NotAuthenticated("chưa đăng nhập hoặc mã truy cập không đúng (tiêu đề Authorization: Bearer <mã>, "
                                   "hoặc đăng nhập trên trang)")
        if not csrf_ok:
            raise Forbidden(f"thiếu hoặc sai mã chống giả mạo yêu cầu (tiêu đề {CSRF_HEADER}; lấy ở GET /api/phien)")
        return found

    async def who(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Caller:
        # once per request: FastAPI caches a dependency's value within one request
        return await run_in_threadpool(identify, request, credentials.credentials if credentials else None)

    async def caller(found: Caller = Depends(who)) -> User | None:
        return found.user

    def allow(user: User | None, right: str) -> str:
        """Returns the name the audit log gives `user`; raises `Forbidden` if the role lacks `right`."""
        from docgen.accounts import RIGHT_NAMES, ROLES

        if user is None:
            return ""
        if not user.may(right):
            raise Forbidden(f"người dùng '{user.name}' ({ROLES[user.role]}) không được {RIGHT_NAMES[right]}; "
                            "việc này cần vai trò văn thư")
        return f"{user.name} ({ROLES[user.role]})"

    def csrf_of(found: Caller) -> str | None:
        if found.subject is None:
            return None
        with core.accounts() as accounts:
            return accounts.csrf(found.subject)

    @app.post("/api/dang-nhap", summary="Đăng nhập: mã truy cập cho tiêu đề Authorization: Bearer, hoặc phiên của trang "
                                       "(\"phien\": true: cookie HttpOnly và mã CSRF)")
    async def login(request: Request, response: Response, ten: str = Body(..., min_length=1, max_length=64),
                    mat_khau: str = Body(..., min_length=1, max_length=1024),
                    phien: bool = Body(False, description="true: đặt cookie phiên cho trang web thay vì trả mã truy cập")
                    ) -> dict[str, Any]:
        def check() -> tuple[User, str, str | None] | None:
            with core.accounts() as accounts:
                found = accounts.login(ten, mat_khau)
                if found is None:
                    return None
                return found[0], found[1], accounts.csrf(f"phien:{found[1]}") if phien else None

        found = await run_in_threadpool(check)
        if found is None:
            raise NotAuthenticated("tên người dùng hoặc mật khẩu không đúng")
        user, token, csrf = found
        if not phien:
            return {"ma_truy_cap": token, "ten": user.name, "vai_tro": user.role}
        response.set_cookie(COOKIE, token, max_age=SESSION_HOURS * 3600, httponly=True, samesite="strict",
                            secure=is_https(request), path="/")
        return {"ten": user.name, "vai_tro": user.role, "csrf": csrf}

    @app.post("/api/dang-xuat", summary="Đăng xuất: mã truy cập hoặc phiên không dùng được nữa")
    async def logout(response: Response, found: Caller = Depends(who)) -> dict[str, bool]:
        token = found.token
        if token is not None:
            def forget() -> None:
                with core.accounts() as accounts:
                    accounts.logout(token)

            await run_in_threadpool(forget)
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
        return {"dang_xuat": True}

    @app.get("/api/phien", summary="Người đang dùng, vai trò và mã CSRF (tiêu đề X-CSRF-Token) của phiên")
    async def session(found: Caller = Depends(who)) -> dict[str, str | None]:
        return {"nguoi": found.user.name if found.user else None, "vai_tro": found.user.role if found.user else None,
                "csrf": await run_in_threadpool(csrf_of, found)}

    return caller, allow
