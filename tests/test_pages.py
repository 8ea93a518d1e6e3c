"""The printed page, as a văn thư sees it: every example and the header and signature of every
body in the organisation lists, rendered, turned into PDF by LibreOffice and read back line by
line. No line may end inside a số và ký hiệu, a date or a listed phrase; each line docgen placed
in the header, the title and the signatures must be printed as one line (the widths docgen
measured agree with the page); the signature must share its page with Nơi nhận and with text."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import docx
import pytest
from ruamel.yaml import YAML

from docgen.core import Core, Settings
from docgen.document.load import NON_PARTY_KINDS
from docgen.docx.view import DocumentView
from docgen.pdf.converter import PdfConverter
from docgen.pdf.pages import line_faults, pdf_lines, signature_faults
from docgen.rules.lines import NB_HYPHEN
from tests.conftest import CATALOGS, EXAMPLES, ORGANISATIONS, ROOT

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and pdftotext are not installed: "
           "apt-get install libreoffice-writer-nogui python3-uno poppler-utils fonts-liberation2")

NATIONAL = ROOT / "docgen" / "bundled" / "to-chuc-quoc-gia.yaml"
DAY = dt.date(2026, 3, 2)
HEADS = {"cap-uy": ("T/M", "Ban Thường vụ", "Bí thư"), "uy-ban-kiem-tra": ("T/M", "Ủy ban Kiểm tra", "Chủ nhiệm"),
         "dang-doan": ("T/M", "Đảng đoàn", "Bí thư"), "ban-can-su": ("T/M", "Ban Cán sự đảng", "Bí thư"),
         "luc-luong-vu-trang": ("K/T", "Chỉ huy trưởng", "Phó Chỉ huy trưởng"),
         "cong-an": ("K/T", "Giám đốc", "Phó Giám đốc")}


@pytest.fixture(scope="module")
def converter():
    made = PdfConverter(slots=1, timeout=120)
    yield made
    made.close()


def _placed_lines(document) -> list[str]:
    """Returns the lines docgen placed — in the header, the title and trích yếu, and the
    signature block — each as it must be printed (a break docgen placed splits a paragraph)."""
    view = DocumentView(document)
    tables = view.header_tables + [view.tables[len(view.header_tables)]]
    paragraphs = [p for t in tables for row in t.rows for c in row.cells for p in c.paragraphs]
    paragraphs += [p for p in (view.title, view.summary) if p is not None and view.has_title]
    lines = []
    for paragraph in paragraphs:
        if paragraph.text.strip() and not paragraph.text.startswith(("Nơi nhận", "- ", "{%")):
            lines += [" ".join(part.replace(NB_HYPHEN, "-").split()) for part in paragraph.text.split("\n")]
    return list(dict.fromkeys(line for line in lines if line))


def _page_problems(raw: bytes, converter: PdfConverter, name: str, phrases: tuple[str, ...] = ()) -> list[str]:
    document = docx.Document(__import__("io").BytesIO(raw))
    printed = pdf_lines(converter.convert(raw, name))
    texts = {line.text for line in printed}
    problems = line_faults(printed, phrases)
    problems += [f"dòng «{line}» không được in thành một dòng" for line in _placed_lines(document) if line not in texts]
    view = DocumentView(document)
    # the signature shares its page with Nơi nhận, and beside it (one body) starts level with it
    problems += signature_faults(printed, view.signature_first_line(), level=view.signature_beside_recipients() is not None)
    if view.has_title and view.summary is not None:   # no lone word on a line of the trích yếu
        lines = view.summary.text.split("\n")
        problems += [f"dòng trích yếu chỉ có một chữ: «{line}»" for line in lines if len(lines) > 1 and len(line.split()) < 2]
    return problems


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_prints_without_a_broken_line(path, converter):
    core = Core(Settings())
    raw = core.make(core.check(path))
    assert _page_problems(raw, converter, path.stem) == []


def _bodies() -> list[tuple[str, dt.date, object]]:
    """Returns every body of the organisation lists with a day its name is in force (2 March
    2026, or the last day of its last name) and that name."""
    found = []
    for source in (NATIONAL, ORGANISATIONS):
        for entry in YAML(typ="safe").load(source.read_text(encoding="utf-8"))["to_chuc"]:
            names = entry["ten_theo_thoi_ky"]
            last = names[-1]
            ends = last.get("den_ngay")
            day = DAY
            if ends:
                day_, month, year = (int(x) for x in str(ends).split("/"))
                day = min(DAY, dt.date(year, month, day_))
            found.append((entry["ma"], day, last))
    return found


def _signer(named: dict) -> dict:
    authority, principal, position = HEADS.get(named.get("loai"), (None, None, "Trưởng Ban"))
    signer = {"chuc_vu": f"{position} {named.get('ten_day_du') or named['ten']}", "ho_ten": "Nguyễn Văn An"}
    if authority:
        signer.update({"tham_quyen": authority, "thay_cho": principal})
    if authority == "T/M":
        signer["chuc_vu"] = position
    return signer


def _plan(parties: list[tuple[str, dt.date, dict]]) -> dict:
    day = min(p[1] for p in parties)
    data = {"loai": "ke-hoach", "so": 12, "ngay": day.strftime("%d/%m/%Y"),
            "trich_yeu": "phối hợp thực hiện công tác dân vận năm 2026",
            "noi_dung": [{"tieu_de": "Nội dung", "noi_dung": ["Phối hợp tuyên truyền, vận động nhân dân."]}],
            "noi_nhan": ["Các cơ quan liên quan"], "luu": "Văn phòng"}
    if len(parties) == 1:
        data["co_quan"] = parties[0][0]
        data["ky"] = _signer(parties[0][2])
    else:
        codes: list[str] = []
        data["cac_ben"] = []
        for ref, _day, named in parties:
            entry = {"co_quan": ref, "ky": _signer(named)}
            code = named["ky_hieu"]
            if code in codes:
                entry["ky_hieu"] = f"{code}{len(codes) + 1}"
            codes.append(entry.get("ky_hieu", code))
            data["cac_ben"].append(entry)
    return data


def _render_all(datas: list[dict], tmp_path: Path) -> list[tuple[str, bytes]]:
    core = Core(Settings(organisations=ORGANISATIONS, catalogs=(CATALOGS,)))
    made = []
    for i, data in enumerate(datas):
        path = tmp_path / f"van-ban-{i}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        made.append((path.stem, core.make(core.check(path))))
    return made


def test_every_body_header_and_signature_prints_whole(converter, tmp_path):
    """Each body alone (its header in the issuer's column, its head's title beside Nơi nhận), and
    each with the next body of the list in a joint plan (the narrowest header columns; signature
    titles with the body's full name)."""
    bodies = _bodies()
    datas = [_plan([b]) for b in bodies]
    same_day = {}
    for body in bodies:
        same_day.setdefault(body[1], []).append(body)
    for group in same_day.values():   # a Party body leads a joint document (docgen.document.load)
        leads = [b for b in group if b[2].get("loai") not in NON_PARTY_KINDS]
        others = [b for b in group if b[2].get("loai") in NON_PARTY_KINDS]
        partners = others + leads[len(leads) // 2:]
        for lead, partner in zip(leads[:len(leads) // 2] + leads[len(leads) // 2:], partners, strict=False):
            if lead is not partner:
                datas.append(_plan([lead, partner]))
    problems = []
    for name, raw in _render_all(datas, tmp_path):
        problems += [f"{name}: {p}" for p in _page_problems(raw, converter, name)]
    assert problems == []


def test_lint_reads_the_printed_pages(run_cli, tmp_path):
    """`docgen lint --trang` finds, on the page LibreOffice sets, a symbol broken at its hyphen
    in a document typed the old way, and nothing in docgen's own."""
    from docgen.docx.inspect import all_paragraphs

    mine = tmp_path / "cua-docgen.docx"
    assert run_cli("render", EXAMPLES[0], "-o", mine).exit_code == 0
    result = run_cli("lint", "--trang", mine)
    assert "[trang-in]" not in result.output
    document = docx.Document(str(mine))
    paragraph = next(p for where, p in all_paragraphs(document) if where == "body" and len(p.text) > 200)
    words = "Căn cứ chức năng, nhiệm vụ được giao, các cơ quan phối hợp triển khai thực hiện nghiêm túc, hiệu quả"
    for run in paragraph.runs[1:]:
        run.text = ""
    typed = tmp_path / "go-tay.docx"
    for tail in range(0, 40):   # move the symbol along the line until the page breaks it at its hyphen
        paragraph.runs[0].text = f"{words}{' x' * tail} Kế hoạch số 153-KH/BTGDVTU-BCHQST-CAT-BCHBP của Ban."
        document.save(str(typed))
        result = run_cli("lint", "--trang", typed)
        if "[trang-in]" in result.output:
            break
    assert "[trang-in] trang 1: xuống dòng giữa" in result.output, result.output
