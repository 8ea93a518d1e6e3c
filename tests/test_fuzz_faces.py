"""The same mutated files as `test_fuzz_bounded`, sent where a clerk or an office sends them:
to the HTTP service (check and render) and into a data folder that `docgen build` makes.

Invariants: the service answers 200 with a Word file that reopens, or a 4xx in the one error
shape (``{"loi": [...]}``, Vietnamese messages) — never a 5xx; a build writes a valid .docx for
every file it accepts, names every file it refuses, and leaves no partial or temporary file.
``DOCGEN_FUZZ_PROFILE`` sets the count as for the core fuzz (``ci``: 300 requests, 3 builds).
"""
from __future__ import annotations

import io
import os
import shutil
import zipfile

import docx
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.faces.cli import cli
from docgen.input.sources import is_document
from tests.conftest import ROOT
from tests.test_fuzz_bounded import _mutated

REQUESTS = {"ci": 300, "long": 3_000, "short": 40}[os.environ.get("DOCGEN_FUZZ_PROFILE", "ci")]
BUILDS = {"ci": 3, "long": 30, "short": 1}[os.environ.get("DOCGEN_FUZZ_PROFILE", "ci")]


def _reopens(raw: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        assert package.testzip() is None
    assert docx.Document(io.BytesIO(raw)).paragraphs


def test_mutated_requests_get_a_document_or_a_clear_4xx(server):
    client, _ = server
    statuses: set[int] = set()

    @settings(max_examples=REQUESTS, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=_mutated())
    def send(case):
        _path, name, raw, render = case
        kind = "application/json" if name.endswith(".json") else "text/yaml"
        answer = client.post("/api/tao" if render else "/api/kiem-tra", content=raw, headers={"Content-Type": kind})
        assert answer.status_code < 500, answer.text[:300]
        statuses.add(answer.status_code)
        if answer.status_code >= 400:
            body = answer.json()
            assert body["loi"] and all(p["thong_bao"] and len(p["thong_bao"]) <= 1_000 for p in body["loi"])
            assert not any("Traceback" in p["thong_bao"] for p in body["loi"])
        elif render:
            _reopens(answer.content)

    send()
    assert 200 in statuses and any(400 <= s < 500 for s in statuses), statuses   # both paths were walked


def test_a_build_of_mutated_files_writes_whole_documents_or_names_the_file(tmp_path_factory):
    walked: set[str] = set()
    @settings(max_examples=BUILDS, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(cases=st.lists(_mutated(), min_size=4, max_size=8))
    def build(cases):
        office = tmp_path_factory.mktemp("van-phong")
        shutil.copytree(ROOT / "data", office / "data", ignore=shutil.ignore_patterns("examples", "so-van-ban-di*"))
        clean = office / "data" / "khong-doi.yaml"   # one untouched file among them: always made
        clean.write_bytes((ROOT / "data" / "examples" / "ke-hoach-khao-sat-llvt-binh-phuoc-2022.yaml").read_bytes())
        names = []
        for i, (_path, name, raw, _render) in enumerate(cases):
            target = office / "data" / f"{i:02d}-{name}"
            target.write_bytes(raw)
            if is_document(target):   # a file that does not say `loai:` is not a document: build skips it
                names.append(target.name)
        result = CliRunner().invoke(cli, ["build", str(office / "data"), "-o", str(office / "output")])
        assert result.exit_code in (0, 2), result.output[-2000:]
        assert "không mong đợi" not in result.output
        made = {p.stem for p in (office / "output").rglob("*.docx")}
        assert "khong-doi" in made, result.output[-2000:]
        walked.add("refused" if result.exit_code == 2 else "clean")
        for name in names:
            stem = name.rsplit(".", 1)[0]
            assert stem in made or name in result.output, (name, result.output[-2000:])
        for document in (office / "output").rglob("*.docx"):
            _reopens(document.read_bytes())
        leftovers = [p for p in office.rglob("*") if p.name.startswith(".") and p.suffix == ".tmp" or p.name.endswith(".tmp")]
        assert leftovers == []

    build()
    assert "refused" in walked or BUILDS < 3, walked   # mutated files were refused, naming the file
