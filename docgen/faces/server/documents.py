"""The saved documents of the service and their versions (``/api/van-ban...``), kept in the
register's database so every worker and machine sees the same ones (docgen.saved).

    GET  /api/van-ban?tim=&luu_tru=false   the list, last changed first
    GET  /api/van-ban/{ten}                the latest version's text
    PUT  /api/van-ban/{ten}                save a version (only if the text changed): {ten, phien_ban}
    GET  /api/van-ban/{ten}/phien-ban      the versions, newest first
    GET  /api/van-ban/{ten}/phien-ban/{n}  one version's text
    POST /api/van-ban/{ten}/luu-tru        {"luu_tru": true|false}
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from fastapi import Body, Depends, FastAPI, Query, Request
from fastapi import Path as FastPath
from fastapi.responses import PlainTextResponse
from starlette.concurrency import run_in_threadpool

from docgen.core import Core
from docgen.errors import DataError, Finding
from docgen.saved import NAME_PATTERN, Saved

if TYPE_CHECKING:
    from docgen.accounts import User

# The data of one document as saved: any text (a draft may be invalid), YAML or JSON.
TEXT_BODY = {"requestBody": {"required": True, "description": "Nội dung văn bản (YAML hoặc JSON; bản nháp chưa hợp lệ vẫn lưu được)",
                             "content": {"text/yaml": {"schema": {"type": "string"}},
                                         "application/json": {"schema": {"type": "object"}}}}}
NAME = FastPath(..., pattern=NAME_PATTERN, max_length=69, description="Tên văn bản: <ma_van_ban>.yaml hoặc .json")


def listed(saved: Saved) -> dict[str, Any]:
    """Returns a saved document as the service lists it."""
    return {"ten": saved.name, "ma_van_ban": saved.document_id, "loai": saved.kind, "so_ky_hieu": saved.symbol,
            "ngay": saved.date, "trich_yeu": saved.summary, "phien_ban": saved.version, "sua_luc": saved.changed_at,
            "nguoi_sua": saved.changed_by, "luu_tru": saved.archived}


def decoded(raw: bytes, name: str) -> str:
    """Returns a saved document's bytes as text; raises `DataError` if they are not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError([Finding(f"nội dung không phải văn bản UTF-8 (byte {exc.start})", name)]) from None


def install(app: FastAPI, core: Core, caller: Callable[..., Awaitable[User | None]],
            allow: Callable[[User | None, str], str],
            read_body: Callable[[Request], Awaitable[tuple[bytes, str]]]) -> None:
    """Adds the saved documents' routes to `app` (`caller` identifies the user, `allow` checks
    a right and returns the name to record, `read_body` reads a size-limited body)."""

    def with_saved(action: Callable[[Any], Any]) -> Awaitable[Any]:
        def run() -> Any:
            with core.saved() as saved:
                return action(saved)
        return run_in_threadpool(run)

    @app.get("/api/van-ban", summary="Các văn bản đã lưu (mới sửa trước), với số ký hiệu trong sổ văn bản đi")
    async def saved_list(tim: str | None = Query(None, max_length=200,
                                                 description="Tìm trong tên, trích yếu, số ký hiệu (không phân biệt dấu)"),
                         luu_tru: bool | None = Query(False, description="false: văn bản đang dùng; true: đã lưu trữ; "
                                                                          "bỏ trống: tất cả"),
                         user: User | None = Depends(caller)) -> list[dict]:
        if not core.has_register():
            return []
        return [listed(s) for s in await with_saved(lambda saved: saved.listing(tim, luu_tru))]

    @app.get("/api/van-ban/{ten}", summary="Nội dung phiên bản mới nhất của một văn bản đã lưu",
             response_class=PlainTextResponse)
    async def saved_text(ten: str = NAME, user: User | None = Depends(caller)) -> str:
        return await with_saved(lambda saved: saved.text(ten))

    @app.put("/api/van-ban/{ten}", summary="Lưu văn bản (thêm phiên bản mới nếu nội dung đổi)", openapi_extra=TEXT_BODY)
    async def saved_put(request: Request, ten: str = NAME, user: User | None = Depends(caller)) -> dict:
        actor = allow(user, "ban_nhap")
        raw, _format = await read_body(request)
        text = decoded(raw, ten)
        version, _new = await with_saved(lambda saved: saved.save(ten, text, actor))
        return {"ten": ten, "phien_ban": version}

    @app.get("/api/van-ban/{ten}/phien-ban", summary="Các phiên bản của một văn bản đã lưu (mới trước)")
    async def saved_versions(ten: str = NAME, user: User | None = Depends(caller)) -> list[dict]:
        return [{"phien_ban": v.number, "luc": v.at, "nguoi": v.by, "kich_thuoc": v.size}
                for v in await with_saved(lambda saved: saved.versions(ten))]

    @app.get("/api/van-ban/{ten}/phien-ban/{n}", summary="Nội dung một phiên bản", response_class=PlainTextResponse)
    async def saved_version(ten: str = NAME, n: int = FastPath(..., ge=1, le=2**31 - 1),
                            user: User | None = Depends(caller)) -> str:
        return await with_saved(lambda saved: saved.text(ten, n))

    @app.post("/api/van-ban/{ten}/luu-tru", summary="Lưu trữ (ẩn khỏi danh sách) hoặc đưa văn bản trở lại")
    async def saved_archive(ten: str = NAME, luu_tru: bool = Body(..., embed=True),
                            user: User | None = Depends(caller)) -> dict:
        allow(user, "ban_nhap")
        await with_saved(lambda saved: saved.archive(ten, luu_tru))
        return {"ten": ten, "luu_tru": luu_tru}


def import_files(core: Core, folder: Any) -> list[str]:
    """Imports the documents the service saved as files before (once; the files stay)."""
    if not folder.is_dir() or not any(p.suffix in (".yaml", ".json") for p in folder.iterdir()):
        return []
    with core.saved() as saved:
        return saved.import_folder(folder)
