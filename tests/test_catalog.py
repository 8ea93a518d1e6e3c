import datetime as dt

import pytest

from docgen.citations.catalog import load_catalog
from docgen.errors import DataError
from tests.conftest import CATALOGS


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


ENTRY = """van_ban:
  - so_ky_hieu: 23-QĐ/TW
    loai: Quyết định
    ngay: {date}
    co_quan: Bộ Chính trị
    trich_yeu: ban hành Quy chế công tác dân vận của hệ thống chính trị
    nguon: thử
"""


def test_bundled_catalog_loads_from_several_files():
    catalog = load_catalog([CATALOGS])
    assert len(catalog.files) >= 3
    assert catalog.get("23-QĐ/TW").issuer == "Bộ Chính trị"
    assert catalog.get("53-KH/TU").issuer == "Tỉnh ủy Bình Phước"        # from a province's own file
    assert catalog.get("04 – Ctr/DV – ĐPS").date == dt.date(2016, 4, 10)  # tolerant look-up
    assert all(entry.source for entry in catalog.entries.values())


def test_replacements_are_known_with_their_dates():
    catalog = load_catalog([CATALOGS])
    assert catalog.successor("290-QĐ/TW").symbol == "23-QĐ/TW"
    assert catalog.successor("290-QĐ/TW").date == dt.date(2021, 7, 30)
    assert catalog.successor("66-QĐ/TW").symbol == "399-QĐ/TW"
    assert catalog.successor("23-QĐ/TW") is None


def test_same_symbol_with_same_facts_in_two_files_is_fine(tmp_path):
    a = _write(tmp_path / "a.yaml", ENTRY.format(date="30/7/2021"))
    b = _write(tmp_path / "b.yaml", ENTRY.format(date="30/07/2021"))
    assert len(load_catalog(bundled=False, paths=[a, b]).entries) == 1


def test_same_symbol_with_different_facts_is_an_error_naming_both_files(tmp_path):
    a = _write(tmp_path / "a.yaml", ENTRY.format(date="30/7/2021"))
    b = _write(tmp_path / "b.yaml", ENTRY.format(date="30/7/2020"))
    with pytest.raises(DataError) as info:
        load_catalog(bundled=False, paths=[a, b])
    (problem,) = info.value.problems
    assert problem.file == str(b) and problem.line == 2 and str(a) in problem.message
    assert "ngay" in problem.message and "2020" in problem.message


def test_bad_symbol_in_a_catalog_is_reported_with_its_line(tmp_path):
    bad = _write(tmp_path / "a.yaml", ENTRY.format(date="30/7/2021").replace("23-QĐ/TW", "hai ba"))
    with pytest.raises(DataError) as info:
        load_catalog(bundled=False, paths=[bad])
    assert info.value.problems[0].line == 2 and "không phải số ký hiệu" in info.value.problems[0].message


@pytest.mark.parametrize("words, expected", [
    ("quy che dan van", "23-QĐ/TW"),
    ("QUY CHẾ DÂN VẬN", "23-QĐ/TW"),
    ("tang cuong va doi moi", "25-NQ/TW"),
    ("33/CT-TTg", "33/CT-TTg"),
    ("bien gioi", "16-NQ/TW"),
])
def test_search_ignores_accents_and_case(words, expected):
    assert expected in [e.symbol for e in load_catalog([CATALOGS]).search(words)]


def test_closest_symbols_for_a_typo():
    catalog = load_catalog([CATALOGS])
    assert catalog.closest("23-QĐ/TU")[0] == "23-QĐ/TW"
    assert "290-QĐ/TW" in catalog.closest("290-QĐ/TU")
