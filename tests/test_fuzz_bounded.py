"""Fuzzing the files a clerk or a request sends, as text: every example and starter, changed where
a hostile or careless hand would (alias bombs, deep nesting, huge numbers and dates, control,
C1 and bidi characters, bytes that are not UTF-8, megabyte strings, cut files, duplicated lines,
tags, tabs), as YAML and as JSON, checked by the core (some rendered). Invariant: a document
(that renders to a Word file that reopens) or a `DocgenError` whose every finding names the
file and says what is wrong in a short message — never another exception, never a hang.

Profiles (DOCGEN_FUZZ_PROFILE): ``ci`` (the default, 10,000 inputs, about two minutes) and
``long`` (100,000 inputs, run by hand: ``DOCGEN_FUZZ_PROFILE=long pytest tests/test_fuzz_bounded.py``).
"""
from __future__ import annotations

import io
import json
import os
import time
import zipfile

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.core import Core, Settings
from docgen.errors import DocgenError
from tests.conftest import CATALOGS, ORGANISATIONS, ROOT, load_yaml

PROFILES = {"ci": 10_000, "long": 100_000, "short": 500}
EXAMPLES = PROFILES[os.environ.get("DOCGEN_FUZZ_PROFILE", "ci")]
SOURCES = sorted((ROOT / "data" / "examples").glob("*.yaml")) + sorted((ROOT / "docgen" / "starters").glob("*.yaml"))
TEXTS = {path: path.read_text(encoding="utf-8") for path in SOURCES}
JSONS = {path: json.dumps(load_yaml(path), ensure_ascii=False, indent=1) for path in SOURCES}
CORE = Core(Settings(ORGANISATIONS, (CATALOGS,)))
SECONDS = 10          # one input, checked (and rendered)
MESSAGE = 1_000       # characters of one message

_VALUES = [
    "[" * 40 + "]" * 40, "[" * 3000 + "]" * 3000, "{a: " * 500 + "1" + "}" * 500, "9" * 5000, "9" * 31, "-" + "9" * 40,
    "1e999", "-.inf", ".nan", "0x" + "f" * 50, "31/12/99999", "29/02/2023", "0/0/0", "1/1/1", "31/12/9999",
    "99999999999999999999/1/1", "2026-13-01", "*nope", "&a x", "!!python/object:os.system x", "!!binary AAAA",
    "<<: *a", "'" + "x" * 120_000 + "'", "'" + "đ" * 20_000 + "'", "\t- x", "|\n  khối\n", "~", "null", "[]", "{}",
    '"\\x07\\x1b\\u0085\\u202e"', "\u202etrái\u202c", "'[[23-QĐ/TW]] [[khong-co'", "'{{ 7*7 }} {% for %}'",
    "/etc/passwd", "../../../../etc/hosts", "'" + "a/" * 600 + "'",
]
_INSERTS = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\u202e", "\ufeff", "\ufffe", "\t", "\r", "&", "*", "!", "%",
            "{", "[", "\"", "'", ": ", "\n- ", "\n  ", "#"]
_ALIAS_BOMB = "\nbom0: &b0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"bom{i}: &b{i} [{', '.join([f'*b{i - 1}'] * 10)}]\n" for i in range(1, 9))


class Case:
    """One mutated file: ``(source, name, raw bytes, render?)`` when unpacked, shown short (a
    megabyte file in Hypothesis's report would be a warning, an error here, instead of the
    failure; Hypothesis prints a tuple by its items, so this is not one)."""

    def __init__(self, path, name: str, raw: bytes, render: bool):
        self.path, self.name, self.raw, self.render = path, name, raw, render

    def __iter__(self):
        return iter((self.path, self.name, self.raw, self.render))

    def __repr__(self) -> str:
        import hashlib

        return (f"Case({self.path.name}, {self.name}, {len(self.raw)} bytes, "
                f"sha256 {hashlib.sha256(self.raw).hexdigest()[:12]}, render={self.render})")


@st.composite
def _mutated(draw):
    path = draw(st.sampled_from(SOURCES))
    as_json = draw(st.booleans())
    text = JSONS[path] if as_json else TEXTS[path]
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["value", "value", "insert", "bomb", "cut", "repeat", "bytes"]))
        at = draw(st.integers(0, len(lines) - 1))
        if action == "value" and ":" in lines[at]:
            key = lines[at].split(":", 1)[0]
            lines[at] = f"{key}: {draw(st.sampled_from(_VALUES))}" + ("," if as_json and lines[at].endswith(",") else "")
        elif action == "insert":
            column = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:column] + draw(st.sampled_from(_INSERTS)) + lines[at][column:]
        elif action == "bomb" and not as_json:
            lines.append(_ALIAS_BOMB)
        elif action == "cut":
            lines = lines[: max(1, at)]
        elif action == "repeat":
            lines.insert(at, lines[at])
    raw = "\n".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:   # bytes that are not UTF-8
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xe1\x80", b"\xed\xa0\x80"])) + raw[at:]
    name = path.stem + (".json" if as_json else ".yaml")
    return Case(path, name, raw, draw(st.integers(0, 39)) == 0)


@settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(case=_mutated())
def test_mutated_files_check_or_are_refused_clearly(case):
    path, name, raw, render = case
    started = time.monotonic()
    try:
        doc = CORE.check_text(raw, name, path.parent)
        if render:
            data = CORE.make(doc)
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                assert package.testzip() is None
            assert docx.Document(io.BytesIO(data)).paragraphs
    except DocgenError as exc:
        findings = exc.findings()
        assert findings
        for finding in findings:
            assert finding.message and len(finding.message) <= MESSAGE, finding.message[:200]
            assert "Traceback" not in finding.message and "Error:" not in finding.message, finding.message
        assert any(f.file == name for f in findings) or exc.http_status != 422, [str(f) for f in findings]
    assert time.monotonic() - started < SECONDS
