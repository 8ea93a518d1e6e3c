#!/usr/bin/env python3
"""Benchmark: docgen against plain docxtpl on the same documents, every target of the speed
issue measured in one run, with its target and ratio.

    .venv/bin/python bench/bench_render.py            # full: 10 repetitions, 1,000-document build
    .venv/bin/python bench/bench_render.py --short    # CI: 5 repetitions, 100-document build
    .venv/bin/python bench/bench_render.py --readme   # full, then rewrite README's section

Plain docxtpl renders docgen's own template with the same context (a new DocxTemplate, render,
save, every time). "From the data file" is what a clerk waits for: read the file, check it
(schema, rules, citations), build the context, render the .docx bytes. Every time is the
minimum of several repetitions (machines here are shared and noisy: read the ratios, measured
in the same run). The commands are timed as a clerk runs them (a new process). Nothing here is
asserted; `--readme` writes the report between the README's markers, with the measured data,
so that ``tests/test_bench_readme.py`` can check the section is this script's output.
"""
from __future__ import annotations

import argparse
import compileall
import gc
import io
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

README = ROOT / "README.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
DATA_MARK = "<!-- bench-data: "

PHRASES = ["công tác dân vận", "hệ thống chính trị", "cấp ủy, tổ chức đảng", "Mặt trận Tổ quốc",
           "các đoàn thể chính trị - xã hội", "nhân dân trên địa bàn", "phong trào thi đua", "dân vận khéo",
           "xây dựng nông thôn mới", "quy chế dân chủ ở cơ sở", "đồng bào dân tộc thiểu số", "an sinh xã hội",
           "giảm nghèo bền vững", "chuyển đổi số", "khối đại đoàn kết toàn dân tộc", "niềm tin của nhân dân"]
VERBS = ["tiếp tục quán triệt", "triển khai thực hiện", "tăng cường", "đẩy mạnh", "nâng cao chất lượng",
         "phối hợp chặt chẽ với", "kịp thời nắm bắt", "chủ động tham mưu", "vận động, hướng dẫn"]


def paragraph(rng: random.Random, words: int = 80) -> str:
    out: list[str] = []
    while len(" ".join(out).split()) < words:
        out.append(f"{rng.choice(VERBS).capitalize()} {rng.choice(PHRASES)}, {rng.choice(PHRASES)} và "
                   f"{rng.choice(PHRASES)}.")
    return " ".join(out)


def realistic(number: int, seed: int = 7, sections: int = 6, per_section: int = 6, words: int = 80,
              tasks: int = 50, current: bool = False) -> dict:
    """Returns the data of the benchmark document (numbered `number`): a plan of `sections`
    sections of `per_section` paragraphs of about `words` words and a `tasks`-row task table.
    Dated 2024 (the issue's figures), or with `current` dated 2026 with the bodies' names of
    2026 (every text then also checked for the names that ended in 2025)."""
    rng = random.Random(seed)
    issuer = ({"cap_tren": "Tỉnh ủy Đồng Nai", "ten": "Ban Tuyên giáo và Dân vận",
               "ten_day_du": "Ban Tuyên giáo và Dân vận Tỉnh ủy", "ky_hieu": "BTGDVTU", "loai": "tham-muu",
               "dia_danh": "Đồng Nai"} if current else
              {"cap_tren": "Tỉnh ủy Bình Phước", "ten": "Ban Dân vận", "ten_day_du": "Ban Dân vận Tỉnh ủy",
               "ky_hieu": "BDVTU", "loai": "tham-muu", "dia_danh": "Đồng Xoài"})
    year = 2026 if current else 2024
    return {
        "loai": "ke-hoach",
        "co_quan": issuer,
        "so": number, "ngay": f"15/3/{year}", "trich_yeu": f"thực hiện công tác dân vận năm {year}",
        "noi_dung": [{"tieu_de": f"Phần thứ {s + 1}", "noi_dung": [paragraph(rng, words) for _ in range(per_section)]}
                     for s in range(sections)],
        "bang_nhiem_vu": {"nhiem_vu": [
            {"ma": f"NV{i:02d}", "noi_dung": f"Nhiệm vụ {i}: {paragraph(rng, 12)}", "chu_tri": issuer["ten_day_du"],
             "phoi_hop": ["Ủy ban MTTQ tỉnh", "Tỉnh đoàn"], "thoi_gian": f"Quý {i % 4 + 1}/{year}"}
            for i in range(1, tasks + 1)]},
        "ky": {"tham_quyen": "K/T", "thay_cho": "Trưởng ban", "chuc_vu": "Phó Trưởng ban", "ho_ten": "Nguyễn Văn A"},
        "noi_nhan": [{"ten": "Thường trực Tỉnh ủy", "vai_tro": "b/c"},
                     "Các đảng ủy xã, phường" if current else "Các huyện ủy, thị ủy, thành ủy"],
        "luu": "Văn phòng Ban",
    }


def as_yaml(data: dict) -> str:
    """Returns `data` as a clerk would type it: block YAML, Vietnamese as is."""
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


# ------------------------------------------------------------------------------ measuring

def best_ms(action: Callable[[], Any], runs: int) -> float:
    """Returns the fastest of `runs` timed calls of `action` (after one untimed), in ms.

    What the benchmark itself keeps alive (the documents, plain docxtpl's templates of earlier
    measurements) is moved out of the garbage collector's passes first (`gc.freeze`), for
    docxtpl and docgen alike: each call then pays for its own objects only, as in a command
    that renders one document, not for the size of this long-running process."""
    gc.collect()
    gc.freeze()
    try:
        action()
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
    finally:
        gc.unfreeze()
    return min(times) * 1000


PARAGRAPHS_GOAL = 5   # times faster than plain docxtpl at 5,000 paragraphs

LAUNCHER = [sys.executable, "-c", "from docgen.faces.cli import main; main()"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}   # the commands run this checkout's code, as the rest does


def paragraphs_floor(path: Path, docx: bytes, runs: int) -> dict[str, float]:
    """Returns what reading `path` and compressing its document cost without docgen, in ms: the
    file read by libyaml (PyYAML's C loader; docgen's fast reader is built on it) and the body
    of `docx` compressed as a .docx is (zlib level 6, the level docgen's recorded bytes fix)."""
    import yaml

    from docgen.input.fastyaml import gc_paused  # the reader pauses the collector too

    text = path.read_text(encoding="utf-8")
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        body = package.read("word/document.xml")

    def compress() -> bytes:
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        return packer.compress(body) + packer.flush()

    def parse() -> object:
        with gc_paused():
            return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    return {"yaml_ms": best_ms(parse, runs), "zlib_ms": best_ms(compress, runs), "body_kb": len(body) / 1024}


def _children_cpu() -> float:
    """Returns the CPU seconds (user and system) of this process's ended children so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def process_ms(command: list[str], runs: int, cwd: Path, what: str) -> tuple[float, float]:
    """Returns the fastest of `runs` runs of `command` as a new process (after one untimed) and
    the least CPU time one took (which other users of the machine do not inflate), both in ms.
    Exit status 1 (a document with errors) counts as run; any other failure stops, naming `what`."""
    times, cpu = [], []
    for _ in range(runs + 1):
        start, used = time.perf_counter(), _children_cpu()
        done = subprocess.run(command, capture_output=True, cwd=cwd, env=ENV)
        times.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - used)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{what} failed:\n{done.stderr.decode()}")
    return min(times[1:]) * 1000, min(cpu[1:]) * 1000


def command_ms(args: list[str], runs: int, cwd: Path) -> tuple[float, float]:
    """Returns `process_ms` of ``docgen ARGS``."""
    return process_ms([*LAUNCHER, *args], runs, cwd, f"docgen {' '.join(args)}")


# What a command loads, written at its exit (the launcher's own last step).
_MODULES_AT_EXIT = ("import atexit, sys\nlisting = sys.argv.pop()\n"
                    "atexit.register(lambda: open(listing, 'w').write('\\n'.join(sys.modules)))\n"
                    "from docgen.faces.cli import main; main()")


def floor_ms(args: list[str], runs: int, cwd: Path) -> tuple[float, list[str]]:
    """Returns the fastest of `runs` starts of a process that imports what ``docgen ARGS`` imports
    but docgen's own modules (Python, the standard library, click, PyYAML, pydantic...), in ms, and
    those modules' top-level packages: the part of the command that no change inside docgen can
    make faster."""
    listing = cwd / "modules.txt"
    done = subprocess.run([sys.executable, "-c", _MODULES_AT_EXIT, *args, str(listing)], capture_output=True, cwd=cwd,
                          env=ENV, check=False)
    if done.returncode not in (0, 1) or not listing.exists():
        raise SystemExit(f"docgen {' '.join(args)} failed:\n{done.stderr.decode()}")
    modules = [m for m in listing.read_text(encoding="utf-8").split("\n")
               if m and m != "__main__" and not m.startswith("docgen") and m not in sys.builtin_module_names]
    listing.unlink()
    code = ("import importlib\nfor name in " + repr(modules) + ":\n"
            "    try:\n        importlib.import_module(name)\n    except Exception:\n        pass\n")
    floor, _cpu = process_ms([sys.executable, "-c", code], runs, cwd, f"the imports of docgen {' '.join(args)}")
    return floor, sorted({m.split(".")[0] for m in modules if m.split(".")[0] in _LIBRARIES})


# the installed libraries a floor names (the rest is Python's standard library)
_LIBRARIES = {"click", "yaml", "pydantic", "pydantic_core", "jinja2", "markupsafe", "lxml", "docx", "docxtpl",
              "ruamel", "babel", "annotated_types", "typing_extensions", "typing_inspection"}


def _children(pid: int) -> list[int]:
    """Returns `pid` and every process below it."""
    parents: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as stat:
                    parent = int(stat.read().rsplit(") ", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(parent, []).append(int(name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(parents.get(current, []))
    return found


def _pss_mb(pid: int) -> float:
    """Returns the proportional set size of `pid` (its share of memory shared with others)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            return next(int(line.split()[1]) for line in rollup if line.startswith("Pss:")) / 1024
    except (OSError, StopIteration):
        return 0.0


def measured_command(args: list[str], cwd: Path, memory: bool = True) -> tuple[float, float, str, float]:
    """Runs ``docgen ARGS``; returns its seconds, the peak of the summed proportional memory of
    all its processes (sampled every 20 ms; 0 without `memory`: the sampling takes CPU from the
    command on a small machine), its last line of output and the CPU seconds of all its processes."""
    start, used = time.perf_counter(), _children_cpu()
    process = subprocess.Popen([*LAUNCHER, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, env=ENV)
    peak = [0.0]

    def sample() -> None:
        while memory and process.poll() is None:
            peak[0] = max(peak[0], sum(_pss_mb(pid) for pid in _children(process.pid)))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode:
        raise SystemExit(f"docgen {' '.join(args)} failed:\n{err.decode()}")
    return seconds, peak[0], out.decode().strip().splitlines()[-1], _children_cpu() - used


def pdf_figures(small: bytes, big: bytes, runs: int) -> dict[str, Any] | None:
    """Returns the time of a PDF of `small` with the converter kept warm and its pages, and
    the pages of `big` (the "200 pages" document); `None` without LibreOffice."""
    from docgen.core import Core
    from docgen.errors import DocgenError

    core = Core()
    try:
        pdf = core.to_pdf(small, "do-toc-do")
        seconds = best_ms(lambda: core.to_pdf(small, "do-toc-do"), max(3, runs // 2)) / 1000
        return {"seconds": seconds, "pages": _pages(pdf), "big_pages": _pages(core.to_pdf(big, "200-trang"))}
    except DocgenError:
        return None
    finally:
        core.close()


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def machine() -> str:
    cpu = "?"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        memory = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")) / 1024 ** 2
    except (OSError, StopIteration):
        memory = 0.0
    return (f"{platform.node()}: {cpu}, {os.cpu_count()} nhân, {memory:.0f} GB RAM, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# ------------------------------------------------------------------------------ the run

def run(short: bool) -> dict[str, Any]:
    """Measures everything; returns the results as plain data (what the report is made of)."""
    from docxtpl import DocxTemplate
    from jinja2 import Environment, StrictUndefined

    from docgen.document.load import load_document
    from docgen.render.context import build_context
    from docgen.render.environment import environment
    from docgen.render.renderer import render, templates_dir

    runs = 5 if short else 10
    documents = 100 if short else 1000
    started = time.time()
    results: dict[str, Any] = {"mode": "short" if short else "full", "runs": runs, "machine": machine(),
                               "load_before": load(), "date": time.strftime("%Y-%m-%d", time.gmtime(started)),
                               "targets": [], "scaling": [], "floors": {}}
    targets: list[dict[str, Any]] = results["targets"]

    def target(name: str, value: float, unit: str, goal: float, higher_is_better: bool, note: str = "") -> None:
        ratio = value / goal if higher_is_better else goal / value
        targets.append({"name": name, "value": round(value, 3), "unit": unit, "goal": goal,
                        "higher": higher_is_better, "holds": ratio >= 1, "note": note})

    def plain_and_full(path: Path) -> tuple[float, float, float]:
        """Returns plain docxtpl's, docgen's prepared and docgen's from-data ms for `path`."""
        doc = load_document(path)
        context = build_context(doc)
        # Jinja's own environment with docgen's settings and filters (docgen's reads a dict faster)
        plain_env = Environment(autoescape=True, undefined=StrictUndefined)
        plain_env.filters.update(environment().filters)
        template = templates_dir() / doc.kind.template

        def plain() -> bytes:
            tpl = DocxTemplate(str(template))
            tpl.render(context, jinja_env=plain_env, autoescape=True)
            out = io.BytesIO()
            tpl.save(out)
            return out.getvalue()

        return (best_ms(plain, runs), best_ms(lambda: render(doc), runs),
                best_ms(lambda: render(load_document(path)), runs))

    work = Path(tempfile.mkdtemp(prefix="docgen-bench-"))
    try:
        data = work / "data"
        data.mkdir()
        shutil.copy(ROOT / "data" / "to-chuc.yaml", data / "to-chuc.yaml")

        # 1. From the data file, against plain docxtpl: the largest example report, the benchmark plan.
        reports = sorted((ROOT / "data" / "examples").glob("bao-cao-*.yaml"), key=lambda p: p.stat().st_size)
        largest = reports[-1]
        plain, prepared, full = plain_and_full(largest)
        results["largest"] = {"file": largest.name, "plain_ms": plain, "prepared_ms": prepared, "full_ms": full}
        target(f"từ tệp dữ liệu, báo cáo ví dụ lớn nhất ({largest.name}): nhanh hơn docxtpl thuần",
               plain / full, "lần", 15, True, f"docxtpl {_number(plain, 1)} ms, docgen {_number(full, 1)} ms")
        bench_file = data / "ke-hoach-do-toc-do.yaml"
        bench_file.write_text(as_yaml(realistic(1)), encoding="utf-8")
        plain, prepared, full = plain_and_full(bench_file)
        results["bench"] = {"plain_ms": plain, "prepared_ms": prepared, "full_ms": full,
                            "size_kb": len(render(load_document(bench_file))) / 1024}
        target("từ tệp dữ liệu, văn bản đo tốc độ (6 phần × 6 đoạn 80 chữ, bảng 50 dòng): nhanh hơn docxtpl thuần",
               plain / full, "lần", 15, True, f"docxtpl {_number(plain, 1)} ms, docgen {_number(full, 1)} ms")

        # 2. Scaling: tasks and paragraphs from 10 to 5,000, from the data file.
        # (and 5,000 paragraphs of a 2026 document: the names that ended in 2025 looked for in every text)
        for what, sizes in (("nhiem_vu", (10, 100, 1000, 5000)), ("doan", (10, 100, 1000, 5000)),
                            ("doan_2026", (5000,))):
            for size in sizes:
                shape = ({"sections": 1, "per_section": 1, "tasks": size} if what == "nhiem_vu"
                         else {"sections": max(1, size // 50), "per_section": min(size, 50), "words": 30, "tasks": 1,
                               "current": what == "doan_2026"})
                path = data / f"co-{size}-{what}.yaml"
                path.write_text(as_yaml(realistic(1, **shape)), encoding="utf-8")
                scale_runs = runs if size < 5000 else max(5, runs // 2)
                plain: float | None
                if size == 5000 or not short:
                    plain, _prepared, full = plain_and_full(path)
                else:   # plain docxtpl only at the largest size in the short mode
                    plain, full = None, best_ms(lambda p=path: render(load_document(p)), scale_runs)
                before = next((r for r in reversed(results["scaling"]) if r["what"] == what), None)
                results["scaling"].append({"what": what, "size": size, "full_ms": full, "plain_ms": plain,
                                           "per_item_us": full * 1000 / size,
                                           # what each item added since the size before (the document's
                                           # fixed cost, ~2 ms, left out): flat when the cost is linear
                                           "added_us": None if before is None else
                                           (full - before["full_ms"]) * 1000 / (size - before["size"])})
                if what == "doan" and size == 5000:
                    results["floors"]["doan_5000"] = {**paragraphs_floor(path, render(load_document(path)), scale_runs),
                                                      "goal": PARAGRAPHS_GOAL, "plain_ms": plain}
                path.unlink()
        at_5000 = next(r for r in results["scaling"] if r["what"] == "doan" and r["size"] == 5000)
        floor = results["floors"]["doan_5000"]
        target("từ tệp dữ liệu, 5.000 đoạn (30 chữ): nhanh hơn docxtpl thuần", at_5000["plain_ms"] / at_5000["full_ms"],
               "lần", PARAGRAPHS_GOAL, True, f"docxtpl {_number(at_5000['plain_ms'], 0)} ms, docgen {_number(at_5000['full_ms'], 0)} ms; "
               f"riêng libyaml đọc tệp {_number(floor['yaml_ms'], 0)} ms và zlib nén {_number(floor['zlib_ms'], 0)} ms")
        for what in ("nhiem_vu", "doan"):
            rows = [r for r in results["scaling"] if r["what"] == what and r["size"] >= 1000]
            spread = max(r["added_us"] for r in rows) / min(r["added_us"] for r in rows)
            target(f"chi phí thêm của mỗi {'nhiệm vụ' if what == 'nhiem_vu' else 'đoạn'} từ 100 lên 1.000 và từ "
                   "1.000 lên 5.000 (lớn nhất / nhỏ nhất; phẳng là tăng tuyến tính)", spread, "×", 2, False)

        # 3. The commands, as a clerk runs them: from docgen's compiled bytecode, as pip leaves an
        # installation (a process started with PYTHONDONTWRITEBYTECODE, as on CI machines, would
        # otherwise compile every module of docgen from its source at every start).
        results["bytecode"] = compileall.compile_dir(str(ROOT / "docgen"), quiet=1)
        big = data / "ke-hoach-200-trang.yaml"
        big.write_text(as_yaml(realistic(2, sections=200)), encoding="utf-8")
        big_docx = work / "ke-hoach-200-trang.docx"
        big_docx.write_bytes(render(load_document(big)))
        results["pdf"] = pdf_figures(render(load_document(bench_file)), big_docx.read_bytes(), runs)
        for name, args, goal in (
                ("`docgen --help`", ["--help"], 0.15),
                ("một lệnh `docgen render` (văn bản đo tốc độ)", ["render", str(bench_file), "-o", str(work / "mot.docx")],
                 0.25),
                ("`docgen lint` văn bản 200 trang", ["lint", str(big_docx)], 0.5),
                ("`docgen check` văn bản 200 trang", ["check", str(big)], 0.2)):
            wall_ms, cpu_ms = command_ms(args, runs if short else 2 * runs, work)   # a start is short: more runs
            floor, packages = floor_ms(args, runs if short else 2 * runs, work)
            results["floors"][args[0]] = {"ms": floor, "packages": packages, "goal": goal, "command_ms": wall_ms}
            target(name, wall_ms / 1000, "s", goal, False,
                   f"CPU {_number(cpu_ms / 1000)} s; riêng Python và thư viện lệnh nạp {_number(floor / 1000)} s")
        big.unlink()
        bench_file.unlink()

        # 4. The build of `documents` documents, then again with nothing changed.
        folder = data / "bao-cao"
        folder.mkdir()
        for i in range(1, documents + 1):
            (folder / f"van-ban-{i:04d}.yaml").write_text(as_yaml(realistic(i, seed=i)), encoding="utf-8")
        build_s, build_mb, first, build_cpu = measured_command(["build", str(data), "-o", str(work / "output")], work)
        if not short:   # the time: the better of that run and one from scratch again without memory sampling
            shutil.rmtree(work / "output")
            timed = measured_command(["build", str(data), "-o", str(work / "output")], work, memory=False)
            if timed[0] < build_s:
                build_s, _mb, first, build_cpu = timed
        rebuild_s, rebuild_mb, again, rebuild_cpu = measured_command(["build", str(data), "-o", str(work / "output")],
                                                                     work)
        scale = 1000 / documents
        cores = os.cpu_count() or 1
        results["build"] = {"documents": documents, "seconds": build_s, "again": rebuild_s, "first": first,
                            "second": again, "peak_mb": max(build_mb, rebuild_mb), "cpu": build_cpu,
                            "again_cpu": rebuild_cpu}
        measured = "" if documents == 1000 else f"đo {documents} văn bản ({_number(build_s)} s), nhân {scale:.0f}; "
        target("`docgen build` 1.000 văn bản từ đầu (2 nhân)", build_s * scale, "s", 5, False,
               f"{measured}CPU {_number(build_cpu * scale)} s, chia {cores} nhân {_number(build_cpu * scale / cores)} s")
        measured = "" if documents == 1000 else f"đo {documents} văn bản ({_number(rebuild_s)} s), nhân {scale:.0f}; "
        target("`docgen build` lại khi không có gì đổi, 1.000 văn bản", rebuild_s * scale, "s", 0.5, False,
               f"{measured}CPU {_number(rebuild_cpu * scale)} s")
        target(f"bộ nhớ lớn nhất của cả lần build {documents} văn bản (mọi tiến trình, PSS)",
               max(build_mb, rebuild_mb), "MB", 150, False)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["best_of_build"] = not short
    results["load_after"] = load()
    results["seconds"] = round(time.time() - started, 1)
    return results


# ------------------------------------------------------------------------------ the report

def _number(value: float, digits: int = 2) -> str:
    """Returns `value` written the Vietnamese way (1.234,56)."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def report(results: dict[str, Any]) -> str:
    """Returns the Markdown report of `results` (what the README quotes, word for word)."""
    lines = [f"Đo ngày {results['date']} trên máy **{results['machine']}**; chế độ `{results['mode']}`, "
             f"mỗi thời gian là lần nhanh nhất của {results['runs']} lần"
             + ("" if results["mode"] == "short" or not results.get("best_of_build") else
                f" (mỗi lệnh {2 * results['runs']} lần; build từ đầu 2 lần, lần thứ hai không lấy mẫu bộ nhớ)")
             + "; tải máy (load average) trước "
             f"{results['load_before']}, sau {results['load_after']} (máy dùng chung: xem tỉ lệ, đo trong cùng "
             "một lần chạy). Mục tiêu so với thời gian thực; \"CPU\" là thời gian CPU lệnh đã dùng (mọi tiến trình "
             "của nó), con số không tăng khi máy bận việc khác."
             + (" Các lệnh chạy từ mã bytecode đã biên dịch của docgen, như sau khi cài bằng pip."
                if results.get("bytecode") else ""), "",
             "| mục tiêu | đo được | mục tiêu | tỉ lệ | đạt |", "|---|---|---|---|---|"]
    for t in results["targets"]:
        sign = "≥" if t["higher"] else "≤"
        ratio = t["value"] / t["goal"] if t["higher"] else t["goal"] / t["value"]
        note = f" ({t['note']})" if t["note"] else ""
        lines.append(f"| {t['name']}{note} | {_number(t['value'])} {t['unit']} | {sign} {_number(t['goal'])} "
                     f"{t['unit']} | {_number(ratio)} | {'có' if t['holds'] else '**không**'} |")
    lines += _floor_lines(results)
    lines += ["", "Chi phí theo cỡ văn bản (từ tệp dữ liệu; docxtpl thuần đo ở cỡ 5.000"
              + (")" if results["mode"] == "short" else " và ở mọi cỡ)") + ":", "",
              "| cỡ | docgen | chia đều mỗi mục | thêm mỗi mục (từ cỡ trước) | docxtpl thuần |",
              "|---|---|---|---|---|"]
    for r in results["scaling"]:
        what = {"nhiem_vu": "nhiệm vụ", "doan_2026": "đoạn (văn bản năm 2026)"}.get(r["what"], "đoạn")
        plain = "" if r["plain_ms"] is None else f"{_number(r['plain_ms'], 1)} ms"
        added = "" if r.get("added_us") is None else f"{_number(r['added_us'], 0)} µs"
        lines.append(f"| {_number(r['size'], 0)} {what} | {_number(r['full_ms'], 1)} ms | "
                     f"{_number(r['per_item_us'], 0)} µs | {added} | {plain} |")
    lines += ["", "\"Chia đều\" gồm cả phần cố định của một văn bản (tiêu đề, chữ ký, gói .docx: khoảng 2 ms), "
              "nên ở cỡ nhỏ nó lớn; \"thêm mỗi mục\" là chi phí mỗi mục thêm vào, không đổi khi thời gian tăng "
              "tuyến tính theo cỡ văn bản."]
    pdf = results.get("pdf")
    if pdf:
        lines += ["", f"PDF (LibreOffice giữ sẵn, từ PDF thứ hai): văn bản đo tốc độ {pdf['pages']} trang mất "
                  f"{_number(pdf['seconds'])} s ({_number(pdf['seconds'] / pdf['pages'], 3)} s mỗi trang); văn bản "
                  f"\"200 trang\" của `lint`, `check` in ra {pdf['big_pages']} trang."]
    b = results["build"]
    lines += ["", f"Build {_number(b['documents'], 0)} văn bản: {_number(b['seconds'])} s ({b['first']}); "
              f"lần hai {_number(b['again'])} s ({b['second']}). Docgen mẫu đã chuẩn bị (context → .docx) "
              f"trên văn bản đo tốc độ: {_number(results['bench']['prepared_ms'])} ms, docxtpl thuần "
              f"{_number(results['bench']['plain_ms'])} ms."]
    return "\n".join(lines) + "\n"


_LIBRARY_NAMES = {"yaml": "PyYAML", "docx": "python-docx"}


def _floor_lines(results: dict[str, Any]) -> list[str]:
    """Returns the paragraph on the part of each time that is not docgen's own (measured in the
    same run): what a command's Python and libraries take to load, and for 5,000 paragraphs what
    libyaml and zlib take. A target below its floor cannot be met by any change inside docgen."""
    floors = results.get("floors")
    if not floors:
        return []
    parts = []
    for command, floor in sorted(floors.items()):   # by name: the recorded JSON keeps its keys sorted
        if "packages" not in floor:
            continue
        names = ", ".join(_LIBRARY_NAMES.get(p, p) for p in floor["packages"] if not p.startswith("typing_")
                          and p not in ("annotated_types", "pydantic_core", "markupsafe"))
        parts.append(f"`docgen {command}` {_number(floor['ms'] / 1000)} s ({names or 'không thư viện'}; "
                     f"bằng {_number(100 * floor['ms'] / 1000 / floor['goal'], 0)}% mục tiêu {_number(floor['goal'])} s; "
                     f"phần của docgen {_number(max(0.0, floor['command_ms'] - floor['ms']) / 1000)} s)")
    lines = ["", "Phần không do mã docgen, đo trong cùng lần chạy: một tiến trình Python chỉ nạp những mô-đun mà lệnh "
             "nạp (thư viện chuẩn và thư viện ngoài), không kèm mã docgen, mất: " + "; ".join(parts) + "."]
    paragraphs = floors.get("doan_5000")
    if paragraphs:
        allowed = paragraphs["plain_ms"] / paragraphs["goal"]
        fixed = paragraphs["yaml_ms"] + paragraphs["zlib_ms"]
        lines.append(f"Với 5.000 đoạn, mục tiêu {paragraphs['goal']} lần cho docgen {_number(allowed, 0)} ms; riêng "
                     f"libyaml đọc tệp ({_number(paragraphs['yaml_ms'], 0)} ms) và zlib nén phần thân "
                     f"{_number(paragraphs['body_kb'], 0)} KB ở mức 6 mà các byte đã ghi cố định "
                     f"({_number(paragraphs['zlib_ms'], 0)} ms) đã là {_number(fixed, 0)} ms, còn "
                     f"{_number(allowed - fixed, 0)} ms cho mọi việc của docgen (kiểm tra, dựng nội dung, Jinja, "
                     "hoàn thiện phần thân).")
    return lines


def readme_section(results: dict[str, Any]) -> str:
    """Returns the README's section: the report, then the data it was made from."""
    return (f"{START}\n{report(results)}\n{DATA_MARK}{json.dumps(results, ensure_ascii=False, sort_keys=True)} -->\n"
            f"{END}")


def write_readme(results: dict[str, Any], readme: Path = README) -> None:
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{readme} has no {START} ... {END} section")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    readme.write_text(pattern.sub(lambda _m: readme_section(results), text), encoding="utf-8")


def section_results(readme_text: str) -> dict[str, Any]:
    """Returns the data recorded in the README's section (for the test that it is ours)."""
    start = readme_text.index(DATA_MARK) + len(DATA_MARK)
    return json.loads(readme_text[start:readme_text.index(" -->", start)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="5 repetitions, 100 documents (for CI)")
    parser.add_argument("--readme", action="store_true", help="write the report into README.md")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args(argv)
    results = run(args.short)
    print(report(results), end="")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.readme:
        write_readme(results)
        print(f"README.md: đã ghi phần đo tốc độ ({START} ... {END})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
