"""The one Jinja environment factory of docgen templates: autoescape (user text cannot inject
XML), strict (a name the template uses but the context lacks is an error, not an empty
string), the project's filters, and the sandbox for templates users bring."""
from __future__ import annotations

from jinja2 import Environment, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from docgen.rules import numbers
from docgen.rules.dates import date_words, short_date


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
