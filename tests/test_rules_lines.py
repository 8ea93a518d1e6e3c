"""Where a printed line may break (docgen.rules.lines) and the font widths it measures with."""
from __future__ import annotations

import json

import pytest

from docgen.rules import font_widths
from docgen.rules.lines import BREAK, NB_HYPHEN, break_lines, broken_phrases, keep_symbols_whole, width_mm


@pytest.mark.skipif(not (font_widths.FONT_DIR / "LiberationSerif-Regular.ttf").is_file(),
                    reason="Liberation Serif 2 is not installed: apt-get install fonts-liberation2")
def test_the_bundled_widths_are_the_fonts():
    pytest.importorskip("fontTools", reason="fontTools is not installed: pip install fonttools")
    assert json.loads(font_widths.TABLE.read_text(encoding="utf-8")) == json.loads(
        json.dumps(font_widths.build_table(), ensure_ascii=False))


def test_widths_are_times_new_romans():
    # as LibreOffice set it on the page (pdftotext's word boxes): 206.7 pt
    assert round(width_mm("ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True), 1) == 72.9
    # Vietnamese letters are measured, not taken as an "n": the horn makes Ư wider than U
    assert width_mm("Ư", 14, bold=True) > width_mm("U", 14, bold=True) > width_mm("n", 14, bold=True)


@pytest.mark.parametrize("text, expected", [
    ("Căn cứ Kế hoạch số 53-KH/TU, ngày 17/11/2021 của Tỉnh ủy", "53‑KH/TU"),
    ("Quyết định số 49/2015/QĐ-TTg của Thủ tướng Chính phủ", "49/2015/QĐ‑TTg"),
    ("Số 02-CTr/BTGDVTU-BCHQST-CAT-BCHBP", "02‑CTr/BTGDVTU‑BCHQST‑CAT‑BCHBP"),
])
def test_a_symbols_hyphens_do_not_break(text, expected):
    assert expected.replace("‑", NB_HYPHEN) in keep_symbols_whole(text)


def test_hyphens_outside_symbols_are_left():
    assert keep_symbols_whole("giai đoạn 2026 - 2030, kinh tế - xã hội") == "giai đoạn 2026 - 2030, kinh tế - xã hội"


@pytest.mark.parametrize("text, column, size, bold, italic, lines", [
    ("BAN CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH", 76, 14, True, False, ["BAN CHỈ HUY", "BỘ ĐỘI BIÊN PHÒNG TỈNH"]),
    ("CHỈ HUY TRƯỞNG BAN CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH", 77, 14, True, False,
     ["CHỈ HUY TRƯỞNG", "BAN CHỈ HUY", "BỘ ĐỘI BIÊN PHÒNG TỈNH"]),
    ("Thừa Thiên Huế, ngày 13 tháng 5 năm 2022", 85, 14, False, True, ["Thừa Thiên Huế,", "ngày 13 tháng 5 năm 2022"]),
    ("BAN CHẤP HÀNH TRUNG ƯƠNG", 80, 14, True, False, ["BAN CHẤP HÀNH TRUNG ƯƠNG"]),
    ("BAN CHẤP HÀNH TRUNG ƯƠNG", 60, 14, True, False, ["BAN CHẤP HÀNH", "TRUNG ƯƠNG"]),
])
def test_lines_break_between_phrases(text, column, size, bold, italic, lines):
    broken = break_lines(text, column, size, bold, italic, phrases=["Thừa Thiên Huế"]).split(BREAK)
    assert broken == lines
    assert all(width_mm(line, size, bold, italic) <= column for line in broken)


def test_a_title_is_broken_evenly_without_a_lone_word():
    summary = ("Hội nghị lần thứ bảy Ban Chấp hành Đảng bộ tỉnh (khóa XVI) về xây dựng hệ thống kết cấu hạ tầng "
               "đồng bộ đến năm 2025, định hướng đến năm 2030")   # 445-KL/TU of Thừa Thiên Huế
    lines = break_lines(summary, 165, 14, bold=True).split(BREAK)
    assert len(lines) == 2 and all(len(line.split()) > 3 for line in lines)
    assert lines[1].endswith("định hướng đến năm 2030") and "(khóa XVI)" in lines[0]


def test_a_break_typed_in_the_data_wins():
    assert break_lines("BAN CHỈ HUY\nBỘ ĐỘI BIÊN PHÒNG", 160, 14, True).split(BREAK) == ["BAN CHỈ HUY", "BỘ ĐỘI BIÊN PHÒNG"]


def test_broken_phrases_are_read_as_break_lines_reads_them():
    assert broken_phrases(["BỘ ĐỘI BIÊN", "PHÒNG TỈNH"]) == ["bộ đội biên phòng"]
    assert broken_phrases(["CHỈ HUY TRƯỞNG", "BAN CHỈ HUY"]) == []   # not "trưởng ban" across two phrases
    assert broken_phrases(["TỈNH ỦY", "NGHỆ AN"], ["Nghệ An"]) == []
