"""The README's speed section is the benchmark's own output: made by ``bench/bench_render.py
--readme`` from the figures recorded beside it, every target of the speed issue present with its
value, target and ratio, the machine named. No timing is asserted here."""
from __future__ import annotations

import importlib.util

from tests.conftest import ROOT

README = ROOT / "README.md"
# the targets of the speed issue: (what the row names, target, higher is better)
TARGETS = [("báo cáo ví dụ lớn nhất", 15, True), ("văn bản đo tốc độ", 15, True), ("5.000 đoạn", 5, True),
           ("mỗi nhiệm vụ", 2, False), ("mỗi đoạn", 2, False), ("`docgen --help`", 0.15, False),
           ("`docgen render`", 0.25, False), ("`docgen lint` văn bản 200 trang", 0.5, False),
           ("`docgen check` văn bản 200 trang", 0.2, False), ("1.000 văn bản từ đầu", 5, False),
           ("không có gì đổi", 0.5, False), ("bộ nhớ lớn nhất", 150, False)]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_render", ROOT / "bench" / "bench_render.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_speed_section_is_what_the_benchmark_writes_from_its_recorded_figures():
    bench = _bench()
    text = README.read_text(encoding="utf-8")
    assert text.count(bench.START) == 1 and text.count(bench.END) == 1
    section = text[text.index(bench.START):text.index(bench.END) + len(bench.END)]
    results = bench.section_results(section)
    assert section == bench.readme_section(results)


def test_the_section_has_every_target_with_value_target_ratio_and_the_machine():
    bench = _bench()
    results = bench.section_results(README.read_text(encoding="utf-8"))
    assert results["mode"] == "full" and results["build"]["documents"] == 1000
    assert results["machine"] and results["load_before"]
    recorded = results["targets"]
    for words, goal, higher in TARGETS:
        row = next((t for t in recorded if words in t["name"]), None)
        assert row is not None, words
        assert (row["goal"], row["higher"]) == (goal, higher), words
        assert row["value"] > 0
        ratio = row["value"] / goal if higher else goal / row["value"]
        assert row["holds"] == (ratio >= 1), words
    report = bench.report(results)
    assert results["machine"] in report
    verdicts = [line for line in report.splitlines() if line.endswith((" | có |", " | **không** |"))]
    assert len(verdicts) == len(recorded)


def test_readme_rewrites_only_its_section(tmp_path):
    bench = _bench()
    results = bench.section_results(README.read_text(encoding="utf-8"))
    results = {**results, "date": "2000-01-01"}
    copy = tmp_path / "README.md"
    copy.write_text(f"đầu\n\n{bench.START}\ncũ\n{bench.END}\n\ncuối\n", encoding="utf-8")
    bench.write_readme(results, copy)
    written = copy.read_text(encoding="utf-8")
    assert written.startswith("đầu\n\n") and written.endswith("\n\ncuối\n")
    assert "Đo ngày 2000-01-01" in written and "cũ" not in written
    assert bench.section_results(written) == results


def test_the_section_states_what_no_change_inside_docgen_can_make_faster():
    """Under the targets: for each command, the time of a process importing what that command
    imports without docgen's own modules (its "floor"), docgen's part beside it; for 5,000
    paragraphs, libyaml's reading and zlib's compression. Recorded by the same run."""
    bench = _bench()
    results = bench.section_results(README.read_text(encoding="utf-8"))
    floors = results["floors"]
    for command in ("--help", "render", "lint", "check"):
        assert floors[command]["ms"] > 0 and "click" in floors[command]["packages"], command
    assert "pydantic" in floors["check"]["packages"] and "pydantic" not in floors["--help"]["packages"]
    assert floors["doan_5000"]["yaml_ms"] > 0 and floors["doan_5000"]["zlib_ms"] > 0
    lines = "\n".join(bench._floor_lines(results))
    check = next(t for t in results["targets"] if "`docgen check`" in t["name"])
    assert floors["check"]["goal"] == check["goal"] and round(floors["check"]["command_ms"] / 1000, 3) == check["value"]
    part = bench._number((floors["check"]["command_ms"] - floors["check"]["ms"]) / 1000)
    assert f"`docgen check` {bench._number(floors['check']['ms'] / 1000)} s (click, pydantic, PyYAML;" in lines
    assert f"phần của docgen {part} s" in lines
    paragraphs = next(t for t in results["targets"] if "5.000 đoạn" in t["name"])
    assert floors["doan_5000"]["goal"] == paragraphs["goal"] == 5
    assert f"Với 5.000 đoạn, mục tiêu 5 lần cho docgen {bench._number(floors['doan_5000']['plain_ms'] / 5, 0)} ms" in lines


def test_a_commands_floor_imports_what_the_command_imports(tmp_path):
    """The floor's process imports the modules the command itself imported (listed at its exit,
    the command run with its own arguments): a render loads jinja2 and pydantic, `--help` neither."""
    from tests.conftest import EXAMPLES

    bench = _bench()
    _ms, render = bench.floor_ms(["render", str(EXAMPLES[0]), "-o", str(tmp_path / "a.docx")], 1, tmp_path)
    _ms, helping = bench.floor_ms(["--help"], 1, tmp_path)
    assert {"click", "jinja2", "pydantic", "yaml"} <= set(render)
    assert helping == ["click"]
    assert (tmp_path / "a.docx").stat().st_size > 0
