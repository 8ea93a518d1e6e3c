"""What the clerks' page needs beyond the document API: the organisation picker, the live
preview (the pages as images), a report started from a saved plan and the comparison of two
drafts. Each route parses its input, makes one core call and formats the result, like the
routes of `docgen.faces.server`; this module is registered from `create_app` (`install`).
"""
from __future__ import annotations

import base64
import datetime as dt
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import Body, Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse
from starlette.concurrency import run_in_threadpool

from docgen.errors import DataError, Finding
from docgen.faces.diff import as_html
from docgen.faces.server import documents
from docgen.faces.server.jobs import PREVIEW
from docgen.rules.dates import parse_date

if TYPE_CHECKING:
    from docgen.accounts import User
    from docgen.core import Core
    from docgen.faces.server.jobs import Made

PREVIEW_DPI = 60          # an A4 page about 500 × 700 px: readable beside the form, light to send
MAX_COMPARED = 512 * 1024  # characters of each draft compared


@dataclass
class PageContext:
    """What the page's routes share with the rest of the service (built in `create_app`)."""

    core: Core
    saved_dir: Path
    caller: Callable[..., Any]                                   # the dependency naming the user
    allow: Callable[[User | None, str], str]                     # raises Forbidden without the right
    read_body: Callable[[Request], Awaitable[tuple[bytes, str]]]
    work: Callable[..., Awaitable[Made]]                         # check/render in a worker process
    public: Callable[[Finding], dict]                            # a finding as the service answers it


def _day(ngay: str | None) -> dt.date | None:
    if not ngay:
        return None
    try:
        return parse_date(ngay)
    except ValueError as exc:
        raise DataError([Finding(str(exc), field="ngay")]) from None


def install(app: FastAPI, page: PageContext) -> None:
    """Adds the page's routes to `app`."""
    core = page.core

    @app.get("/api/to-chuc", summary="Tìm tổ chức ban hành (mã dùng trong dữ liệu), với tên đúng vào ngày văn bản")
    async def organisations(tim: str = Query("", max_length=200, description="Các chữ có trong mã hoặc tên (không phân biệt dấu)"),
                            ngay: str | None = Query(None, max_length=20, description="Ngày văn bản (dd/mm/yyyy); mặc định hôm nay"),
                            user: User | None = Depends(page.caller)) -> list[dict]:
        day = _day(ngay)
        found = await run_in_threadpool(core.organisations, tim, day)
        return [{"ma": code, "ten": named.name, "cap_tren": named.upper_body, "ten_day_du": named.full_name or named.name,
                 "ky_hieu": named.code, "dia_danh": named.place} for code, named in found[:50]]

    @app.post("/api/xem-truoc", summary="Xem trước các trang của văn bản (ảnh PNG), không cấp số, không lưu",
              openapi_extra={"requestBody": {"required": True, "content": {"text/yaml": {"schema": {"type": "string"}},
                                                                           "application/json": {"schema": {"type": "object"}}}}})
    async def preview(request: Request, user: User | None = Depends(page.caller)) -> dict:
        page.allow(user, "ban_nhap")
        raw, name = await page.read_body(request)
        made = await page.work(PREVIEW, raw, name)   # nothing drawn: the name needs no identity
        assert made.data is not None
        images = await run_in_threadpool(core.page_images, made.data, "xem-truoc", PREVIEW_DPI)
        return {"hop_le": True, "canh_bao": [page.public(w) for w in made.warnings],
                "trang": ["data:image/png;base64," + base64.b64encode(image).decode("ascii") for image in images]}

    @app.get("/api/van-ban/{ten}/bao-cao", response_class=PlainTextResponse,
             summary="Dữ liệu một báo cáo về kế hoạch hoặc chương trình đã lưu (các nhiệm vụ điền sẵn, YAML)")
    async def report_from_plan(ten: str = documents.NAME, user: User | None = Depends(page.caller)) -> str:
        return await run_in_threadpool(core.report_from_saved, ten, page.saved_dir)

    @app.post("/api/so-sanh", response_class=HTMLResponse,
              summary="So sánh hai bản dữ liệu của một văn bản: trang HTML, các đoạn thêm, bỏ, sửa")
    async def compare(cu: str = Body(..., max_length=MAX_COMPARED, description="Bản cũ (YAML)"),
                      moi: str = Body(..., max_length=MAX_COMPARED, description="Bản mới (YAML)"),
                      ten_cu: str = Body("Bản cũ", max_length=100), ten_moi: str = Body("Bản mới", max_length=100),
                      user: User | None = Depends(page.caller)) -> str:
        page.allow(user, "kiem_tra")
        documents = []
        for text in (cu, moi):
            made = await page.work(PREVIEW, text.encode("utf-8"), "du-lieu.yaml")
            assert made.data is not None
            documents.append(made.data)

        def paragraphs() -> list[list[str]]:
            with tempfile.TemporaryDirectory(prefix="docgen-so-sanh-") as folder:
                found = []
                for i, data in enumerate(documents):
                    path = Path(folder) / f"ban-{i}.docx"
                    path.write_bytes(data)
                    found.append(core.paragraphs(path))
                return found

        old, new = await run_in_threadpool(paragraphs)
        return as_html(old, new, ten_cu, ten_moi)
