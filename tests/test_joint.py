"""Jointly issued documents: header, joint symbol, one signature column per body, and errors."""
from __future__ import annotations

import copy
import json
import shutil
import subprocess

import docx
import pytest

from docgen.docx.inspect import row_flags, run_look, table_borders
from docgen.rules.signature import signature_grid
from tests.conftest import CATALOGS, ORGANISATIONS, ROOT, distinct_cells, header, load_yaml

EXAMPLES = ROOT / "data" / "examples"
TWO = EXAMPLES / "chuong-trinh-phoi-hop-anh-son-phuc-son-2016.yaml"
FOUR = EXAMPLES / "chuong-trinh-phoi-hop-llvt-nghe-an-2026.yaml"
PLAN = EXAMPLES / "ke-hoach-lien-tich-binh-phuoc-2022.yaml"


def _header_blocks(document) -> tuple[list[list[str]], str, object]:
    """Returns the bodies' blocks (their lines, breaks read as spaces), the number line and the
    party title's cell."""
    blocks, number = [], None
    _, cells, title = header(document)
    for cell in cells:
        lines = [" ".join(p.text.split()) for p in cell.paragraphs if p.text.strip()]
        if lines[0].startswith("Số "):
            number = lines[0]
        else:
            blocks.append(lines)
    return blocks, number, title


def _signatures(document):
    """Returns the signature columns of a joint document as lists of their non-empty lines."""
    grid = document.tables[len(header(document)[0])]
    columns = []
    for cell in distinct_cells(grid):
        lines = [" ".join(p.text.split()) for p in cell.paragraphs if p.text]
        if lines:
            columns.append(lines)
    return grid, columns


@pytest.mark.parametrize("path, symbol, blocks", [
    (TWO, "Số 04-CTr/DV-ĐPS", [["HUYỆN ỦY ANH SƠN", "BAN DÂN VẬN", "*"], ["ĐỒN BIÊN PHÒNG PHÚC SƠN", "*"]]),
    (FOUR, "Số 02-CTr/BTGDVTU-BCHQST-CAT-BCHBP",
     [["TỈNH ỦY NGHỆ AN", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "*"], ["BỘ CHỈ HUY QUÂN SỰ TỈNH", "*"], ["CÔNG AN TỈNH", "*"],
      ["BỘ CHỈ HUY QUÂN SỰ TỈNH", "BAN CHỈ HUY BỘ ĐỘI BIÊN PHÒNG", "*"]]),
    (PLAN, "Số 07-KH/BDV-CA-QS-BP",
     [["TỈNH ỦY BÌNH PHƯỚC", "BAN DÂN VẬN", "*"], ["CÔNG AN TỈNH", "*"], ["BỘ CHỈ HUY QUÂN SỰ TỈNH", "*"],
      ["BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH", "*"]]),
])
def test_header_gives_each_body_its_own_block_lead_first(path, symbol, blocks, render_file):
    """Each co-issuer has its own block — its upper body, its name, its "*" — so that the police
    and the army do not read as parts of the Tỉnh ủy; two bodies stand side by side beside the
    party title, three or four in rows above the number and the party title."""
    document, _ = render_file(path)
    found, number, title = _header_blocks(document)
    assert found == blocks and number == symbol
    for table in header(document)[0]:
        for cell in distinct_cells(table):
            lines = [p for p in cell.paragraphs if p.text.strip() and p.text != "*"]
            if not lines or lines[0].text.startswith(("Số", "ĐẢNG CỘNG SẢN")):
                continue
            looks = [run_look(document, p, p.runs[0]).bold for p in lines]
            assert looks == [False] * (len(lines) - 1) + [True]   # the body's name bold, its upper body not
    assert title.paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"            # Party format throughout


def test_two_bodies_sign_side_by_side_lead_on_the_right(render_file):
    document, _ = render_file(TWO)
    grid, columns = _signatures(document)
    assert table_borders(grid)["insideV"] == "none"
    assert columns == [["ĐỒN TRƯỞNG ĐỒN BIÊN PHÒNG PHÚC SƠN", "Nguyễn Đình Nam"],
                       ["TRƯỞNG BAN DÂN VẬN HUYỆN ỦY", "Lê Văn Hùng"]]


def test_four_bodies_sign_in_a_grid_each_with_its_form(render_file):
    document, _ = render_file(FOUR)
    grid, columns = _signatures(document)
    assert columns == [
        ["K/T CHỈ HUY TRƯỞNG", "PHÓ CHỈ HUY TRƯỞNG BỘ CHỈ HUY QUÂN SỰ TỈNH", "Hoàng Văn Dũng"],
        ["TRƯỞNG BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY", "Trần Thị Bình"],
        ["CHỈ HUY TRƯỞNG BAN CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH", "Võ Minh Quang"],
        ["K/T GIÁM ĐỐC", "PHÓ GIÁM ĐỐC CÔNG AN TỈNH", "Phan Văn Thành"]]
    for cell in distinct_cells(grid):
        names = [p for p in cell.paragraphs if p.text]
        if names:
            assert run_look(document, names[-1], names[-1].runs[0]).bold


def test_three_bodies_sign_with_the_third_centred_on_its_row(render_file, tmp_path, run_cli):
    data = load_yaml(FOUR)
    data["cac_ben"] = data["cac_ben"][:3]
    data["to_chuc_thuc_hien"]["trach_nhiem"] = data["to_chuc_thuc_hien"]["trach_nhiem"][:3]
    data["trich_yeu"] = "phối hợp thực hiện công tác dân vận giai đoạn 2026 - 2030"
    source = tmp_path / "ba-ben.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "ba-ben.docx"
    result = run_cli("render", source, "-o", out, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    blocks, number, _ = _header_blocks(document)
    assert len(blocks) == 3 and number == "Số 02-CTr/BTGDVTU-BCHQST-CAT"
    assert len(document.tables[0].columns) == 3       # the three bodies in one row across the top
    grid, columns = _signatures(document)
    rows = [[c for c in row.cells] for row in grid.rows if any(c.text.strip() for c in row.cells)]
    assert len(rows) == 2
    alone = rows[1]
    assert alone[0]._tc is alone[1]._tc                # one cell across the row: the signer in the middle
    assert [" ".join(p.text.split()) for p in alone[0].paragraphs if p.text][-1] == "Phan Văn Thành"
    assert all(p.alignment == 1 for p in alone[0].paragraphs if p.text)


def test_joint_signature_block_is_built_to_stay_on_one_page(render_file):
    document, _ = render_file(FOUR)
    grid = document.tables[len(header(document)[0])]
    for i, row in enumerate(grid.rows):
        if not any(c.text.strip() for c in row.cells) or row.cells[0].text.startswith("{%"):
            continue
        assert "cantSplit" in row_flags(grid, i)
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                assert paragraph.paragraph_format.keep_with_next, paragraph.text
    closing = [p for p in document.paragraphs if p.style.name == "Đoạn kết"]
    assert closing and document.styles["Đoạn kết"].paragraph_format.keep_with_next
    recipients = [p for p in document.paragraphs if p.text == "Nơi nhận:"]
    assert recipients, "Nơi nhận below the signatures"


def test_joint_lead_in_names_every_body(render_file):
    document, _ = render_file(PLAN)
    assert ("Ban Dân vận Tỉnh ủy, Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh và Bộ Chỉ huy Bộ đội Biên phòng tỉnh "
            "thống nhất ban hành Kế hoạch phối hợp thực hiện") in "\n".join(p.text for p in document.paragraphs)
    assert any(" ".join(p.text.split()).startswith("(Kèm theo Kế hoạch số 07-KH/BDV-CA-QS-BP, ngày 17/01/2022 của "
                                                   "Ban Dân vận Tỉnh ủy, ") for p in document.paragraphs)


def test_programme_parts_are_numbered_from_the_structure(render_file):
    document, _ = render_file(TWO)
    level1 = [p.text for p in document.paragraphs if p.style.name == "Mục cấp 1"]
    assert level1 == ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG PHỐI HỢP", "III. PHƯƠNG THỨC, CƠ CHẾ PHỐI HỢP",
                      "IV. TỔ CHỨC THỰC HIỆN"]
    level2 = [p.text for p in document.paragraphs if p.style.name == "Mục cấp 2"]
    assert "1. Ban Dân vận Huyện ủy Anh Sơn" in level2 and "2. Đồn Biên phòng Phúc Sơn" in level2
    closing = [p.text for p in document.paragraphs if p.style.name == "Đoạn kết"]
    assert closing == ["Chương trình này có hiệu lực kể từ ngày ký./."]


def _render_with_header(path, layout: str, run_cli, tmp_path):
    """Renders `path` under an office profile choosing the joint header `layout`."""
    profile = tmp_path / "van-phong.yaml"
    profile.write_text(f"extends: hd36-2018\nten: van-phong\nlien_tich:\n  tieu_de: {layout}\n", encoding="utf-8")
    data = load_yaml(path)
    data["ho_so"] = str(profile)
    source = tmp_path / "x.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "x.docx"
    assert run_cli("render", source, "-o", out, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS).exit_code == 0
    return docx.Document(str(out))


def test_side_by_side_header_is_selectable_in_the_profile(run_cli, tmp_path):
    document = _render_with_header(TWO, "canh_nhau", run_cli, tmp_path)
    first, second, right = document.tables[0].rows[0].cells   # the two bodies beside the party title
    assert [" ".join(p.text.split()) for p in first.paragraphs] == ["HUYỆN ỦY ANH SƠN", "BAN DÂN VẬN", "*"]
    assert [" ".join(p.text.split()) for p in second.paragraphs] == ["ĐỒN BIÊN PHÒNG PHÚC SƠN", "*"]
    assert right.paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert document.tables[0].rows[1].cells[0].paragraphs[0].text == "Số 04-CTr/DV-ĐPS"   # under both bodies


def test_stacked_header_is_selectable_in_the_profile(run_cli, tmp_path):
    document = _render_with_header(PLAN, "xep_chong", run_cli, tmp_path)
    left, right = document.tables[0].rows[0].cells
    assert [" ".join(p.text.split()) for p in left.paragraphs] == [
        "TỈNH ỦY BÌNH PHƯỚC", "BAN DÂN VẬN", "*", "CÔNG AN TỈNH", "*", "BỘ CHỈ HUY QUÂN SỰ TỈNH", "*",
        "BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH", "*", "Số 07-KH/BDV-CA-QS-BP"]
    assert right.paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"


def test_signature_grid_places_the_lead_on_its_side():
    assert signature_grid(["A", "B"], lead_right=True) == [("B", "A")]
    assert signature_grid(["A", "B"], lead_right=False) == [("A", "B")]
    assert signature_grid(["A", "B", "C"], lead_right=True) == [("B", "A"), (None, "C")]
    assert signature_grid(["A", "B", "C", "D"], lead_right=True) == [("B", "A"), ("D", "C")]


# ------------------------------------------------------------------------------------ bad data

def _check(data, tmp_path, run_cli):
    source = tmp_path / "x.json"
    source.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return run_cli("check", source, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)


def test_one_party_is_refused(tmp_path, run_cli):
    data = load_yaml(TWO)
    data["cac_ben"] = data["cac_ben"][:1]
    result = _check(data, tmp_path, run_cli)
    assert result.exit_code == 2
    assert "[cac_ben]" in result.output and "từ 2 đến 4 cơ quan; ở đây có 1" in result.output


def test_five_parties_are_refused(tmp_path, run_cli):
    data = load_yaml(FOUR)
    extra = copy.deepcopy(data["cac_ben"][1])
    extra["co_quan"] = "bdv-anh-son"
    data["cac_ben"].append(extra)
    result = _check(data, tmp_path, run_cli)
    assert result.exit_code == 2 and "ở đây có 5" in result.output


def test_repeated_code_is_refused(tmp_path, run_cli):
    data = load_yaml(PLAN)
    data["cac_ben"][2]["ky_hieu"] = "CA"
    result = _check(data, tmp_path, run_cli)
    assert result.exit_code == 2
    assert "[cac_ben[2].co_quan]" in result.output and "'CA' trùng với cơ quan thứ 2" in result.output


def test_party_without_a_signer_is_refused(tmp_path, run_cli):
    data = load_yaml(PLAN)
    del data["cac_ben"][3]["ky"]
    result = _check(data, tmp_path, run_cli)
    assert result.exit_code == 2 and "[cac_ben[3].ky]: thiếu trường bắt buộc 'ky'" in result.output


def test_joint_and_single_forms_together_are_refused(tmp_path, run_cli):
    data = load_yaml(PLAN)
    data["co_quan"] = "bdv-binh-phuoc"
    result = _check(data, tmp_path, run_cli)
    assert result.exit_code == 2 and "bỏ 'co_quan' và 'ky'" in result.output


def test_a_state_or_military_lead_is_refused(tmp_path, run_cli):
    data = load_yaml(PLAN)
    data["cac_ben"][0], data["cac_ben"][1] = data["cac_ben"][1], data["cac_ben"][0]
    result = _check(data, tmp_path, run_cli)
    assert result.exit_code == 2 and "[cac_ben[0].co_quan]" in result.output and "cơ quan của Đảng" in result.output


def test_responsibility_of_an_unknown_body_is_refused(tmp_path, run_cli):
    data = load_yaml(TWO)
    data["to_chuc_thuc_hien"]["trach_nhiem"][1]["ben"] = "BP"
    result = _check(data, tmp_path, run_cli)
    assert result.exit_code == 2
    assert "[to_chuc_thuc_hien.trach_nhiem[1].ben]: 'BP' không phải ký hiệu của cơ quan nào" in result.output


def test_bad_period_is_refused(tmp_path, run_cli):
    data = load_yaml(TWO)
    data["giai_doan"] = "2021 - 2016"
    result = _check(data, tmp_path, run_cli)
    assert result.exit_code == 2 and "[giai_doan]" in result.output and "năm cuối trước năm đầu" in result.output


# ------------------------------------------------------------------ pages, through LibreOffice

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) and pdftotext are not installed: "
                           "apt-get install libreoffice-writer-nogui poppler-utils fonts-liberation2")
def test_signature_block_never_splits_when_pushed_to_a_page_end(tmp_path, run_cli):
    """Grows the content one paragraph at a time so that the four-body signature grid meets the
    end of a page, and checks in the PDF that all four signers' lines stay on one page."""
    data = load_yaml(FOUR)
    filler = ("Các cơ quan, đơn vị tiếp tục quán triệt, triển khai thực hiện nghiêm túc các nội dung phối hợp, "
              "bảo đảm thường xuyên, thiết thực, hiệu quả.")
    names = ["Trần Thị Bình", "Hoàng Văn Dũng", "Phan Văn Thành", "Võ Minh Quang"]
    sources = []
    for extra in range(0, 40, 4):
        variant = copy.deepcopy(data)
        variant["muc_dich"] = variant["muc_dich"] + [filler] * extra
        source = tmp_path / f"bien-the-{extra:02d}.json"
        source.write_text(json.dumps(variant, ensure_ascii=False), encoding="utf-8")
        sources.append(source)
    out = tmp_path / "docx"
    assert run_cli("render", *sources, "-o", out, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS).exit_code == 0
    files = sorted(out.glob("*.docx"))
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
                    *map(str, files)], check=True, capture_output=True, timeout=300)
    pages_of_block = set()
    for docx_file in files:
        pdf = tmp_path / "pdf" / f"{docx_file.stem}.pdf"
        pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                               text=True).stdout.split("\f")
        holding = {i for i, page in enumerate(pages) for name in names if name in page}
        assert len(holding) == 1, f"{docx_file.name}: signers spread over pages {sorted(holding)}"
        page = pages[holding.pop()]
        assert "K/T GIÁM ĐỐC" in page and "K/T CHỈ HUY TRƯỞNG" in page and "Nơi nhận:" in page
        pages_of_block.add(len(pages))
    assert len(pages_of_block) > 1, "the variants never pushed the block onto a new page; widen the range"
