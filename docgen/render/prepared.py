"""The prepared-template path: a template's package prepared and its body compiled with Jinja
once per process, then each document rendered with one Jinja call and a zip write.

The package work (page setup, docxtpl's patching, the parts kept compressed) is
`docgen.docx.template_package.TemplatePackage`; this module adds the compiled template and the
cache.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, Template

from docgen.docx.core_properties import CoreProperties
from docgen.docx.template_package import TemplatePackage
from docgen.render.environment import environment
from docgen.rules.profile import Profile


class PreparedTemplate:
    """A template ready to render many documents; `supported` is False when it has tags
    outside the body (then the caller renders with plain docxtpl)."""

    def __init__(self, path: Path, profile: Profile, environment: Environment):
        self.package = TemplatePackage(path, profile)
        self.template: Template = environment.from_string(self.package.body_source)
        self.supported = self.package.supported

    def body(self, context: dict[str, Any]) -> str:
        """Returns the rendered ``<w:body>`` element, as docxtpl's render_xml_part makes it."""
        return self.package.finish_body(self.template.render(context))

    def render(self, context: dict[str, Any], core: CoreProperties) -> bytes:
        """Returns the .docx bytes of one document."""
        return self.package.assemble(self.body(context), core.xml())


_CACHE: dict[tuple[str, int, str, bool], PreparedTemplate] = {}


def prepared(path: Path, profile: Profile, sandboxed: bool) -> PreparedTemplate:
    """Returns the prepared template for `path` and `profile`, made once per process and
    made again when the file changes."""
    key = (str(path.resolve()), path.stat().st_mtime_ns, profile.model_dump_json(), sandboxed)
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) > 32:
            _CACHE.clear()
        found = _CACHE[key] = PreparedTemplate(path, profile, environment(sandboxed))
    return found
