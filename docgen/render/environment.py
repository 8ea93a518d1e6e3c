"""The one Jinja environment factory of docgen templates: autoescape (user text cannot inject
XML), strict (a name the template uses but the context lacks is an error, not an empty
string), the project's filters, and the sandbox for templates users bring."""
from __future__ import annotations

from typing import Any

from jinja2 import Environment, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from docgen.rules import numbers
from docgen.rules.dates import date_words, short_date

_DICT_NAMES = frozenset(dir(dict))


class _Environment(Environment):
    """Jinja's environment, reading ``x.name`` of a plain dict (docgen's context is made of
    them) as its item at once. Jinja tries the attribute first and takes the item when that
    fails; a plain dict has no attribute but its methods, so the result is the same, without
    an exception raised and caught at every look-up (most of a large document's render)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_NAMES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return Environment.getattr(self, obj, attribute)


def environment(sandboxed: bool = False) -> Environment:
    """Returns the Jinja environment of docgen templates: autoescape, strict, our filters.

    `sandboxed` is for templates a user brings (``--mau``): no access to Python internals.
    """
    factory = SandboxedEnvironment if sandboxed else _Environment
    env = factory(autoescape=True, undefined=StrictUndefined)
    env.filters.update({
        "so_lieu": numbers.number,
        "phan_tram": numbers.percent,
        "ngay_thang": date_words,
        "ngay_ngan": short_date,
    })
    return env
