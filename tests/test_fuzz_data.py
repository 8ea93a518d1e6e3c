"""Fuzzing the data a clerk writes: every kind's starter, changed at random places (a value of
another type, text with control and XML-illegal characters, a key removed, a key added, deep
nesting), rendered through the real CLI. Each run either writes a document or refuses the file
with a Vietnamese message naming the file — never an unexpected error, never a partial file."""
from __future__ import annotations

import copy
import json
import os

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.document.kinds import KINDS
from tests.conftest import ROOT, load_yaml

STARTERS = {slug: load_yaml(ROOT / "docgen" / "starters" / f"{slug}.yaml") for slug in sorted(KINDS)}

_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40) | st.sampled_from([
    "", " ", "{{ 7*7 }}", "{% for x in y %}", "<w:t>", "&amp;", "\x00\x01\x0b\x1f", "\ufffe\uffff",
    "[[23-QĐ/TW]]", "[[290-QĐ/TW|lich_su]]", "[[khong-co", "gần 45.000 lượt", "auto", "31/02/2026", "2026-13-01",
    "a" * 5000, "Số 02-CTr/BDVTU-BCHQST-CAT-BCHBPT", "Điều 1.", "I.", "T/M", "K/T", "Kính gửi:",
])
_LEAF = st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=True, allow_infinity=True) | _TEXT
_VALUE = st.recursive(_LEAF, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=3),
                      max_leaves=12)


def _places(node, path=()):
    """Every (container, key) in the data, so any value can be replaced or removed."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield node, key
            yield from _places(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield node, i
            yield from _places(value, path + (i,))


@st.composite
def _changed_data(draw):
    slug = draw(st.sampled_from(sorted(STARTERS)))
    data = copy.deepcopy(STARTERS[slug])
    for _ in range(draw(st.integers(1, 4))):
        places = list(_places(data))
        container, key = draw(st.sampled_from(places))
        action = draw(st.sampled_from(["replace", "remove", "add", "text"]))
        if action == "remove":
            del container[key]
        elif action == "add" and isinstance(container, dict):
            container[draw(_TEXT)] = draw(_VALUE)
        elif action == "text" and isinstance(container[key], str):
            container[key] = container[key] + draw(_TEXT)
        else:
            container[key] = draw(_VALUE)
    return slug, data


@st.composite
def _changed_texts(draw):
    """Only the texts change (the data stays well formed): most of these render, so what is
    typed reaches the template, the citation reader and the Word file."""
    slug = draw(st.sampled_from(sorted(STARTERS)))
    data = copy.deepcopy(STARTERS[slug])
    texts = [(c, k) for c, k in _places(data) if isinstance(c[k], str) and k not in ("loai", "ngay", "co_quan")]
    for _ in range(draw(st.integers(1, 6))):
        container, key = draw(st.sampled_from(texts))
        container[key] = draw(st.sampled_from(["{}{}", "{1}{0}", "{1}"])).format(container[key], draw(_TEXT))
    return slug, data


@settings(max_examples=int(os.environ.get("DOCGEN_FUZZ_EXAMPLES", "250")), deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(case=_changed_data() | _changed_texts())
def test_changed_data_renders_or_is_refused_clearly(case, tmp_path_factory):
    from click.testing import CliRunner

    from docgen.faces.cli import cli

    _slug, data = case
    folder = tmp_path_factory.mktemp("fuzz")
    source, out = folder / "van-ban.json", folder / "van-ban.docx"
    source.write_text(json.dumps(data, ensure_ascii=False, allow_nan=True), encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(source), "-o", str(out)], catch_exceptions=False)
    assert "không mong đợi" not in result.output, result.output
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 0:
        document = docx.Document(str(out))   # well-formed: every part parses, no XML-illegal character
        assert document.paragraphs
    else:
        assert not out.exists()
        assert "van-ban.json" in result.output
    assert [p.name for p in folder.iterdir() if p.name not in ("van-ban.json", "van-ban.docx")] == []


def _example_package() -> dict[str, bytes]:
    import io
    import zipfile

    from docgen.core import Core, Settings
    from tests.conftest import CATALOGS, ORGANISATIONS

    core = Core(Settings(ORGANISATIONS, (CATALOGS,), data_dir=ROOT / "data"))
    data = core.make(core.check(ROOT / "data" / "examples" / "bao-cao-so-ket-ninh-binh-2019.yaml"))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


PACKAGE = _example_package()


@st.composite
def _changed_word_file(draw) -> bytes:
    """A rendered report whose document.xml (or another part) is cut, has bytes changed, or has
    random elements, attributes or text put in; sometimes a part is left out."""
    import io
    import zipfile

    parts = dict(PACKAGE)
    name = draw(st.sampled_from(sorted(parts)))
    raw = parts[name]
    action = draw(st.sampled_from(["cut", "bytes", "insert", "drop"]))
    if action == "cut":
        raw = raw[:draw(st.integers(0, len(raw)))]
    elif action == "bytes":
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(raw) - 1))
            raw = raw[:at] + bytes([draw(st.integers(0, 255))]) + raw[at + 1:]
    elif action == "insert":
        at = draw(st.integers(0, len(raw)))
        piece = draw(st.sampled_from([b"<w:p><w:r><w:t>", b"</w:t></w:r></w:p>", b'<w:tbl/>', b"<w:p/>" * 50,
                                      b'<!DOCTYPE x [<!ENTITY a "aaaa">]>', b"&a;", b"<w:tc><w:p/></w:tc>",
                                      b'<w:gridSpan w:val="-5"/>', b'<w:sz w:val="abc"/>', b"\x00"]))
        raw = raw[:at] + piece + raw[at:]
    else:
        del parts[name]
    if action != "drop":
        parts[name] = raw
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for part, data in parts.items():
            package.writestr(part, data)
    return out.getvalue()


@settings(max_examples=int(os.environ.get("DOCGEN_FUZZ_EXAMPLES", "150")), deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(raw=_changed_word_file())
def test_a_damaged_word_file_is_linted_or_refused_clearly(raw, tmp_path_factory):
    from click.testing import CliRunner

    from docgen.faces.cli import cli

    folder = tmp_path_factory.mktemp("fuzz-docx")
    path = folder / "hong.docx"
    path.write_bytes(raw)
    for command in (["lint", str(path)], ["cite", "--check", str(path)]):
        result = CliRunner().invoke(cli, command, catch_exceptions=False)
        assert "không mong đợi" not in result.output, (command, result.output)
        assert result.exit_code in (0, 1, 2), (command, result.output)
        assert "hong.docx" in result.output
