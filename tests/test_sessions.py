"""Sessions of the page on the real service: a login that sets an HttpOnly SameSite=Strict cookie,
the CSRF token its changes need (double submit), logout; Bearer tokens without CSRF; a reverse
proxy's identity trusted only from its configured address, for users that exist locally."""
from __future__ import annotations

import shutil

import pytest

from docgen.accounts import Accounts
from docgen.faces.server import ServiceSettings
from docgen.register import REGISTER_FILE, Register
from tests.conftest import ROOT, running_service

PASSWORD = "mat-khau-du-dai"
RESERVE = {"co_quan": "BDVTU", "loai": "KH", "ngay": "01/6/2022"}


@pytest.fixture
def office(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    with Register.open(data / REGISTER_FILE) as register:
        accounts = Accounts(register.store)
        accounts.add("lan", "van_thu", PASSWORD)
        accounts.add("minh", "soan_thao", PASSWORD)
    return data


def test_a_page_session_needs_its_csrf_token_for_changes_and_ends_at_logout(office):
    with running_service(ServiceSettings(data_dir=office)) as client:
        login = client.post("/api/dang-nhap", json={"ten": "lan", "mat_khau": PASSWORD, "phien": True})
        assert login.status_code == 200, login.text
        cookie = login.headers["set-cookie"]
        assert cookie.startswith("docgen_phien=") and "HttpOnly" in cookie and "SameSite=strict" in cookie
        assert "Secure" not in cookie   # plain HTTP here; behind HTTPS the cookie is Secure
        body = login.json()
        assert set(body) == {"ten", "vai_tro", "csrf"} and body["vai_tro"] == "van_thu"   # no token the script could read
        session = client.get("/api/phien").json()   # the cookie alone identifies the page
        assert session == {"nguoi": "lan", "vai_tro": "van_thu", "csrf": body["csrf"]}

        refused = client.post("/api/so/giu-cho", params=RESERVE)
        assert refused.status_code == 403 and "X-CSRF-Token" in refused.json()["loi"][0]["thong_bao"]
        wrong = client.post("/api/so/giu-cho", params=RESERVE, headers={"X-CSRF-Token": "0" * 64})
        assert wrong.status_code == 403
        made = client.post("/api/so/giu-cho", params=RESERVE, headers={"X-CSRF-Token": body["csrf"]})
        assert made.status_code == 200 and made.json()["so"] == 1
        assert client.get("/api/so/nhat-ky").json()[-1]["nguoi"] == "lan (văn thư)"

        token = client.cookies["docgen_phien"]
        assert client.post("/api/dang-xuat").status_code == 403   # logging out is a change too
        out = client.post("/api/dang-xuat", headers={"X-CSRF-Token": body["csrf"]})
        assert out.status_code == 200 and "docgen_phien=" in out.headers["set-cookie"]
        assert "docgen_phien" not in client.cookies
        assert client.get("/api/phien").status_code == 401
        client.cookies.set("docgen_phien", token)   # the old cookie opens nothing any more
        assert client.get("/api/so").status_code == 401


def test_bearer_tokens_need_no_csrf_token(office):
    with running_service(ServiceSettings(data_dir=office)) as client:
        login = client.post("/api/dang-nhap", json={"ten": "lan", "mat_khau": PASSWORD}).json()
        assert set(login) == {"ma_truy_cap", "ten", "vai_tro"}
        headers = {"Authorization": f"Bearer {login['ma_truy_cap']}"}
        assert client.post("/api/so/giu-cho", params=RESERVE, headers=headers).status_code == 200
        assert client.post("/api/dang-xuat", headers=headers).status_code == 200
        assert client.get("/api/so", headers=headers).status_code == 401


def test_a_proxy_s_identity_is_trusted_only_from_its_address_and_for_local_users(office):
    trusted = ServiceSettings(data_dir=office, proxy_trusted=("127.0.0.1",), proxy_header="X-Nguoi-Dung")
    with running_service(trusted) as client:
        minh = {"X-Nguoi-Dung": "minh"}
        session = client.get("/api/phien", headers=minh).json()
        assert (session["nguoi"], session["vai_tro"]) == ("minh", "soan_thao") and session["csrf"]
        put = client.put("/api/van-ban/nhap.yaml", content="loai: ke-hoach\n", headers=minh)
        assert put.status_code == 403   # a browser's identity: changes need the CSRF token
        put = client.put("/api/van-ban/nhap.yaml", content="loai: ke-hoach\n", headers={**minh, "X-CSRF-Token": session["csrf"]})
        assert put.status_code == 200, put.text
        assert client.get("/api/van-ban/nhap.yaml/phien-ban", headers=minh).json()[0]["nguoi"] == "minh (soạn thảo)"
        other = client.get("/api/phien", headers={"X-Nguoi-Dung": "lan"}).json()
        assert other["csrf"] != session["csrf"]   # a token per user
        void = client.post("/api/so/1/huy", headers={**minh, "X-CSRF-Token": session["csrf"]})
        assert void.status_code == 403 and "soạn thảo" in void.json()["loi"][0]["thong_bao"]   # the role is the store's
        stranger = client.get("/api/phien", headers={"X-Nguoi-Dung": "khach"})
        assert stranger.status_code == 401 and "'khach'" in stranger.json()["loi"][0]["thong_bao"]
        assert client.get("/api/phien", headers={"X-Remote-User": "minh"}).status_code == 401   # another header: nothing
    untrusted = ServiceSettings(data_dir=office, proxy_trusted=("10.9.9.9",))
    with running_service(untrusted) as client:   # the header from an address that is not the proxy's
        assert client.get("/api/phien", headers={"X-Remote-User": "minh"}).status_code == 401


def test_without_accounts_the_local_page_has_no_login(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    with running_service(ServiceSettings(data_dir=data)) as client:
        assert client.get("/api/phien").json() == {"nguoi": None, "vai_tro": None, "csrf": None}
        assert client.put("/api/van-ban/mot.yaml", content="loai: ke-hoach\n").status_code == 200   # no CSRF, as before


def test_a_page_session_ends_after_a_working_day(office):
    with running_service(ServiceSettings(data_dir=office)) as client:
        login = client.post("/api/dang-nhap", json={"ten": "lan", "mat_khau": PASSWORD, "phien": True})
        assert "Max-Age=43200" in login.headers["set-cookie"]
        assert client.get("/api/phien").status_code == 200
        with Register.open(office / REGISTER_FILE) as register, register.store.transaction() as db:
            db.execute("UPDATE ma_truy_cap SET tao_luc = '2026-01-01T08:00:00'")   # made long ago
        assert client.get("/api/phien").status_code == 401
