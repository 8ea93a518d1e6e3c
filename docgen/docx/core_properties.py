"""``docProps/core.xml``: the document properties docgen writes, taken from the data (never
the clock), so the same data gives the same bytes.

The part is eleven flat elements, written as text (the bytes lxml wrote, without importing
lxml into a render: ~7 ms of every command's start)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

CORE_PART = "docProps/core.xml"
_NS = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
       "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
       "dcmitype": "http://purl.org/dc/dcmitype/", "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
_HEAD = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<cp:coreProperties"
         + "".join(f' xmlns:{prefix}="{uri}"' for prefix, uri in _NS.items()) + ">")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _text(text: str) -> str:
    """Returns `text` escaped as element content, as lxml escapes it (``\\r`` as ``&#13;``)."""
    if _NOT_XML.search(text):
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


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
        out = [_HEAD]
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
            kind = ' xsi:type="dcterms:W3CDTF"' if dated else ""
            out.append(f"<{prefix}:{local}{kind}>{_text(text)}</{prefix}:{local}>")
        out.append("</cp:coreProperties>")
        return "".join(out).encode("utf-8")
