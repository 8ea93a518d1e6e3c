"""``docgen serve``: the HTTP face and the web page for clerks.

Each route parses its input, makes one core call, and formats the result; none holds a rule.
One handler turns `DocgenError` into JSON (``{"loi": [...]}``: the same fields and Vietnamese
messages as the CLI) with the error's HTTP status. Bodies are limited in size, renders in time.
"""
from __future__ import annotations

import asyncio
import datetime as dt
from contextlib import asynccontextmanager
import re
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, File, Query, Request, UploadFile
from fastapi import Path as FastPath
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from docgen import __version__
from docgen.citations.catalog import Catalog
from docgen.document.load import Document, Sources, catalog_for, document_from_text
from docgen.errors import DataError, DocgenError, NotFound, Problem
from docgen.document.kinds import KINDS
from docgen.pdf.converter import PdfConverter
from docgen.register import REGISTER_FILE, STATES, Register, numbered, numbering_period
from docgen.render.renderer import render
from docgen.rules.citations import full_citation, short_citation
from docgen.rules.dates import parse_date

STATIC = Path(__file__).resolve().parent / "static"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class Settings:
    """What an office sets when it runs the service."""

    data_dir: Path = Path("data")
    max_body: int = 2 * 1024 * 1024          # bytes of one request
    render_timeout: float = 30.0             # seconds for one .docx
    pdf_timeout: float = 120.0
    pdf: PdfConverter | None = field(default=None, repr=False)


def _problems(exc: DocgenError) -> list[dict]:
    if isinstance(exc, DataError):
        return [p.as_dict() for p in exc.problems]
    return [Problem(exc.message).as_dict()]


def _filename(doc: Document, extension: str) -> str:
    from docgen.render.context import symbol

    safe = re.sub(r"[^A-Za-z0-9-]+", "-", symbol(doc).replace("Đ", "D").replace("đ", "d")).strip("-") or "van-ban"
    return f"{doc.kind.slug}-{safe}.{extension}"


def create_app(settings: Settings | None = None) -> FastAPI:
    """Returns the service for the data folder of `settings` (organisations, catalogs, register)."""
    settings = settings or Settings()
    data_dir = settings.data_dir.resolve()
    saved_dir = data_dir / "van-ban-web"
    converter = settings.pdf or PdfConverter(timeout=settings.pdf_timeout)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        converter.close()   # stop the LibreOffice instances kept running

    app = FastAPI(title="docgen", version=__version__, lifespan=lifespan,
                  description="Soạn văn bản của Đảng từ dữ liệu: kiểm tra, tạo .docx, .pdf, tra cứu trích dẫn, "
                              "kiểm tra thể thức, sổ văn bản đi.")

    @app.exception_handler(DocgenError)
    async def docgen_error(request: Request, exc: DocgenError):
        return JSONResponse({"loi": _problems(exc)}, status_code=exc.http_status)

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > settings.max_body:
            return JSONResponse({"loi": [Problem(
                f"yêu cầu quá lớn ({int(length) // 1024} KB; tối đa {settings.max_body // 1024} KB)").as_dict()]},
                status_code=413)
        return await call_next(request)

    async def read_body(request: Request) -> tuple[str, str]:
        """Returns the data text and a name telling its format (json or yaml)."""
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > settings.max_body:
                raise DocgenError(f"yêu cầu quá lớn (tối đa {settings.max_body // 1024} KB)")
            chunks.append(chunk)
        raw = b"".join(chunks)
        kind = request.headers.get("content-type", "")
        name = "du-lieu.json" if "json" in kind else "du-lieu.yaml"
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DataError([Problem("dữ liệu không phải UTF-8", name)]) from None
        if not text.strip():
            raise DataError([Problem("chưa gửi dữ liệu văn bản", name)])
        return text, name

    def load(text: str, name: str) -> Document:
        return document_from_text(text, name, data_dir / "van-ban-web", Sources())

    @app.get("/", include_in_schema=False)
    async def page():
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/app.js", include_in_schema=False)
    async def script():
        return FileResponse(STATIC / "app.js", media_type="text/javascript; charset=utf-8")

    @app.get("/api/loai", summary="Các loại văn bản")
    async def kinds() -> list[dict]:
        return [{"loai": k.slug, "ten_loai": k.title, "mo_ta": k.description} for k in KINDS.values()]

    def kind_of(slug: str):
        kind = KINDS.get(slug)
        if kind is None:
            raise NotFound(f"loại văn bản '{slug}' chưa được hỗ trợ; các loại có: {', '.join(KINDS)}")
        return kind

    @app.get("/api/loai/{loai}/schema", summary="JSON Schema của dữ liệu một loại văn bản")
    async def schema(loai: str) -> dict:
        from docgen.faces.cli import schema_of

        kind_of(loai)
        return schema_of(loai)

    @app.get("/api/loai/{loai}/mau", summary="Dữ liệu mẫu có chú thích (YAML)", response_class=PlainTextResponse)
    async def starter(loai: str) -> str:
        return kind_of(loai).starter.read_text(encoding="utf-8")

    @app.post("/api/kiem-tra", summary="Kiểm tra dữ liệu, không tạo văn bản")
    async def check(request: Request) -> dict:
        text, name = await read_body(request)
        doc = await run_in_threadpool(load, text, name)
        return {"hop_le": True, "canh_bao": [w.as_dict() for w in doc.warnings]}

    @app.post("/api/tao", summary="Tạo văn bản .docx hoặc .pdf từ dữ liệu (JSON hoặc YAML)")
    async def make(request: Request, dinh_dang: str = Query("docx", pattern="^(docx|pdf)$"),
                   luu: bool = Query(False, description="Lưu dữ liệu để mở lại sau (cần ma_van_ban)"),
                   ma_van_ban: str | None = Query(None, pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,63}$",
                                                  description="Mã văn bản do trang web đặt: giữ số trong sổ khi tạo lại")):
        text, name = await read_body(request)
        if ma_van_ban:   # the document's own name: the register keys its number by it
            name = str(saved_dir / f"{ma_van_ban}{'.json' if name.endswith('json') else '.yaml'}")

        def work() -> tuple[Document, bytes]:
            doc = load(text, name)
            if doc.model.number == "auto" and not (ma_van_ban or doc.model.document_id):
                raise DataError([Problem("so: auto cần mã văn bản để giữ đúng số khi tạo lại: ghi 'ma_van_ban' "
                                         "trong dữ liệu hoặc gửi tham số ma_van_ban", "du-lieu", field="so")])
            doc = numbered(doc, data_dir / REGISTER_FILE)
            return doc, render(doc)

        try:
            doc, data = await asyncio.wait_for(run_in_threadpool(work), settings.render_timeout)
        except asyncio.TimeoutError:
            return JSONResponse({"loi": [Problem(
                f"tạo văn bản quá {settings.render_timeout:g} giây").as_dict()]}, status_code=504)
        if luu:
            if not ma_van_ban:
                raise DataError([Problem("lưu văn bản cần tham số ma_van_ban", "du-lieu")])
            saved_dir.mkdir(parents=True, exist_ok=True)
            Path(name).write_text(text, encoding="utf-8")
        if dinh_dang == "pdf":
            data = await run_in_threadpool(converter.convert, data, _filename(doc, "pdf")[:-4])
            return Response(data, media_type="application/pdf",
                            headers={"Content-Disposition": f'attachment; filename="{_filename(doc, "pdf")}"'})
        return Response(data, media_type=DOCX,
                        headers={"Content-Disposition": f'attachment; filename="{_filename(doc, "docx")}"'})

    @app.get("/api/van-ban", summary="Các văn bản đã lưu, với số của chúng trong sổ văn bản đi (để mở lại)")
    async def saved() -> list[dict]:
        if not saved_dir.is_dir():
            return []
        numbers = {}
        if (data_dir / REGISTER_FILE).is_file():
            book = register()
            try:
                numbers = {e.document: e for e in book.entries() if e.document}
            finally:
                book.close()
        out = []
        for p in sorted(saved_dir.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True):
            if p.suffix not in (".yaml", ".json"):
                continue
            entry = numbers.get(f"{saved_dir.name}/{p.name}")
            out.append({"ten": p.name, "ma_van_ban": p.stem,
                        "so_ky_hieu": entry.symbol if entry else None,
                        "sua_luc": dt.datetime.fromtimestamp(p.stat().st_mtime).isoformat(timespec="seconds")})
        return out

    @app.get("/api/van-ban/{ten}", summary="Dữ liệu một văn bản đã lưu", response_class=PlainTextResponse)
    async def saved_one(ten: str = FastPath(..., pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=200)) -> str:
        path = saved_dir / ten
        if ".." in ten or not path.is_file():
            raise NotFound(f"không có văn bản đã lưu tên '{ten}'")
        return path.read_text(encoding="utf-8")

    def catalog() -> Catalog:
        return catalog_for(data_dir, Sources())

    @app.get("/api/trich-dan", summary="Tìm văn bản căn cứ (không phân biệt dấu)")
    async def search(tim: str = Query(..., min_length=1, max_length=200)) -> list[dict]:
        return [{"so_ky_hieu": e.symbol, "day_du": full_citation(e.cited()), "ngan": short_citation(e.cited())}
                for e in catalog().search(tim)]

    @app.get("/api/trich-dan/{so_ky_hieu:path}", summary="Trích dẫn một văn bản căn cứ")
    async def cite(so_ky_hieu: str) -> dict:
        entry = catalog().get(so_ky_hieu)
        if entry is None:
            raise NotFound(f"{so_ky_hieu} không có trong danh mục văn bản")
        successor = catalog().successor(entry.symbol)
        return {"so_ky_hieu": entry.symbol, "day_du": full_citation(entry.cited()), "ngan": short_citation(entry.cited()),
                "bi_thay_the_boi": successor.symbol if successor else None}

    @app.post("/api/lint", summary="Kiểm tra thể thức một tệp Word")
    async def lint_upload(tep: UploadFile = File(...), ho_so: str = Query("hd36-2018", pattern="^[a-z0-9-]+$")) -> dict:
        import tempfile

        from docgen.lint import lint
        from docgen.rules.profile import load_profile

        data = await tep.read(settings.max_body + 1)
        if len(data) > settings.max_body:
            raise DocgenError("tệp quá lớn")
        with tempfile.TemporaryDirectory() as work:
            path = Path(work) / "van-ban.docx"
            path.write_bytes(data)
            findings = await run_in_threadpool(lint, path, load_profile(ho_so), catalog())
        return {"loi": sum(1 for f in findings if f.severity == "loi"), "ket_qua": [f.as_dict() for f in findings]}

    def register() -> Register:
        return Register.open(data_dir / REGISTER_FILE)

    @app.get("/api/so", summary="Sổ văn bản đi")
    async def register_list() -> list[dict]:
        book = register()
        try:
            return [{"dong": e.id, "co_quan": e.issuer, "loai": e.kind, "ky_danh_so": e.period, "so": e.number,
                     "trang_thai": STATES[e.state], "so_ky_hieu": e.symbol, "ma_van_ban": e.document, "ghi_chu": e.note}
                    for e in book.entries()]
        finally:
            book.close()

    @app.post("/api/so/giu-cho", summary="Giữ chỗ số tiếp theo")
    async def register_reserve(co_quan: str = Query(..., pattern=r"^[A-ZĐ][A-Za-zĐđ0-9]*$"),
                               loai: str = Query(..., pattern=r"^[A-ZĐ][A-Za-zĐđ]*$"), ngay: str = Query(...),
                               danh_so: str = Query("nhiem_ky", pattern="^(nhiem_ky|nam)$"),
                               ghi_chu: str | None = Query(None, max_length=500)) -> dict:
        try:
            period = numbering_period(parse_date(ngay), danh_so)
        except ValueError as exc:
            raise DataError([Problem(str(exc), field="ngay")]) from None
        book = register()
        try:
            number = book.reserve(co_quan, loai, period, ghi_chu)
        finally:
            book.close()
        return {"so": number, "ky_danh_so": period}

    @app.post("/api/so/{dong}/huy", summary="Hủy một số")
    async def register_void(dong: int = FastPath(..., ge=1, le=2**62), ghi_chu: str | None = Query(None, max_length=500)) -> dict:
        book = register()
        try:
            entry = book.void(dong, ghi_chu)
        finally:
            book.close()
        return {"dong": entry.id, "so": entry.number, "trang_thai": STATES[entry.state]}

    return app
