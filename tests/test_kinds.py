"""The kinds of an office's week, each rendered from its starter and reopened: header, number,
title or its absence, Kính gửi, Điều numbering, numbered paragraphs; each lints clean. Also
one-year programmes and the citation forms."""
from __future__ import annotations

import copy
import json

import docx
import pytest

from docgen.core import Core, Settings
from docgen.document.kinds import KINDS
from tests.conftest import CATALOGS, ORGANISATIONS, ROOT, header, load_yaml

CORE = Core(Settings(ORGANISATIONS, (CATALOGS,), data_dir=ROOT / "data"))
STARTERS = ROOT / "docgen" / "starters"


def _render(tmp_path, data: dict, name: str = "x"):
    source = tmp_path / f"{name}.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _doc, _data, (out,) = CORE.make_file(source, tmp_path / f"{name}.docx")
    return docx.Document(str(out)), out


def _header_left(document) -> list[str]:
    """The header's lines other than the party title's cell, over every table the header takes."""
    return [" ".join(p.text.split()) for cell in header(document)[1] for p in cell.paragraphs if p.text.strip()]


def _body(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


@pytest.mark.parametrize("slug", sorted(KINDS))
def test_every_kind_renders_from_its_starter_and_lints_clean(slug, tmp_path):
    assert (STARTERS / f"{slug}.yaml").is_file()
    document, out = _render(tmp_path, load_yaml(STARTERS / f"{slug}.yaml"))
    left = _header_left(document)
    code = CORE.profile("qd399-2026").kind_codes[slug]
    assert any(line.startswith("Số ") and f"-{code}/" in line for line in left), left
    body = _body(document)
    if KINDS[slug].title:
        assert body[0] == KINDS[slug].title
    assert [str(f) for f in CORE.lint(out, out.name)] == []


def test_a_letter_has_its_summary_under_the_number_and_kinh_gui_before_its_text(tmp_path):
    data = load_yaml(STARTERS / "cong-van.yaml")
    document, _ = _render(tmp_path, data)
    left = _header_left(document)
    number = next(i for i, line in enumerate(left) if line.startswith("Số"))
    assert left[number] == "Số 12-CV/BTGDVTU" and left[number + 1] == "V/v hướng dẫn tổ chức Tháng Dân vận năm 2026"
    summary_run = document.tables[0].rows[0].cells[0].paragraphs[-1].runs[0]
    assert summary_run.font.italic and summary_run.font.size.pt == 12   # ô 5b: 12, nghiêng
    body = _body(document)
    assert body[0] == "Kính gửi: Ban Thường vụ các đảng ủy trực thuộc Tỉnh ủy"   # no title before it
    assert "CÔNG VĂN" not in body
    assert body[2].startswith("1. Tổ chức các hoạt động") and body[3].startswith("2. Báo cáo kết quả")
    data["kinh_gui"] = ["Ban Thường vụ các đảng ủy trực thuộc Tỉnh ủy", "Ủy ban Mặt trận Tổ quốc tỉnh"]
    several, _ = _render(tmp_path, data, "nhieu")
    assert _body(several)[:3] == ["Kính gửi:", "- Ban Thường vụ các đảng ủy trực thuộc Tỉnh ủy;",
                                  "- Ủy ban Mặt trận Tổ quốc tỉnh."]


@pytest.mark.parametrize("slug", ["cong-van", "to-trinh", "thong-bao"])
def test_lint_reads_the_text_after_kinh_gui(slug, tmp_path):
    """"Kính gửi" lines, however long, are not text paragraphs (they are centred or set left, not
    justified); the text after them is: a first paragraph set left is found."""
    data = load_yaml(STARTERS / f"{slug}.yaml")
    for addressees in (["Ban Chấp hành Đảng bộ tỉnh Thừa Thiên Huế khóa XVI nhiệm kỳ 2020 - 2025"],
                       ["Ban Thường vụ các đảng ủy trực thuộc Tỉnh ủy", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Nghệ An"]):
        data["kinh_gui"] = addressees
        document, out = _render(tmp_path, data, f"{slug}-{len(addressees)}")
        assert any(p.startswith("Kính gửi:") for p in _body(document))
        assert [str(f) for f in CORE.lint(out, out.name)] == []
    first = next(p for p in document.paragraphs
                 if p.text.strip() and len(p.text.split()) >= 8 and p.style.name == "Nội dung")
    first.alignment = 0   # left
    document.save(str(out))
    findings = [f for f in CORE.lint(out, out.name) if f.rule == "noi-dung"]
    assert [f.message for f in findings] == ["không căn đều hai bên"]


def test_a_decision_numbers_its_articles_and_their_clauses(tmp_path):
    document, _ = _render(tmp_path, load_yaml(STARTERS / "quyet-dinh.yaml"))
    body = _body(document)
    assert body[:2] == ["QUYẾT ĐỊNH", "thành lập Tổ công tác khảo sát công tác dân vận năm 2026"]
    decided = body.index("QUYẾT ĐỊNH:")
    assert body[decided - 1] == "- Xét đề nghị của Chánh Văn phòng Ban,"
    articles = [p for p in document.paragraphs if p.text.startswith("Điều ")]
    assert [p.text.split(" ", 2)[:2] for p in articles] == [["Điều", "1."], ["Điều", "2."], ["Điều", "3."]]
    assert all(p.runs[0].bold and not p.runs[1].bold for p in articles)
    after = body[body.index(articles[1].text) + 1:body.index(articles[2].text)]
    assert after == ["1. Xây dựng kế hoạch, đề cương khảo sát.", "2. Tổng hợp kết quả, báo cáo Thường trực Ban."]
    assert articles[2].text.endswith("./.")


def test_a_decision_carries_the_regulation_it_issues(tmp_path):
    """A Quy chế issued by a decision follows the signature on a new page: its name, trích yếu,
    "(Ban hành kèm theo Quyết định số ...)", Chương I, II with their titles in capitals, and
    articles numbered on across the chapters, each heading bold; it is not a Phụ lục."""
    data = load_yaml(STARTERS / "quyet-dinh.yaml")
    data["trich_yeu"] = "ban hành Quy chế phối hợp giữa Ban Tuyên giáo và Dân vận Tỉnh ủy và Công an tỉnh"
    data["dieu"][0]["noi_dung"] = "Ban hành kèm theo Quyết định này Quy chế phối hợp."
    data["ban_hanh_kem_theo"] = {
        "ten_loai": "Quy chế",
        "trich_yeu": "phối hợp giữa Ban Tuyên giáo và Dân vận Tỉnh ủy và Công an tỉnh",
        "chuong": [
            {"tieu_de": "Những quy định chung",
             "dieu": [{"tieu_de": "Phạm vi điều chỉnh", "noi_dung": ["Quy chế này quy định nội dung phối hợp."]},
                      {"tieu_de": "Nguyên tắc phối hợp",
                       "noi_dung": [{"doan_so": "Bảo đảm sự lãnh đạo của Đảng."}, {"doan_so": "Giữ bí mật nhà nước."}]}]},
            {"tieu_de": "Tổ chức thực hiện",
             "dieu": [{"tieu_de": "Hiệu lực thi hành", "noi_dung": ["Quy chế này có hiệu lực từ ngày ký."]}]},
        ],
    }
    document, out = _render(tmp_path, data)
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    texts = [" ".join(p.text.split()) for p in paragraphs]   # a break docgen placed between phrases: a space
    start = texts.index("QUY CHẾ")
    assert paragraphs[start].paragraph_format.page_break_before
    assert texts[start:start + 14] == [
        "QUY CHẾ",
        "phối hợp giữa Ban Tuyên giáo và Dân vận Tỉnh ủy và Công an tỉnh",
        "(Ban hành kèm theo Quyết định số 25-QĐ/BTGDVTU, ngày 01/12/2026 của Ban Tuyên giáo và Dân vận Tỉnh ủy)",
        "Chương I", "NHỮNG QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi điều chỉnh", "Quy chế này quy định nội dung phối hợp.",
        "Điều 2. Nguyên tắc phối hợp", "1. Bảo đảm sự lãnh đạo của Đảng.", "2. Giữ bí mật nhà nước.",
        "Chương II", "TỔ CHỨC THỰC HIỆN",
        "Điều 3. Hiệu lực thi hành", "Quy chế này có hiệu lực từ ngày ký."]
    for i in (start + 5, start + 7, start + 12):   # article headings: bold throughout
        assert all(run.bold for run in paragraphs[i].runs if run.text.strip()), texts[i]
    assert not any(run.bold for run in paragraphs[start + 6].runs)
    assert not any(t.startswith("Phụ lục") for t in texts)
    assert [str(f) for f in CORE.lint(out, out.name)] == []


def test_conclusions_in_parts_number_them_i_ii_and_points_alone_1_2(tmp_path):
    data = load_yaml(STARTERS / "ket-luan.yaml")
    points, _ = _render(tmp_path, data, "y")
    assert any(t.startswith("1. ") for t in _body(points)) and not any(t.startswith("I. ") for t in _body(points))
    data["noi_dung"] = [{"tieu_de": "Đánh giá tình hình", "noi_dung": ["Hạ tầng có bước phát triển nhanh."]},
                        {"tieu_de": "Nhiệm vụ, giải pháp", "noi_dung": [{"doan_so": "Rà soát quy hoạch."}]}]
    parts, out = _render(tmp_path, data, "phan")
    level1 = [p.text for p in parts.paragraphs if p.style.name == "Mục cấp 1"]
    assert level1 == ["I. ĐÁNH GIÁ TÌNH HÌNH", "II. NHIỆM VỤ, GIẢI PHÁP"]
    assert "1. Rà soát quy hoạch./." in _body(parts)
    assert [str(f) for f in CORE.lint(out, out.name)] == []


def test_a_decision_s_proposal_is_checked_like_its_text(tmp_path, run_cli):
    """The symbols in "Xét đề nghị của ..." are read as the printed line is: a document the
    catalogs do not hold is said at the xet_de_nghi field."""
    data = load_yaml(ROOT / "data" / "examples" / "quyet-dinh-ngay-dan-van-ca-nuoc-bo-chinh-tri-1999.yaml")
    data["xet_de_nghi"] = "Ban Dân vận Trung ương (công văn số 279-CV/BDVTW ngày 14-10-1999)"
    source = tmp_path / "quyet-dinh.json"
    source.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    result = run_cli("check", "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS, source)
    assert result.exit_code == 0, result.output
    assert "[xet_de_nghi]: 279-CV/BDVTW không có trong danh mục văn bản; gần giống: 277-CV/BDVTW" in result.output


def test_conclusions_open_with_the_meeting_or_the_given_opening_never_both(tmp_path):
    data = load_yaml(STARTERS / "ket-luan.yaml")
    document, _ = _render(tmp_path, data)
    body = _body(document)
    assert body[0] == "KẾT LUẬN" and body[2].startswith("Ngày 28/11/2026, Ban Thường vụ Tỉnh ủy họp")
    assert body[3].startswith("1. Năm 2026") and body[4].startswith("2. Năm 2027")
    data["mo_dau"] = {"loi_dan": "Tại phiên họp tháng 11/2026, Ban Thường vụ Tỉnh ủy kết luận như sau:"}
    given, _ = _render(tmp_path, data, "cho")
    opening = [t for t in _body(given) if "kết luận như sau" in t]
    assert opening == ["Tại phiên họp tháng 11/2026, Ban Thường vụ Tỉnh ủy kết luận như sau:"]


def test_a_notice_of_conclusions_with_its_own_opening_does_not_get_a_second(tmp_path, plan_data):
    data = load_yaml(ROOT / "data" / "examples" / "thong-bao-ket-luan-hoi-nghi-ninh-binh-2019.yaml")
    data["mo_dau"] = {"loi_dan": "Hội nghị sơ kết đã thống nhất các kết luận sau:"}
    document, _ = _render(tmp_path, data)
    body = _body(document)
    assert "Hội nghị sơ kết đã thống nhất các kết luận sau:" in body
    assert not any(t.startswith("Ngày 14/6/2019") for t in body)


def test_a_kind_code_that_contradicts_the_kind_is_an_error(tmp_path, run_cli):
    data = load_yaml(ROOT / "data" / "examples" / "thong-bao-ket-luan-hoi-nghi-ninh-binh-2019.yaml")
    data["ky_hieu_loai"] = "KL"
    source = tmp_path / "x.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_cli("check", source)
    assert result.exit_code == 2
    assert "ký hiệu loại 'KL' không khớp tên loại THÔNG BÁO (ký hiệu 'TB'); văn bản Kết luận ghi 'loai: ket-luan'" \
        in result.output


def test_numbered_paragraphs_at_each_level(tmp_path, plan_data):
    data = copy.deepcopy(plan_data)
    data["noi_dung"][1]["noi_dung"] = [
        {"doan_so": "Khảo sát tại đơn vị.", "noi_dung": [
            {"doan_so": "Làm việc với chỉ huy đơn vị."},
            {"doan_so": "Gặp gỡ cán bộ, chiến sỹ.", "noi_dung": [{"liet_ke": ["Trao đổi trực tiếp."]}]}]},
        {"tieu_de": "Đối tượng", "noi_dung": ["Các đơn vị lực lượng vũ trang."]},
    ]
    document, _ = _render(tmp_path, data)
    body = _body(document)
    start = body.index(next(t for t in body if t.startswith("II. ")))
    assert body[start + 1:start + 7] == ["1. Khảo sát tại đơn vị.", "a) Làm việc với chỉ huy đơn vị.",
                                         "b) Gặp gỡ cán bộ, chiến sỹ.", "- Trao đổi trực tiếp.", "2. Đối tượng",
                                         "Các đơn vị lực lượng vũ trang."]
    numbered = next(p for p in document.paragraphs if p.text == "1. Khảo sát tại đơn vị.")
    heading = next(p for p in document.paragraphs if p.text == "2. Đối tượng")
    assert numbered.style.name == "Nội dung" and heading.style.name == "Mục cấp 2"   # a paragraph, not a heading


@pytest.mark.parametrize("period, covers", [(2018, "năm 2018"), ("2018", "năm 2018"), ("2016 - 2021", "giai đoạn 2016 - 2021"),
                                            ("6 tháng đầu năm 2019", "6 tháng đầu năm 2019")])
def test_a_programme_may_run_one_year_or_any_period(period, covers, tmp_path):
    data = load_yaml(ROOT / "data" / "examples" / "chuong-trinh-phoi-hop-anh-son-phuc-son-2016.yaml")
    data["giai_doan"] = period
    source = tmp_path / "x.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert CORE.check(source).model.period().text == covers


@pytest.mark.parametrize("marker, first, later", [
    ("[[25-NQ/TW|goi_tat]]", "(sau đây gọi tắt là Nghị quyết 25-NQ/TW)", "Nghị quyết 25-NQ/TW"),
    ("[[25-NQ/TW|viet_tat]]", "(viết tắt là Nghị quyết 25-NQ/TW)", "Nghị quyết 25-NQ/TW"),
    ("[[25-NQ/TW]]", "Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của", "Nghị quyết số 25-NQ/TW"),
])
def test_citation_forms(marker, first, later, tmp_path, plan_data):
    data = copy.deepcopy(plan_data)
    data["noi_dung"][0]["noi_dung"][0]["noi_dung"] = [f"Quán triệt {marker}.", "Thực hiện tốt [[25-NQ/TW]]."]
    document, _ = _render(tmp_path, data)
    body = _body(document)
    assert any(first in t for t in body)
    assert f"Thực hiện tốt {later}." in body


def test_a_short_form_without_so_per_citation_or_by_the_profile(tmp_path, plan_data):
    data = copy.deepcopy(plan_data)
    data["noi_dung"][0]["noi_dung"][0]["noi_dung"] = ["Quán triệt [[23-QĐ/TW]].", "Thực hiện [[23-QĐ/TW|khong_so]]."]
    document, _ = _render(tmp_path, data)
    assert "Thực hiện Quyết định 23-QĐ/TW." in _body(document)
    profile = tmp_path / "ho-so.yaml"
    profile.write_text("extends: hd36-2018\nten: van-phong\ntrich_dan: {rut_gon_co_chu_so: false}\n", encoding="utf-8")
    data["ho_so"] = str(profile)
    data["noi_dung"][0]["noi_dung"][0]["noi_dung"][1] = "Thực hiện [[23-QĐ/TW]]; rà soát [[23-QĐ/TW|co_so]]."
    document, _ = _render(tmp_path, data, "ho-so")
    assert "Thực hiện Quyết định 23-QĐ/TW; rà soát Quyết định số 23-QĐ/TW." in _body(document)


def test_a_plan_appendix_shows_its_groups_and_leaves_out_empty_columns(tmp_path):
    data = load_yaml(ROOT / "data" / "examples" / "ke-hoach-phoi-hop-vdqc-ninh-binh-2019.yaml")
    document, _ = _render(tmp_path, data)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT" and "Nội dung nhiệm vụ" in t.rows[0].cells[1].text)
    assert [c.text for c in table.rows[0].cells] == ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian"]
    group_rows = [row for row in table.rows[1:] if row.cells[1]._tc is row.cells[-1]._tc]
    assert [(r.cells[0].text, r.cells[1].text) for r in group_rows] == [
        ("I", "Nhiệm vụ chung (09 nhiệm vụ)"), ("II", "Nhiệm vụ do các cơ quan thành viên đăng ký chủ trì (37 nhiệm vụ)")]
    assert all(run.bold for r in group_rows for p in r.cells[1].paragraphs for run in p.runs if run.text)
    data["bang_nhiem_vu"]["nhiem_vu"][0]["phoi_hop"] = ["Ủy ban MTTQ tỉnh"]
    with_partners, _ = _render(tmp_path, data, "phoi-hop")
    header = next(t for t in with_partners.tables if t.rows[0].cells[0].text == "STT").rows[0]
    assert [c.text for c in header.cells] == ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]
    profile = tmp_path / "giu-cot.yaml"
    profile.write_text("extends: hd36-2018\nten: giu-cot\nphu_luc: {giu_cot_trong: true}\n", encoding="utf-8")
    data["ho_so"] = str(profile)
    kept, _ = _render(tmp_path, data, "giu-cot")
    header = next(t for t in kept.tables if t.rows[0].cells[0].text == "STT").rows[0]
    assert [c.text for c in header.cells][-1] == "Ghi chú"


@pytest.mark.parametrize("form, expected", [
    (None, "Năm 2027 tập trung: (1) nắm tình hình nhân dân; (2) dân vận chính quyền."),
    ("{chu})", "Năm 2027 tập trung: a) nắm tình hình nhân dân; b) dân vận chính quyền."),
    ("{so}.", "Năm 2027 tập trung: 1. nắm tình hình nhân dân; 2. dân vận chính quyền."),
])
def test_inline_enumerations(form, expected, tmp_path, plan_data):
    data = copy.deepcopy(plan_data)
    block = {"doan": "Năm 2027 tập trung", "cac_y": ["nắm tình hình nhân dân;", "dân vận chính quyền"]}
    if form:
        block["dang"] = form
    data["noi_dung"][1]["noi_dung"] = [block]
    document, _ = _render(tmp_path, data)
    assert expected in _body(document)


def test_numbered_paragraphs_follow_the_profile_forms_at_level_three(tmp_path, plan_data):
    profile = tmp_path / "ho-so.yaml"
    profile.write_text('extends: hd36-2018\nten: van-phong\ndanh_so: {cap_3: "{so_cha}.{so}."}\n', encoding="utf-8")
    data = copy.deepcopy(plan_data)
    data["ho_so"] = str(profile)
    data["noi_dung"][1]["noi_dung"] = [{"tieu_de": "Nội dung khảo sát", "noi_dung": [
        {"doan_so": "Tình hình đơn vị."}, {"doan_so": "Công tác dân vận."}]}]
    document, _ = _render(tmp_path, data)
    body = _body(document)
    assert "1.1. Tình hình đơn vị." in body and "1.2. Công tác dân vận." in body


def test_a_table_in_the_text_with_group_rows_and_a_total(tmp_path):
    from docgen.docx.inspect import row_flags

    data = load_yaml(STARTERS / "huong-dan.yaml")
    data["noi_dung"][1]["noi_dung"].append({"bang": {
        "tieu_de": "Kết quả các đơn vị", "cot": ["STT", "Đơn vị", "Số hội nghị"],
        "hang": [{"nhom": "Khối Đảng"}, [1, "Ban Tuyên giáo và Dân vận", 30], [2, "Văn phòng Tỉnh ủy", 22],
                 {"nhom": "Khối đoàn thể"}, [3, "Tỉnh đoàn"], {"tong": ["", "Tổng cộng", 67]}]}})
    document, out = _render(tmp_path, data)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["STT", "Đơn vị", "Số hội nghị"] and "tblHeader" in row_flags(table, 0)
    assert rows[1] == ["Khối Đảng"] * 3 and table.rows[1].cells[0]._tc is table.rows[1].cells[2]._tc   # merged across
    assert rows[2] == ["1", "Ban Tuyên giáo và Dân vận", "30"] and rows[5] == ["3", "Tỉnh đoàn", ""]
    assert rows[6] == ["", "Tổng cộng", "67"]
    assert all(run.bold for cell in table.rows[6].cells for p in cell.paragraphs for run in p.runs if run.text)
    assert not any(run.bold for p in table.rows[2].cells[1].paragraphs for run in p.runs if run.text)
    assert "Kết quả các đơn vị" in _body(document)
    assert [str(f) for f in CORE.lint(out, out.name)] == []


def test_a_table_row_longer_than_its_columns_is_refused_at_its_line(tmp_path, run_cli):
    data = load_yaml(STARTERS / "huong-dan.yaml")
    data["noi_dung"][1]["noi_dung"].append({"bang": {"cot": ["STT", "Đơn vị"], "hang": [[1, "A", "thừa"]]}})
    source = tmp_path / "x.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_cli("check", source)
    assert result.exit_code == 2 and "dòng 1 có 3 ô, bảng chỉ có 2 cột" in result.output


def test_several_appendices_follow_the_task_table_each_on_its_own_page(tmp_path):
    data = load_yaml(ROOT / "data" / "examples" / "ke-hoach-phoi-hop-vdqc-ninh-binh-2019.yaml")
    data["phu_luc"] = [
        {"tieu_de": "Danh sách cơ quan thành viên", "noi_dung": [{"bang": {"cot": ["STT", "Cơ quan"],
                                                                             "hang": [[1, "Ban Dân vận Tỉnh ủy"]]}}]},
        {"tieu_de": "Mẫu báo cáo", "noi_dung": [{"tieu_de": "Kết quả", "noi_dung": ["Ghi kết quả từng nhiệm vụ."]}]},
    ]
    document, out = _render(tmp_path, data)
    labels = [p for p in document.paragraphs if p.text.startswith("Phụ lục")]
    assert [p.text for p in labels] == ["Phụ lục 1", "Phụ lục 2", "Phụ lục 3"]
    assert all(p.paragraph_format.page_break_before for p in labels)
    body = _body(document)
    start = body.index("Phụ lục 3")
    assert body[start + 1] == "MẪU BÁO CÁO" and body[start + 2].startswith("(Kèm theo Kế hoạch số 01-KH/BCĐ")
    assert body[start + 3:start + 5] == ["I. KẾT QUẢ", "Ghi kết quả từng nhiệm vụ."]
    assert any([c.text for c in t.rows[0].cells] == ["STT", "Cơ quan"] for t in document.tables)
    assert [str(f) for f in CORE.lint(out, out.name)] == []
