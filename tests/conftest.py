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
from contextlib import contextmanager
from dataclasses import dataclass
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


@contextmanager
def running_service(settings: ServiceSettings):
    """Runs the real service on a free loopback port; yields an httpx client for it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            yield client
    finally:
        running.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("van-phong") / "data"
    shutil.copytree(ROOT / "data", data)
    with running_service(ServiceSettings(data_dir=data)) as client:
        yield client, data


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


PG_BIN = Path("/usr/lib/postgresql")


def _postgres_program(name: str) -> Path | None:
    found = sorted(PG_BIN.glob(f"*/bin/{name}"))
    return found[-1] if found else None


@pytest.fixture(scope="session")
def postgres_url():
    """Returns the URL of a database on a PostgreSQL server started for the tests (Debian's
    postgresql package; run as the `postgres` account when the tests run as root), or skips
    with the reason it cannot start."""
    import os
    import pwd
    import subprocess

    initdb, pg_ctl = _postgres_program("initdb"), _postgres_program("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.skip("PostgreSQL is not installed: apt-get install postgresql")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed: pip install -e '.[postgres]'")
    import tempfile

    home = Path(tempfile.mkdtemp(prefix="docgen-pg-"))   # in /tmp: the postgres account can reach it
    prefix: list[str] = []
    if os.getuid() == 0:   # PostgreSQL refuses to run as root
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' account to run PostgreSQL")
        os.chown(home, account.pw_uid, account.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    made = subprocess.run([*prefix, str(initdb), "-D", str(home / "db"), "-A", "trust", "-U", "docgen", "--no-sync",
                           "-E", "UTF8"], capture_output=True, text=True, cwd=home)
    if made.returncode != 0:
        pytest.skip(f"PostgreSQL could not be initialised: {made.stderr[-300:]}")
    started = subprocess.run([*prefix, str(pg_ctl), "-D", str(home / "db"), "-l", str(home / "log"), "-w", "-t", "60",
                              "-o", f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50",
                              "start"], capture_output=True, text=True, cwd=home)
    if started.returncode != 0:
        pytest.skip(f"PostgreSQL did not start: {started.stderr[-300:]}")
    try:
        yield f"postgresql://docgen@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*prefix, str(pg_ctl), "-D", str(home / "db"), "-m", "immediate", "-w", "stop"],
                       capture_output=True, cwd=home)
        shutil.rmtree(home, ignore_errors=True)


def new_database(server_url: str) -> str:
    """Returns the URL of a new, empty database on the test PostgreSQL server at `server_url`."""
    import uuid

    import psycopg

    name = f"so_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@dataclass
class Engine:
    """One storage engine of the register as the tests use it: ``sqlite`` (a file; the commands
    are given ``--so-dang-ky``) or ``postgresql`` (a fresh database; the commands find it in
    DOCGEN_CSDL, as an office sets it)."""

    name: str
    url: str | None

    def location(self, file: Path) -> str:
        """Where the register is: the database's URL, or `file`."""
        return self.url or str(file)

    def args(self, file: Path | None) -> list[str]:
        """The command-line options that name the register (`file` for SQLite; None: the data folder's)."""
        return [] if self.url or file is None else ["--so-dang-ky", str(file)]


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, monkeypatch) -> Engine:
    """Runs a test on both storage engines; the PostgreSQL run is skipped with the reason where
    the server cannot start."""
    if request.param == "sqlite":
        monkeypatch.delenv("DOCGEN_CSDL", raising=False)
        return Engine("sqlite", None)
    url = new_database(request.getfixturevalue("postgres_url"))
    monkeypatch.setenv("DOCGEN_CSDL", url)
    return Engine("postgresql", url)


PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"


def distinct_cells(table):
    """Yields the cells of `table` row by row, a cell merged across columns once."""
    seen: list = []
    for row in table.rows:
        for cell in row.cells:
            if not any(cell._tc is other for other in seen):
                seen.append(cell._tc)
                yield cell


def header(document) -> tuple[list, list, object]:
    """Returns a rendered document's header as it was laid out: its tables (one, or several in a
    joint layout, up to the one holding ĐẢNG CỘNG SẢN VIỆT NAM), its other non-empty cells in
    reading order, and the party title's cell."""
    tables, cells = [], []
    for table in document.tables:
        tables.append(table)
        title = None
        for cell in distinct_cells(table):
            if cell.paragraphs[0].text == PARTY_TITLE:
                title = cell
            elif cell.text.strip():
                cells.append(cell)
        if title is not None:
            return tables, cells, title
    raise AssertionError("no header")
