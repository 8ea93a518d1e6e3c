"""``docgen serve``: the HTTP face and the web page for clerks.

Each route parses its input, makes one core call, and formats the result; none holds a rule.
One handler turns `DocgenError` into JSON (``{"loi": [...]}``: the same fields and Vietnamese
messages as the CLI) with the error's HTTP status. Bodies are limited in size, renders in time.
"""
from __future__ import annotations

import logging
import os
import re
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import Depends, FastAPI, File, Query, Request, UploadFile
from fastapi import Path as FastPath
from fastapi.responses import FileResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from docgen import __version__
from docgen.core import Core, Settings
from docgen.errors import DataError, DocgenError, Finding, NotFound, TooLarge, count_errors
from docgen.faces.server import documents, page_api, sessions, shape
from docgen.faces.server.jobs import Workers
from docgen.pdf.converter import PdfConverter
from docgen.register import ACTIONS, REGISTER_FILE, STATES
from docgen.rules.dates import parse_date
from docgen.rules.symbols import document_symbol

if TYPE_CHECKING:
    from docgen.accounts import User
    from docgen.faces.server.jobs import Made

STATIC = Path(__file__).resolve().parent / "static"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class ServiceSettings:
    """What an office sets when it runs the service."""

    data_dir: Path = Path("data")
    host: str = "127.0.0.1"                  # where it listens: off this machine, accounts are required
    database: str | None = None              # a PostgreSQL URL: register, audit log and accounts shared
    max_body: int = 2 * 1024 * 1024          # bytes of one request
    render_timeout: float = 30.0             # seconds for one check or .docx (a worker past it is killed)
    pdf_timeout: float = 120.0
    workers: int = max(1, min(4, os.cpu_count() or 1))   # processes that check and render
    proxy_trusted: tuple[str, ...] = ()      # addresses of reverse proxies whose identity header is trusted
    proxy_header: str = "X-Remote-User"      # the header that names the user a trusted proxy logged in
    pdf: PdfConverter | None = field(default=None, repr=False)


# The data of one document, as a YAML text or a JSON object (the request body of check and render).
DATA_BODY = {"requestBody": {"required": True, "description": "Dữ liệu một văn bản (YAML hoặc JSON), như tệp dữ liệu của docgen",
                             "content": {"text/yaml": {"schema": {"type": "string"}},
                                         "application/json": {"schema": {"type": "object"}}}}}
MAX_MESSAGE = 600   # characters of one message in an answer
_ABSOLUTE = re.compile(r"(?<![\w/.-])/(?:[^\s/'\"«»(),:;]+/)+([^\s/'\"«»(),:;]+)")


def _public(finding: Finding, folders: list[Path]) -> dict:
    """Returns a finding as the service answers it: no path of the server (a file of the data
    folder is named from it, any other by its name only) and no message past `MAX_MESSAGE`."""
    def shown(text: str) -> str:
        for folder in folders:
            text = text.replace(f"{folder}/", "")
        return _ABSOLUTE.sub(lambda m: m.group(1), text)

    answer = finding.as_dict()
    if finding.file:
        answer["tep"] = shown(finding.file)
    message = shown(finding.message)
    answer["thong_bao"] = message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"
    answer["vi_tri"] = shown(finding.place)[:MAX_MESSAGE]
    return answer


def _filename(made: Made, extension: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9-]+", "-", made.symbol.replace("Đ", "D").replace("đ", "d")).strip("-") or "van-ban"
    return f"{made.kind}-{safe}.{extension}"


ENVIRONMENT = {"data_dir": "DOCGEN_THU_MUC_DU_LIEU", "host": "DOCGEN_HOST", "workers": "DOCGEN_TIEN_TRINH_XU_LY",
               "database": "DOCGEN_CSDL", "proxy_trusted": "DOCGEN_PROXY_TIN_CAY", "proxy_header": "DOCGEN_PROXY_TIEU_DE"}


def app_from_environment() -> FastAPI:
    """Returns the service set by environment variables: the factory each of uvicorn's worker
    processes calls (``docgen serve --workers N``, or ``uvicorn --factory --workers N
    docgen.faces.server:app_from_environment`` / gunicorn with uvicorn workers)."""
    settings = ServiceSettings()
    if os.environ.get(ENVIRONMENT["data_dir"]):
        settings.data_dir = Path(os.environ[ENVIRONMENT["data_dir"]])
    if os.environ.get(ENVIRONMENT["host"]):
        settings.host = os.environ[ENVIRONMENT["host"]]
    if os.environ.get(ENVIRONMENT["database"]):
        settings.database = os.environ[ENVIRONMENT["database"]]
    if os.environ.get(ENVIRONMENT["proxy_trusted"]):
        settings.proxy_trusted = tuple(a.strip() for a in os.environ[ENVIRONMENT["proxy_trusted"]].split(",") if a.strip())
    if os.environ.get(ENVIRONMENT["proxy_header"]):
        settings.proxy_header = os.environ[ENVIRONMENT["proxy_header"]]
    if os.environ.get(ENVIRONMENT["workers"], "").isdigit():
        settings.workers = max(1, int(os.environ[ENVIRONMENT["workers"]]))
    return create_app(settings)


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """Returns the service for the data folder of `settings` (organisations, catalogs, register)."""
    settings = settings or ServiceSettings()
    data_dir = settings.data_dir.resolve()
    saved_dir = data_dir / "van-ban-web"
    converter = settings.pdf or PdfConverter(timeout=settings.pdf_timeout)
    core = Core(Settings(register=data_dir / REGISTER_FILE, data_dir=data_dir, database=settings.database), converter)
    workers = Workers(core.settings, settings.workers)
    local_only = settings.host in ("127.0.0.1", "::1", "localhost")
    folders = [data_dir, Path(__file__).resolve().parents[2]]   # the data folder, docgen's own

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        await run_in_threadpool(documents.import_files, core, saved_dir)   # files saved before: once
        yield
        workers.close()
        core.close()   # stop the LibreOffice instances kept running

    app = FastAPI(title="docgen", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Soạn văn bản của Đảng từ dữ liệu: kiểm tra, tạo .docx, .pdf, tra cứu trích dẫn, "
                              "kiểm tra thể thức, sổ văn bản đi.")

    shape.install(app)
    shape.document(app)
    shape.local_docs(app)
    caller, allow = sessions.install(app, core, local_only, settings.proxy_trusted, settings.proxy_header)

    @app.exception_handler(DocgenError)
    async def docgen_error(request: Request, exc: DocgenError):
        return shape.answer([_public(f, folders) for f in exc.findings()], exc.http_status,
                            {"Retry-After": str(exc.retry_after)} if exc.retry_after else None)

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > settings.max_body:
            return shape.answer([_public(Finding(
                f"yêu cầu quá lớn ({int(length) // 1024} KB; tối đa {settings.max_body // 1024} KB)"),
                folders)], 413, {"Connection": "close"})
        return await call_next(request)

    async def read_body(request: Request) -> tuple[bytes, str]:
        """Returns the data's bytes and a name telling its format (json or yaml)."""
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > settings.max_body:
                raise TooLarge(f"yêu cầu quá lớn (tối đa {settings.max_body // 1024} KB)")
            chunks.append(chunk)
        raw = b"".join(chunks)
        kind = request.headers.get("content-type", "")
        name = "du-lieu.json" if "json" in kind else "du-lieu.yaml"
        if not raw.strip():
            raise DataError([Finding("chưa gửi dữ liệu văn bản", name)])
        return raw, name

    async def work(render: bool | str, raw: bytes, name: str, identified: bool = True, actor: str = "") -> Made:
        """Checks (and renders) the data in a worker process, within the request's time; a
        number drawn is logged as drawn by `actor` (the logged-in user)."""
        return await run_in_threadpool(workers.run, render, raw, name, saved_dir, identified, settings.render_timeout,
                                       actor)

    @app.get("/", include_in_schema=False)
    async def page():
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/{tep}.js", include_in_schema=False)
    async def script(tep: str = FastPath(..., pattern="^(app|api)$")):
        return FileResponse(STATIC / f"{tep}.js", media_type="text/javascript; charset=utf-8")

    app.mount("/vendor", StaticFiles(directory=STATIC / "vendor"), name="vendor")   # the page's libraries, no CDN

    @app.get("/app.css", include_in_schema=False)
    async def style():
        return FileResponse(STATIC / "app.css", media_type="text/css; charset=utf-8")

    @app.get("/api/loai", summary="Các loại văn bản")
    async def kinds(user: User | None = Depends(caller)) -> list[dict]:
        return [{"loai": k.slug, "ten_loai": k.title, "mo_ta": k.description} for k in core.kinds()]

    @app.get("/api/loai/{loai}/schema", summary="JSON Schema của dữ liệu một loại văn bản")
    async def schema(loai: str, user: User | None = Depends(caller)) -> dict:
        return core.schema(loai)

    @app.get("/api/loai/{loai}/mau", summary="Dữ liệu mẫu có chú thích (YAML)", response_class=PlainTextResponse)
    async def starter(loai: str, user: User | None = Depends(caller)) -> str:
        return core.starter(loai)

    @app.post("/api/kiem-tra", summary="Kiểm tra dữ liệu, không tạo văn bản", openapi_extra=DATA_BODY)
    async def check(request: Request, user: User | None = Depends(caller)) -> dict:
        allow(user, "kiem_tra")
        text, name = await read_body(request)
        made = await work(False, text, name)
        return {"hop_le": True, "canh_bao": [_public(w, folders) for w in made.warnings]}

    @app.post("/api/tao", summary="Tạo văn bản .docx hoặc .pdf từ dữ liệu (JSON hoặc YAML)", openapi_extra=DATA_BODY)
    async def make(request: Request, dinh_dang: str = Query("docx", pattern="^(docx|pdf)$"),
                   luu: bool = Query(False, description="Lưu dữ liệu để mở lại sau (cần ma_van_ban)"),
                   ma_van_ban: str | None = Query(None, pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,63}$",
                                                  description="Mã văn bản do trang web đặt: giữ số trong sổ khi tạo lại"),
                   user: User | None = Depends(caller)):
        actor = allow(user, "cap_so" if ma_van_ban or luu else "ban_nhap")
        text, name = await read_body(request)
        if ma_van_ban:   # the document's own name: the register keys its number by it
            name = str(saved_dir / f"{ma_van_ban}{'.json' if name.endswith('json') else '.yaml'}")

        made = await work(True, text, name, identified=bool(ma_van_ban), actor=actor)
        assert made.data is not None
        if luu:
            if not ma_van_ban:
                raise DataError([Finding("lưu văn bản cần tham số ma_van_ban", "du-lieu")])
            saved_text = documents.decoded(text, Path(name).name)

            def save() -> None:
                with core.saved() as saved:
                    saved.save(Path(name).name, saved_text, actor)
                # A final document is also a data file, as before: `docgen build` builds it and a
                # report finds it by its symbol (the office index reads the data folder).
                core.keep_as_data_file(saved_dir, name, text)

            await run_in_threadpool(save)
        if dinh_dang == "pdf":
            data = await run_in_threadpool(core.to_pdf, made.data, _filename(made, "pdf")[:-4])
            return Response(data, media_type="application/pdf",
                            headers={"Content-Disposition": f'attachment; filename="{_filename(made, "pdf")}"'})
        return Response(made.data, media_type=DOCX,
                        headers={"Content-Disposition": f'attachment; filename="{_filename(made, "docx")}"'})

    documents.install(app, core, caller, allow, read_body)

    @app.get("/api/trich-dan", summary="Tìm văn bản căn cứ (không phân biệt dấu)")
    async def search(tim: str = Query(..., min_length=1, max_length=200), user: User | None = Depends(caller)) -> list[dict]:
        return [{"so_ky_hieu": c.entry.symbol, "day_du": c.full, "ngan": c.short} for c in core.search(tim)]

    @app.get("/api/trich-dan/{so_ky_hieu:path}", summary="Trích dẫn một văn bản căn cứ")
    async def cite(so_ky_hieu: str, user: User | None = Depends(caller)) -> dict:
        try:
            c = core.cite(so_ky_hieu)
        except NotFound:
            raise NotFound(f"{so_ky_hieu} không có trong danh mục văn bản") from None
        return {"so_ky_hieu": c.entry.symbol, "day_du": c.full, "ngan": c.short, "bi_thay_the_boi": c.replaced_by}

    @app.post("/api/lint", summary="Kiểm tra thể thức một tệp Word")
    async def lint_upload(tep: UploadFile = File(...), ho_so: str | None = Query(None, pattern="^[a-z0-9-]+$"),
                          user: User | None = Depends(caller)) -> dict:
        allow(user, "kiem_tra")
        data = await tep.read(settings.max_body + 1)
        if len(data) > settings.max_body:
            raise TooLarge(f"tệp quá lớn (tối đa {settings.max_body // 1024} KB)")
        profile, findings = await run_in_threadpool(core.lint_report, data, tep.filename or "van-ban.docx",
                                                    core.profile(ho_so) if ho_so else None)
        return {"ho_so": profile.name, "loi": count_errors(findings), "ket_qua": [f.as_dict() for f in findings]}

    @app.post("/api/nhap", summary="Đọc một tệp Word (văn bản của Đảng) thành dữ liệu docgen")
    async def import_upload(tep: UploadFile = File(...), user: User | None = Depends(caller)) -> dict:
        allow(user, "kiem_tra")
        data = await tep.read(settings.max_body + 1)
        if len(data) > settings.max_body:
            raise TooLarge(f"tệp quá lớn (tối đa {settings.max_body // 1024} KB)")
        imported, text = await run_in_threadpool(core.import_text, data, tep.filename or "van-ban.docx", data_dir)
        return {"loai": imported.kind, "du_lieu": imported.data, "yaml": text,
                "bao_cao": [note.as_dict() for note in imported.notes]}

    @app.get("/api/so", summary="Sổ văn bản đi")
    async def register_list(user: User | None = Depends(caller)) -> list[dict]:
        if not core.has_register():
            return []
        return [{"dong": e.id, "co_quan": e.issuer, "loai": e.kind, "ky_danh_so": e.period, "so": e.number,
                 "trang_thai": STATES[e.state], "so_ky_hieu": e.symbol or document_symbol(e.number, e.kind, [e.issuer]), "ma_van_ban": e.document, "ghi_chu": e.note}
                for e in core.entries()]

    @app.post("/api/so/giu-cho", summary="Giữ chỗ số tiếp theo")
    async def register_reserve(co_quan: str = Query(..., pattern=r"^[A-ZĐ][A-Za-zĐđ0-9]*$"),
                               loai: str = Query(..., pattern=r"^[A-ZĐ][A-Za-zĐđ]*$"), ngay: str = Query(...),
                               danh_so: str = Query("nhiem_ky", pattern="^(nhiem_ky|nam)$"),
                               ghi_chu: str | None = Query(None, max_length=500), user: User | None = Depends(caller)) -> dict:
        actor = allow(user, "giu_cho")
        try:
            day = parse_date(ngay)
        except ValueError as exc:
            raise DataError([Finding(str(exc), field="ngay")]) from None
        number, period = core.reserve(co_quan, loai, day, danh_so, ghi_chu, actor)
        return {"so": number, "ky_danh_so": period}

    @app.post("/api/so/{dong}/huy", summary="Hủy một số")
    async def register_void(dong: int = FastPath(..., ge=1, le=2**62),
                            ghi_chu: str | None = Query(None, max_length=500, description="Lý do hủy (ghi vào nhật ký)"),
                            user: User | None = Depends(caller)) -> dict:
        entry = core.void(dong, ghi_chu, allow(user, "huy_so"))
        return {"dong": entry.id, "so": entry.number, "trang_thai": STATES[entry.state]}

    @app.get("/api/so/nhat-ky", summary="Nhật ký sổ: mọi số đã cấp, giữ chỗ, hủy; ai làm và lý do")
    async def register_audit(user: User | None = Depends(caller)) -> list[dict]:
        if not core.has_register():
            return []
        return [{"luc": a.at, "nguoi": a.actor, "hanh_dong": ACTIONS[a.action], "dong": a.entry,
                 "so_ky_hieu": a.number, "ly_do": a.reason} for a in core.audit()]

    page_api.install(app, page_api.PageContext(core, saved_dir, caller, allow, read_body, work,
                                               lambda finding: _public(finding, folders)))
    return app


class RepeatedLogLimit(logging.Filter):
    """Lets through at most `burst` records of the same message in each `seconds`, then one
    line saying how many were left out: a flood of one error (a full descriptor table, a
    client that reconnects without end) must not fill the disk with the same line."""

    def __init__(self, burst: int = 5, seconds: float = 10.0):
        super().__init__()
        self.burst, self.seconds = burst, seconds
        self._seen: dict[str, tuple[float, int]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        key = f"{record.name}:{record.levelno}:{record.msg}"
        now = time.monotonic()
        start, count = self._seen.get(key, (now, 0))
        if now - start > self.seconds:
            if count > self.burst:
                record.msg = f"{record.msg} (bỏ qua {count - self.burst} dòng giống hệt trong {self.seconds:g} giây trước)"
            start, count = now, 0
        if len(self._seen) > 1000:
            self._seen.clear()
        self._seen[key] = (start, count + 1)
        return count < self.burst


def limit_repeated_logs(*names: str) -> RepeatedLogLimit:
    """Installs one `RepeatedLogLimit` on the loggers `names` (and their handlers' records)."""
    limit = RepeatedLogLimit()
    for name in names:
        logging.getLogger(name).addFilter(limit)
    return limit
