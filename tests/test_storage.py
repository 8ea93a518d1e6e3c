"""The register, the audit log and the accounts on both storage engines: SQLite (one file) and
PostgreSQL (a server several machines share). 8 processes × 100 draws: no duplicate, no gap."""
from __future__ import annotations

import multiprocessing
import shutil

import pytest

from docgen.accounts import Accounts
from docgen.register import Register
from tests.conftest import ROOT

PERIOD = "nhiệm kỳ 2020-2025"


@pytest.fixture
def location(engine, tmp_path):
    """Where a fresh register lives: a SQLite file, or a new database on the test PostgreSQL."""
    return engine.location(tmp_path / "so.sqlite3")


def _draw(args) -> list[int]:
    location, worker, count = args
    with Register.open(location, f"tiến trình {worker}") as register:
        return [register.number_for(f"w{worker}-{i}", "BDVTU", "KH", PERIOD) for i in range(count)]


def test_eight_processes_drawing_a_hundred_numbers_each_never_duplicate_or_skip(location):
    Register.open(location).close()
    with multiprocessing.get_context("spawn").Pool(8) as pool:
        drawn = pool.map(_draw, [(location, w, 100) for w in range(8)])
    numbers = sorted(n for batch in drawn for n in batch)
    assert numbers == list(range(1, 801))   # 0 duplicates, 0 gaps
    assert all(batch == sorted(batch) for batch in drawn)
    with Register.open(location) as register:
        log = register.audit()
        assert len(log) == 800 and {a.action for a in log} == {"cap"}
        assert {a.actor for a in log} == {f"tiến trình {w}" for w in range(8)}
        assert register.number_for("w3-7", "BDVTU", "KH", PERIOD) == drawn[3][7]   # kept for its document


def test_reserve_void_audit_and_accounts(location):
    with Register.open(location, "lan (văn thư)") as register:
        assert register.reserve("BDVTU", "KH", PERIOD, "dự kiến") == 1
        assert register.number_for("a", "BDVTU", "KH", PERIOD) == 2
        (reserved,) = [e for e in register.entries() if e.state == "giu_cho"]
        assert register.void(reserved.id, "không ban hành").state == "huy"
        assert [(a.actor, a.action, a.number, a.reason) for a in register.audit()] == [
            ("lan (văn thư)", "giu_cho", f"01-KH/BDVTU ({PERIOD})", "dự kiến"),
            ("lan (văn thư)", "cap", f"02-KH/BDVTU ({PERIOD})", "a"),
            ("lan (văn thư)", "huy", f"01-KH/BDVTU ({PERIOD})", "không ban hành"),
        ]
        accounts = Accounts(register.store)
        token = accounts.add("lan", "van_thu", "mat-khau-du-dai")
        assert accounts.by_token(token).role == "van_thu" and accounts.by_token("khac") is None
        assert accounts.login("lan", "sai-mat-khau") is None
        user, again = accounts.login("lan", "mat-khau-du-dai")
        assert user.name == "lan" and accounts.by_token(again).name == "lan"
        accounts.add("lan", "soan_thao", "mat-khau-moi-dai")   # the same name: new password and role
        assert [(u.name, u.role) for u in accounts.users()] == [("lan", "soan_thao")]


def test_the_service_on_a_shared_database(location, tmp_path, monkeypatch):
    """Two services (two machines' worth) on one register: the numbers they give run on."""
    from docgen.faces.server import ServiceSettings
    from tests.conftest import running_service

    text = (ROOT / "data" / "examples" / "ke-hoach-khao-sat-llvt-binh-phuoc-2022.yaml").read_text(encoding="utf-8")
    text = text.replace("so: 66", "so: auto")
    answers = []
    for machine in ("may-1", "may-2"):
        data = tmp_path / machine / "data"
        shutil.copytree(ROOT / "data", data)
        with running_service(ServiceSettings(data_dir=data, database=location)) as client:
            made = client.post("/api/tao", params={"ma_van_ban": f"van-ban-{machine}"}, content=text,
                               headers={"Content-Type": "text/yaml"})
            assert made.status_code == 200, made.text
            answers.append([(r["so"], r["ma_van_ban"]) for r in client.get("/api/so").json()])
    assert answers[1] == [(1, "van-ban-web/van-ban-may-1.yaml"), (2, "van-ban-web/van-ban-may-2.yaml")]


def test_the_commands_use_the_database_named_in_docgen_csdl(location, run_cli, monkeypatch, tmp_path):
    monkeypatch.setenv("DOCGEN_CSDL", location if location.startswith("postgresql://") else "")
    register = [] if location.startswith("postgresql://") else ["--so-dang-ky", location]
    added = run_cli("nguoi-dung", "them", "lan", "--vai-tro", "van_thu", "--mat-khau", "mat-khau-du-dai", *register)
    assert added.exit_code == 0, added.output
    reserved = run_cli("so", "giu-cho", "--co-quan", "BDVTU", "--loai", "KH", "--ngay", "01/6/2022", *register)
    assert reserved.exit_code == 0 and "01-KH/BDVTU" in reserved.output
    with Register.open(location) as opened:
        assert [u.name for u in Accounts(opened.store).users()] == ["lan"]
        assert [(a.action, a.number) for a in opened.audit()] == [("giu_cho", f"01-KH/BDVTU ({PERIOD})")]
