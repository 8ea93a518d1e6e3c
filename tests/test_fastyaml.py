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


@pytest.mark.parametrize("text", [f"a: {s}\n" for s in SCALARS] + DOCUMENTS)
def test_fast_reading_is_ruamels_or_steps_aside(text):
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
