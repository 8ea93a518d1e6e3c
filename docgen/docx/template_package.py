"""A .docx template opened once for many renders: the page setup applied, the body patched by
docxtpl for Jinja and cut out of the package, the other parts kept compressed.

Plain docxtpl, on every render, reloads the package, re-runs its regex pre-processing,
re-parses the result and re-compresses every part (``../shared/bench/README.md``). Here that
work is done once per (template, profile). The caller compiles `body_source` with Jinja,
renders it, and hands the result to `finish_body` and `assemble`. The XML handling here is
docxtpl's own (its ``patch_xml`` and ``resolve_listing``) plus the line split it uses to make
each ``<w:p>`` a line for Jinja.
"""
from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from docgen.docx.core_properties import CORE_PART
from docgen.docx.package import FIRST, Part, read_parts, write_parts
from docgen.docx.special import line_breaks, word_special_characters

BODY_PART = "word/document.xml"
_TAG = re.compile(r"\{[{%]")
_PARAGRAPH_START = re.compile(r"<w:p([ >])")


class TemplatePackage:
    """The parts of a template: `body_source` (the body's XML, patched, one paragraph per
    line, to compile with Jinja), the rest of the package kept ready, and `supported` —
    False when the template has tags outside the body (then it is rendered the plain way)."""

    def __init__(self, path: Path, profile: object):
        from docxtpl import DocxTemplate

        from docgen.docx.xml import apply_page_setup

        tpl = DocxTemplate(str(path))
        tpl.render_init()
        apply_page_setup(tpl.docx, profile)
        self.body_source = _PARAGRAPH_START.sub(r"\n<w:p\1", tpl.patch_xml(tpl.get_xml()))
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

    def state(self) -> tuple[Any, ...]:
        """Returns the package as plain data (to keep between runs; see `restored`)."""
        return (self.body_source, self.prefix, self.suffix, self.supported, self.order,
                [(p.name, p.crc, p.size, p.compressed) for p in self.static.values()])

    @classmethod
    def restored(cls, state: tuple[Any, ...]) -> TemplatePackage:
        """Returns the package whose `state()` was `state`, without reading the template."""
        package = cls.__new__(cls)
        package.body_source, package.prefix, package.suffix, package.supported, package.order, static = state
        package.static = {name: Part(name, crc, size, compressed) for name, crc, size, compressed in static}
        return package

    def finish_body(self, rendered: str) -> str:
        """Returns the body element from the Jinja output of `body_source`, as docxtpl's
        ``render_xml_part`` makes it."""
        if not any(mark in rendered for mark in ("{_", "_}", "\t", "\a", "\f")):
            # docgen's own output: the line split of `body_source` undone and docgen's line
            # breaks written in one pass (what the steps below do for any output)
            return word_special_characters(line_breaks(rendered, joined=("<w:p>", "<w:p ")))
        return self.finish_any_body(rendered)

    @staticmethod
    def finish_any_body(rendered: str) -> str:
        """`finish_body` for any Jinja output, step by step."""
        # undo the line split of `body_source` (two plain replaces: several times faster than
        # the regular expression \n<w:p([ >]) over the whole body)
        xml = rendered.replace("\n<w:p>", "<w:p>").replace("\n<w:p ", "<w:p ")
        if "{_" in xml:   # docxtpl's escaped tags (rare: each replace is a pass over the body)
            xml = xml.replace("{_{", "{{").replace("{_%", "{%")
        if "_}" in xml:
            xml = xml.replace("}_}", "}}").replace("%_}", "%}")
        # docxtpl turns \t \a \n \f inside text into Word tabs, paragraphs and breaks; where none
        # occurs at all its (costly) pass returns the XML unchanged, so it is skipped. The line
        # breaks docgen places between phrases are its only newlines (the body's line split is
        # undone above), each inside a text run: written as docxtpl would, without its pass.
        if any(ch in xml for ch in "\t\a\f"):
            from docxtpl import DocxTemplate

            # docxtpl's own pass; it uses nothing of its template (so none is opened for it)
            xml = DocxTemplate.resolve_listing(DocxTemplate.__new__(DocxTemplate), xml)
        else:
            xml = line_breaks(xml)
        return word_special_characters(str(xml))

    def assemble(self, body: str, core_xml: bytes) -> bytes:
        """Returns the .docx bytes with `body` as the document's body and `core_xml` as its
        properties; every other part is copied already compressed."""
        fresh = {BODY_PART: (self.prefix + body + self.suffix).encode("utf-8"), CORE_PART: core_xml}
        return write_parts([self.static.get(name) or Part.of(name, fresh[name]) for name in self.order])
