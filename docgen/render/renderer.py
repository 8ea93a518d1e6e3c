"""Rendering: a checked document plus its kind's template → the bytes of a .docx.

The Jinja environment autoescapes (user text cannot inject XML) and is strict (a name the
template uses but the context lacks is an error, not an empty string). Page setup and core
properties are set from the profile and the data after rendering, and the package is written
deterministically, so the same data gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import threading
from pathlib import Path
from typing import Any

from jinja2 import TemplateError

from docgen.document.load import Document
from docgen.docx.core_properties import CORE_PART, CoreProperties
from docgen.docx.package import Part, read_parts, write_parts
from docgen.docx.special import word_special_characters
from docgen.docx.template_package import BODY_PART
from docgen.errors import TemplateProblem
from docgen.render.context import build_context
from docgen.render.environment import environment
from docgen.render.prepared import prepared

PACKAGE_DIR = Path(__file__).resolve().parents[1]


def templates_dir() -> Path:
    """Returns the folder of the bundled templates (in the package when installed from a
    wheel, ``templates/docx/`` of the checkout otherwise)."""
    installed = PACKAGE_DIR / "_templates"
    return installed if installed.is_dir() else PACKAGE_DIR.parent / "templates" / "docx"


def template_for(doc: Document, folder: Path | None = None) -> Path:
    """Returns the template file of `doc`'s kind in `folder` (default: the bundled templates)."""
    return (folder or templates_dir()) / doc.kind.template


def _template_path(doc: Document, template: Path | None) -> Path:
    path = template or template_for(doc)
    if not path.is_file():
        raise TemplateProblem(f"không tìm thấy mẫu {path}")
    return path


PROFILE_NOTE = "docgen, hồ sơ thể thức: "


def core_properties(doc: Document) -> CoreProperties:
    """Returns the document properties taken from the data (so the bytes depend on it only)."""
    model = doc.model
    return CoreProperties(
        title=f"{doc.kind.in_sentence} {model.summary}", subject=model.summary, author=doc.issuers_in_sentence,
        last_modified_by=doc.issuer.sentence_name, keywords=doc.symbol, category=doc.kind.in_sentence,
        when=dt.datetime.combine(model.date, dt.time()), description=f"{PROFILE_NOTE}{doc.profile.name}")


def render(doc: Document, template: Path | None = None) -> bytes:
    """Returns the .docx bytes of `doc`, rendered with `template` (default: its kind's).

    A template given here is the user's own and is rendered in the sandbox. The prepared
    path is used; a template with tags outside the body falls back to plain docxtpl.
    """
    path = _template_path(doc, template)
    context, core = build_context(doc), core_properties(doc)
    if template is not None:
        return render_user_template(path, doc.profile, context, core)
    try:
        return _render_bytes(path, doc.profile, context, core, sandboxed=False)
    except TemplateError as exc:
        raise TemplateProblem(f"mẫu {path.name} lỗi: {exc}") from exc


def _render_bytes(path: Path, profile: Any, context: dict[str, Any], core: CoreProperties, sandboxed: bool) -> bytes:
    """The prepared path, or plain docxtpl for a template with tags outside the body."""
    ready = prepared(path, profile, sandboxed)
    if not ready.supported:
        return _plain_bytes(path, profile, context, core, sandboxed)
    return ready.render(context, core)


USER_TEMPLATE_SECONDS = 30          # a user's template that runs longer is stopped
USER_TEMPLATE_MEMORY = 768 * 1024 ** 2   # bytes of address space its render may use
USER_TEMPLATE_OUTPUT = 50 * 1024 ** 2   # the largest .docx it may make (its parts unpacked)


def render_user_template(path: Path, profile: Any, context: dict[str, Any], core: CoreProperties) -> bytes:
    """Renders a template a user brings in a separate process, in the Jinja sandbox, within
    `USER_TEMPLATE_SECONDS`, `USER_TEMPLATE_MEMORY` and `USER_TEMPLATE_OUTPUT`: the sandbox keeps
    a template from Python's internals but not from loops within loops or huge strings, which
    would otherwise hold the clerk's command (or a build) without end. The process is kept for
    the next render (its prepared templates with it) and replaced when it had to be stopped."""
    import zipfile

    with _WORKER_LOCK:
        outcome, payload = _worker().render((path, profile, context, core), path.name)
    if outcome != "ok":
        raise TemplateProblem(f"mẫu {path.name} lỗi: {payload}")
    with zipfile.ZipFile(io.BytesIO(payload)) as package:
        size = sum(info.file_size for info in package.infolist())   # as Word will have to read it
    if size > USER_TEMPLATE_OUTPUT:
        raise TemplateProblem(f"mẫu {path.name} tạo văn bản quá lớn ({size // 1024 ** 2} MB; "
                              f"tối đa {USER_TEMPLATE_OUTPUT // 1024 ** 2} MB); không tạo tệp")
    return payload


class _TemplateWorker:
    """The process that renders users' templates for this process."""

    def __init__(self) -> None:
        import multiprocessing

        spawn = multiprocessing.get_context("spawn")
        self.connection, child = spawn.Pipe()
        self.process = spawn.Process(target=_serve_user_templates, args=(child,), daemon=True)
        self.process.start()
        child.close()
        self.owner = os.getpid()   # a process forked from this one (a build worker) starts its own

    def render(self, job: tuple, name: str) -> tuple[str, Any]:
        self.connection.send(job)
        if not self.connection.poll(USER_TEMPLATE_SECONDS):
            self.stop()
            raise TemplateProblem(f"mẫu {name} chạy quá {USER_TEMPLATE_SECONDS} giây (vòng lặp quá lớn?); "
                                  "đã dừng, không tạo tệp")
        try:
            outcome, payload = self.connection.recv()
        except EOFError:
            self.stop()
            raise TemplateProblem(f"mẫu {name} làm dừng tiến trình dựng văn bản; không tạo tệp") from None
        if outcome == "bo_nho":   # start afresh after running out of memory
            self.stop()
            return "loi", payload
        return outcome, payload

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


_WORKER: _TemplateWorker | None = None
_WORKER_LOCK = threading.Lock()


def _worker() -> _TemplateWorker:
    global _WORKER
    if _WORKER is None or _WORKER.owner != os.getpid() or _WORKER.connection.closed or not _WORKER.process.is_alive():
        _WORKER = _TemplateWorker()
    return _WORKER


def _serve_user_templates(connection: Any) -> None:
    """The template worker's loop: one job in, ``(outcome, bytes or message)`` out."""
    import resource

    from docgen.processes import die_with_parent

    die_with_parent()
    resource.setrlimit(resource.RLIMIT_AS, (USER_TEMPLATE_MEMORY, USER_TEMPLATE_MEMORY))
    while True:
        try:
            path, profile, context, core = connection.recv()
        except EOFError:
            return
        try:
            connection.send(("ok", _render_bytes(path, profile, context, core, sandboxed=True)))
        except TemplateError as exc:
            connection.send(("loi", str(exc)))
        except MemoryError:
            connection.send(("bo_nho", "dùng quá nhiều bộ nhớ"))


def render_plain(doc: Document, template: Path | None = None) -> bytes:
    """Returns the .docx bytes of `doc` rendered the plain docxtpl way (a new DocxTemplate,
    render, save), made deterministic the same way. Slower; the reference for the prepared path."""
    path = _template_path(doc, template)
    try:
        return _plain_bytes(path, doc.profile, build_context(doc), core_properties(doc), template is not None)
    except TemplateError as exc:
        raise TemplateProblem(f"mẫu {path.name} lỗi: {exc}") from exc


def _plain_bytes(path: Path, profile: Any, context: dict[str, Any], core: CoreProperties, sandboxed: bool) -> bytes:
    from docxtpl import DocxTemplate  # here, not above: the prepared path starts without it

    from docgen.docx.xml import apply_page_setup

    tpl = DocxTemplate(path)
    tpl.render(context, jinja_env=environment(sandboxed=sandboxed), autoescape=True)
    apply_page_setup(tpl.docx, profile)
    raw = io.BytesIO()
    tpl.save(raw)
    parts = read_parts(raw.getvalue())
    parts[CORE_PART] = core.xml()
    parts[BODY_PART] = word_special_characters(parts[BODY_PART].decode("utf-8")).encode("utf-8")
    return write_parts([Part.of(name, data) for name, data in parts.items()])
