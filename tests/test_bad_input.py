"""Bad input: a clear error (file, line, field, in Vietnamese), exit code 2, no file written;
or, for odd but valid text, a correct document."""
from __future__ import annotations

import json
import re
import zipfile

import docx
import pytest
from ruamel.yaml import YAML

from tests.conftest import CATALOGS, ORGANISATIONS, ROOT

EXAMPLE = ROOT / "data" / "examples" / "ke-hoach-khao-sat-llvt-binh-phuoc-2022.yaml"


def _example_lines() -> list[str]:
    return EXAMPLE.read_text(encoding="utf-8").splitlines()


def _line_of(lines: list[str], start: str) -> int:
    return next(i for i, line in enumerate(lines, 1) if line.startswith(start))


def _render_text(tmp_path, run_cli, text: str, name: str = "du-lieu.yaml"):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "ra" / "van-ban.docx"
    result = run_cli("render", source, "-o", out, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)
    return result, out, source


def _assert_refused(result, out, source, line: int | None, field: str, words: str):
    assert result.exit_code == 2, result.output
    assert not out.exists()
    assert not out.parent.exists() or list(out.parent.iterdir()) == []  # no temp file either
    where = f"{source}:{line}:" if line else f"{source}:"
    matching = [l for l in result.output.splitlines() if l.startswith(where) and words in l]
    assert matching, result.output
    if field:
        assert f"[{field}]" in matching[0], matching[0]
    assert "Traceback" not in result.output


def test_missing_required_field(tmp_path, run_cli):
    lines = [l for l in _example_lines() if not l.startswith("trich_yeu:")]
    result, out, source = _render_text(tmp_path, run_cli, "\n".join(lines))
    _assert_refused(result, out, source, _line_of(lines, "loai:"), "trich_yeu", "thiếu trường bắt buộc 'trich_yeu'")


def test_missing_nested_field_points_at_its_mapping(tmp_path, run_cli):
    lines = _example_lines()
    at = _line_of(lines, "  ho_ten:")
    del lines[at - 1]
    result, out, source = _render_text(tmp_path, run_cli, "\n".join(lines))
    _assert_refused(result, out, source, _line_of(lines, "  tham_quyen:"), "ky.ho_ten", "thiếu trường bắt buộc")


# (what the clerk typed instead, the line it is reported on, the field, words of the message)
ONE_EDIT_REFUSALS = {
    "impossible date": ("ngay: 06/5/2022", "ngay: 30/02/2022", "ngay:", "ngay",
                        "tháng 2 năm 2022 không có ngày 30"),
    "impossible ISO date, reported by the model not the parser": (
        "ngay: 06/5/2022", "ngay: 2022-02-30", "ngay:", "ngay", "không có ngày 30"),
    "state signature form": ("tham_quyen: K/T", "tham_quyen: KT.", "  tham_quyen:", "ky.tham_quyen", "'K/T'"),
    "committee signed instead of on behalf": (
        "co_quan: bdv-binh-phuoc", "co_quan: tinh-uy-binh-phuoc", "  tham_quyen:", "ky.tham_quyen", "T/M"),
    "unknown key suggests the right one": ("trich_yeu:", "trich_yue:", "trich_yue:", "trich_yue", "'trich_yeu'"),
    "unknown organisation suggests close ids": (
        "co_quan: bdv-binh-phuoc", "co_quan: bdv-binh-phuc", "co_quan:", "co_quan", "bdv-binh-phuoc"),
    "organisation has no name on the document date": (
        "ngay: 06/5/2022", "ngay: 06/5/2026", "co_quan:", "co_quan", "không có tên nào áp dụng"),
}


@pytest.mark.parametrize("case", list(ONE_EDIT_REFUSALS))
def test_one_edit_is_refused_where_it_was_made(tmp_path, run_cli, case):
    old, new, line_start, field, words = ONE_EDIT_REFUSALS[case]
    text = EXAMPLE.read_text(encoding="utf-8").replace(old, new)
    result, out, source = _render_text(tmp_path, run_cli, text)
    _assert_refused(result, out, source, _line_of(text.splitlines(), line_start), field, words)


def test_yaml_syntax_error(tmp_path, run_cli):
    lines = _example_lines()
    at = _line_of(lines, "trich_yeu:")
    lines[at - 1] = 'trich_yeu: "khảo sát tình hình'
    result, out, source = _render_text(tmp_path, run_cli, "\n".join(lines))
    assert result.exit_code == 2 and not out.exists()
    assert re.search(rf"{re.escape(str(source))}:\d+:\d+: lỗi: lỗi cú pháp YAML: .*"
                     rf"thiếu dấu nháy kép đóng ở dòng {at}\)", result.output), result.output


def test_tab_indentation_is_explained(tmp_path, run_cli):
    result, out, source = _render_text(tmp_path, run_cli, "loai: ke-hoach\nky:\n\tho_ten: A\n")
    assert result.exit_code == 2
    assert f"{source}:3:" in result.output and "Tab" in result.output


def test_all_problems_of_a_file_are_reported_at_once(tmp_path, run_cli):
    text = (EXAMPLE.read_text(encoding="utf-8")
            .replace("ngay: 06/5/2022", "ngay: 32/5/2022").replace("so: 66", "so: -1"))
    result, out, _ = _render_text(tmp_path, run_cli, text)
    assert result.exit_code == 2
    assert "[ngay]" in result.output and "[so]" in result.output


def test_a_failed_render_leaves_the_previous_output_untouched(tmp_path, run_cli):
    out = tmp_path / "van-ban.docx"
    out.write_bytes(b"ban cu")
    source = tmp_path / "x.yaml"
    source.write_text(EXAMPLE.read_text(encoding="utf-8").replace("ngay: 06/5/2022", "ngay: 31/6/2022"),
                      encoding="utf-8")
    result = run_cli("render", source, "-o", out)
    assert result.exit_code == 2
    assert out.read_bytes() == b"ban cu"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["van-ban.docx", "x.yaml"]


def test_markup_characters_are_text_not_xml(plan_data, render_data):
    tricky = 'Chi phí < 5 triệu & "đúng hạn" {{ so }} {% if %} </w:t><w:t>'
    plan_data["noi_dung"][0]["noi_dung"][0]["noi_dung"][0] = tricky
    plan_data["trich_yeu"] = "khảo sát <năm 2022> & đánh giá"
    document = render_data(plan_data)
    texts = [p.text for p in document.paragraphs]
    assert tricky in texts
    assert document.paragraphs[1].text == "khảo sát <năm 2022> & đánh giá"


def test_control_characters_are_removed_with_a_warning(tmp_path, run_cli):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "Đánh giá đúng thực trạng", "Đánh\x0bgiá\x07 đúng\x00 thực trạng")
    line = _line_of(text.splitlines(), "          - Đánh")
    result, out, source = _render_text(tmp_path, run_cli, text)
    assert result.exit_code == 0, result.output
    assert f"{source}:{line}:" in result.output and "cảnh báo" in result.output and "U+0007" in result.output
    document = docx.Document(str(out))
    assert any(p.text.startswith("Đánh giá đúng thực trạng") for p in document.paragraphs)


def test_escaped_control_characters_are_removed_with_a_warning_at_their_field(plan_data, tmp_path, run_cli):
    plan_data["trich_yeu"] = "khảo sát\u0007 năm 2022"
    source = tmp_path / "x.json"
    source.write_text(json.dumps(plan_data, ensure_ascii=True), encoding="utf-8")  # \u0007 as an escape
    out = tmp_path / "x.docx"
    result = run_cli("render", source, "-o", out, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)
    assert result.exit_code == 0, result.output
    assert "[trich_yeu]" in result.output and "U+0007" in result.output
    assert docx.Document(str(out)).paragraphs[1].text == "khảo sát năm 2022"


def test_text_is_normalised_to_nfc(plan_data, render_data):
    decomposed = "Tuyên truyền cho nhân dân".replace("ê", "e\u0302")
    plan_data["noi_dung"][0]["noi_dung"][0]["noi_dung"][0] = decomposed
    document = render_data(plan_data)
    assert "Tuyên truyền cho nhân dân" in [p.text for p in document.paragraphs]


def test_ten_thousand_word_paragraph(plan_data, render_data):
    words = " ".join(["công tác dân vận"] * 2500)  # 10,000 words
    plan_data["noi_dung"][1]["noi_dung"][1]["noi_dung"] = [words]
    document = render_data(plan_data)
    long = [p.text for p in document.paragraphs if len(p.text) > 40000]
    assert long == [words]


def test_empty_section_renders_with_a_warning(plan_data, tmp_path, run_cli):
    plan_data["noi_dung"].insert(2, {"tieu_de": "Kinh phí"})
    source = tmp_path / "x.yaml"
    yaml = YAML()
    with source.open("w", encoding="utf-8") as handle:
        yaml.dump(plan_data, handle)
    out = tmp_path / "x.docx"
    result = run_cli("render", source, "-o", out, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)
    assert result.exit_code == 0, result.output
    assert "cảnh báo [noi_dung[2].tieu_de]" in result.output
    document = docx.Document(str(out))
    titles = [p.text for p in document.paragraphs if p.style.name == "Mục cấp 1"]
    assert titles[2] == "III. KINH PHÍ" and titles[3].startswith("IV.")


def test_too_deep_headings_are_refused(plan_data, tmp_path, run_cli):
    deep = {"tieu_de": "a", "noi_dung": [{"tieu_de": "b", "noi_dung": [{"tieu_de": "c", "noi_dung": [
        {"tieu_de": "d", "noi_dung": ["x"]}]}]}]}
    plan_data["noi_dung"].append(deep)
    source = tmp_path / "x.json"
    source.write_text(json.dumps(plan_data, ensure_ascii=False), encoding="utf-8")
    result = run_cli("render", source, "-o", tmp_path / "x.docx", "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)
    assert result.exit_code == 2 and "lồng quá 3 cấp" in result.output
    assert "noi_dung[3].noi_dung[0].noi_dung[0].noi_dung[0].tieu_de" in result.output


def test_json_errors_have_positions_too(tmp_path, run_cli):
    source = tmp_path / "x.json"
    source.write_text('{\n  "loai": "ke-hoach",\n  "so": "bay"\n}\n', encoding="utf-8")
    result = run_cli("check", source)
    assert result.exit_code == 2
    assert f"{source}:3:9: lỗi [so]: phải là số nguyên" in result.output


def test_duplicate_task_ids(plan_data, tmp_path, run_cli):
    plan_data["bang_nhiem_vu"]["nhiem_vu"][2]["ma"] = "KS01"
    source = tmp_path / "x.json"
    source.write_text(json.dumps(plan_data, ensure_ascii=False, indent=1), encoding="utf-8")
    result = run_cli("check", source, "--to-chuc", ORGANISATIONS, "--danh-muc", CATALOGS)
    assert result.exit_code == 2
    assert "[bang_nhiem_vu.nhiem_vu[2].ma]" in result.output and "'KS01' trùng" in result.output


def test_output_is_a_valid_zip_even_with_hostile_text(plan_data, render_data, tmp_path):
    plan_data["ky"]["ho_ten"] = "]]><w:p/>&amp;"
    document = render_data(plan_data)
    sig = document.tables[1].rows[0].cells[1]
    assert [p.text for p in sig.paragraphs if p.text][-1] == "]]><w:p/>&amp;"
    with zipfile.ZipFile(tmp_path / "vanban.docx") as z:
        assert z.testzip() is None


def test_a_comment_ruamel_cannot_keep_is_a_positioned_error(tmp_path, run_cli):
    """A value written on the line after a key's comment is valid YAML that the round-trip
    reader gives up on ("overlap in comment", found by the fuzz run): a clear error at the line."""
    text = (ROOT / "docgen" / "starters" / "cong-van.yaml").read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("kinh_gui:"))
    lines[at] = lines[at][:78] + "\n  " + lines[at][78:]
    lines = [re.sub(r"^ngay: .*", "ngay: 31/02/2026", line) for line in lines]   # an error: positions are read
    source = tmp_path / "cong-van.yaml"
    source.write_text("\n".join(lines), encoding="utf-8")
    result = run_cli("check", source)
    assert result.exit_code == 2
    assert f"cong-van.yaml:{at + 1}: lỗi" in result.output and "chú thích (# ...)" in result.output
    assert "không mong đợi" not in result.output


@pytest.mark.parametrize("suffix", ["json", "yaml"])
def test_a_key_with_an_escaped_character_beyond_u_ffff_is_quoted_whole_in_the_error(tmp_path, run_cli, suffix):
    """YAML and JSON readers split an escaped character beyond U+FFFF ("\\ud83d\\ude00", 😀) in
    two surrogates; a finding quoting such a key writes the character whole (the service
    answered 500, unable to encode its answer; found by its OpenAPI fuzz test)."""
    text = '{"loai": "ke-hoach", "so": 1, "x\\ud83d\\ude00": {"con": ' + "9" * 33 + "}}"   # JSON is YAML too
    source = tmp_path / f"du-lieu.{suffix}"
    source.write_text(text, encoding="utf-8")
    result = run_cli("check", source)
    assert result.exit_code == 2, result.output
    assert "x\U0001F600" in result.output and "số quá lớn" in result.output, result.output
    result.output.encode("utf-8")
