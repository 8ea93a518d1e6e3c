"""Rendering: a checked document plus its kind's template → the bytes of a .docx.

The Jinja environment autoescapes (user text cannot inject XML) and is strict (a name the
template uses but the context lacks is an error, not an empty string). Page setup and core
properties are set from the profile and the data after rendering, and the package is written
deterministically, so the same data gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import TemplateError

from docgen.document.load import Document
from docgen.docx.core_properties import CORE_PART, CoreProperties
from docgen.docx.package import write_package
from docgen.docx.xml import apply_page_setup
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
    try:
        ready = prepared(path, doc.profile, sandboxed=template is not None)
        if not ready.supported:
            return render_plain(doc, template)
        return ready.render(build_context(doc), core_properties(doc))
    except TemplateError as exc:
        raise TemplateProblem(f"mẫu {path.name} lỗi: {exc}") from exc


def render_plain(doc: Document, template: Path | None = None) -> bytes:
    """Returns the .docx bytes of `doc` rendered the plain docxtpl way (a new DocxTemplate,
    render, save), made deterministic the same way. Slower; the reference for the prepared path."""
    path = _template_path(doc, template)
    tpl = DocxTemplate(path)
    try:
        tpl.render(build_context(doc), jinja_env=environment(sandboxed=template is not None), autoescape=True)
    except TemplateError as exc:
        raise TemplateProblem(f"mẫu {path.name} lỗi: {exc}") from exc
    apply_page_setup(tpl.docx, doc.profile)
    raw = io.BytesIO()
    tpl.save(raw)
    return write_package(raw.getvalue(), {CORE_PART: core_properties(doc).xml()})
