"""``docProps/core.xml``: the document properties docgen writes, taken from the data (never
the clock), so the same data gives the same bytes."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lxml import etree

CORE_PART = "docProps/core.xml"
_NS = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
       "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
       "dcmitype": "http://purl.org/dc/dcmitype/", "xsi": "http://www.w3.org/2001/XMLSchema-instance"}


def _name(prefix: str, local: str) -> str:
    return f"{{{_NS[prefix]}}}{local}"


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
    description: str = ""   # the rule profile the document was made under

    def xml(self) -> bytes:
        """Returns the ``docProps/core.xml`` part."""
        root = etree.Element(_name("cp", "coreProperties"), nsmap=_NS)
        stamp = self.when.strftime("%Y-%m-%dT%H:%M:%SZ")
        for prefix, local, text, dated in (
                ("dc", "title", self.title, False), ("dc", "subject", self.subject, False),
                ("dc", "creator", self.author, False), ("cp", "keywords", self.keywords, False),
                ("cp", "lastModifiedBy", self.last_modified_by, False), ("cp", "revision", "1", False),
                ("dcterms", "created", stamp, True), ("dcterms", "modified", stamp, True),
                ("cp", "category", self.category, False), ("dc", "language", "vi-VN", False),
                ("dc", "description", self.description, False)):
            if local == "description" and not text:
                continue
            element = etree.SubElement(root, _name(prefix, local))
            element.text = text
            if dated:
                element.set(_name("xsi", "type"), "dcterms:W3CDTF")
        return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
