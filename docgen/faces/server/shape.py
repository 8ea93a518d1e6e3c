"""One error shape for every answer that is not a success, and the API pages from local files.

Every 4xx and 5xx of the service is ``{"loi": [finding, ...]}`` with Vietnamese messages: docgen's
own errors, FastAPI's parameter errors, unknown routes (404), wrong methods (405) and any
unexpected failure (500). The OpenAPI document says so for every operation (the ``Loi`` schema
instead of FastAPI's ``HTTPValidationError``), and the Swagger page at ``/docs`` loads its
script and style from the `swagger-ui-bundle` package, not from a CDN.
"""
from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from docgen.errors import Finding, writable_text

PLACES = {"query": "tham số", "path": "đường dẫn", "body": "nội dung", "header": "tiêu đề", "cookie": "cookie"}


def _encodable(value: Any) -> Any:
    """Returns `value` with every string UTF-8 can encode (`writable_text`): a lone surrogate a
    request smuggled in (a file name, a path) is shown as U+FFFD instead of failing the error
    answer itself."""
    if isinstance(value, str):
        return writable_text(value)
    if isinstance(value, dict):
        return {key: _encodable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_encodable(item) for item in value]
    return value


def answer(findings: list[dict], status: int, headers: dict[str, str] | None = None) -> JSONResponse:
    """Returns the one error answer of the service."""
    return JSONResponse({"loi": _encodable(findings)}, status_code=status, headers=headers)


def _parameter_message(error: dict[str, Any]) -> str:
    """Returns a pydantic/FastAPI parameter error in Vietnamese."""
    kind, context = error.get("type", ""), error.get("ctx") or {}
    value = error.get("input")
    shown = f" (nhận '{str(value)[:80]}')" if value is not None and not isinstance(value, dict | list) else ""
    messages = {
        "missing": "thiếu giá trị bắt buộc",
        "string_pattern_mismatch": f"giá trị không đúng dạng (mẫu {context.get('pattern', '')}){shown}",
        "string_too_long": f"dài quá {context.get('max_length', '')} ký tự",
        "string_too_short": f"ngắn hơn {context.get('min_length', '')} ký tự",
        "int_parsing": f"phải là số nguyên{shown}",
        "int_from_float": f"phải là số nguyên{shown}",
        "float_parsing": f"phải là số{shown}",
        "bool_parsing": f"phải là true (có) hoặc false (không){shown}",
        "greater_than_equal": f"phải lớn hơn hoặc bằng {context.get('ge', '')}{shown}",
        "greater_than": f"phải lớn hơn {context.get('gt', '')}{shown}",
        "less_than_equal": f"phải nhỏ hơn hoặc bằng {context.get('le', '')}{shown}",
        "less_than": f"phải nhỏ hơn {context.get('lt', '')}{shown}",
        "literal_error": f"giá trị không thuộc các giá trị cho phép{shown}",
        "json_invalid": "lỗi cú pháp JSON",
        "value_error": "giá trị không hợp lệ",
    }
    return messages.get(kind, f"giá trị không hợp lệ{shown}")


def parameter_findings(exc: RequestValidationError) -> list[Finding]:
    """Returns FastAPI's validation errors as findings naming the parameter."""
    findings = []
    for error in exc.errors():
        location = [str(part) for part in error.get("loc", ())]
        place = PLACES.get(location[0], location[0]) if location else ""
        name = ".".join(location[1:])
        findings.append(Finding(f"{place} '{name}': {_parameter_message(error)}" if name else _parameter_message(error),
                                field=name))
    return findings


def install(app: FastAPI) -> None:
    """Makes every error answer of `app` the one shape (the request's own path is named as
    sent, shortened; nothing of the server is)."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        path = request.url.path if len(request.url.path) <= 200 else request.url.path[:199] + "…"
        if exc.status_code == 404:
            message = f"không có địa chỉ {path}"
        elif exc.status_code == 405:
            message = f"địa chỉ {path} không nhận phương thức {request.method}"
        elif exc.status_code == 413:
            message = "yêu cầu quá lớn"
        else:
            message = f"yêu cầu không được phục vụ (mã {exc.status_code})"
        return answer([Finding(message).as_dict()], exc.status_code, dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def parameter_error(request: Request, exc: RequestValidationError):
        return answer([f.as_dict() for f in parameter_findings(exc)], 422)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        return answer([Finding("lỗi bên trong máy chủ; hãy báo cho người quản trị").as_dict()], 500)


ERROR_SCHEMA = {
    "title": "Loi",
    "type": "object",
    "required": ["loi"],
    "properties": {"loi": {"type": "array", "items": {"$ref": "#/components/schemas/PhatHien"}}},
    "description": "Câu trả lời lỗi duy nhất của dịch vụ (mọi mã 4xx và 5xx).",
}
FINDING_SCHEMA = {
    "title": "PhatHien",
    "type": "object",
    "properties": {
        "tep": {"type": ["string", "null"]}, "dong": {"type": ["integer", "null"]}, "cot": {"type": ["integer", "null"]},
        "truong": {"type": "string"}, "vi_tri": {"type": "string"}, "quy_tac": {"type": "string"},
        "muc_do": {"type": "string", "enum": ["loi", "canh_bao"]}, "thong_bao": {"type": "string"},
        "yeu_cau": {"type": "string"}, "nguon": {"type": "string"},
    },
    "required": ["thong_bao", "muc_do"],
}
ERRORS = {"400": "Yêu cầu sai", "401": "Chưa đăng nhập", "403": "Không có quyền", "404": "Không tìm thấy",
          "405": "Phương thức không dùng được", "409": "Xung đột với sổ", "413": "Yêu cầu quá lớn",
          "422": "Dữ liệu hoặc tham số không hợp lệ", "500": "Lỗi bên trong máy chủ",
          "503": "Máy chủ bận (thử lại sau Retry-After giây)", "504": "Quá thời gian"}


def document(app: FastAPI) -> None:
    """Makes `app`'s OpenAPI document name the one error shape for every operation."""
    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        schemas["Loi"], schemas["PhatHien"] = ERROR_SCHEMA, FINDING_SCHEMA
        error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Loi"}}}}
        for operations in spec["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, title in ERRORS.items():
                    responses[status] = {"description": title, **error}
        app.openapi_schema = spec
        return spec

    app.openapi = openapi   # type: ignore[method-assign]


def local_docs(app: FastAPI) -> None:
    """Serves the Swagger page at ``/docs`` from the swagger-ui-bundle package's files."""
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/docs-tep", StaticFiles(directory=swagger_ui_path), name="docs-tep")

    @app.get("/docs", include_in_schema=False)
    async def docs():
        return get_swagger_ui_html(openapi_url="/openapi.json", title=f"{app.title} — tài liệu API",
                                   swagger_js_url="/docs-tep/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-tep/swagger-ui.css",
                                   swagger_favicon_url="/docs-tep/favicon-32x32.png",
                                   swagger_ui_parameters={"validatorUrl": None})   # no call to validator.swagger.io
