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

from docx.shared import Mm
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from ..docx.package import write_package
from ..document import Document
from ..errors import TemplateProblem
from ..rules import numbers
from ..rules.dates import date_words, short_date
from .context import build_context, symbol

PACKAGE_DIR = Path(__file__).resolve().parents[1]


def templates_dir() -> Path:
    """Returns the folder of the bundled templates (in the package when installed from a
    wheel, ``templates/docx/`` of the checkout otherwise)."""
    installed = PACKAGE_DIR / "_templates"
    return installed if installed.is_dir() else PACKAGE_DIR.parent / "templates" / "docx"


def environment(sandboxed: bool = False) -> Environment:
    """Returns the Jinja environment of docgen templates: autoescape, strict, our filters.

    `sandboxed` is for templates a user brings (``--mau``): no access to Python internals.
    """
    factory = SandboxedEnvironment if sandboxed else Environment
    env = factory(autoescape=True, undefined=StrictUndefined)
    env.filters.update({
        "so_lieu": numbers.number,
        "phan_tram": numbers.percent,
        "ngay_thang": date_words,
        "ngay_ngan": short_date,
    })
    return env


def render(doc: Document, template: Path | None = None) -> bytes:
    """Returns the .docx bytes of `doc`, rendered with `template` (default: its kind's).

    A template given here is the user's own and is rendered in the sandbox.
    """
    path = template or templates_dir() / doc.kind.template
    if not path.is_file():
        raise TemplateProblem(f"không tìm thấy mẫu {path}")
    tpl = DocxTemplate(path)
    try:
        tpl.render(build_context(doc), jinja_env=environment(sandboxed=template is not None), autoescape=True)
    except TemplateError as exc:
        raise TemplateProblem(f"mẫu {path.name} lỗi: {exc}") from exc
    _page_setup(tpl.docx, doc)
    _core_properties(tpl.docx, doc)
    raw = io.BytesIO()
    tpl.save(raw)
    return write_package(raw.getvalue())


def _page_setup(document, doc: Document) -> None:
    page = doc.profile.page
    for section in document.sections:
        section.page_width = Mm(page.width_mm)
        section.page_height = Mm(page.height_mm)
        section.top_margin = Mm(page.top_mm)
        section.bottom_margin = Mm(page.bottom_mm)
        section.left_margin = Mm(page.left_mm)
        section.right_margin = Mm(page.right_mm)


def _core_properties(document, doc: Document) -> None:
    model = doc.model
    props = document.core_properties
    when = dt.datetime.combine(model.date, dt.time())
    props.title = f"{doc.kind.in_sentence} {model.summary}"
    props.subject = model.summary
    props.author = doc.issuers_in_sentence
    props.last_modified_by = doc.issuer.sentence_name
    props.keywords = symbol(doc)
    props.category = doc.kind.in_sentence
    props.comments = ""
    props.identifier = ""
    props.language = "vi-VN"
    props.created = when
    props.modified = when
    props.revision = 1
