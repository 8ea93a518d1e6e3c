"""The prepared path gives the same document as plain docxtpl on the same data."""
import io
import zipfile

import pytest
from lxml import etree

from docgen.document.load import load_document
from docgen.render.renderer import render, render_plain
from tests.conftest import EXAMPLES


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _shape(element) -> tuple:
    """The element as a reader's tools see it: tag, attributes, text, tail, children."""
    return (element.tag, dict(element.attrib), element.text or "", (element.tail or "").strip(),
            tuple(_shape(child) for child in element))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_prepared_and_plain_docxtpl_make_the_same_document(path):
    document = load_document(path)
    prepared, plain = _parts(render(document)), _parts(render_plain(document))
    assert list(prepared) == list(plain)
    for name in prepared:
        if name.endswith(".xml") or name.endswith(".rels"):
            assert _shape(etree.fromstring(prepared[name])) == _shape(etree.fromstring(plain[name])), name
        else:
            assert prepared[name] == plain[name], name


def test_prepared_rendering_is_repeatable_within_a_process():
    document = load_document(EXAMPLES[0])
    assert render(document) == render(document)
