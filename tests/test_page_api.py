"""The routes the clerks' page uses beyond the document API (docgen/faces/server/page_api.py),
on the real service: the organisation picker, the preview pages, a report from a saved plan,
the comparison of two drafts."""
from __future__ import annotations

import base64
import struct

from tests.conftest import ROOT

STARTER = (ROOT / "docgen" / "starters" / "ke-hoach.yaml").read_text(encoding="utf-8")


def test_organisations_are_named_as_on_the_documents_date(server):
    client, _ = server
    before = client.get("/api/to-chuc", params={"tim": "dan van binh phuoc", "ngay": "06/05/2022"}).json()
    assert {"ma": "bdv-binh-phuoc", "ten": "Ban Dân vận", "cap_tren": "Tỉnh ủy Bình Phước", "ten_day_du": "Ban Dân vận Tỉnh ủy",
            "ky_hieu": "BDVTU", "dia_danh": "Đồng Xoài"} in before
    after = client.get("/api/to-chuc", params={"tim": "dan van binh phuoc", "ngay": "01/12/2026"}).json()
    assert "bdv-binh-phuoc" not in [o["ma"] for o in after]   # merged and renamed in 2025
    wrong = client.get("/api/to-chuc", params={"tim": "x", "ngay": "31/02/2026"})
    assert wrong.status_code == 422 and wrong.json()["loi"][0]["truong"] == "ngay"


def test_preview_is_the_pages_as_images_and_draws_no_number(server):
    client, data = server
    numbered = STARTER.replace("\nso: 1 ", "\nso: auto ", 1)
    assert "so: auto" in numbered
    before = client.get("/api/so").json()
    answer = client.post("/api/xem-truoc", content=numbered.encode("utf-8"), headers={"Content-Type": "text/yaml"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["hop_le"] is True and body["canh_bao"] == [] and len(body["trang"]) == 1
    assert body["trang"][0].startswith("data:image/png;base64,")
    png = base64.b64decode(body["trang"][0].split(",", 1)[1])
    width, height = struct.unpack(">II", png[16:24])   # the IHDR chunk
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and 400 < width < height   # an A4 page, upright
    assert client.get("/api/so").json() == before                  # nothing drawn from the register
    broken = client.post("/api/xem-truoc", content=STARTER.replace("ngay: ", "ngay: 31/02/2026 #", 1).encode("utf-8"),
                         headers={"Content-Type": "text/yaml"})
    assert broken.status_code == 422 and broken.json()["loi"][0]["truong"] == "ngay" and broken.json()["loi"][0]["dong"]


def test_report_from_a_saved_plan_and_comparing_two_drafts(server):
    client, _ = server
    plan = STARTER.replace("# bang_nhiem_vu:", "bang_nhiem_vu:\n  nhiem_vu:\n    - ma: NV01\n      noi_dung: Hội nghị\n      chu_tri: Văn phòng\n      thoi_gian: Tháng 10\n#", 1)
    made = client.post("/api/tao", params={"luu": "true", "ma_van_ban": "ke-hoach-thu"}, content=plan.encode("utf-8"),
                       headers={"Content-Type": "text/yaml"})
    assert made.status_code == 200, made.text
    report = client.get("/api/van-ban/ke-hoach-thu.yaml/bao-cao")
    assert report.status_code == 200 and report.text.startswith("#") and "loai: bao-cao" in report.text
    assert "tep: ke-hoach-thu.yaml" in report.text and "ma: NV01" in report.text
    assert client.get("/api/van-ban/khong-co.yaml/bao-cao").status_code == 404
    changed = STARTER.replace("Tổ chức các hoạt động hướng về cơ sở", "Tổ chức nhiều hoạt động hướng về cơ sở")
    page = client.post("/api/so-sanh", json={"cu": STARTER, "moi": changed, "ten_cu": "Bản 1", "ten_moi": "Bản 2"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'lang="vi"' in page.text and "Bản 1" in page.text and "nhiều" in page.text
