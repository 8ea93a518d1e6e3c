#!/usr/bin/env python3
"""Benchmark: docgen against plain docxtpl on the same realistic document, measured in one run.

    .venv/bin/python bench/bench_render.py            # full: 40 timed renders, 1,000-document build
    .venv/bin/python bench/bench_render.py --short    # CI: a few renders, 100-document build

The document (as ../shared/bench): a plan with 6 sections of 6 paragraphs of ~80 words and a
50-row task table, the Party header, signature and Nơi nhận. Plain docxtpl renders docgen's own
template with the same context (new DocxTemplate, render, save, every time). Machines here are
shared and noisy: read the ratios, not the absolute times. No figure here is asserted.
"""
from __future__ import annotations

import argparse
import io
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from docxtpl import DocxTemplate  # noqa: E402

from docgen.document.load import document_from_text  # noqa: E402
from docgen.render.context import build_context  # noqa: E402
from docgen.render.environment import environment  # noqa: E402
from docgen.render.renderer import render, templates_dir  # noqa: E402

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


def realistic(number: int, seed: int = 7) -> dict:
    """Returns the data of the benchmark document (numbered `number`)."""
    rng = random.Random(seed)
    return {
        "loai": "ke-hoach",
        "co_quan": {"cap_tren": "Tỉnh ủy Bình Phước", "ten": "Ban Dân vận", "ten_day_du": "Ban Dân vận Tỉnh ủy",
                    "ky_hieu": "BDVTU", "loai": "tham-muu", "dia_danh": "Đồng Xoài"},
        "so": number, "ngay": "15/3/2024", "trich_yeu": "thực hiện công tác dân vận năm 2024",
        "noi_dung": [{"tieu_de": f"Phần thứ {s + 1}", "noi_dung": [paragraph(rng) for _ in range(6)]}
                     for s in range(6)],
        "bang_nhiem_vu": {"nhiem_vu": [
            {"ma": f"NV{i:02d}", "noi_dung": f"Nhiệm vụ {i}: {paragraph(rng, 12)}", "chu_tri": "Ban Dân vận Tỉnh ủy",
             "phoi_hop": ["Ủy ban MTTQ tỉnh", "Tỉnh đoàn"], "thoi_gian": f"Quý {i % 4 + 1}/2024"}
            for i in range(1, 51)]},
        "ky": {"tham_quyen": "K/T", "thay_cho": "Trưởng ban", "chuc_vu": "Phó Trưởng ban", "ho_ten": "Nguyễn Văn A"},
        "noi_nhan": [{"ten": "Thường trực Tỉnh ủy", "vai_tro": "b/c"}, "Các huyện ủy, thị ủy, thành ủy"],
        "luu": "Văn phòng Ban",
    }


# `docgen build`, reporting at exit the peak memory of itself and of its largest worker.
# (VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so a child of this large process
# would report this process's peak. Workers are sampled while they run.)
MEASURED_BUILD = """
import os, sys, threading, time
from docgen.faces.cli import cli

def hwm(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            return next(int(l.split()[1]) for l in status if l.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):
        return 0.0

peak = [0.0]
def sample():
    me = str(os.getpid())
    while True:
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                try:
                    with open(f"/proc/{pid}/stat") as stat:
                        if stat.read().split(") ")[1].split()[1] == me:
                            peak[0] = max(peak[0], hwm(pid))
                except (OSError, IndexError):
                    pass
        time.sleep(0.05)

threading.Thread(target=sample, daemon=True).start()
try:
    cli(["build", *sys.argv[1:]], prog_name="docgen")
finally:
    print("PEAK_MB", max(hwm("self"), peak[0]), file=sys.stderr)
"""


def median_ms(action, runs: int) -> float:
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def peak_mb() -> tuple[float, float]:
    """Returns the peak resident memory of this process and of its largest child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="few runs, 100 documents (for CI)")
    args = parser.parse_args(argv)
    runs, documents = (8, 100) if args.short else (40, 1000)

    text = json.dumps(realistic(1), ensure_ascii=False)
    work = Path(tempfile.mkdtemp(prefix="docgen-bench-"))
    try:
        doc = document_from_text(text, "bench.json", work)
        context = build_context(doc)
        template = templates_dir() / doc.kind.template

        def plain() -> bytes:
            tpl = DocxTemplate(str(template))
            tpl.render(context, jinja_env=environment(), autoescape=True)
            out = io.BytesIO()
            tpl.save(out)
            return out.getvalue()

        plain_ms = median_ms(plain, runs)
        prepared_ms = median_ms(lambda: render(doc), runs)
        full_ms = median_ms(lambda: render(document_from_text(text, "bench.json", work)), runs)
        size_kb = len(render(doc)) / 1024

        data = work / "data" / "bao-cao"
        data.mkdir(parents=True)
        for i in range(1, documents + 1):
            (data / f"van-ban-{i:04d}.json").write_text(json.dumps(realistic(i, seed=i), ensure_ascii=False),
                                                        encoding="utf-8")
        own_mb, _ = peak_mb()
        command = [sys.executable, "-c", MEASURED_BUILD, str(work / "data"), "-o", str(work / "output")]
        start = time.perf_counter()
        first = subprocess.run(command, capture_output=True, text=True, cwd=work)
        build_s = time.perf_counter() - start
        start = time.perf_counter()
        again = subprocess.run(command, capture_output=True, text=True, cwd=work)
        rebuild_s = time.perf_counter() - start
        child_mb = max(float(line.split()[1]) for run in (first, again) for line in run.stderr.splitlines()
                       if line.startswith("PEAK_MB "))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"docgen benchmark ({'short' if args.short else 'full'}): {runs} timed renders; "
          f"document {size_kb:.1f} KB, 6 sections x 6 paragraphs of ~80 words, 50-row table")
    print(f"  plain docxtpl (new template, render, save):   {plain_ms:8.2f} ms/doc")
    print(f"  docgen prepared render (context -> .docx):     {prepared_ms:8.2f} ms/doc   "
          f"ratio {plain_ms / prepared_ms:5.1f}x  (target >= 5x)")
    print(f"  docgen from data (read, check, render):        {full_ms:8.2f} ms/doc   "
          f"ratio {plain_ms / full_ms:5.1f}x")
    print(f"  docgen build of {documents} documents (the command, 2 cores): {build_s:6.2f} s   "
          f"({first.stdout.strip().splitlines()[-1]}; target for 1,000: <= 10 s)")
    print(f"  no-change rebuild (the command):             {rebuild_s:6.2f} s   "
          f"({again.stdout.strip().splitlines()[-1]}; target for 1,000: <= 1 s)")
    print(f"  peak memory of the build (any of its processes): {child_mb:.0f} MB (target <= 150 MB); "
          f"this benchmark process {own_mb:.0f} MB")
    return first.returncode


if __name__ == "__main__":
    sys.exit(main())
