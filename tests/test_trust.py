"""Trust on real input: checks never skip for want of a file, every error at once, a report on an
auto-numbered plan, every province's bodies by date, old names warned, the rule set by date."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import defaultdict

import docx
import pytest
from click.testing import CliRunner

from docgen.document.parties import BUNDLED_ORGANISATIONS, load_organisations
from docgen.faces.cli import cli
from docgen.rules.names import PROVINCES_MERGED
from tests.conftest import ROOT, load_yaml

UNCHANGED = ("Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
             "Hà Tĩnh", "Cao Bằng")
BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)
REPLACED_BASIS = """loai: ke-hoach
co_quan: btgdv-nghe-an
so: 3
ngay: 15/03/2023
trich_yeu: tổ chức Tháng Dân vận năm 2023
mo_dau:
  can_cu:
    - Căn cứ Quyết định số 290-QĐ/TW ngày 25/02/2010 của Bộ Chính trị ban hành Quy chế công tác dân vận của hệ thống chính trị
noi_dung:
  - tieu_de: Nội dung
    noi_dung:
      - Tổ chức các hoạt động hướng về cơ sở.
ky: {chuc_vu: Trưởng ban, ho_ten: Nguyễn Văn A}
noi_nhan: [Thường trực Tỉnh ủy]
luu: Văn phòng Ban
"""


def _run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_a_file_outside_any_data_folder_is_still_checked_against_the_central_catalog(tmp_path, monkeypatch):
    source = tmp_path / "ke-hoach-2023.yaml"
    source.write_text(REPLACED_BASIS, encoding="utf-8")
    for folder, name in ((tmp_path, source.name), (ROOT, str(source)), (tmp_path.parent, f"{tmp_path.name}/{source.name}")):
        monkeypatch.chdir(folder)
        result = _run("check", name)
        assert result.exit_code == 2, result.output
        assert "290-QĐ/TW đã được thay thế bằng 23-QĐ/TW" in result.output


def test_a_file_in_a_sub_folder_finds_the_office_data_from_a_relative_path(tmp_path, monkeypatch):
    office = tmp_path / "data"
    shutil.copytree(ROOT / "data", office)
    (office / "sub").mkdir()
    (office / "sub" / "x.yaml").write_text(REPLACED_BASIS.replace("co_quan: btgdv-nghe-an", "co_quan: bdv-binh-phuoc"),
                                           encoding="utf-8")
    monkeypatch.chdir(office / "sub")
    result = _run("check", "x.yaml", "--chi-tiet")
    assert result.exit_code == 2 and "290-QĐ/TW đã được thay thế" in result.output
    result = _run("check", "x.yaml", "--json")
    checked = json.loads(result.output)["x.yaml"]
    assert not checked["hop_le"] and any("290-QĐ/TW" in f["thong_bao"] for f in checked["phat_hien"])


def test_check_names_what_it_checked_against(tmp_path):
    result = _run("check", ROOT / "data" / "examples" / "ke-hoach-khao-sat-llvt-binh-phuoc-2022.yaml", "--chi-tiet")
    assert result.exit_code == 0
    assert "hồ sơ quy tắc: hd36-2018" in result.output
    assert "bundled/danh-muc/trung-uong.yaml" in result.output and "data/danh-muc/binh-phuoc.yaml" in result.output
    assert "to-chuc-quoc-gia.yaml" in result.output and "data/to-chuc.yaml" in result.output


def test_every_error_of_a_file_is_said_at_once_in_the_order_of_the_file(tmp_path):
    source = tmp_path / "x.yaml"
    source.write_text(REPLACED_BASIS.replace("ngay: 15/03/2023", "ngay: 31/02/2023")
                      .replace("ky: {chuc_vu: Trưởng ban, ho_ten: Nguyễn Văn A}", "ky: {chuc_vu: Trưởng ban}")
                      .replace("Căn cứ Quyết định số 290-QĐ/TW ngày 25/02/2010 của Bộ Chính trị",
                               "Căn cứ Quyết định số 23-QĐ/TW ngày 30/7/2021 của Ban Bí thư")
                      .replace("- Tổ chức các hoạt động hướng về cơ sở.", "- Tổ chức các hoạt động; [[99-QĐ/TW]]."),
                      encoding="utf-8")
    result = _run("check", source)
    assert result.exit_code == 2
    lines = [l for l in result.output.splitlines() if ": lỗi" in l]
    kinds = ["không có ngày 31", "ghi cơ quan ban hành 'Ban Bí thư'", "99-QĐ/TW không có trong danh mục", "'ho_ten'"]
    for kind in kinds:
        assert any(kind in line for line in lines), (kind, result.output)
    positions = [tuple(int(n) for n in line.split(":")[1:3]) for line in lines]
    assert positions == sorted(positions)


def _office(tmp_path):
    office = tmp_path / "data"
    shutil.copytree(ROOT / "data", office)
    return office


def test_a_report_on_an_auto_numbered_plan_prints_the_plan_number(tmp_path):
    office = _office(tmp_path)
    plan = office / "examples" / "ke-hoach-phoi-hop-vdqc-ninh-binh-2019.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("so: 1\n", "so: auto\n"), encoding="utf-8")
    report = office / "examples" / "bao-cao-so-ket-ninh-binh-2019.yaml"
    unnumbered = _run("check", report)
    assert unnumbered.exit_code == 2 and "chưa có số" in unnumbered.output and "ke-hoach-phoi-hop-vdqc" in unnumbered.output
    assert "/tmp" not in unnumbered.output.replace(str(report), "")   # no folder path in the message
    assert _run("render", plan, "-o", tmp_path / "ke-hoach.docx").exit_code == 0   # draws 01 from the register
    out = tmp_path / "bao-cao.docx"
    result = _run("render", report, "-o", out)
    assert result.exit_code == 0, result.output
    opening = next(p.text for p in docx.Document(str(out)).paragraphs if p.text.startswith("Thực hiện"))
    assert opening.startswith("Thực hiện Kế hoạch số 01-KH/BCĐ, ngày 15/01/2019")


def test_a_report_links_a_plan_saved_anywhere_in_the_office_by_its_symbol(tmp_path):
    office = _office(tmp_path)
    saved = office / "van-ban-web"
    saved.mkdir()
    shutil.move(office / "examples" / "ke-hoach-phoi-hop-vdqc-ninh-binh-2019.yaml", saved / "a1b2.yaml")
    report = office / "examples" / "bao-cao-so-ket-ninh-binh-2019.yaml"
    text = report.read_text(encoding="utf-8").replace("  tep: ke-hoach-phoi-hop-vdqc-ninh-binh-2019.yaml",
                                                       "  so_ky_hieu: 01-KH/BCĐ")
    report.write_text(text, encoding="utf-8")
    assert _run("check", report).exit_code == 0


def test_the_organisation_list_covers_63_then_34_provinces_with_their_bodies():
    orgs = load_organisations(BUNDLED_ORGANISATIONS).organisations
    committees = {BEFORE: set(), AFTER: set()}
    bodies = defaultdict(set)
    for org in orgs:
        for day in (BEFORE, AFTER):
            named = org.name_on(day)
            if named is None:
                continue
            if named.kind == "cap-uy" and named.name.startswith(("Tỉnh ủy", "Thành ủy")):
                committees[day].add(named.name)
            elif named.upper_body:
                bodies[(day, named.upper_body)].add(named.name)
            if named.code in ("BCHQST", "CAT", "CATP", "BCHQSTP", "BTLTĐ", "BTLTP"):
                bodies[(day, org.id.split("-", 1)[1])].add(named.code)
    assert len(committees[BEFORE]) == 63 and len(committees[AFTER]) == 34
    for day, names in committees.items():   # every province has its Ban Tuyên giáo và Dân vận (or both Bans)
        for name in names:
            assert bodies[(day, name)] & {"Ban Tuyên giáo và Dân vận", "Ban Dân vận"}, (day, name)
    after = " ".join(sorted(committees[AFTER]))
    for province in [*UNCHANGED, *PROVINCES_MERGED]:
        assert province in after, province
    assert all(org.note for org in orgs)   # each entry records its source


@pytest.mark.parametrize("province, merged_into", [(old, new) for new, olds in PROVINCES_MERGED.items() for old in olds])
def test_an_old_province_name_in_a_2026_text_is_warned_with_the_new_name(province, merged_into, tmp_path):
    data = load_yaml(ROOT / "docgen" / "starters" / "ke-hoach.yaml")
    data["noi_dung"][1]["noi_dung"].append(f"Phối hợp với tỉnh {province} tổ chức các hoạt động.")
    source = tmp_path / "x.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = _run("check", source)
    assert result.exit_code == 0
    assert f"'tỉnh {province}' không còn dùng từ 01/07/2025" in result.output and merged_into in result.output


def test_old_names_in_text_and_recipients_are_warned_in_2026_not_in_2024(tmp_path):
    data = load_yaml(ROOT / "docgen" / "starters" / "ke-hoach.yaml")
    data["noi_nhan"].append("Ban Dân vận các huyện ủy")
    data["noi_dung"][1]["noi_dung"].append("Ban Dân vận Tỉnh ủy chủ trì, phối hợp với Công an huyện.")
    source = tmp_path / "x.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = _run("check", source)
    assert result.exit_code == 0
    assert "[noi_nhan[2]]: 'Ban Dân vận' không còn dùng" in result.output
    assert "nay là Ban Tuyên giáo và Dân vận" in result.output and "'Công an huyện' không còn dùng từ 01/03/2025" in result.output
    data["ngay"] = "15/03/2024"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert "không còn dùng" not in _run("check", source).output


def test_the_rule_set_is_chosen_by_date_said_and_stored(tmp_path):
    for name, profile in (("chuong-trinh-phoi-hop-llvt-nghe-an-2026", "qd399-2026"),
                          ("ke-hoach-dan-van-llvt-nghe-an-2026", "hd36-2018")):   # 20/3/2026 and 05/01/2026
        out = tmp_path / f"{name}.docx"
        result = _run("render", ROOT / "data" / "examples" / f"{name}.yaml", "-o", out)
        assert result.exit_code == 0 and f"(hồ sơ {profile})" in result.output
        assert docx.Document(str(out)).core_properties.comments == f"docgen, hồ sơ thể thức: {profile}"
        linted = _run("lint", out)
        assert f"kiểm tra theo hồ sơ {profile}" in linted.output and linted.exit_code == 0, linted.output
    assert "(hồ sơ qd399-2026)" in _run("check", ROOT / "data" / "examples" /
                                        "chuong-trinh-phoi-hop-llvt-nghe-an-2026.yaml").output


def test_a_profile_named_in_the_data_wins_over_the_date(tmp_path):
    data = load_yaml(ROOT / "data" / "examples" / "chuong-trinh-phoi-hop-llvt-nghe-an-2026.yaml")
    data["ho_so"] = "hd36-2018"
    source = tmp_path / "x.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert "(hồ sơ hd36-2018)" in _run("check", source, "--to-chuc", ROOT / "data" / "to-chuc.yaml").output


def test_starters_are_dated_today(tmp_path):
    result = _run("new", "ke-hoach")
    today = dt.date.today()
    assert f"ngay: {today.day:02d}/{today.month:02d}/{today.year}" in result.output or \
        f"ngay: {today.day:02d}/{today.month}/{today.year}" in result.output


def _every_written_form_of_an_ended_name() -> list[str]:
    forms = ["Ban Dân vận", "Ban dân vận", "Ban Tuyên giáo", "Ban tuyên giáo", "BDVTU", "BDVTW", "BTGTU", "BTGTW",
             "Công an huyện", "Công an các huyện", "Huyện ủy", "huyện uỷ", "các huyện ủy", "UBND huyện",
             "Ủy ban nhân dân huyện", "Ban Chỉ huy Quân sự huyện", "cấp huyện"]
    forms += [f"{lead} {old}" for olds in PROVINCES_MERGED.values() for old in olds
              for lead in ("tỉnh", "Tỉnh ủy", "tỉnh ủy", "Tỉnh uỷ", "tỉnh uỷ")]
    return forms


def test_an_ended_name_is_found_only_through_its_clues_and_none_is_lost():
    """ended_names passes over a text holding none of a name's clues; each written form of
    every name, alone and in the seeds' sentences, is warned exactly as the pattern alone warns."""
    from docgen.rules.names import ENDED_NAMES, _title_before, ended_names

    def by_patterns_alone(text: str, day: dt.date) -> list[str]:
        found = []
        for name in ENDED_NAMES:
            match = next((m for m in name.pattern.finditer(text) if not _title_before().search(text[:m.start()])), None)
            if day >= name.ended and match is not None:
                found.append(match.group(0))
        return found

    seeds = ROOT.parent / "shared" / "seeds"
    sentences = [s for f in sorted(seeds.glob("*.txt")) for s in f.read_text(encoding="utf-8").split(". ")] if seeds.is_dir() else []
    forms = _every_written_form_of_an_ended_name()
    texts = forms + [f"Phối hợp với {form} tổ chức các hoạt động." for form in forms] + sentences
    texts += [f"{s} {form}" for s, form in zip(sentences, forms * 20, strict=False)]
    texts += [f"{a}, {b}" for a, b in zip(forms, forms[1:] + forms[:1], strict=True)]   # two names, side by side
    texts += ["Công an các huyện ủy", "tỉnh Hà Nam Định và tỉnh Nam Định", "Ban Dân vận Huyện ủy Yên Bái"]
    day = dt.date(2026, 3, 1)
    warned = 0
    for text in texts:
        expected = by_patterns_alone(text, day)
        got = ended_names(text, day)
        assert [w.split("'")[1] for w in got] == expected, text
        warned += bool(got)
    assert warned >= 2 * len(forms)   # every form is warned alone and in a sentence
    clues = {clue for name in ENDED_NAMES for clue in name.clues}
    assert not [(a, b) for a in clues for b in clues if a != b and b.startswith(a)]   # no clue begins another
