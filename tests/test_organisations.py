import datetime as dt

import pytest

from docgen.document.parties import load_organisations
from docgen.errors import DataError
from docgen.input.sources import find_organisations
from tests.conftest import ORGANISATIONS, ROOT


def test_names_follow_the_document_date():
    orgs = {o.id: o for o in load_organisations(ORGANISATIONS).organisations}
    nghe_an = orgs["btgdv-nghe-an"]
    assert nghe_an.name_on(dt.date(2024, 5, 1)).code == "BDVTU"
    assert nghe_an.name_on(dt.date(2025, 3, 1)).name == "Ban Tuyên giáo và Dân vận"
    assert nghe_an.name_on(dt.date(2025, 3, 1)).place == "Vinh"
    assert nghe_an.name_on(dt.date(2026, 1, 5)).code == "BTGDVTU"
    assert nghe_an.name_on(dt.date(2026, 1, 5)).place == "Nghệ An"
    assert orgs["bdv-binh-phuoc"].name_on(dt.date(2026, 1, 5)) is None


def test_the_nearest_file_is_found_from_the_data_folder():
    assert find_organisations(ROOT / "data" / "examples") == ORGANISATIONS


def test_overlapping_periods_and_duplicate_ids_are_refused(tmp_path):
    path = tmp_path / "to-chuc.yaml"
    entry = ("  - ma: x\n    ten_theo_thoi_ky:\n      - den_ngay: 01/03/2025\n        ten: A\n        ky_hieu: A\n"
             "      - tu_ngay: 01/03/2025\n        ten: B\n        ky_hieu: B\n")
    path.write_text("to_chuc:\n" + entry, encoding="utf-8")
    with pytest.raises(DataError, match="chồng lên nhau"):
        load_organisations(path)
    path.write_text("to_chuc:\n" + entry.replace("tu_ngay: 01/03/2025", "tu_ngay: 02/03/2025") * 2, encoding="utf-8")
    with pytest.raises(DataError, match="bị trùng"):
        load_organisations(path)
