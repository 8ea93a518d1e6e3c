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


def test_docgen_s_environment_reads_a_dict_as_jinja_does():
    """docgen's environment reads ``x.name`` of a plain dict as its item at once; what it reads
    (a key, a key named like a dict method, a missing key, an object's attribute, a dict
    subclass) is what Jinja's own environment reads."""
    import types

    import jinja2
    import pytest

    from docgen.render.environment import environment

    class Mapping(dict):
        text = "thuộc tính"

    context = {"d": {"text": "Tiếng Việt", "items": "mục", "n": {"x": 1}}, "o": types.SimpleNamespace(text="đối tượng"),
               "m": Mapping(text="khóa")}
    source = ("{{ d.text }}|{{ d.n.x }}|{% for k, v in d.n.items() %}{{ k }}={{ v }}{% endfor %}|"
              "{{ d.items is callable }}|{{ o.text }}|{{ m.text }}|{{ d.get('text') }}")
    ours = environment().from_string(source).render(context)
    theirs = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(source).render(context)
    assert ours == theirs == "Tiếng Việt|1|x=1|True|đối tượng|thuộc tính|Tiếng Việt"
    with pytest.raises(jinja2.UndefinedError):
        environment().from_string("{{ d.khong_co }}").render(context)


def test_docgen_s_output_is_finished_in_one_pass_as_step_by_step():
    """docgen's own output (no escaped tag, tab, bell or form feed) is finished in one pass: the
    template's line split undone and the line breaks written together; the result is the
    step-by-step finishing's, on every example's output and on generated bodies."""
    import random

    import docgen.render.prepared as prepared_module
    from docgen.document.load import load_document
    from docgen.docx.template_package import TemplatePackage
    from docgen.render.context import build_context
    from docgen.render.renderer import render
    from tests.conftest import EXAMPLES

    bodies = []
    for example in EXAMPLES:
        document = load_document(example)
        prepared_module._CACHE.clear()   # so that the one template prepared is this document's
        render(document)
        (template,) = prepared_module._CACHE.values()
        bodies.append(template.template.render(build_context(document)))
    rng = random.Random(17)
    pieces = ["\n", "<w:p>", "<w:p ", "<w:p", "<w:pPr>", "x", "Việt", "\u2011", "\n\n", "</w:t>", " ", ">"]
    bodies += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    assert sum("\n" in body for body in bodies) > 1000
    for body in bodies:
        assert template.package.finish_body(body) == TemplatePackage.finish_any_body(body), repr(body[:200])
