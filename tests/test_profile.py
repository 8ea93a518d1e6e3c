import pytest

from docgen.errors import ProfileError
from docgen.rules.profile import BUILTIN_DIR, builtin_profiles, load_profile, profile_files


def test_builtin_profile_holds_the_conventions():
    profile = load_profile("hd36-2018")
    assert profile.font == "Times New Roman"
    assert (profile.page.top_mm, profile.page.bottom_mm, profile.page.left_mm, profile.page.right_mm) == (20, 20, 30, 15)
    assert profile.numbering.level_1 == "{la_ma}."
    assert profile.end_mark == "./."
    assert profile.kind_codes["ke-hoach"] == "KH" and profile.kind_codes["chuong-trinh"] == "CTr"
    assert "hd36-2018" in builtin_profiles()


def test_office_profile_extends_a_builtin_and_changes_only_what_it_says(tmp_path):
    own = tmp_path / "rieng.yaml"
    own.write_text("extends: hd36-2018\nten: rieng\ntrang:\n  le_trai_mm: 35\ndanh_so:\n  cap_1: '{la_ma}-'\n",
                   encoding="utf-8")
    profile = load_profile("rieng.yaml", tmp_path)
    assert profile.page.left_mm == 35 and profile.page.top_mm == 20
    assert profile.numbering.level_1 == "{la_ma}-" and profile.numbering.level_2 == "{so}."


def test_profile_chain_of_files(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: hd36-2018\nten: a\nket_thuc: '.'\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\nten: b\n", encoding="utf-8")
    assert load_profile("b.yaml", tmp_path).end_mark == "."


def test_an_edited_profile_is_read_again_in_the_same_process(tmp_path):
    import os

    (tmp_path / "a.yaml").write_text("extends: hd36-2018\nten: a\nket_thuc: '.'\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\nten: b\n", encoding="utf-8")
    assert load_profile("b.yaml", tmp_path).end_mark == "."
    parent = tmp_path / "a.yaml"
    parent.write_text("extends: hd36-2018\nten: a\nket_thuc: './.'\n", encoding="utf-8")
    later = parent.stat().st_mtime_ns + 2_000_000_000  # as a clerk saving it a moment later
    os.utime(parent, ns=(later, later))
    assert load_profile("b.yaml", tmp_path).end_mark == "./."
    assert profile_files("b.yaml", tmp_path) == [tmp_path.resolve() / "b.yaml", tmp_path.resolve() / "a.yaml",
                                                 BUILTIN_DIR / "hd36-2018.yaml"]


def test_circular_profiles_are_refused(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: b.yaml\nten: a\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\nten: b\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="vòng tròn"):
        load_profile("a.yaml", tmp_path)


def test_unknown_and_invalid_profiles(tmp_path):
    with pytest.raises(ProfileError, match="không tìm thấy hồ sơ"):
        load_profile("hd99")
    (tmp_path / "x.yaml").write_text("extends: hd36-2018\nchu_ky:\n  ben_chu_tri: giua\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="ben_chu_tri"):
        load_profile("x.yaml", tmp_path)


def test_a_document_naming_a_missing_profile_is_a_data_error(plan_data, tmp_path, run_cli):
    import json

    plan_data["ho_so"] = "hd05-2026"
    source = tmp_path / "x.json"
    source.write_text(json.dumps(plan_data, ensure_ascii=False, indent=1), encoding="utf-8")
    result = run_cli("check", source)
    assert result.exit_code == 2 and "[ho_so]" in result.output and "hd36-2018" in result.output


def test_the_profile_in_force_on_a_day_is_read_again_when_a_built_in_profile_changes(tmp_path, monkeypatch):
    """The built-in profile in force on a day is kept between documents while the built-in
    profiles' files stay as they are, and found again when one changes."""
    import datetime as dt
    import os
    import shutil

    import docgen.rules.profile as profiles

    folder = tmp_path / "profiles"
    shutil.copytree(BUILTIN_DIR, folder)
    monkeypatch.setattr(profiles, "BUILTIN_DIR", folder)
    day = dt.date(2026, 3, 1)
    assert profiles.profile_for_date(day) == "qd399-2026"
    assert profiles.profile_for_date(dt.date(2025, 3, 1)) == "hd36-2018"
    newer = folder / "qd399-2026.yaml"
    newer.write_text(newer.read_text(encoding="utf-8").replace("tu_ngay: 09/01/2026", "tu_ngay: 09/01/2027"),
                     encoding="utf-8")
    older = folder / "hd36-2018.yaml"
    older.write_text(older.read_text(encoding="utf-8").replace("den_ngay: 08/01/2026", "den_ngay: 08/01/2027"),
                     encoding="utf-8")
    for path in (newer, older):   # a later modification time, whatever the file system's resolution
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert profiles.profile_for_date(day) == "hd36-2018"
