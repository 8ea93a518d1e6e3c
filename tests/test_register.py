"""The outgoing register: stable numbers, parallel processes, reserve, void, export — on both
storage engines (SQLite; PostgreSQL where its server can start, see conftest.engine)."""
from __future__ import annotations

import csv
import datetime as dt
import multiprocessing
import shutil

import docx
import pytest
from openpyxl import load_workbook

from docgen.register import Register, numbering_period
from tests.conftest import ROOT


@pytest.fixture
def office(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def _auto(office, name: str, number_line="so: 66"):
    source = office / "data" / "examples" / "ke-hoach-khao-sat-llvt-binh-phuoc-2022.yaml"
    target = office / "data" / "examples" / name
    target.write_text(source.read_text(encoding="utf-8").replace(number_line, "so: auto"), encoding="utf-8")
    return target


def _number_line(path):
    return docx.Document(str(path)).tables[0].rows[0].cells[0].paragraphs[-1].text


def test_auto_number_is_drawn_once_and_kept(office, run_cli, engine):
    first, second = _auto(office, "mot.yaml"), _auto(office, "hai.yaml")
    out = office / "out"
    assert run_cli("render", first, second, "-o", out).exit_code == 0
    assert [_number_line(out / "mot.docx"), _number_line(out / "hai.docx")] == ["Số 01-KH/BDVTU", "Số 02-KH/BDVTU"]
    before = (out / "mot.docx").read_bytes()
    assert run_cli("render", second, first, "-o", out).exit_code == 0   # other order: same numbers
    assert _number_line(out / "mot.docx") == "Số 01-KH/BDVTU" and (out / "mot.docx").read_bytes() == before
    # the data folder's file, or the database named in DOCGEN_CSDL (then no file is made)
    assert (office / "data" / "so-van-ban-di.sqlite3").is_file() == (engine.name == "sqlite")
    with Register.open(engine.location(office / "data" / "so-van-ban-di.sqlite3")) as register:
        assert [(e.document, e.number, e.symbol) for e in register.entries()] == [
            ("examples/mot.yaml", 1, "01-KH/BDVTU"), ("examples/hai.yaml", 2, "02-KH/BDVTU")]


def test_ma_van_ban_keeps_the_number_when_the_file_moves(office, run_cli, engine):
    path = _auto(office, "mot.yaml")
    path.write_text(path.read_text(encoding="utf-8") + "ma_van_ban: kh-khao-sat-2022\n", encoding="utf-8")
    out = office / "out"
    assert run_cli("render", path, "-o", out / "a.docx").exit_code == 0
    moved = path.rename(office / "data" / "examples" / "doi-ten.yaml")
    _auto(office, "khac.yaml")
    assert run_cli("render", office / "data" / "examples" / "khac.yaml", moved, "-o", out).exit_code == 0
    assert _number_line(out / "doi-ten.docx") == "Số 01-KH/BDVTU"
    assert _number_line(out / "khac.docx") == "Số 02-KH/BDVTU"


def test_numbering_periods():
    assert numbering_period(dt.date(2022, 5, 6), "nhiem_ky") == "nhiệm kỳ 2020-2025"
    assert numbering_period(dt.date(2025, 11, 1), "nhiem_ky") == "nhiệm kỳ 2025-2030"
    assert numbering_period(dt.date(2025, 9, 1), "nhiem_ky") == "nhiệm kỳ 2020-2025"
    assert numbering_period(dt.date(2026, 3, 1), "nam") == "năm 2026"
    assert numbering_period(dt.date(2021, 1, 1), "nhiem_ky", [dt.date(2020, 12, 20)]) == "nhiệm kỳ 2020-2025"


def _draw(args):
    path, worker, count = args
    register = Register.open(path)
    try:
        return [register.number_for(f"van-ban-{worker}-{i}", "BDVTU", "KH", "nhiệm kỳ 2025-2030") for i in range(count)]
    finally:
        register.close()


def test_parallel_processes_never_duplicate_or_skip_a_number(tmp_path, engine):
    path = engine.location(tmp_path / "so.sqlite3")
    Register.open(path).close()
    with multiprocessing.get_context("spawn").Pool(6) as pool:
        drawn = pool.map(_draw, [(path, w, 25) for w in range(6)])
    numbers = sorted(n for batch in drawn for n in batch)
    assert numbers == list(range(1, 151))
    for batch in drawn:
        assert batch == sorted(batch)


def test_numbers_run_per_issuer_kind_and_period(tmp_path, engine):
    register = Register.open(engine.location(tmp_path / "so.sqlite3"))
    assert register.number_for("a", "BDVTU", "KH", "nhiệm kỳ 2020-2025") == 1
    assert register.number_for("b", "BDVTU", "BC", "nhiệm kỳ 2020-2025") == 1
    assert register.number_for("c", "BTGDVTU", "KH", "nhiệm kỳ 2025-2030") == 1
    assert register.number_for("d", "BDVTU", "KH", "nhiệm kỳ 2020-2025") == 2
    register.close()


def test_reserve_void_list_and_export(office, run_cli, tmp_path, engine):
    register = engine.args(tmp_path / "so.sqlite3")
    result = run_cli("so", "giu-cho", *register, "--co-quan", "BDVTU", "--loai", "KH",
                     "--ngay", "05/5/2022", "--ghi-chu", "Kế hoạch Tháng Dân vận")
    assert result.exit_code == 0 and "số 01-KH/BDVTU (nhiệm kỳ 2020-2025)" in result.output
    path = _auto(office, "mot.yaml")
    assert run_cli("render", path, "-o", tmp_path / "mot.docx", *register).exit_code == 0
    assert _number_line(tmp_path / "mot.docx") == "Số 02-KH/BDVTU"   # the reserved 01 is not taken
    listing = run_cli("so", "danh-sach", *register)
    rows = [line.split("\t") for line in listing.output.splitlines()]
    assert [(r[4], r[5]) for r in rows] == [("01", "giữ chỗ"), ("02", "đã cấp")]
    assert rows[1][6] == "02-KH/BDVTU" and rows[1][7] == "examples/mot.yaml"
    assert run_cli("so", "huy", rows[0][0], *register, "--ghi-chu", "không ban hành").exit_code == 0
    second = _auto(office, "hai.yaml")
    assert run_cli("render", second, "-o", tmp_path / "hai.docx", *register).exit_code == 0
    assert _number_line(tmp_path / "hai.docx") == "Số 03-KH/BDVTU"   # a voided number is never given again
    assert run_cli("so", "xuat", tmp_path / "so.csv", *register).exit_code == 0
    with (tmp_path / "so.csv").open(encoding="utf-8-sig") as handle:
        table = list(csv.reader(handle))
    assert table[0][:5] == ["Dòng", "Cơ quan", "Loại", "Kỳ đánh số", "Số"]
    assert [row[5] for row in table[1:]] == ["đã hủy", "đã cấp", "đã cấp"]
    assert run_cli("so", "xuat", tmp_path / "so.xlsx", *register).exit_code == 0
    sheet = load_workbook(tmp_path / "so.xlsx").active
    assert sheet["E4"].value == 3 and sheet.title == "Sổ văn bản đi"


def test_build_draws_numbers_in_parallel_without_duplicates(office, run_cli, engine):
    for i in range(10):
        _auto(office, f"tu-dong-{i:02d}.yaml")
    result = run_cli("build", office / "data", "-o", office / "output")
    assert result.exit_code == 0, result.output
    lines = sorted(_number_line(office / "output" / "examples" / f"tu-dong-{i:02d}.docx") for i in range(10))
    assert lines == sorted(f"Số {n:02d}-KH/BDVTU" for n in range(1, 11))
    with Register.open(engine.location(office / "data" / "so-van-ban-di.sqlite3")) as register:   # the engine's register
        assert sorted(e.number for e in register.entries()) == list(range(1, 11))
    assert (office / "data" / "so-van-ban-di.sqlite3").is_file() == (engine.name == "sqlite")


def test_a_register_locked_where_sqlite_will_not_wait_is_waited_for(tmp_path):
    """Where SQLite answers "database is locked" at once (here: a connection without a busy
    wait), the register's access waits for the lock to go instead of failing the document."""
    import sqlite3
    import threading

    from docgen.register import SqliteStore, _patiently

    path = tmp_path / "so.sqlite3"
    SqliteStore(path).close()
    holder = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    waiter = sqlite3.connect(str(path), timeout=0, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        waiter.execute("BEGIN IMMEDIATE")   # SQLite alone gives up at once
    release = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
    release.start()
    _patiently(lambda: waiter.execute("BEGIN IMMEDIATE"))   # waits for the holder, then has the lock
    waiter.execute("COMMIT")
    release.join()
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        _patiently(lambda: waiter.execute("SELECT * FROM khong_co"))   # other errors are not retried
    holder.close()
    waiter.close()
