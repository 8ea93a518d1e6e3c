"""Shared helpers: render real data through the real CLI and reopen the result."""
from __future__ import annotations

import copy
import json
import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import docx
import httpx
import pytest
import uvicorn
from click.testing import CliRunner
from ruamel.yaml import YAML

from docgen.faces.cli import cli
from docgen.faces.server import ServiceSettings, create_app

# The tests (and the commands they start) keep docgen's cache in a folder of their own.
os.environ.setdefault("DOCGEN_CACHE", tempfile.mkdtemp(prefix="docgen-test-cache-"))

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.yaml"))
ORGANISATIONS = ROOT / "data" / "to-chuc.yaml"
CATALOGS = ROOT / "data" / "danh-muc"


def load_yaml(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.fixture
def run_cli():
    """Returns a function that runs docgen with `args` and returns the click Result."""
    def run(*args: str):
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return run


@pytest.fixture
def render_data(tmp_path, run_cli):
    """Returns a function rendering a data dict (written as JSON) into a python-docx Document."""
    def render(data: dict, name: str = "vanban"):
        source = tmp_path / f"{name}.json"
        source.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        out = tmp_path / f"{name}.docx"
        result = run_cli("render", source, "-o", out, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)
        assert result.exit_code == 0, result.output
        return docx.Document(str(out))
    return render


@pytest.fixture
def render_file(tmp_path, run_cli):
    """Returns a function rendering a data file through the CLI: (python-docx Document, output)."""
    def render(path: Path):
        out = tmp_path / f"{path.stem}.docx"
        result = run_cli("render", path, "-o", out)
        assert result.exit_code == 0, result.output
        return docx.Document(str(out)), result.output
    return render


@pytest.fixture
def plan_data():
    """Returns a fresh copy of the Bình Phước example plan's data."""
    return copy.deepcopy(load_yaml(ROOT / "data" / "examples" / "ke-hoach-khao-sat-llvt-binh-phuoc-2022.yaml"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("van-phong") / "data"
    shutil.copytree(ROOT / "data", data)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(ServiceSettings(data_dir=data)), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
        yield client, data
    running.should_exit = True
    thread.join(timeout=30)


def paragraph_starting(document, starts: str):
    """Returns the first paragraph of `document` (body or table cell) whose text starts with `starts`."""
    for paragraph in document.paragraphs:
        if paragraph.text.startswith(starts):
            return paragraph
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    if paragraph.text.startswith(starts):
                        return paragraph
    raise AssertionError(f"no paragraph starts with {starts!r}")
