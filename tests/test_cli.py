import json
import os
import shutil

import docx
import pytest

from docgen.document.kinds import KINDS
from tests.conftest import EXAMPLES, ROOT


def test_kinds_lists_every_kind(run_cli):
    result = run_cli("kinds")
    assert result.exit_code == 0
    assert [line.split("\t")[0] for line in result.output.splitlines()] == list(KINDS)


def test_schema_is_json_schema_with_vietnamese_keys(run_cli):
    result = run_cli("schema", "ke-hoach")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["$schema"].startswith("https://json-schema.org/")
    for key in ("loai", "co_quan", "so", "ngay", "trich_yeu", "mo_dau", "noi_dung", "ky", "noi_nhan", "luu",
                "bang_nhiem_vu", "du_thao", "mat", "khan", "pham_vi_luu_hanh", "nguoi_danh_may", "so_ban"):
        assert key in schema["properties"], key
    assert set(schema["required"]) >= {"loai", "so", "ngay", "trich_yeu", "noi_dung", "noi_nhan", "luu"}
    assert {"required": ["cac_ben"]} in schema["oneOf"] and {"required": ["co_quan", "ky"]} in schema["oneOf"]
    assert all(p.get("description") for p in schema["properties"].values())


def test_schema_of_unknown_kind_is_a_usage_error(run_cli):
    result = run_cli("schema", "bao-cao-xyz")
    assert result.exit_code == 2


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_new_gives_a_starter_that_renders_as_is(run_cli, tmp_path, kind):
    starter = tmp_path / "moi.yaml"
    assert run_cli("new", kind, "-o", starter).exit_code == 0
    assert starter.read_text(encoding="utf-8").startswith("# ")
    out = tmp_path / "moi.docx"
    result = run_cli("render", starter, "-o", out)
    assert result.exit_code == 0, result.output
    assert "cảnh báo" not in result.output
    first = docx.Document(str(out)).paragraphs[0].text
    assert first == KINDS[kind].title if KINDS[kind].title else first.startswith("Kính gửi:")   # a công văn has no title


def test_new_refuses_to_overwrite(run_cli, tmp_path):
    starter = tmp_path / "moi.yaml"
    starter.write_text("của tôi", encoding="utf-8")
    result = run_cli("new", "ke-hoach", "-o", starter)
    assert result.exit_code == 1 and "--ghi-de" in result.output
    assert starter.read_text(encoding="utf-8") == "của tôi"
    assert run_cli("new", "ke-hoach", "-o", starter, "--ghi-de").exit_code == 0


def test_render_defaults_to_output_folder(run_cli, tmp_path, monkeypatch):
    work = tmp_path / "van-phong"
    shutil.copytree(ROOT / "data", work / "data")
    monkeypatch.chdir(work)
    result = run_cli("render", *[f"data/examples/{p.name}" for p in EXAMPLES])
    assert result.exit_code == 0, result.output
    assert sorted(os.listdir(work / "output")) == sorted(f"{p.stem}.docx" for p in EXAMPLES)


def test_render_many_into_a_folder_and_one_bad_file_does_not_stop_the_others(run_cli, tmp_path):
    bad = tmp_path / "hong.yaml"
    bad.write_text("loai: ke-hoach\nso: [\n", encoding="utf-8")
    result = run_cli("render", EXAMPLES[0], bad, "-o", tmp_path / "ra")
    assert result.exit_code == 2
    assert sorted(os.listdir(tmp_path / "ra")) == [f"{EXAMPLES[0].stem}.docx"]
    assert f"{bad}:" in result.output


def test_check_validates_without_writing(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", *EXAMPLES)
    assert result.exit_code == 0
    assert result.output.count("hợp lệ") == len(EXAMPLES)
    assert list(tmp_path.iterdir()) == []


def test_missing_data_file(run_cli, tmp_path):
    result = run_cli("check", tmp_path / "khong-co.yaml")
    assert result.exit_code == 2 and "không tìm thấy tệp dữ liệu" in result.output


def test_help_is_in_vietnamese(run_cli):
    result = run_cli("--help")
    assert result.exit_code == 0 and "soạn văn bản" in result.output
    assert "Tạo văn bản Word" in run_cli("render", "--help").output


def test_written_files_get_the_usual_permissions(run_cli, tmp_path):
    import stat

    out = tmp_path / "x.docx"
    assert run_cli("render", EXAMPLES[0], "-o", out).exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask


def test_output_to_a_reader_that_went_away_ends_quietly(tmp_path):
    """`docgen to-chuc | head`: the pipe's reader has gone; docgen stops with the shell's SIGPIPE
    status and says nothing (no 'lỗi không mong đợi')."""
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)   # nobody will read: the first write fails
    try:
        proc = subprocess.run([sys.executable, "-m", "docgen", "to-chuc"], stdout=write_end,
                              stderr=subprocess.PIPE, timeout=60, cwd=tmp_path)
    finally:
        os.close(write_end)
    assert proc.returncode == 141
    assert proc.stderr.decode() == ""


def test_to_chuc_points_to_the_day_when_a_body_no_longer_has_the_name(run_cli):
    """Bình Phước merged into Đồng Nai on 01/7/2025: asked today, docgen says so and gives the
    command that lists the bodies by their last names."""
    result = run_cli("to-chuc", "Bình Phước", "--ngay", "01/12/2026")
    assert result.exit_code == 1
    assert "không có tổ chức nào mang tên này vào ngày 01/12/2026" in result.output
    assert "--ngay 30/6/2025" in result.output and "bchqs-binh-phuoc" in result.output
    earlier = run_cli("to-chuc", "Bình Phước", "--ngay", "30/6/2025")
    assert earlier.exit_code == 0 and "bchqs-binh-phuoc\tBộ Chỉ huy Quân sự tỉnh\tBCHQST\tĐồng Xoài" in earlier.output
    assert run_cli("to-chuc", "Không có nơi nào như thế").exit_code == 1
