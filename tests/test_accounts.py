"""Accounts and roles on the real service and the real CLI: a soạn thảo cannot void a number
(403, in Vietnamese), a văn thư can, and the audit log names who did it and why; with no
account the service on this machine stays a single-user tool, off it it asks for accounts."""
from __future__ import annotations

import shutil

import pytest

from docgen.faces.server import ServiceSettings
from docgen.register import REGISTER_FILE
from tests.conftest import ROOT, running_service
from tests.test_server import PLAN

YAML = {"Content-Type": "text/yaml"}


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """A data folder with a văn thư and a soạn thảo added through the CLI; returns (data, tokens)."""
    from click.testing import CliRunner

    from docgen.faces.cli import cli

    data = tmp_path_factory.mktemp("nhieu-nguoi") / "data"
    shutil.copytree(ROOT / "data", data)
    tokens = {}
    for name, role in (("lan", "van_thu"), ("minh", "soan_thao")):
        result = CliRunner().invoke(cli, ["nguoi-dung", "them", name, "--vai-tro", role, "--so-dang-ky",
                                          str(data / REGISTER_FILE)], input="mat-khau-du-dai\nmat-khau-du-dai\n")
        assert result.exit_code == 0, result.output
        tokens[name] = result.output.strip().rsplit(" ", 1)[-1]
    listed = CliRunner().invoke(cli, ["nguoi-dung", "danh-sach", "--so-dang-ky", str(data / REGISTER_FILE)])
    assert listed.output.splitlines() == ["lan\tvăn thư", "minh\tsoạn thảo"]
    return data, tokens


def _as(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_a_drafter_cannot_void_a_number_and_the_log_shows_the_clerk_s_void(office):
    data, tokens = office
    with running_service(ServiceSettings(data_dir=data)) as client:
        anonymous = client.post("/api/kiem-tra", content=PLAN.read_text(encoding="utf-8"), headers=YAML)
        assert anonymous.status_code == 401 and "chưa đăng nhập" in anonymous.json()["loi"][0]["thong_bao"]
        assert client.get("/api/so", headers=_as("sai-ma")).status_code == 401

        reserved = client.post("/api/so/giu-cho", params={"co_quan": "BDVTU", "loai": "KH", "ngay": "01/6/2022",
                                                          "ghi_chu": "kế hoạch tháng 6"}, headers=_as(tokens["lan"]))
        assert reserved.status_code == 200 and reserved.json()["so"] == 1
        row = client.get("/api/so", headers=_as(tokens["minh"])).json()[0]["dong"]

        refused = client.post(f"/api/so/{row}/huy", params={"ghi_chu": "thử"}, headers=_as(tokens["minh"]))
        assert refused.status_code == 403
        (problem,) = refused.json()["loi"]
        assert problem["thong_bao"] == "người dùng 'minh' (soạn thảo) không được hủy số; việc này cần vai trò văn thư"
        assert client.get("/api/so", headers=_as(tokens["lan"])).json()[0]["trang_thai"] == "giữ chỗ"
        drafter_reserve = client.post("/api/so/giu-cho", params={"co_quan": "BDVTU", "loai": "KH", "ngay": "01/6/2022"},
                                      headers=_as(tokens["minh"]))
        assert drafter_reserve.status_code == 403

        voided = client.post(f"/api/so/{row}/huy", params={"ghi_chu": "kế hoạch không ban hành"}, headers=_as(tokens["lan"]))
        assert voided.status_code == 200 and voided.json()["trang_thai"] == "đã hủy"

        log = client.get("/api/so/nhat-ky", headers=_as(tokens["minh"])).json()
        assert [(e["nguoi"], e["hanh_dong"], e["so_ky_hieu"], e["ly_do"]) for e in log] == [
            ("lan (văn thư)", "giữ chỗ", "01-KH/BDVTU (nhiệm kỳ 2020-2025)", "kế hoạch tháng 6"),
            ("lan (văn thư)", "hủy số", "01-KH/BDVTU (nhiệm kỳ 2020-2025)", "kế hoạch không ban hành"),
        ]


def test_a_drafter_checks_and_previews_but_only_a_clerk_draws_a_number(office):
    data, tokens = office
    text = PLAN.read_text(encoding="utf-8").replace("so: 66", "so: auto")
    with running_service(ServiceSettings(data_dir=data)) as client:
        login = client.post("/api/dang-nhap", json={"ten": "minh", "mat_khau": "mat-khau-du-dai"})
        assert login.status_code == 200 and login.json()["vai_tro"] == "soan_thao"
        drafter = _as(login.json()["ma_truy_cap"])
        assert client.post("/api/dang-nhap", json={"ten": "minh", "mat_khau": "sai"}).status_code == 401
        assert client.post("/api/kiem-tra", content=PLAN.read_text(encoding="utf-8"), headers={**YAML, **drafter}).status_code == 200
        assert client.post("/api/tao", content=PLAN.read_text(encoding="utf-8"), headers={**YAML, **drafter}).status_code == 200
        final = client.post("/api/tao", params={"ma_van_ban": "kh-6"}, content=text, headers={**YAML, **drafter})
        assert final.status_code == 403 and "tạo văn bản chính thức" in final.json()["loi"][0]["thong_bao"]
        clerk = client.post("/api/tao", params={"ma_van_ban": "kh-6"}, content=text, headers={**YAML, **_as(tokens["lan"])})
        assert clerk.status_code == 200
        drawn = [e for e in client.get("/api/so/nhat-ky", headers=drafter).json() if e["hanh_dong"] == "cấp số"]
        # drawn inside a render worker, logged as drawn by the clerk who asked, not the service's account
        assert [(e["nguoi"], e["so_ky_hieu"], e["ly_do"]) for e in drawn] == [
            ("lan (văn thư)", "02-KH/BDVTU (nhiệm kỳ 2020-2025)", "van-ban-web/kh-6.yaml")]


def test_without_accounts_the_local_service_stays_single_user_and_an_open_one_refuses(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    with running_service(ServiceSettings(data_dir=data)) as client:
        reserved = client.post("/api/so/giu-cho", params={"co_quan": "BDVTU", "loai": "KH", "ngay": "01/6/2022"})
        assert reserved.status_code == 200
        assert client.post("/api/so/1/huy", params={"ghi_chu": "nhầm"}).status_code == 200
        (entry,) = [e for e in client.get("/api/so/nhat-ky").json() if e["hanh_dong"] == "hủy số"]
        assert entry["nguoi"].endswith("(máy này)") and entry["ly_do"] == "nhầm"
    with running_service(ServiceSettings(data_dir=data, host="0.0.0.0")) as client:
        refused = client.get("/api/so")
        assert refused.status_code == 401 and "nguoi-dung them" in refused.json()["loi"][0]["thong_bao"]


def test_passwords_and_tokens_are_kept_hashed_and_the_cli_prints_the_log(office, run_cli):
    import sqlite3

    data, tokens = office
    with sqlite3.connect(data / REGISTER_FILE) as db:
        passwords = [row[0] for row in db.execute("SELECT mat_khau FROM nguoi_dung")]
        stored = [row[0] for row in db.execute("SELECT bam FROM ma_truy_cap")]
    assert passwords and all(p.startswith("$argon2id$") and "mat-khau-du-dai" not in p for p in passwords)
    assert tokens["lan"] not in stored and len(stored[0]) == 64
    short = run_cli("nguoi-dung", "them", "an", "--vai-tro", "van_thu", "--so-dang-ky", data / REGISTER_FILE, "--mat-khau", "ngan")
    assert short.exit_code != 0 and "ít nhất 8 ký tự" in short.output
    log = run_cli("so", "nhat-ky", "--so-dang-ky", data / REGISTER_FILE)
    assert log.exit_code == 0 and "lan (văn thư)\thủy số\t01-KH/BDVTU (nhiệm kỳ 2020-2025)\tkế hoạch không ban hành" in log.output
