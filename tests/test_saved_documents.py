"""Saved documents with their versions in the register's database, through the real service on
both storage engines: save (a new version only when the text changes), list (search without
accents, newest first, archived hidden), versions, archive; the files saved before imported
once; two services on one database see the same documents."""
from __future__ import annotations

import io
import os
import shutil

import docx
import pytest

from docgen.faces.server import ServiceSettings
from tests.conftest import ROOT, running_service
from tests.test_server import PLAN

YAML = {"Content-Type": "text/yaml"}


@pytest.fixture
def office(tmp_path, engine):
    """A data folder, and the settings of a service on it using the engine's database."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    return data, ServiceSettings(data_dir=data, database=engine.url)


def test_versions_are_added_only_when_the_text_changes(office):
    data, settings = office
    text = PLAN.read_text(encoding="utf-8")
    with running_service(settings) as client:
        assert client.get("/api/van-ban").json() == []
        first = client.put("/api/van-ban/kh-khao-sat.yaml", content=text, headers=YAML)
        assert first.status_code == 200 and first.json() == {"ten": "kh-khao-sat.yaml", "phien_ban": 1}
        same = client.put("/api/van-ban/kh-khao-sat.yaml", content=text, headers=YAML)
        assert same.json() == {"ten": "kh-khao-sat.yaml", "phien_ban": 1}   # nothing changed: no new version
        changed = text.replace("khảo sát tình hình", "khảo sát lại tình hình")
        assert client.put("/api/van-ban/kh-khao-sat.yaml", content=changed, headers=YAML).json()["phien_ban"] == 2
        draft = "loai: ke-hoach\ntrich_yeu: [chưa xong\n"   # a draft that does not even parse is kept
        assert client.put("/api/van-ban/nhap-1.yaml", content=draft, headers=YAML).json()["phien_ban"] == 1

        assert client.get("/api/van-ban/kh-khao-sat.yaml").text == changed
        versions = client.get("/api/van-ban/kh-khao-sat.yaml/phien-ban").json()
        assert [v["phien_ban"] for v in versions] == [2, 1]
        assert [v["kich_thuoc"] for v in versions] == [len(changed.encode("utf-8")), len(text.encode("utf-8"))]
        assert all(v["nguoi"].endswith("(máy này)") and v["luc"] for v in versions)
        assert client.get("/api/van-ban/kh-khao-sat.yaml/phien-ban/1").text == text
        assert client.get("/api/van-ban/kh-khao-sat.yaml/phien-ban/2").text == changed

        listed = client.get("/api/van-ban").json()
        assert [d["ten"] for d in listed] == ["nhap-1.yaml", "kh-khao-sat.yaml"] or listed[0]["sua_luc"] == listed[1]["sua_luc"]
        plan = next(d for d in listed if d["ten"] == "kh-khao-sat.yaml")
        assert plan == {"ten": "kh-khao-sat.yaml", "ma_van_ban": "kh-khao-sat", "loai": "ke-hoach", "so_ky_hieu": None,
                        "ngay": "06/5/2022", "phien_ban": 2, "sua_luc": versions[0]["luc"], "nguoi_sua": versions[0]["nguoi"],
                        "trich_yeu": "khảo sát lại tình hình công tác dân vận trong các đơn vị lực lượng vũ trang tỉnh năm 2022",
                        "luu_tru": False}
        unparsed = next(d for d in listed if d["ten"] == "nhap-1.yaml")
        assert (unparsed["loai"], unparsed["trich_yeu"], unparsed["phien_ban"]) == (None, None, 1)
        # the search: every word, without accents or case, in the name, trích yếu or symbol
        assert [d["ten"] for d in client.get("/api/van-ban", params={"tim": "KHAO SAT luc luong"}).json()] == ["kh-khao-sat.yaml"]
        assert [d["ten"] for d in client.get("/api/van-ban", params={"tim": "nhap"}).json()] == ["nhap-1.yaml"]
        assert client.get("/api/van-ban", params={"tim": "khảo sát cấp xã"}).json() == []

        archived = client.post("/api/van-ban/nhap-1.yaml/luu-tru", json={"luu_tru": True})
        assert archived.json() == {"ten": "nhap-1.yaml", "luu_tru": True}
        assert [d["ten"] for d in client.get("/api/van-ban").json()] == ["kh-khao-sat.yaml"]
        assert [d["ten"] for d in client.get("/api/van-ban", params={"luu_tru": "true"}).json()] == ["nhap-1.yaml"]
        assert client.get("/api/van-ban/nhap-1.yaml").text == draft   # archived, still readable
        client.post("/api/van-ban/nhap-1.yaml/luu-tru", json={"luu_tru": False})
        assert len(client.get("/api/van-ban").json()) == 2
    assert not (data / "van-ban-web").exists()   # nothing is written as files any more


def test_errors_of_the_saved_documents_are_in_the_one_shape(office):
    _data, settings = office
    with running_service(settings) as client:
        client.put("/api/van-ban/mot.yaml", content="loai: ke-hoach\n", headers=YAML)
        checks = [
            (client.get("/api/van-ban/khong-co.yaml"), 404, "không có văn bản đã lưu tên 'khong-co.yaml'"),
            (client.get("/api/van-ban/mot.yaml/phien-ban/9"), 404, "không có phiên bản 9"),
            (client.get("/api/van-ban/khong-co.yaml/phien-ban"), 404, "không có văn bản"),
            (client.post("/api/van-ban/khong-co.yaml/luu-tru", json={"luu_tru": True}), 404, "không có văn bản"),
            (client.put("/api/van-ban/ten sai.txt", content="a: 1"), 422, "đường dẫn 'ten'"),
            (client.put("/api/van-ban/mot.yaml", content=b"loai: \xff\xfe"), 422, "không phải văn bản UTF-8"),
            (client.put("/api/van-ban/mot.yaml", content=b""), 422, "chưa gửi dữ liệu"),
            (client.put("/api/van-ban/mot.yaml", content=b"a" * (3 * 1024 * 1024)), 413, "quá lớn"),
            (client.post("/api/van-ban/mot.yaml/luu-tru", json={"luu_tru": "co le"}), 422, "luu_tru"),
        ]
        for answer, status, message in checks:
            assert answer.status_code == status, (answer.request.url, answer.text)
            assert list(answer.json()) == ["loi"] and message in answer.text, answer.text
        assert client.get("/api/van-ban/mot.yaml").text == "loai: ke-hoach\n"   # nothing of the refused saves


def test_files_saved_before_are_imported_once_and_kept(office):
    data, settings = office
    folder = data / "van-ban-web"
    folder.mkdir()
    old = PLAN.read_text(encoding="utf-8")
    (folder / "cu-1.yaml").write_text(old, encoding="utf-8")
    (folder / "cu-2.json").write_text('{"loai": "bao-cao", "trich_yeu": "sơ kết"}', encoding="utf-8")
    (folder / "ghi chu.txt").write_text("không phải văn bản", encoding="utf-8")
    os.utime(folder / "cu-1.yaml", (1_600_000_000, 1_600_000_000))
    with running_service(settings) as client:
        listed = client.get("/api/van-ban").json()
        assert [(d["ten"], d["phien_ban"], d["nguoi_sua"]) for d in listed] == [
            ("cu-2.json", 1, "(nhập từ tệp)"), ("cu-1.yaml", 1, "(nhập từ tệp)")]
        assert listed[1]["loai"] == "ke-hoach" and listed[1]["sua_luc"].startswith("2020-09-13")
        assert client.get("/api/van-ban/cu-1.yaml").text == old
        assert client.put("/api/van-ban/cu-1.yaml", content=old + "# sửa\n", headers=YAML).json()["phien_ban"] == 2
    with running_service(settings) as client:   # started again: the files are not imported a second time
        listed = client.get("/api/van-ban").json()
        assert [(d["ten"], d["phien_ban"]) for d in listed] == [("cu-1.yaml", 2), ("cu-2.json", 1)]
        assert client.get("/api/van-ban/cu-1.yaml").text == old + "# sửa\n"
        assert [v["phien_ban"] for v in client.get("/api/van-ban/cu-1.yaml/phien-ban").json()] == [2, 1]
    assert sorted(p.name for p in folder.iterdir()) == ["cu-1.yaml", "cu-2.json", "ghi chu.txt"]   # the files stay
    assert (folder / "cu-1.yaml").read_text(encoding="utf-8") == old


def test_a_final_render_saves_a_version_that_every_machine_sees(office, tmp_path):
    data, settings = office
    text = PLAN.read_text(encoding="utf-8").replace("so: 66", "so: auto")
    with running_service(settings) as client:
        made = client.post("/api/tao", params={"luu": True, "ma_van_ban": "kh-6"}, content=text, headers=YAML)
        assert made.status_code == 200, made.text
        again = client.post("/api/tao", params={"luu": True, "ma_van_ban": "kh-6"}, content=text, headers=YAML)
        assert again.status_code == 200
        (listed,) = client.get("/api/van-ban").json()
        assert (listed["ten"], listed["so_ky_hieu"], listed["phien_ban"]) == ("kh-6.yaml", "01-KH/BDVTU", 1)
    if settings.database is None:
        return   # another machine shares a PostgreSQL database; a SQLite file is one machine's
    other = tmp_path / "may-2" / "data"
    shutil.copytree(ROOT / "data", other)
    with running_service(ServiceSettings(data_dir=other, database=settings.database)) as client:
        (listed,) = client.get("/api/van-ban").json()
        assert (listed["ten"], listed["so_ky_hieu"]) == ("kh-6.yaml", "01-KH/BDVTU")
        assert client.get("/api/van-ban/kh-6.yaml").text == text


def test_a_plan_saved_on_the_page_is_found_by_a_report(office, run_cli):
    """A final render saved from the page (``so: auto``, its number drawn in the engine's
    register) is a data file of the office too: a report names it by its symbol, and the
    data folder's index finds its number in the same register (the database's, when set)."""
    data, settings = office
    examples = data / "examples"
    (examples / "ke-hoach-phoi-hop-vdqc-ninh-binh-2019.yaml").unlink()   # its symbol is the one drawn below
    plan = (ROOT / "data/examples/ke-hoach-phoi-hop-vdqc-ninh-binh-2019.yaml").read_text(encoding="utf-8")
    plan = plan.replace("\nso: 1\n", "\nso: auto\n")
    report = (ROOT / "data/examples/bao-cao-so-ket-ninh-binh-2019.yaml").read_text(encoding="utf-8")
    report = report.replace("  tep: ke-hoach-phoi-hop-vdqc-ninh-binh-2019.yaml", "  so_ky_hieu: 01-KH/BCĐ")
    assert "so_ky_hieu: 01-KH/BCĐ" in report
    with running_service(settings) as client:
        made = client.post("/api/tao", params={"luu": True, "ma_van_ban": "kh-ninh-binh"}, content=plan, headers=YAML)
        assert made.status_code == 200, made.text
        assert (data / "van-ban-web" / "kh-ninh-binh.yaml").read_text(encoding="utf-8") == plan
        answer = client.post("/api/tao", content=report, headers=YAML)
        assert answer.status_code == 200, answer.text
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(answer.content)).paragraphs)
    assert "Kế hoạch số 01-KH/BCĐ" in text
