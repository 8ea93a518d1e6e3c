"""Every example and starter renders to exactly the bytes recorded in ``tests/golden/sha256.txt``.

docgen is in use: a data file that renders today must render tomorrow to the same bytes, unless
a change is meant to alter the output. To record new bytes on purpose, run
``DOCGEN_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py`` and say in the
CHANGELOG and the README what changed in the output and why.
"""
from __future__ import annotations

import hashlib
import os

import pytest

from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "sha256.txt"


def _recorded() -> dict[str, str]:
    pairs = (line.split(None, 1) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip())
    return {name.strip(): digest for digest, name in pairs}


def _sources() -> list[str]:
    found = sorted((ROOT / "data" / "examples").glob("*.yaml")) + sorted((ROOT / "docgen" / "starters").glob("*.yaml"))
    return [p.relative_to(ROOT).as_posix() for p in found]


def test_every_example_and_starter_has_a_recorded_hash():
    if os.environ.get("DOCGEN_UPDATE_GOLDEN"):
        pytest.skip("recording")
    assert sorted(_recorded()) == sorted(_sources())


@pytest.mark.parametrize("source", _sources())
def test_rendered_bytes_are_unchanged(source, tmp_path, run_cli):
    out = tmp_path / "out.docx"
    result = run_cli("render", ROOT / source, "-o", out)
    assert result.exit_code == 0, result.output
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    if os.environ.get("DOCGEN_UPDATE_GOLDEN"):
        recorded = _recorded()
        recorded[source] = digest
        GOLDEN.write_text("".join(f"{d}  {n}\n" for n, d in sorted(recorded.items())), encoding="utf-8")
        return
    assert digest == _recorded().get(source), (
        f"{source} renders to different bytes; if the change is meant, record it: "
        "DOCGEN_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py")
