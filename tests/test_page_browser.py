"""The clerks' page in a real Chromium (Selenium, the system's chromium and chromedriver): a
clerk's week walked with the mouse on a desktop, on a 390 × 844 phone and by keyboard alone.
Each step leaves a screenshot in output/browser-artefacts/<walk>/; axe-core (vendored in
tests/vendor/) runs on every screen; every request the browser makes must stay on the
service's origin (other hosts are unreachable: the browser resolves no other name)."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import time
import zipfile
from pathlib import Path

import docx
import pytest

from docgen.faces.server import ServiceSettings
from docgen.register import REGISTER_FILE
from tests.conftest import ROOT, running_service

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(CHROMIUM is None or CHROMEDRIVER is None,
                                reason="Chromium and its driver are not installed: apt-get install chromium chromium-driver")
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
ARTEFACTS = ROOT / "output" / "browser-artefacts"
PASSWORD = "mat-khau-du-dai"


@pytest.fixture
def office(tmp_path_factory):
    """The service over a fresh copy of the shipped data folder (each walk numbers from 01) with a
    văn thư (lan) and a soạn thảo (minh): the page must sign in."""
    from click.testing import CliRunner

    from docgen.faces.cli import cli

    data = tmp_path_factory.mktemp("van-phong-trang") / "data"
    shutil.copytree(ROOT / "data", data)
    for name, role in (("lan", "van_thu"), ("minh", "soan_thao")):
        result = CliRunner().invoke(cli, ["nguoi-dung", "them", name, "--vai-tro", role, "--so-dang-ky",
                                          str(data / REGISTER_FILE)], input=f"{PASSWORD}\n{PASSWORD}\n")
        assert result.exit_code == 0, result.output
    with running_service(ServiceSettings(data_dir=data)) as client:
        yield str(client.base_url).rstrip("/"), data


class Clerk:
    """Drives the page as a clerk does: with the mouse (`keyboard=False`) or with the
    keyboard alone (Tab to reach a control, Enter or Space to press it, typing to fill it)."""

    def __init__(self, browser, keyboard: bool, shots: Path, downloads: Path):
        from selenium.common.exceptions import StaleElementReferenceException
        from selenium.webdriver.support.ui import WebDriverWait

        self.b, self.keyboard, self.shots, self.downloads = browser, keyboard, shots, downloads
        # a list drawn again while it is read: read it again
        self.wait = WebDriverWait(browser, 60, ignored_exceptions=(StaleElementReferenceException,))
        self.step = 0
        self.asked = 0   # confirmations the page asked for while choosing
        self.axe_screens: dict[str, list] = {}

    # -- finding and using controls
    def el(self, css: str):
        from selenium.webdriver.common.by import By

        return self.b.find_element(By.CSS_SELECTOR, css)

    def button(self, text: str, within: str = "body"):
        """The visible button whose text starts with `text`."""
        from selenium.webdriver.common.by import By

        self.wait.until(lambda b: any(x.is_displayed() and x.text.startswith(text)
                                      for x in b.find_element(By.CSS_SELECTOR, within).find_elements(By.TAG_NAME, "button")))
        return next(x for x in self.b.find_element(By.CSS_SELECTOR, within).find_elements(By.TAG_NAME, "button")
                    if x.is_displayed() and x.text.startswith(text))

    def focus_by_tab(self, element, limit: int = 4000):
        """Presses Tab (from the current focus) until `element` has the focus."""
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        if self.b.execute_script("return document.activeElement && document.activeElement.id === 'du-lieu'"):
            ActionChains(self.b).send_keys(Keys.ESCAPE).perform()   # the YAML view keeps Tab until Esc
        # backwards when the control comes before the focus in the page's order
        before = self.b.execute_script(
            "const a = document.activeElement; return !!a && a !== document.body && "
            "!!(a.compareDocumentPosition(arguments[0]) & Node.DOCUMENT_POSITION_PRECEDING)", element)
        for _ in range(limit):
            if self.b.execute_script("return document.activeElement === arguments[0]", element):
                outline = self.b.execute_script(
                    "const s = getComputedStyle(arguments[0]); return s.outlineStyle + ' ' + s.outlineWidth", element)
                assert outline.split()[0] != "none" and outline.split()[1] != "0px", f"no visible focus on {element.tag_name}"
                return
            if before:
                ActionChains(self.b).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
            else:
                ActionChains(self.b).send_keys(Keys.TAB).perform()
        raise AssertionError(f"{element.get_attribute('outerHTML')[:120]} is not reachable with Tab")

    def press(self, element):
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        if self.keyboard and element.get_attribute("role") == "tab":
            # tabs: Tab reaches the selected one, the arrow keys move between them (and show them)
            self.focus_by_tab(self.b.execute_script(
                "return arguments[0].closest('[role=tablist]').querySelector('[aria-selected=true]')", element))
            for _ in range(6):
                if self.b.execute_script("return document.activeElement === arguments[0]", element):
                    break
                ActionChains(self.b).send_keys(Keys.ARROW_RIGHT).perform()
            assert element.get_attribute("aria-selected") == "true"
        elif self.keyboard:
            self.focus_by_tab(element)
            ActionChains(self.b).send_keys(Keys.ENTER).perform()
        else:
            self.b.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
            element.click()

    def fill(self, element, text: str):
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        if self.keyboard:
            self.focus_by_tab(element)
            ActionChains(self.b).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys(Keys.DELETE).perform()
            ActionChains(self.b).send_keys(text).perform()
        else:
            self.b.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
            element.clear()
            element.send_keys(text)

    def tick(self, box):
        """Checks a checkbox: Space on it, or a click."""
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        if self.keyboard:
            self.focus_by_tab(box)
            ActionChains(self.b).send_keys(Keys.SPACE).perform()
        else:
            self.b.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
            box.click()

    def saved_item(self, words: str):
        """The saved document whose line holds `words`, once listed."""
        return self.wait.until(lambda b: next((li for li in b.find_elements("css selector", "#da-luu li") if words in li.text), None))

    def item_button(self, item, text: str):
        return next(x for x in item.find_elements("tag name", "button") if x.text == text)

    def choose(self, select, value: str | None = None, text: str | None = None):
        from selenium.webdriver.common.keys import Keys
        from selenium.webdriver.support.select import Select

        if text is not None:
            value = next(o.get_attribute("value") for o in Select(select).options if o.text == text)
        if self.keyboard:
            self.focus_by_tab(select)
            values = [o.get_attribute("value") for o in Select(select).options]
            now = values.index(select.get_property("value"))
            key = Keys.ARROW_DOWN if values.index(value) > now else Keys.ARROW_UP
            for _ in range(abs(values.index(value) - now)):
                select.send_keys(key)
                if self._alert():   # the page asks before leaving unsaved edits
                    self.b.switch_to.alert.accept()
                    self.asked += 1
        else:
            Select(select).select_by_value(value)
            if self._alert():
                self.b.switch_to.alert.accept()
                self.asked += 1

    def accept_confirm(self):
        self.wait.until(lambda b: self._alert())
        self.b.switch_to.alert.accept()

    def _alert(self):
        from selenium.common.exceptions import NoAlertPresentException

        try:
            return self.b.switch_to.alert
        except NoAlertPresentException:
            return None

    def tab(self, name: str):
        self.press(self.button(name, "#cac-tab"))

    def status(self) -> str:
        return self.el("#trang-thai").text

    def yaml(self) -> str:
        return self.el("#du-lieu").get_property("value")

    def settle(self, ok=("Hợp lệ",)):
        """Waits for the check and preview of the current data; returns the status."""
        time.sleep(0.8)   # past the pause after typing
        self.wait.until(lambda b: self.status() and not self.status().startswith("Đang"))
        self.wait.until(lambda b: self.status().startswith(ok) or "lỗi" in self.status())
        return self.status()

    # -- what is kept of each step
    def shot(self, name: str):
        self.step += 1
        self.b.save_screenshot(str(self.shots / f"{self.step:02d}-{name}.png"))
        width = self.b.execute_script("return document.documentElement.scrollWidth")
        inner = self.b.execute_script("return window.innerWidth")
        assert width <= inner, f"{name}: the page scrolls sideways ({width} px in a {inner} px window)"
        self.axe(name)

    def axe(self, name: str):
        if not self.b.execute_script("return !!window.axe"):
            self.b.execute_script(AXE.read_text(encoding="utf-8"))
        result = self.b.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations)), e => done(String(e)));")
        violations = json.loads(result)
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
               if v["impact"] in ("serious", "critical")]
        self.axe_screens[name] = bad
        assert not bad, f"axe-core on '{name}': {bad}"

    def download(self, button_id: str, suffix: str) -> Path:
        for old in self.downloads.glob("*"):
            old.unlink()
        self.press(self.el(f"#{button_id}"))
        self.wait.until(lambda b: list(self.downloads.glob(f"*.{suffix}")) and not list(self.downloads.glob("*.crdownload")))
        (made,) = self.downloads.glob(f"*.{suffix}")
        return made


def _browser(tmp: Path, size: tuple[int, int]):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")
    downloads = tmp / "tai-ve"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-features=MediaRouter,OptimizationHints,Translate",
                 # the network cut off: no host name resolves, only the service's loopback address is reached
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                 f"--window-size={size[0]},{size[1]}", f"--user-data-dir={tmp / 'ho-so'}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    browser.set_window_size(*size)
    if size[0] < 500:   # a phone: the layout viewport is the window's width
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": True})
    return browser, downloads


def _requests(browser) -> list[str]:
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _broken_docx() -> bytes:
    """A Word file typed by hand with faults docgen's lint finds (fonts, sizes, margins)."""
    document = docx.Document()
    document.add_paragraph("ĐẢNG CỘNG SẢN VIỆT NAM")
    document.add_paragraph("Kế hoạch về việc tổ chức Tháng Dân vận")
    document.add_paragraph("1. Mục đích yêu cầu")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


WALKS = {"may-tinh": ((1280, 900), False), "dien-thoai": ((390, 844), False), "ban-phim": ((1280, 900), True)}


@pytest.mark.parametrize("walk", list(WALKS))
def test_a_clerks_week(office, tmp_path, walk):
    """A new plan from the form (organisation and citation from the pickers) → preview → .docx and
    .pdf; a report from that plan; a three-party programme; a draft reopened after a reload;
    a number voided by a văn thư and refused to a soạn thảo; a broken .docx linted."""
    base, data = office
    size, keyboard = WALKS[walk]
    shots = ARTEFACTS / walk
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    browser, downloads = _browser(tmp_path, size)
    clerk = Clerk(browser, keyboard, shots, downloads)
    try:
        browser.get(base + "/")
        clerk.wait.until(lambda b: b.execute_script("return document.body.dataset.san") == "1")
        clerk.shot("trang-dau")

        # signing in as the văn thư
        clerk.fill(clerk.el("#ten-dang-nhap"), "lan")
        clerk.fill(clerk.el("#mat-khau"), PASSWORD)
        clerk.press(clerk.button("Đăng nhập", "#dang-nhap"))
        clerk.wait.until(lambda b: "lan (văn thư)" in clerk.el("#ten-nguoi-dung").text)

        # 1. a new plan: the starter, the issuer and a governing document from the pickers
        clerk.choose(clerk.el("#loai"), "ke-hoach")
        clerk.press(clerk.el("#mau"))
        clerk.wait.until(lambda b: clerk.yaml().startswith("loai: ke-hoach"))
        assert "#" not in clerk.yaml()   # the starter's comments (command-line steps) are left out
        clerk.fill(clerk.el("#tim-to-chuc"), "dân vận nghệ an")
        clerk.wait.until(lambda b: "mã btgdv-nghe-an" in clerk.el("#ds-to-chuc").text)
        clerk.press(clerk.button("Chọn làm cơ quan ban hành", "#ds-to-chuc"))
        clerk.wait.until(lambda b: "co_quan: btgdv-nghe-an" in clerk.yaml())
        assert clerk.el('[data-schemapath="root.co_quan"] input').get_property("value") == "btgdv-nghe-an"
        clerk.choose(clerk.el('[data-schemapath="root.so"] select'), text="Số tự cấp (auto)")   # from the register
        clerk.wait.until(lambda b: "\nso: auto\n" in clerk.yaml())
        clerk.fill(clerk.el("#tim-trich-dan"), "399-QĐ/TW")
        clerk.wait.until(lambda b: "In là: Quy định số 399-QĐ/TW" in clerk.el("#ds-trich-dan").text)
        clerk.press(clerk.button("Thêm 399-QĐ/TW vào căn cứ", "#ds-trich-dan"))
        clerk.wait.until(lambda b: "- 399-QĐ/TW" in clerk.yaml())
        # a task table, typed in the form's YAML view, for the report later
        clerk.press(clerk.el("#xem-yaml"))
        editor = clerk.el("#du-lieu")
        if keyboard:
            clerk.focus_by_tab(editor)
            from selenium.webdriver.common.keys import Keys
            editor.send_keys(Keys.CONTROL, Keys.END)
        else:
            browser.execute_script("arguments[0].focus(); arguments[0].setSelectionRange(arguments[0].value.length, arguments[0].value.length)", editor)
        editor.send_keys("bang_nhiem_vu:\n  nhiem_vu:\n"
                         "    - ma: NV01\n      noi_dung: Tổ chức hội nghị triển khai\n      chu_tri: Văn phòng Ban\n"
                         "      thoi_gian: Tháng 10/2026\n")
        assert clerk.settle() == "Hợp lệ"
        clerk.wait.until(lambda b: b.find_elements("css selector", "#xem-truoc img"))
        assert clerk.el("#so-dong").text.split("\n")[:3] == ["1", "2", "3"]
        # the numbers scroll with the text: the line at the top of each is the same
        browser.execute_script("arguments[0].scrollTop = arguments[0].scrollHeight", editor)
        clerk.wait.until(lambda b: b.execute_script("return arguments[0].scrollTop > 0", editor))
        top = browser.execute_script("return [arguments[0].scrollTop, document.getElementById('so-dong').scrollTop]", editor)
        assert top[0] == top[1], top
        clerk.shot("ke-hoach-xem-truoc")
        clerk.press(clerk.el("#xem-bieu-mau"))
        made = clerk.download("tai-docx", "docx")
        plan = docx.Document(str(made))
        texts = [p.text for p in plan.paragraphs]
        assert texts[0] == "KẾ HOẠCH"
        assert any(t.startswith("- Căn cứ Quy định số 399-QĐ/TW, ngày 09/01/2026 của Ban Bí thư") for t in texts)
        header = " ".join(c.text for c in plan.tables[0].rows[0].cells)
        assert "BAN TUYÊN GIÁO VÀ DÂN VẬN" in header and "BTGDVTU" in header
        pdf = clerk.download("tai-pdf", "pdf")
        assert pdf.read_bytes().startswith(b"%PDF")
        clerk.shot("ke-hoach-da-tao")

        # 2. a report from that plan: its task pre-filled
        clerk.tab("Văn bản đã lưu")
        clerk.wait.until(lambda b: "Số 01-KH/BTGDVTU" in clerk.el("#da-luu").text)
        clerk.shot("da-luu")
        item = next(li for li in browser.find_elements("css selector", "#da-luu li") if "Số 01-KH/BTGDVTU" in li.text)
        clerk.press(next(x for x in item.find_elements("tag name", "button") if x.text == "Báo cáo từ văn bản này"))
        clerk.wait.until(lambda b: clerk.yaml().startswith("loai: bao-cao"))
        assert "ma: NV01" in clerk.yaml() and "bao_cao_ve:" in clerk.yaml()
        clerk.wait.until(lambda b: b.find_elements("css selector", '[data-schemapath="root.ket_qua_nhiem_vu.0.ma"] input'))
        assert clerk.el('[data-schemapath="root.ket_qua_nhiem_vu.0.ma"] input').get_property("value") == "NV01"
        assert clerk.settle() == "1 lỗi"   # the task's result is not yet written: shown at its field and line
        assert "Lỗi dòng " in clerk.el("#loi").text and "[ket_qua_nhiem_vu[0].hoan_thanh]" in clerk.el("#loi").text
        assert "Lỗi: " in clerk.el('[data-schemapath="root.ket_qua_nhiem_vu.0.hoan_thanh"]').text
        clerk.shot("bao-cao-loi")
        line = int(re.search(r"Lỗi dòng (\d+)", clerk.el("#loi").text).group(1))
        assert f"✗ {line}" in clerk.el("#so-dong").get_property("textContent").split("\n")
        clerk.press(clerk.button(f"(xem dòng {line})", "#loi"))   # to the line in the YAML view
        clerk.wait.until(lambda b: b.execute_script("return document.activeElement.id") == "du-lieu")
        selected = browser.execute_script("const e = document.activeElement; return e.value.slice(e.selectionStart, e.selectionEnd)")
        assert selected == clerk.yaml().split("\n")[line - 1] and "hoan_thanh" in selected
        clerk.shot("bao-cao-dong-loi")
        clerk.press(clerk.el("#xem-bieu-mau"))
        assert "kết quả thực hiện Kế hoạch số 01-KH/BTGDVTU" in clerk.yaml()   # the plan's number from the register
        clerk.fill(clerk.el('[data-schemapath="root.ket_qua.0.noi_dung.0"] input, [data-schemapath="root.ket_qua.0.noi_dung.0"] textarea'),
                   "Tổ chức hội nghị triển khai đúng kế hoạch.")
        shown = clerk.el("#bieu-mau").text   # the form library's own words are Vietnamese too
        assert not re.search(r"\b(item|switcher)\b", shown), shown
        yes_no = clerk.el('[data-schemapath="root.ket_qua_nhiem_vu.0.hoan_thanh"] select').find_elements("tag name", "option")
        assert [o.text.strip() for o in yes_no if o.text.strip()] == ["Có", "Không"]
        clerk.choose(clerk.el('[data-schemapath="root.ket_qua_nhiem_vu.0.hoan_thanh"] select'), text="Có")
        clerk.wait.until(lambda b: "hoan_thanh: true" in clerk.yaml())
        state = clerk.settle(("Hợp lệ", "Không có lỗi"))
        assert state.startswith(("Hợp lệ", "Không có lỗi")), clerk.el("#loi").text + clerk.yaml()
        clerk.shot("bao-cao")
        report = docx.Document(str(clerk.download("tai-docx", "docx")))
        assert report.paragraphs[0].text == "BÁO CÁO"

        # 3. a three-party programme: the starter's two parties and a third from the picker
        clerk.fill(clerk.el('[data-schemapath="root.ky_bao_cao"] input, [data-schemapath="root.ky_bao_cao"] textarea'), "quý IV năm 2026")
        clerk.wait.until(lambda b: "ky_bao_cao: quý IV năm 2026" in clerk.yaml())
        clerk.choose(clerk.el("#loai"), "chuong-trinh-phoi-hop")
        assert clerk.asked == 1   # an edit not saved: asked before it is replaced
        clerk.wait.until(lambda b: b.find_elements("css selector", '[data-schemapath="root.noi_dung_phoi_hop"]'))
        assert clerk.yaml() == ""
        clerk.press(clerk.el("#mau"))
        clerk.wait.until(lambda b: clerk.yaml().startswith("loai: chuong-trinh-phoi-hop"))
        clerk.fill(clerk.el("#tim-to-chuc"), "công an nghệ an")
        clerk.wait.until(lambda b: clerk.el("#ds-to-chuc").text.startswith("Công an tỉnh (CAT; mã ca-nghe-an)"))
        clerk.press(clerk.button("Thêm làm một bên liên tịch", "#ds-to-chuc"))
        clerk.wait.until(lambda b: "co_quan: ca-nghe-an" in clerk.yaml())
        clerk.wait.until(lambda b: b.find_elements("css selector", '[data-schemapath="root.cac_ben.2.ky.ho_ten"] input'))
        clerk.fill(clerk.el('[data-schemapath="root.cac_ben.2.ky.chuc_vu"] input'), "Giám đốc Công an tỉnh")
        clerk.fill(clerk.el('[data-schemapath="root.cac_ben.2.ky.ho_ten"] input'), "Lê Văn C")
        clerk.wait.until(lambda b: "ho_ten: Lê Văn C" in clerk.yaml())
        assert clerk.settle() == "Hợp lệ", clerk.el("#loi").text
        clerk.shot("chuong-trinh-ba-ben")
        programme = docx.Document(str(clerk.download("tai-docx", "docx")))
        cells = {c.text for t in programme.tables for r in t.rows for c in r.cells}
        assert any("Lê Văn C" in c for c in cells) and any("Trần Văn B" in c for c in cells)
        assert "CTr/BTGDVTU-BCHQST-CAT" in " ".join(cells)

        # a warning is labelled as one, and the status is not "Hợp lệ"
        summary = '[data-schemapath="root.trich_yeu"] textarea, [data-schemapath="root.trich_yeu"] input'
        clerk.fill(clerk.el(summary), "PHỐI HỢP BA BÊN")
        clerk.wait.until(lambda b: "trich_yeu: PHỐI HỢP BA BÊN" in clerk.yaml())
        assert clerk.settle(("Hợp lệ", "Không có lỗi")) == "Không có lỗi, 1 cảnh báo"
        assert clerk.el("#loi li.canh-bao").text.startswith("Cảnh báo dòng ") and "in hoa" in clerk.el("#loi").text
        assert "Cảnh báo: " in clerk.el('[data-schemapath="root.trich_yeu"]').text
        clerk.shot("canh-bao")

        # 4. a draft reopened after a reload
        clerk.fill(clerk.el(summary), "phối hợp ba bên bản nháp")
        clerk.wait.until(lambda b: "trich_yeu: phối hợp ba bên bản nháp" in clerk.yaml())
        browser.refresh()
        clerk.wait.until(lambda b: b.execute_script("return document.body.dataset.san") == "1")
        clerk.wait.until(lambda b: "trich_yeu: phối hợp ba bên bản nháp" in clerk.yaml())
        assert "mở lại" in clerk.el("#luu-nhap").text
        clerk.shot("ban-nhap-mo-lai")
        clerk.wait.until(lambda b: "Đã lưu bản nháp (phiên bản" in clerk.el("#luu-nhap").text)   # saved by itself

        # its versions: two compared, the first restored; search, archive, copy as a new draft
        clerk.tab("Văn bản đã lưu")
        clerk.fill(clerk.el("#tim-da-luu"), "ba ben")   # accents aside
        clerk.wait.until(lambda b: len(b.find_elements("css selector", "#da-luu li")) == 1)
        item = clerk.saved_item("phối hợp ba bên bản nháp")
        assert item.text.startswith("CHƯƠNG TRÌNH — ") and "01/12/2026" in item.text
        clerk.press(clerk.item_button(item, "Các phiên bản"))
        clerk.wait.until(lambda b: len(b.find_elements("css selector", ".chon-phien-ban")) >= 2)
        boxes = browser.find_elements("css selector", ".chon-phien-ban")
        clerk.tick(boxes[0])
        clerk.tick(boxes[-1])
        clerk.press(clerk.el("#so-sanh"))
        clerk.wait.until(lambda b: clerk.el("#khung-so-sanh").is_displayed())
        compared = clerk.el("#khung-so-sanh").get_attribute("srcdoc")
        assert "nháp" in compared and 'lang="vi"' in compared
        clerk.shot("so-sanh-phien-ban")
        first = boxes[-1].get_attribute("value")
        clerk.press(clerk.button(f"Khôi phục phiên bản {first}", "#phien-ban"))
        clerk.wait.until(lambda b: "trich_yeu: phối hợp thực hiện công tác dân vận" in clerk.yaml())
        assert f"Đã khôi phục phiên bản {first}" in clerk.el("#thong-bao-chung").text
        clerk.tab("Văn bản đã lưu")
        item = clerk.saved_item("CHƯƠNG TRÌNH")
        clerk.press(clerk.item_button(item, "Lưu trữ"))
        clerk.wait.until(lambda b: not b.find_elements("css selector", "#da-luu li button"))   # hidden from the list
        clerk.tick(clerk.el("#xem-luu-tru"))
        clerk.wait.until(lambda b: "đã lưu trữ" in clerk.saved_item("CHƯƠNG TRÌNH").text)
        clerk.tick(clerk.el("#xem-luu-tru"))
        clerk.fill(clerk.el("#tim-da-luu"), "thang dan van")
        item = clerk.saved_item("Số 01-KH/BTGDVTU")
        clerk.press(clerk.item_button(item, "Sao thành bản mới"))
        clerk.accept_confirm()   # the restored version is an edit not yet saved
        clerk.wait.until(lambda b: clerk.yaml().startswith("loai: ke-hoach") and "Đã sao thành một bản nháp mới" in clerk.el("#thong-bao-chung").text)
        assert "so: auto" in clerk.yaml()
        clerk.shot("sao-ban-moi")
        before = clerk.yaml()   # "Dữ liệu mẫu" asks before it replaces unsaved edits; "Hủy" keeps them
        clerk.press(clerk.el("#mau"))
        clerk.wait.until(lambda b: clerk._alert())
        assert "chưa lưu" in browser.switch_to.alert.text
        browser.switch_to.alert.dismiss()
        assert clerk.yaml() == before

        # 5. the register: two numbers reserved, one voided by the văn thư with a reason
        clerk.tab("Sổ văn bản đi")
        for reason in ("giữ cho tờ trình", "giữ cho công văn"):
            clerk.fill(clerk.el("#gc-co-quan"), "BTGDVTU")
            clerk.fill(clerk.el("#gc-loai"), "KH")
            clerk.fill(clerk.el("#gc-ngay"), "15/12/2026")
            clerk.fill(clerk.el("#gc-ghi-chu"), reason)
            clerk.press(clerk.button("Giữ chỗ", "#giu-cho"))
            clerk.wait.until(lambda b, r=reason: r in clerk.el("#bang-so").text)
        clerk.wait.until(lambda b: "03-KH/BTGDVTU" in clerk.el("#bang-so").text)
        clerk.shot("so")
        clerk.press(clerk.button("Hủy số 02-KH/BTGDVTU", "#bang-so"))
        clerk.wait.until(lambda b: clerk.el("#hoi-huy").is_displayed())
        clerk.fill(clerk.el("#ly-do-huy"), "trùng với tờ trình đã có số")
        clerk.shot("hoi-huy")
        clerk.press(clerk.el("#xac-nhan-huy"))
        clerk.wait.until(lambda b: "Đã hủy số 2" in clerk.el("#thong-bao-chung").text)
        clerk.wait.until(lambda b: "lý do: trùng với tờ trình đã có số" in clerk.el("#nhat-ky").text)
        assert "lan (văn thư)" in clerk.el("#nhat-ky").text
        clerk.shot("da-huy")
        clerk.fill(clerk.el("#loc-so"), "đã hủy")   # filtered, then exported as shown
        clerk.wait.until(lambda b: len(b.find_elements("css selector", "#bang-so tbody tr")) == 1)
        exported = clerk.download("xuat-so", "csv").read_text(encoding="utf-8-sig").splitlines()
        assert len(exported) == 2 and '"02-KH/BTGDVTU"' in exported[1] and '"đã hủy"' in exported[1]
        clerk.fill(clerk.el("#loc-so"), "")

        # ... and refused to the soạn thảo user, with the service's reason
        clerk.press(clerk.el("#dang-xuat"))
        clerk.wait.until(lambda b: clerk.el("#ten-dang-nhap").is_displayed())
        clerk.fill(clerk.el("#ten-dang-nhap"), "minh")
        clerk.fill(clerk.el("#mat-khau"), PASSWORD)
        clerk.press(clerk.button("Đăng nhập", "#dang-nhap"))
        clerk.wait.until(lambda b: "minh (soạn thảo)" in clerk.el("#ten-nguoi-dung").text)
        clerk.tab("Văn bản đã lưu")
        clerk.tab("Sổ văn bản đi")
        clerk.press(clerk.button("Hủy số 03-KH/BTGDVTU", "#bang-so"))
        clerk.wait.until(lambda b: clerk.el("#hoi-huy").is_displayed())
        clerk.fill(clerk.el("#ly-do-huy"), "thử hủy")
        clerk.press(clerk.el("#xac-nhan-huy"))
        clerk.wait.until(lambda b: "Không hủy được số" in clerk.el("#thong-bao-chung").text)
        assert "không được hủy số" in clerk.el("#thong-bao-chung").text
        assert "Hủy số 03-KH/BTGDVTU" in clerk.el("#bang-so").text   # still issued
        clerk.shot("huy-bi-tu-choi")

        # 6. a broken .docx uploaded to lint: its findings by place
        broken = tmp_path / "go-tay.docx"
        broken.write_bytes(_broken_docx())
        clerk.tab("Kiểm tra tệp Word")
        chooser = clerk.el("#tep-lint")
        if keyboard:
            clerk.focus_by_tab(chooser)   # a file chooser opens from the keyboard; the file is then named
        chooser.send_keys(str(broken))
        clerk.wait.until(lambda b: "go-tay.docx:" in clerk.el("#lint-tom-tat").text)
        assert " 0 lỗi" not in clerk.el("#lint-tom-tat").text
        assert browser.find_elements("css selector", "#lint-ket-qua .lint-nhom h3")
        clerk.shot("lint")
        not_word = tmp_path / "hong.docx"
        with zipfile.ZipFile(not_word, "w") as z:
            z.writestr("word/document.xml", "<w:document")
        chooser.send_keys(str(not_word))
        clerk.wait.until(lambda b: "Không kiểm tra được hong.docx" in clerk.el("#lint-tom-tat").text)
        assert clerk.el("#lint-ket-qua").text.strip()

        # the network cut off: nothing left the service's origin
        sent = _requests(browser)
        assert any(u.startswith(base + "/vendor/jsoneditor.js") for u in sent)   # the log does hold the page's requests
        outside = [u for u in sent if u.startswith(("http:", "https:", "ws:", "wss:", "ftp:")) and not u.startswith(base + "/")]
        assert not outside, outside
        assert not browser.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin + '/') && /^(https?|wss?):/.test(n))")
    finally:
        try:
            browser.save_screenshot(str(shots / "cuoi.png"))
        finally:
            browser.quit()
