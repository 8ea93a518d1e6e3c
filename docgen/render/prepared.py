"""The prepared-template path: a template's package prepared and its body compiled with Jinja
once per process, then each document rendered with one Jinja call and a zip write.

The package work (page setup, docxtpl's patching, the parts kept compressed) is
`docgen.docx.template_package.TemplatePackage`; this module adds the compiled template and the
cache.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template

from docgen.docx.core_properties import CoreProperties
from docgen.docx.template_package import TemplatePackage
from docgen.input import cache
from docgen.input.sources import once
from docgen.render.environment import environment
from docgen.rules.profile import Profile


class PreparedTemplate:
    """A template ready to render many documents; `supported` is False when it has tags
    outside the body (then the caller renders with plain docxtpl).

    For docgen's own templates (`keep`) the prepared package and the compiled Jinja code are
    also kept between runs (`docgen.input.cache`, named by the template's content, the profile
    and the libraries), so a new process renders without opening the template with docxtpl.
    Users' templates are not kept: there is no end to how many a service may be sent."""

    def __init__(self, path: Path, profile: Profile, environment: Environment, digest: str = "",
                 keep: bool = False):
        name = cache.key(digest or content_key(path), profile.model_dump_json(), type(environment).__name__,
                         cache.library_stamp("docxtpl", "docx", "lxml", "jinja2")) if keep else ""
        kept = cache.read("mau", name) if keep else None
        if kept is not None:
            state, code = kept
            self.package = TemplatePackage.restored(state)
        else:
            self.package = TemplatePackage(path, profile)
            code = environment.compile(self.package.body_source)
            if keep:
                cache.write("mau", name, (self.package.state(), code))
        self.template: Template = environment.template_class.from_code(
            environment, code, environment.make_globals(None), None)
        self.supported = self.package.supported

    def body(self, context: dict[str, Any]) -> str:
        """Returns the rendered ``<w:body>`` element, as docxtpl's render_xml_part makes it."""
        return self.package.finish_body(self.template.render(context))

    def render(self, context: dict[str, Any], core: CoreProperties) -> bytes:
        """Returns the .docx bytes of one document."""
        return self.package.assemble(self.body(context), core.xml())


_CACHE: dict[tuple[str, str, bool], PreparedTemplate] = {}
_DIGESTS: dict[tuple[str, int, int], str] = {}


def content_key(path: Path) -> str:
    """Returns the SHA-256 of the file at `path`, computed again only when its modification
    time or size changes (within a build, `looking_up_once`: looked at once)."""
    return once(("content_key", path), lambda: _content_key(path))


def _content_key(path: Path) -> str:
    stat = path.stat()
    stamp = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    digest = _DIGESTS.get(stamp)
    if digest is None:
        if len(_DIGESTS) > 256:
            _DIGESTS.clear()
        digest = _DIGESTS[stamp] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


def prepared(path: Path, profile: Profile, sandboxed: bool) -> PreparedTemplate:
    """Returns the prepared template for `path` and `profile`, made once per process for each
    content (the bundled kinds share one template file's bytes, so one preparation) and made
    again when the file changes."""
    digest = content_key(path)
    key = (digest, profile.model_dump_json(), sandboxed)
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) > 32:
            _CACHE.clear()
        # docgen's own templates are the ones rendered outside the sandbox
        found = _CACHE[key] = PreparedTemplate(path, profile, environment(sandboxed), digest, keep=not sandboxed)
    return found
