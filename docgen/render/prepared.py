"""The prepared-template path: parse, patch and compile a template once per process, then
render each document with one Jinja call and a zip write.

Plain docxtpl, on every render, reloads the package, re-runs its regex pre-processing,
recompiles the Jinja template, re-parses the result to fix tables and re-serialises and
re-compresses every part (``../shared/bench/README.md``). Here that work is done once per
(template, profile): the page setup is applied, the body is patched by docxtpl's own
``patch_xml`` and compiled; the other parts are kept compressed. A render fills the body,
writes ``docProps/core.xml`` from the data and assembles the zip.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from docxtpl import DocxTemplate
from jinja2 import Template

from docgen.docx.package import FIRST, Part, read_parts, write_parts
from docgen.docx.xml import apply_page_setup
from docgen.rules.profile import Profile

BODY_PART = "word/document.xml"
CORE_PART = "docProps/core.xml"
_TAG = re.compile(r"\{[{%]")


@dataclass(frozen=True)
class CoreProperties:
    """The document properties docgen writes (title, subject, author, keywords, dates)."""

    title: str
    subject: str
    author: str
    last_modified_by: str
    keywords: str
    category: str
    when: dt.datetime

    def xml(self) -> bytes:
        stamp = self.when.strftime("%Y-%m-%dT%H:%M:%SZ")
        return (
            "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(self.title)}</dc:title><dc:subject>{escape(self.subject)}</dc:subject>"
            f"<dc:creator>{escape(self.author)}</dc:creator><cp:keywords>{escape(self.keywords)}</cp:keywords>"
            f"<cp:lastModifiedBy>{escape(self.last_modified_by)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            f"<cp:category>{escape(self.category)}</cp:category><dc:language>vi-VN</dc:language>"
            "</cp:coreProperties>"
        ).encode("utf-8")


class PreparedTemplate:
    """A template ready to render many documents; `supported` is False when it has tags
    outside the body (then the caller renders with plain docxtpl)."""

    def __init__(self, path: Path, profile: Profile, environment):
        tpl = DocxTemplate(str(path))
        tpl.render_init()
        apply_page_setup(tpl.docx, profile)
        self._docxtpl = tpl
        patched = tpl.patch_xml(tpl.get_xml())
        self.template: Template = environment.from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", patched))
        raw = io.BytesIO()
        tpl.docx.save(raw)
        parts = read_parts(raw.getvalue())
        document = parts[BODY_PART].decode("utf-8")
        start, end = document.index("<w:body"), document.index("</w:body>") + len("</w:body>")
        self.prefix, self.suffix = document[:start], document[end:]
        self.supported = not any(_TAG.search(data.decode("utf-8", "ignore"))
                                 for name, data in parts.items()
                                 if name.startswith("word/") and name.endswith(".xml") and name != BODY_PART)
        self.order = list(parts)
        self.static = {name: Part.of(name, data) for name, data in parts.items()
                       if name not in (BODY_PART, CORE_PART)}
        assert self.order[0] == FIRST

    def body(self, context: dict) -> str:
        """Returns the rendered ``<w:body>`` element, as docxtpl's render_xml_part makes it."""
        xml = self.template.render(context)
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        # docxtpl turns \t \a \n \f inside text into Word tabs, paragraphs and breaks; where none
        # occurs at all its (costly) pass returns the XML unchanged, so it is skipped.
        if any(ch in xml for ch in "\t\a\n\f"):
            xml = self._docxtpl.resolve_listing(xml)
        return xml

    def render(self, context: dict, core: CoreProperties) -> bytes:
        """Returns the .docx bytes of one document."""
        fresh = {BODY_PART: (self.prefix + self.body(context) + self.suffix).encode("utf-8"), CORE_PART: core.xml()}
        return write_parts([self.static.get(name) or Part.of(name, fresh[name]) for name in self.order])


_CACHE: dict[tuple, PreparedTemplate] = {}


def prepared(path: Path, profile: Profile, sandboxed: bool) -> PreparedTemplate:
    """Returns the prepared template for `path` and `profile`, made once per process and
    made again when the file changes."""
    from docgen.render.renderer import environment

    key = (str(path.resolve()), path.stat().st_mtime_ns, profile.model_dump_json(), sandboxed)
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) > 32:
            _CACHE.clear()
        found = _CACHE[key] = PreparedTemplate(path, profile, environment(sandboxed))
    return found
