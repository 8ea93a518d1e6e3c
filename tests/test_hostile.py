"""Hostile input gets a clear answer in bounded time: data that names files outside its folder,
alias bombs, deep nesting, huge numbers, oversized and chunked bodies, renders past their time;
the service stops on SIGTERM and leaves no worker behind."""
from __future__ import annotations

import json
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import httpx
import pytest
import uvicorn
from openpyxl import Workbook

from docgen.faces.server import ServiceSettings, create_app
from tests.conftest import ROOT, load_yaml

EXAMPLES = ROOT / "data" / "examples"
REPORT = EXAMPLES / "bao-cao-so-ket-ninh-binh-2019.yaml"
PLAN = EXAMPLES / "ke-hoach-khao-sat-llvt-binh-phuoc-2022.yaml"
SECRET = "BI-MAT-7Q3Z"
YAML = {"Content-Type": "text/yaml"}
JSON = {"Content-Type": "application/json"}


def _secrets(folder):
    """Files outside the service's data folder, each holding SECRET where a response could show it."""
    book = Workbook()
    book.active.append(["Đơn vị", "hoi_nghi"])
    book.active.append([SECRET, 3])
    book.save(folder / "bi-mat.xlsx")
    plan = PLAN.read_text(encoding="utf-8").replace("trich_yeu: ", f"trich_yeu: {SECRET} ", 1)
    (folder / "bi-mat.yaml").write_text(plan, encoding="utf-8")
    (folder / "bi-mat-ho-so.yaml").write_text(f"extends: hd36-2018\nten: {SECRET}\n", encoding="utf-8")


def _outside_refs(server_data):
    """(field, reference) pairs naming the secret files: absolute, and by '..' from the saved folder."""
    outside = server_data.parent
    refs = []
    for name, field in (("bi-mat.xlsx", "tu_tep"), ("bi-mat.yaml", "tep"), ("bi-mat-ho-so.yaml", "ho_so")):
        refs += [(field, str(outside / name)), (field, f"../../{name}"), (field, f"../../../{outside.name}/{name}")]
    return refs


def _report_naming(field: str, ref: str) -> str:
    data = load_yaml(REPORT)
    data["so"] = 1
    if field == "tu_tep":
        data["so_lieu"]["tu_tep"] = [ref]
    elif field == "tep":
        data["bao_cao_ve"] = {"tep": ref}
    else:
        data["ho_so"] = ref
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("route", ["/api/kiem-tra", "/api/tao"])
def test_data_naming_files_outside_the_data_folder_is_refused_without_their_content(server, route):
    client, data_dir = server
    _secrets(data_dir.parent)
    for field, ref in _outside_refs(data_dir):
        answer = client.post(route, content=_report_naming(field, ref), headers=JSON)
        assert answer.status_code == 422, (field, ref, answer.status_code)
        body = answer.text
        assert SECRET not in body and str(data_dir.parent) not in body and str(ROOT) not in body, body
        found = [p for p in answer.json()["loi"] if "thư mục dữ liệu" in p["thong_bao"]]
        assert found and found[0]["dong"] and found[0]["truong"].split(".")[-1].startswith(field.split("[")[0]), body


def test_error_bodies_show_no_server_path_and_no_long_value(server):
    client, data_dir = server
    data = load_yaml(PLAN)
    data["ngay"] = "x" * 90_000
    data["ky"]["tham_quyen"] = "y" * 5_000
    answer = client.post("/api/tao", params={"ma_van_ban": "thu-1"}, content=json.dumps(data, ensure_ascii=False),
                         headers=JSON)
    assert answer.status_code == 422
    assert len(answer.content) < 5_000 and "x" * 100 not in answer.text and "y" * 100 not in answer.text
    assert str(data_dir) not in answer.text and "/tmp/" not in answer.text
    assert {p["tep"] for p in answer.json()["loi"]} == {"van-ban-web/thu-1.json"}


def _alias_bomb() -> str:
    lines = ["loai: ke-hoach", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


def test_alias_bombs_deep_nesting_and_huge_numbers_are_4xx_and_the_service_keeps_serving(server):
    client, _ = server
    bomb = _alias_bomb()
    assert len(bomb) < 7_000
    started = time.monotonic()
    for _ in range(50):
        answer = client.post("/api/tao", content=bomb, headers=YAML)
        assert answer.status_code == 422 and "bí danh" in answer.json()["loi"][0]["thong_bao"], answer.text
    assert time.monotonic() - started < 60
    problem = answer.json()["loi"][0]
    assert problem["dong"] == 7 and problem["truong"] == "a5[0]"   # where the expansion passes 200,000 values
    deep = client.post("/api/kiem-tra", content='{"loai": "ke-hoach", "x": ' + "[" * 5000 + "]" * 5000 + "}", headers=JSON)
    assert deep.status_code == 422 and "lồng nhau quá" in deep.json()["loi"][0]["thong_bao"]
    huge = client.post("/api/kiem-tra", content='{"loai": "ke-hoach", "so": ' + "9" * 5000 + "}", headers=JSON)
    assert huge.status_code == 422 and "số quá lớn" in huge.json()["loi"][0]["thong_bao"]
    started = time.monotonic()
    normal = client.post("/api/tao", content=PLAN.read_text(encoding="utf-8"), headers=YAML)
    assert normal.status_code == 200 and time.monotonic() - started < 10


def test_a_chunked_body_over_the_limit_is_413(server):
    client, _ = server

    def chunks():
        for _ in range(40):
            yield b"a" * 64 * 1024

    answer = client.post("/api/kiem-tra", content=chunks(), headers=YAML)
    assert answer.status_code == 413 and "quá lớn" in answer.json()["loi"][0]["thong_bao"]


def _workers() -> set[int]:
    return {p.pid for p in multiprocessing.active_children() if p.name == "docgen-worker" and p.is_alive()}


def test_a_render_past_its_time_is_stopped_in_its_process(tmp_path):
    """The worker of a request past its time is killed (no thread keeps burning a CPU), and the
    next request is served by a fresh one."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(ServiceSettings(data_dir=ROOT / "data", render_timeout=0.2, workers=1))
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    before = _workers()
    thread.start()
    try:
        while not running.started:
            time.sleep(0.05)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            answer = client.post("/api/tao", content=PLAN.read_text(encoding="utf-8"), headers=YAML)
            assert answer.status_code == 504 and "đã dừng" in answer.json()["loi"][0]["thong_bao"]
            assert _workers() == before   # the worker past its time is gone
    finally:
        running.should_exit = True
        thread.join(timeout=30)
    assert _workers() == before


def _running(pid: str) -> bool:
    """Whether the process runs (an ended child not yet reaped by init, a zombie, does not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_the_service_stops_on_sigterm_and_leaves_no_worker(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    service = subprocess.Popen([sys.executable, "-m", "docgen", "serve", "--port", str(port),
                                "--thu-muc-du-lieu", str(ROOT / "data")], cwd=tmp_path,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = httpx.post(f"http://127.0.0.1:{port}/api/kiem-tra", content=PLAN.read_text(encoding="utf-8"),
                                    headers=YAML, timeout=60)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "service did not start"
                time.sleep(0.2)
        assert answer.status_code == 200
        children = subprocess.run(["pgrep", "-P", str(service.pid)], capture_output=True, text=True).stdout.split()
        assert children   # the worker that checked the data
        service.send_signal(signal.SIGTERM)
        assert service.wait(timeout=20) in (0, -signal.SIGTERM)   # uvicorn ends by the signal it shut down on
        time.sleep(0.5)
        left = [pid for pid in children if _running(pid)]
        assert left == []
    finally:
        if service.poll() is None:
            service.kill()
            service.wait()


def test_a_killed_build_leaves_no_process_and_the_next_run_no_temporary_file(tmp_path):
    import shutil

    shutil.copytree(ROOT / "data", tmp_path / "data")
    out = tmp_path / "output"
    build = subprocess.Popen([sys.executable, "-m", "docgen", "build", "data", "-o", str(out), "-j", "2", "--tao-lai"],
                             cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: list[str] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = subprocess.run(["pgrep", "-P", str(build.pid)], capture_output=True, text=True).stdout.split()
        time.sleep(0.05)
    build.kill()   # kill -9: the pool's workers get no chance to hear of it
    build.wait()
    assert workers
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in workers if _running(pid)] == []
    out.mkdir(exist_ok=True)
    dead = build.pid   # a process that has ended
    left = out / f".ke-hoach.docx.{dead}-x1y2.tmp"
    left.write_bytes(b"PK half")
    mine = out / f".van-ban.docx.{os.getpid()}-a1b2.tmp"   # a running process's: kept
    mine.write_bytes(b"PK writing")
    again = subprocess.run([sys.executable, "-m", "docgen", "build", "data", "-o", str(out)], cwd=tmp_path,
                           capture_output=True, text=True, timeout=300)
    assert "Tổng kết" in again.stdout, again.stderr
    assert not left.exists() and mine.exists()


def test_the_register_is_the_data_folders_never_a_second_one_in_the_current_folder(tmp_path):
    from click.testing import CliRunner

    from docgen.faces.cli import cli

    office = tmp_path / "van-phong"
    (office / "data").mkdir(parents=True)
    (office / "data" / "to-chuc.yaml").write_text((ROOT / "data" / "to-chuc.yaml").read_text(encoding="utf-8"),
                                                   encoding="utf-8")
    args = ["so", "giu-cho", "--co-quan", "BDVTU", "--loai", "KH", "--ngay", "01/02/2026"]
    cwd = os.getcwd()
    try:
        os.chdir(office)   # the project's root, data/ beside
        first = CliRunner().invoke(cli, args)
        os.chdir(office / "data")
        second = CliRunner().invoke(cli, args)
        os.chdir(tmp_path)   # no office here
        nowhere = CliRunner().invoke(cli, args)
    finally:
        os.chdir(cwd)
    assert "01-KH/BDVTU" in first.output and "02-KH/BDVTU" in second.output
    assert sorted(p.name for p in office.rglob("*.sqlite3")) == ["so-van-ban-di.sqlite3"]
    assert (office / "data" / "so-van-ban-di.sqlite3").is_file()
    assert nowhere.exit_code != 0 and "không tìm thấy thư mục dữ liệu" in nowhere.output
    assert list(tmp_path.glob("*.sqlite3")) == []


# ------------------------------------------------------------------------------ hostile Word files

def _hostile_word_files(folder) -> dict[str, bytes]:
    """Word files built from a real one: a bomb whose parts unpack to 400 MB, a DTD with an
    external entity, broken XML, no page size, 6,000 paragraphs that do not compress."""
    import io
    import random
    import re
    import string
    import zipfile

    from click.testing import CliRunner

    from docgen.faces.cli import cli

    made = folder / "that.docx"
    assert CliRunner().invoke(cli, ["render", str(PLAN), "-o", str(made)]).exit_code == 0
    with zipfile.ZipFile(made) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    body = parts["word/document.xml"]
    start = body.index(b">", body.index(b"<w:body")) + 1
    rng = random.Random(18)
    many = b"".join(b"<w:p><w:r><w:t>" + "".join(rng.choices(string.ascii_letters + " ", k=60)).encode()
                    + b"</w:t></w:r></w:p>" for _ in range(6_000))

    def package_with(document: bytes | None = None, extra: dict[str, bytes] | None = None) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in parts.items():
                package.writestr(name, document if name == "word/document.xml" and document is not None else data)
            for name, data in (extra or {}).items():
                package.writestr(name, data)
        return out.getvalue()

    return {
        "bomb": package_with(extra={"word/media/a.bin": b"\0" * (400 * 1024 * 1024)}),
        "dtd": package_with(b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                            + body.split(b"?>", 1)[1]),
        "broken": package_with(body[: len(body) // 2]),
        "no-page-size": package_with(re.sub(rb"<w:pgSz[^>]*/>", b"", body)),
        "many": package_with(body[:start] + many + body[start:]),
    }


@pytest.fixture(scope="module")
def hostile_word(tmp_path_factory):
    folder = tmp_path_factory.mktemp("word")
    files = {}
    for name, data in _hostile_word_files(folder).items():
        files[name] = folder / f"{name}.docx"
        files[name].write_bytes(data)
    return files


_MEASURED = """
import atexit, runpy, sys
def peak():
    with open("/proc/self/status", encoding="utf-8") as status:
        kb = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    sys.stderr.write(f"\\nPEAK-KB {kb}\\n")
atexit.register(peak)
sys.argv = ["docgen", *sys.argv[1:]]
runpy.run_module("docgen", run_name="__main__")
"""


def _run_bounded(*args: str, cwd) -> tuple[int, str, float, int]:
    """Runs docgen in its own process; returns its exit code, output, seconds and peak memory
    (MB, the process's own high-water mark)."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", _MEASURED, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60)
    seconds = time.monotonic() - started
    peak = int(done.stderr.rsplit("PEAK-KB ", 1)[1].split()[0])
    return done.returncode, done.stdout + done.stderr, seconds, peak // 1024


@pytest.mark.parametrize("name, words", [
    ("bomb", "zip bomb"), ("dtd", "DTD"), ("broken", "XML hỏng"), ("many", "hơn 5.000 đoạn")])
@pytest.mark.parametrize("command", [["lint"], ["cite", "--check"], ["lint", "--sua"]], ids=" ".join)
def test_hostile_word_files_are_refused_clearly_in_bounded_time_and_memory(hostile_word, command, name, words, tmp_path):
    args = [*command, str(hostile_word[name])] + (["-o", str(tmp_path / "sua.docx")] if "--sua" in command else [])
    code, output, seconds, megabytes = _run_bounded(*args, cwd=tmp_path)
    assert code == 2 and words in output and "Traceback" not in output and "không mong đợi" not in output, output
    assert seconds < 10 and megabytes < 300, (seconds, megabytes)
    assert not (tmp_path / "sua.docx").exists()


def test_a_word_file_without_page_size_is_linted(hostile_word, tmp_path):
    code, output, _, _ = _run_bounded("lint", str(hostile_word["no-page-size"]), cwd=tmp_path)
    assert code == 1 and "[kho-giay]" in output and "Traceback" not in output, output


def test_hostile_uploads_are_refused_by_the_service(server, hostile_word):
    client, _ = server
    for name in ("dtd", "broken", "many", "bomb"):
        data = hostile_word[name].read_bytes()
        answer = client.post("/api/lint", files={"tep": (f"{name}.docx", data, "application/octet-stream")})
        assert answer.status_code in (413, 422), (name, answer.status_code, answer.text)
        assert answer.json()["loi"][0]["thong_bao"]


@pytest.mark.parametrize("value, words", [
    ("!!binary AAAA", "thẻ YAML '!!binary'"), ("!!python/object:os.system x", "thẻ YAML"),
    ("9" * 5000, "số quá lớn"), ("[" * 200 + "]" * 200, "lồng nhau quá 32 cấp")])
def test_tags_huge_numbers_and_deep_values_are_positioned_errors(value, words, tmp_path, run_cli):
    lines = PLAN.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("trich_yeu:"))
    lines[at] = f"trich_yeu: {value}"
    source = tmp_path / "du-lieu.yaml"
    source.write_text("\n".join(lines), encoding="utf-8")
    result = run_cli("render", source, "-o", tmp_path / "x.docx")
    assert result.exit_code == 2 and not (tmp_path / "x.docx").exists()
    assert result.output.startswith(f"{source}:{at + 1}:") and "[trich_yeu" in result.output and words in result.output, result.output


def test_a_service_worker_outlives_the_request_thread_that_started_it():
    """A render worker is tied to docgen by the kernel's parent-death signal, which follows the
    *thread* that started it: started from a request's pool thread, it was killed when that
    thread ended, and the next request it served failed ("dừng bất thường"). Workers are
    started from one long-lived thread."""
    import threading

    from docgen.core import Settings
    from docgen.faces.server.jobs import Workers
    from tests.conftest import CATALOGS, ORGANISATIONS, ROOT

    plan = ROOT / "data" / "examples" / "ke-hoach-khao-sat-llvt-binh-phuoc-2022.yaml"
    workers = Workers(Settings(ORGANISATIONS, (CATALOGS,)), 1)
    try:
        done = []
        first = threading.Thread(target=lambda: done.append(
            workers.run(False, plan.read_bytes(), plan.name, plan.parent, True, 60)))
        first.start()
        first.join()
        assert done
        (worker,) = workers.running
        time.sleep(1.0)   # the thread has ended; a worker tied to it would be gone by now
        assert worker.process.is_alive(), f"killed ({worker.process.exitcode})"
        assert workers.run(False, plan.read_bytes(), plan.name, plan.parent, True, 60) is not None
        assert workers.running == {worker}   # served by the same worker, not a new one started again
    finally:
        workers.close()


def test_one_line_folds_every_white_space_character_as_str_split_does():
    """The fast path of one_line (a text that is one line already) agrees with folding by
    str.split for every code point, between words, doubled, and at both ends."""
    from docgen.text import one_line

    for code in range(0x110000):
        char = chr(code)
        for text in (f"a{char}b", f"a {char}b", f"{char}ab", f"ab{char}", f"Dân{char}{char}vận"):
            assert one_line(text) == " ".join(text.split()), (hex(code), text)
    assert one_line("  Công tác   dân vận\n\tnăm 2026 ") == "Công tác dân vận năm 2026"
