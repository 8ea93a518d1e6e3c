"""The fast reader gives ruamel's data for every file it accepts (a differential test)."""
import math

import pytest

from docgen.input import fastyaml
from docgen.input.loader import _plain, _yaml
from tests.conftest import ROOT

SCALARS = ["010", "0o17", "0x1F", "1_000", "+12", "-3", "0", "-0", "00", "1.5", "1e3", "1.5e-3", ".5", "5.", "0.5e+2",
           "1e", ".inf", "-.Inf", "+.inf", ".nan", "yes", "no", "on", "off", "True", "FALSE", "~", "", "Null",
           "2022-01-17", "17/01/2022", "12:30", "1:20:30", "0b101", "45.000", "'45.000'", "7.20", "1.0", "!!str 12",
           "'x: y'", '"\\x07"', "Tiếng Việt", "[1, 'x', null]", "{b: 1}", "Tốt đời, đẹp đạo!", "- a"]
DOCUMENTS = ["a: &x 1\nb: *x\n", "? a\n: b\n", "a: [a, b]\n<<: {c: 1}\n", "b: |\n  x\n  y\n", "b: >\n  x\n  y\n",
             "a: 1\na: 2\n", "a:\n  - b\n  -\n", "x: {a: 1, a: 2}\n"]


def _same(fast, slow) -> bool:
    if isinstance(fast, float) and isinstance(slow, float) and math.isnan(fast):
        return math.isnan(slow)
    if isinstance(fast, dict) and isinstance(slow, dict):
        return fast.keys() == slow.keys() and all(_same(fast[k], slow[k]) for k in fast)
    if isinstance(fast, list) and isinstance(slow, list):
        return len(fast) == len(slow) and all(_same(a, b) for a, b in zip(fast, slow, strict=False))
    builtin = next(t for t in (bool, int, float, str, type(None)) if isinstance(slow, t))
    return type(fast) is builtin and fast == slow


JSON_DOCUMENTS = ['{"a": 1, "b": [1, 2.5, "x", null, true, false]}', '{"a": {"b": "Tiếng Việt\\n\\t\\"x\\""}}',
                  '{"a": 1, "a": 2}', '{"a": {"b": 1, "b": 1}}', '{"a": 45.000}', '{"a": 7.20}', '{"a": 1e3}',
                  '{"a": -0}', '{"a": NaN}', '{"a": Infinity}', '{"a": "\\ud83d\\ude00"}', '{"a": "\\u00e0\\/"}',
                  '{"a": "\\u0007"}', '{"a": 12345678901234567890}', '{a: 1}', '{"a": 1,}', ' \n {"a": []}']


@pytest.mark.parametrize("text", [f"a: {s}\n" for s in SCALARS] + DOCUMENTS + JSON_DOCUMENTS)
def test_fast_reading_is_ruamels_or_steps_aside(text):
    """YAML and JSON (read with the standard parser) come out as ruamel reads them, or are left to it."""
    try:
        fast = fastyaml.load(text)
    except fastyaml.Unsure:
        return
    slow = _plain(_yaml().load(text))
    assert _same(fast, slow), (fast, slow)


@pytest.mark.parametrize("path", sorted((ROOT / "data").rglob("*.yaml")) + sorted((ROOT / "docgen").rglob("*.yaml")),
                         ids=lambda p: p.name)
def test_every_bundled_file_reads_the_same_both_ways(path):
    text = path.read_text(encoding="utf-8")
    assert _same(fastyaml.load(text), _plain(_yaml().load(text)))




def test_json_reading_steps_aside_where_it_must():
    for text in ('{"a": 1, "a": 2}', '{"a": 45.000}', '{"a": NaN}', '{"a": "\\ud83d\\ude00"}'):
        with pytest.raises(fastyaml.Unsure):
            fastyaml.load(text)
    assert fastyaml.load('{"a": [1, 2.5, "Việt"]}') == {"a": [1, 2.5, "Việt"]}


def test_a_duplicate_key_in_json_is_reported_with_its_line(tmp_path):
    from docgen.errors import DataError
    from docgen.input.loader import read_tree

    path = tmp_path / "x.json"
    path.write_text('{\n "loai": "ke-hoach",\n "so": 1,\n "so": 2\n}\n', encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_tree(path, fast=True)
    problem = caught.value.problems[0]
    assert "khóa bị lặp lại" in problem.message and problem.line == 4, problem


_DEEP = "[" * 40 + "]" * 40
_BOUNDS = [  # (YAML value, JSON value, words of the message): one case per limit of docgen.input.limits
    (_DEEP, _DEEP, "lồng nhau quá 32 cấp"),
    ("9" * 31, "9" * 31, "số quá lớn (31 chữ số"),
    ("0x" + "f" * 31, "-" + "9" * 31, "số quá lớn"),
    ("x" * 100_001, '"' + "x" * 100_001 + '"', "giá trị quá dài"),
    ("[" + ", ".join(["1"] * 20_001) + "]", "[" + ", ".join(["1"] * 20_001) + "]", "quá nhiều mục"),
]


@pytest.mark.parametrize("suffix", ["yaml", "json"])
@pytest.mark.parametrize("yaml_value, json_value, words", _BOUNDS, ids=lambda v: v[:12] if isinstance(v, str) else v)
def test_a_value_past_a_bound_is_a_positioned_error_when_read_fast(suffix, yaml_value, json_value, words):
    """The fast reading checks the bounds on the data it read (one parse); past one, the
    file is read again by the bounds' scan, which names the line and the field."""
    from docgen.errors import DataError
    from docgen.input.loader import parse_text

    text = (f"loai: ke-hoach\nso: 1\ntrich_yeu: {yaml_value}\n" if suffix == "yaml"
            else f'{{"loai": "ke-hoach",\n "so": 1,\n "trich_yeu": {json_value}}}\n')
    with pytest.raises(DataError) as caught:
        parse_text(text.encode(), f"du-lieu.{suffix}", fast=True)
    problem = caught.value.problems[0]
    assert words in problem.message and problem.line == 3 and problem.field.startswith("trich_yeu"), problem
    # just under the bounds, the same file is read fast
    under = text.replace("9" * 31, "9" * 30).replace("x" * 100_001, "x" * 100_000).replace(
        "[" * 40, "[" * 31).replace("]" * 40, "]" * 31).replace(", 1]", "]").replace("f" * 31, "f" * 20)
    assert parse_text(under.encode(), f"du-lieu.{suffix}", fast=True).fast


def test_a_json_file_is_parsed_once_and_a_yaml_text_named_json_is_still_a_json_error():
    from docgen.errors import DataError
    from docgen.input.loader import parse_text

    assert parse_text(b'{"loai": "ke-hoach", "so": 1}', "x.json", fast=True).data == {"loai": "ke-hoach", "so": 1}
    with pytest.raises(DataError) as caught:
        parse_text(b"loai: ke-hoach\n", "x.json", fast=True)
    assert "lỗi cú pháp JSON" in caught.value.problems[0].message


def test_the_collector_is_paused_while_a_document_is_checked_and_back_after_it(tmp_path, monkeypatch):
    """Checking a file pauses garbage collection (its objects are all kept; the collector's
    passes over them grew faster than the file) and turns it back on after, even on an error;
    a pause inside a pause leaves it off until the outer one ends."""
    import gc

    import docgen.document.load as load
    from docgen.errors import DataError
    from tests.conftest import EXAMPLES

    during = []
    build = load.build_document

    def watched(*args):
        during.append(gc.isenabled())
        return build(*args)

    monkeypatch.setattr(load, "build_document", watched)
    wrong = tmp_path / "sai.yaml"
    wrong.write_text("loai: ke-hoach\nso: 1\nso: 2\n", encoding="utf-8")
    assert gc.isenabled()
    load.load_document(EXAMPLES[0])
    assert gc.isenabled() and during == [False]
    with pytest.raises(DataError):
        load.load_document(wrong)
    assert gc.isenabled()
    with fastyaml.gc_paused():
        with fastyaml.gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
