"""The HTTP service, started for real on loopback: routes, the JSON error shape shared with the
CLI, bad requests, PDF, and a bounded load test."""
from __future__ import annotations

import io
import shutil
import statistics
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import docx
import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.conftest import ROOT

PLAN = ROOT / "data" / "examples" / "ke-hoach-khao-sat-llvt-binh-phuoc-2022.yaml"
PROBLEM_KEYS = {"tep", "dong", "cot", "truong", "vi_tri", "quy_tac", "muc_do", "thong_bao", "yeu_cau", "nguon"}


def test_page_and_kinds(server):
    client, _ = server
    page = client.get("/")
    assert page.status_code == 200 and 'lang="vi"' in page.text and "Tải .docx" in page.text
    assert [k["loai"] for k in client.get("/api/loai").json()][:2] == ["ke-hoach", "chuong-trinh-phoi-hop"]
    assert "cac_ben" in client.get("/api/loai/ke-hoach/schema").json()["properties"]
    assert client.get("/api/loai/ke-hoach/mau").text.startswith("# ")


def test_openapi_is_published(server):
    client, _ = server
    spec = client.get("/openapi.json").json()
    assert {"/api/tao", "/api/kiem-tra", "/api/lint", "/api/trich-dan", "/api/so"} <= set(spec["paths"])


def test_check_and_render_docx(server):
    client, _ = server
    text = PLAN.read_text(encoding="utf-8")
    assert client.post("/api/kiem-tra", content=text, headers={"Content-Type": "text/yaml"}).json() == \
        {"hop_le": True, "canh_bao": []}
    answer = client.post("/api/tao", content=text, headers={"Content-Type": "text/yaml"})
    assert answer.status_code == 200 and 'filename="ke-hoach-66-KH-BDVTU.docx"' in answer.headers["content-disposition"]
    document = docx.Document(io.BytesIO(answer.content))
    assert document.paragraphs[0].text == "KẾ HOẠCH"


def test_errors_have_the_cli_shape_and_positions(server):
    client, _ = server
    text = PLAN.read_text(encoding="utf-8").replace("ngay: 06/5/2022", "ngay: 30/02/2022")
    answer = client.post("/api/kiem-tra", content=text, headers={"Content-Type": "text/yaml"})
    assert answer.status_code == 422
    (problem,) = answer.json()["loi"]
    assert set(problem) == PROBLEM_KEYS
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.startswith("ngay:"))
    assert problem["truong"] == "ngay" and problem["dong"] == line and "không có ngày 30" in problem["thong_bao"]


def test_bad_requests_get_clear_4xx_and_the_server_keeps_serving(server):
    client, _ = server
    malformed = client.post("/api/kiem-tra", content='{"loai": "ke-hoach", "so": ', headers={"Content-Type": "application/json"})
    assert malformed.status_code == 422 and "cú pháp" in malformed.json()["loi"][0]["thong_bao"]
    huge = client.post("/api/tao", content=b"a" * (50 * 1024 * 1024), headers={"Content-Type": "text/yaml"})
    assert huge.status_code == 413 and "quá lớn" in huge.json()["loi"][0]["thong_bao"]
    unknown = client.post("/api/kiem-tra", content="loai: bien-ban\n", headers={"Content-Type": "text/yaml"})
    assert unknown.status_code == 422 and unknown.json()["loi"][0]["truong"] == "loai"
    assert client.get("/api/loai/bien-ban/schema").status_code == 404
    not_zip = client.post("/api/lint", files={"tep": ("x.docx", b"not a zip", DOCX_TYPE)})
    assert not_zip.status_code == 422 and "không phải tệp Word" in not_zip.json()["loi"][0]["thong_bao"]
    empty = client.post("/api/tao", content=b"", headers={"Content-Type": "text/yaml"})
    assert empty.status_code == 422
    assert client.get("/api/loai").status_code == 200


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_lint_an_uploaded_document(server):
    client, _ = server
    made = client.post("/api/tao", content=PLAN.read_text(encoding="utf-8"), headers={"Content-Type": "text/yaml"})
    answer = client.post("/api/lint", files={"tep": ("ke-hoach.docx", made.content, DOCX_TYPE)})
    assert answer.status_code == 200 and answer.json() == {"ho_so": "hd36-2018", "loi": 0, "ket_qua": []}


def test_import_an_uploaded_document_into_data(server):
    """A .docx uploaded to /api/nhap comes back as the data of its kind (and as a YAML data
    file), which the service checks and renders to the same text."""
    client, _ = server
    made = client.post("/api/tao", content=PLAN.read_text(encoding="utf-8"), headers={"Content-Type": "text/yaml"})
    answer = client.post("/api/nhap", files={"tep": ("ke-hoach.docx", made.content, DOCX_TYPE)})
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert found["loai"] == "ke-hoach" and found["du_lieu"]["so"] == 66 and found["yaml"].lstrip().startswith(("#", "loai"))
    again = client.post("/api/tao", content=found["yaml"].encode("utf-8"), headers={"Content-Type": "text/yaml"})
    assert again.status_code == 200, again.text
    texts = [[p.text for p in docx.Document(io.BytesIO(raw)).paragraphs] for raw in (made.content, again.content)]
    assert texts[0] == texts[1]
    broken = client.post("/api/nhap", files={"tep": ("x.docx", b"not a zip", DOCX_TYPE)})
    assert broken.status_code == 422 and "không phải" in broken.text


def test_citations(server):
    client, _ = server
    found = client.get("/api/trich-dan", params={"tim": "quy che dan van"}).json()
    assert [f["so_ky_hieu"] for f in found] == ["23-QĐ/TW", "290-QĐ/TW"]
    one = client.get("/api/trich-dan/290-QĐ/TW").json()
    assert one["bi_thay_the_boi"] == "23-QĐ/TW"
    assert client.get("/api/trich-dan/999-QĐ/TW").status_code == 404


def _number(content: bytes) -> str:
    return docx.Document(io.BytesIO(content)).tables[0].rows[0].cells[0].paragraphs[-1].text


def test_auto_numbers_saved_documents_and_the_register(server):
    client, data = server
    text = PLAN.read_text(encoding="utf-8").replace("so: 66", "so: auto")
    yaml = {"Content-Type": "text/yaml"}
    refused = client.post("/api/tao", content=text, headers=yaml)
    assert refused.status_code == 422 and refused.json()["loi"][0]["truong"] == "so"
    first = client.post("/api/tao", params={"luu": True, "ma_van_ban": "van-ban-a"}, content=text, headers=yaml)
    assert first.status_code == 200 and _number(first.content) == "Số 01-KH/BDVTU"
    other = client.post("/api/tao", params={"luu": True, "ma_van_ban": "van-ban-b"}, content=text, headers=yaml)
    assert _number(other.content) == "Số 02-KH/BDVTU"              # another document, the next number
    again = client.post("/api/tao", params={"ma_van_ban": "van-ban-a"}, content=text, headers=yaml)
    assert again.content == first.content                          # the same document keeps its number
    saved = {s["ma_van_ban"]: s for s in client.get("/api/van-ban").json()}
    assert saved["van-ban-a"]["so_ky_hieu"] == "01-KH/BDVTU" and saved["van-ban-b"]["so_ky_hieu"] == "02-KH/BDVTU"
    assert client.get(f"/api/van-ban/{saved['van-ban-a']['ten']}").text == text
    reserved = client.post("/api/so/giu-cho", params={"co_quan": "BDVTU", "loai": "KH", "ngay": "01/6/2022"}).json()
    assert reserved == {"so": 3, "ky_danh_so": "nhiệm kỳ 2020-2025"}
    rows = client.get("/api/so").json()
    assert [(r["so"], r["trang_thai"]) for r in rows] == [(1, "đã cấp"), (2, "đã cấp"), (3, "giữ chỗ")]
    assert client.post(f"/api/so/{rows[2]['dong']}/huy").json()["trang_thai"] == "đã hủy"


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and pdftotext are not installed: "
                           "apt-get install libreoffice-writer-nogui poppler-utils fonts-liberation2")
def test_pdf_has_the_pages_and_the_text(server, tmp_path):
    client, _ = server
    answer = client.post("/api/tao", params={"dinh_dang": "pdf"}, content=PLAN.read_text(encoding="utf-8"),
                         headers={"Content-Type": "text/yaml"})
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(answer.content)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert int(next(l.split()[-1] for l in info.splitlines() if l.startswith("Pages:"))) >= 3
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "KẾ HOẠCH" in text and "Số 66-KH/BDVTU" in text and "Nơi nhận:" in text


def test_bounded_load_has_no_failures(server, capsys):
    """300 requests, 8 at a time, on loopback: checks and .docx renders; prints latency percentiles."""
    client, _ = server
    text = PLAN.read_text(encoding="utf-8")
    base = str(client.base_url)

    def one(i: int) -> tuple[int, float]:
        path = "/api/tao" if i % 3 == 0 else "/api/kiem-tra"
        start = time.perf_counter()
        with httpx.Client(base_url=base, timeout=60) as own:
            status = own.post(path, content=text, headers={"Content-Type": "text/yaml"}).status_code
        return status, (time.perf_counter() - start) * 1000

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(one, range(300)))
    statuses = [s for s, _ in results]
    latencies = sorted(ms for _, ms in results)
    assert statuses.count(200) == 300, {s: statuses.count(s) for s in set(statuses)}
    p50, p95, p99 = (latencies[int(len(latencies) * q) - 1] for q in (0.5, 0.95, 0.99))
    with capsys.disabled():
        print(f"\nload test: 300 requests, 8 concurrent: p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms, "
              f"mean {statistics.mean(latencies):.0f} ms")


def one_error_shape(ctx, response, case) -> None:
    """Every error answer is ``{"loi": [...]}`` with a Vietnamese message in each finding."""
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"loi"} and body["loi"], (response.status_code, body)
        assert all(f["thong_bao"] and f["muc_do"] == "loi" for f in body["loi"]), body


def test_no_request_the_openapi_document_allows_makes_the_server_fail(server):
    """schemathesis generates requests from /openapi.json for every operation; none may get a 5xx,
    and every error answer has the one shape."""
    client, _ = server
    schema = schemathesis.openapi.from_url(str(client.base_url).rstrip("/") + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12

    for operation in operations:
        @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def no_server_error(case):
            case.call_and_validate(checks=[not_a_server_error, one_error_shape])

        no_server_error()


CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


@pytest.mark.skipif(CHROMIUM is None or CHROMEDRIVER is None,
                    reason="Chromium and its driver are not installed: apt-get install chromium chromium-driver")
def test_the_page_in_a_real_browser(server, tmp_path):
    """A clerk's path: choose a kind, load the starter, see it valid, download the .docx, open it;
    then break the data and see the problem with its line."""

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.ui import WebDriverWait

    from tests.test_page_browser import _browser

    client, _ = server
    browser, downloads = _browser(tmp_path, (1280, 900))
    try:
        wait = WebDriverWait(browser, 60)
        browser.get(str(client.base_url))
        wait.until(lambda b: len(Select(b.find_element(By.ID, "loai")).options) >= 4)
        Select(browser.find_element(By.ID, "loai")).select_by_value("ke-hoach")
        browser.find_element(By.ID, "mau").click()
        wait.until(lambda b: b.find_element(By.ID, "trang-thai").text == "Hợp lệ")
        browser.execute_script(   # number from the register, so reopening must keep it
            "const e = document.getElementById('du-lieu'); e.value = e.value.replace(/^so: 1$/m, 'so: auto');"
            "e.dispatchEvent(new Event('input'));")
        wait.until(lambda b: "so: auto" in b.find_element(By.ID, "du-lieu").get_property("value"))
        wait.until(lambda b: b.find_element(By.ID, "trang-thai").text == "Hợp lệ")
        browser.find_element(By.ID, "tai-docx").click()
        wait.until(lambda b: [p for p in downloads.glob("*.docx")])
        wait.until(lambda b: not list(downloads.glob("*.crdownload")))
        (downloaded,) = downloads.glob("*.docx")
        document = docx.Document(str(downloaded))
        assert document.paragraphs[0].text == "KẾ HOẠCH"
        assert document.tables[0].rows[0].cells[0].paragraphs[-1].text == "Số 01-KH/BTGDVTU"
        downloaded.unlink()
        browser.refresh()
        wait.until(lambda b: b.execute_script("return document.body.dataset.san") == "1")
        browser.find_element(By.ID, "tab-da-luu").click()
        wait.until(lambda b: any("Số 01-KH/BTGDVTU" in li.text for li in b.find_elements(By.CSS_SELECTOR, "#da-luu li")))
        saved = next(li for li in browser.find_elements(By.CSS_SELECTOR, "#da-luu li") if "Số 01-KH/BTGDVTU" in li.text)
        saved.find_element(By.XPATH, ".//button[text()='Mở']").click()
        wait.until(lambda b: b.find_element(By.ID, "trang-thai").text == "Hợp lệ")
        browser.find_element(By.ID, "tai-docx").click()
        wait.until(lambda b: list(downloads.glob("*.docx")) and not list(downloads.glob("*.crdownload")))
        (again,) = downloads.glob("*.docx")
        assert docx.Document(str(again)).tables[0].rows[0].cells[0].paragraphs[-1].text == "Số 01-KH/BTGDVTU"
        # the Word file read back into data ("Nhập từ Word"): the editor holds it, and it checks
        browser.execute_script("document.getElementById('du-lieu').value = '';")
        browser.find_element(By.ID, "nhap-word").send_keys(str(again))
        wait.until(lambda b: b.find_element(By.ID, "du-lieu").get_property("value").startswith(("loai: ke-hoach", "#")))
        assert "so: 1\n" in browser.find_element(By.ID, "du-lieu").get_property("value")
        wait.until(lambda b: b.find_element(By.ID, "trang-thai").text == "Hợp lệ")
        editor = browser.find_element(By.ID, "du-lieu")
        browser.execute_script(
            "arguments[0].value = arguments[0].value.replace(/^ngay: [0-9\\/]+/m, 'ngay: 31/02/2026');"
            "arguments[0].dispatchEvent(new Event('input'));", editor)
        wait.until(lambda b: b.find_element(By.ID, "trang-thai").text == "1 lỗi")
        problem = browser.find_element(By.CSS_SELECTOR, "#loi li").text
        assert problem.startswith("Lỗi dòng ") and "[ngay]" in problem and "không có ngày 31" in problem
    finally:
        browser.quit()


def test_a_flood_of_one_log_line_is_cut_to_a_few():
    """The service's loggers let through a few copies of one message per window, then say how
    many were left out (a full descriptor table once wrote 83 MB of the same line in 20 s)."""
    import logging

    from docgen.faces.server import RepeatedLogLimit

    logger = logging.getLogger("docgen-test-flood")
    logger.propagate = False
    kept: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            kept.append(record.getMessage())

    logger.addHandler(Keep())
    logger.addFilter(RepeatedLogLimit(burst=5, seconds=0.2))
    for _ in range(10_000):
        logger.error("accept() failed: Too many open files")
    logger.error("another message")
    assert kept.count("accept() failed: Too many open files") == 5 and "another message" in kept
    time.sleep(0.3)
    logger.error("accept() failed: Too many open files")
    assert kept[-1] == "accept() failed: Too many open files (bỏ qua 9995 dòng giống hệt trong 0.2 giây trước)"
