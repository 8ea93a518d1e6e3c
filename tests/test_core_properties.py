"""docProps/core.xml is written as text (no lxml in a render): the same bytes lxml wrote."""
from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from docgen.docx.core_properties import _NS, CoreProperties


def _as_lxml_wrote(props: CoreProperties) -> bytes:
    """The part as docgen wrote it with lxml before (the reference for the bytes)."""
    def name(prefix: str, local: str) -> str:
        return f"{{{_NS[prefix]}}}{local}"

    root = etree.Element(name("cp", "coreProperties"), nsmap=_NS)
    stamp = props.when.strftime("%Y-%m-%dT%H:%M:%SZ")
    for prefix, local, text, dated in (
            ("dc", "title", props.title, False), ("dc", "subject", props.subject, False),
            ("dc", "creator", props.author, False), ("cp", "keywords", props.keywords, False),
            ("cp", "lastModifiedBy", props.last_modified_by, False), ("cp", "revision", "1", False),
            ("dcterms", "created", stamp, True), ("dcterms", "modified", stamp, True),
            ("cp", "category", props.category, False), ("dc", "language", "vi-VN", False),
            ("dc", "description", props.description, False)):
        if local == "description" and not text:
            continue
        element = etree.SubElement(root, name(prefix, local))
        element.text = text
        if dated:
            element.set(name("xsi", "type"), "dcterms:W3CDTF")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


@pytest.mark.parametrize("text", [
    "KẾ HOẠCH thực hiện Nghị quyết số 12-NQ/TW", "", "a & b < c > d \"e\" 'f'", "&amp; ]]> <![CDATA[",
    "dòng 1\ndòng 2\r\ndòng 3\r", "tab\tở giữa", "chữ ngoài BMP 𠀀 và 😀", "\u00a0\u200b\u2028\ufeff"])
@pytest.mark.parametrize("description", ["", "docgen, hồ sơ thể thức: hd36-2018"])
def test_the_part_is_the_bytes_lxml_wrote(text, description):
    props = CoreProperties(title=text, subject=f"v/v {text}", author=text, last_modified_by="docgen",
                           keywords=text, category=text, when=dt.datetime(2025, 3, 9, 7, 5, 1),
                           description=description)
    written = props.xml()
    assert written == _as_lxml_wrote(props)
    assert etree.fromstring(written).findtext(f"{{{_NS['dc']}}}title") == text


def test_a_control_character_is_refused_as_lxml_refused_it():
    props = CoreProperties(title="a\x07b", subject="", author="", last_modified_by="", keywords="", category="",
                           when=dt.datetime(2025, 1, 1))
    with pytest.raises(ValueError):
        _as_lxml_wrote(props)
    with pytest.raises(ValueError):
        props.xml()
