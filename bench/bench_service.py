#!/usr/bin/env python3
"""Benchmark: requests per second of ``docgen serve --workers N`` for N = 1, 2, 4, in one run;
then batch PDF: ``docgen build --pdf -j N`` (one LibreOffice per build worker) for N = 1, 2, 4.

    .venv/bin/python bench/bench_service.py            # 10 s of .docx renders, 15 s of PDFs per N; 24 PDFs
    .venv/bin/python bench/bench_service.py --short    # 3 s and 5 s per N; 8 PDFs

For each N the real service is started on a copy of data/ on a free loopback port, warmed up
(every process's render workers and LibreOffice started), then loaded by 8 clients on kept-alive
connections posting the Bình Phước plan to ``/api/tao`` (4 clients for ``?dinh_dang=pdf``). It prints
requests/s, the median latency and any non-200 answer. Machines here are shared and noisy: read
the ratios, not the absolute figures. Nothing here is asserted.
"""
from __future__ import annotations

import argparse
import http.client
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PLAN = (ROOT / "data" / "examples" / "ke-hoach-khao-sat-llvt-binh-phuoc-2022.yaml").read_bytes()
CLIENTS = 8
PDF_CLIENTS = 4   # within the converter's queue (a full queue answers 503 at once)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


FIRST_ERRORS: dict[int, str] = {}   # the first answer of each error status, printed at the end


def _post(connection: http.client.HTTPConnection, path: str) -> int:
    connection.request("POST", path, body=PLAN, headers={"Content-Type": "text/yaml"})
    answer = connection.getresponse()
    body = answer.read()
    if answer.status != 200:
        FIRST_ERRORS.setdefault(answer.status, body[:300].decode("utf-8", "replace"))
    return answer.status


def _load(port: int, path: str, seconds: float, clients: int = CLIENTS) -> tuple[float, float, dict[int, int]]:
    """Returns answered requests (200) per second, the median latency (ms) of those and the
    count of each status over `seconds`."""
    stop = time.monotonic() + seconds
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                status = _post(connection, path)
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
                status = 0
            with lock:
                if status == 200:
                    latencies.append((time.perf_counter() - start) * 1000)
                statuses[status] = statuses.get(status, 0) + 1
        connection.close()

    begun = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - begun
    return len(latencies) / elapsed, statistics.median(latencies) if latencies else 0.0, statuses


def _serve(workers: int, data: Path, port: int) -> subprocess.Popen:
    docgen = Path(sys.executable).with_name("docgen")
    process = subprocess.Popen([str(docgen), "serve", "--workers", str(workers), "--port", str(port),
                                "--thu-muc-du-lieu", str(data)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"docgen serve --workers {workers} did not start")


def _stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="a few seconds per measure (CI)")
    args = parser.parse_args()
    render_seconds, pdf_seconds = (3.0, 5.0) if args.short else (10.0, 15.0)
    pdf = shutil.which("soffice") is not None
    print(f"docgen serve --workers N: {CLIENTS} clients (.docx), {PDF_CLIENTS} (PDF), kept-alive connections, "
          f"{os.cpu_count()} cores; requests/s count 200 answers only")
    print(f"{'N':>2}  {'.docx req/s':>11}  {'median ms':>9}  {'PDF req/s':>9}  {'median ms':>9}  other answers")
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as work:
        for workers in (1, 2, 4):
            data = Path(work) / f"data-{workers}"
            shutil.copytree(ROOT / "data", data)
            port = _free_port()
            process = _serve(workers, data, port)
            try:
                _load(port, "/api/tao", 2.0)   # warm: every process's render workers started
                docx_rate, docx_median, docx_statuses = _load(port, "/api/tao", render_seconds)
                pdf_rate = pdf_median = 0.0
                pdf_statuses: dict[int, int] = {}
                if pdf:
                    _load(port, "/api/tao?dinh_dang=pdf", 3.0, PDF_CLIENTS)   # warm: LibreOffice started in every slot
                    pdf_rate, pdf_median, pdf_statuses = _load(port, "/api/tao?dinh_dang=pdf", pdf_seconds, PDF_CLIENTS)
            finally:
                _stop(process)
            others = {s: docx_statuses.get(s, 0) + pdf_statuses.get(s, 0)
                      for s in {*docx_statuses, *pdf_statuses} if s != 200}
            pdf_text = f"{pdf_rate:9.1f}  {pdf_median:9.0f}" if pdf else f"{'(không có LibreOffice)':>20}"
            print(f"{workers:>2}  {docx_rate:11.1f}  {docx_median:9.0f}  {pdf_text}  {others or '-'}")
    for status, body in sorted(FIRST_ERRORS.items()):
        print(f"first {status} answer: {body}")
    if pdf:
        batch_pdf(8 if args.short else 24)
    return 0


def batch_pdf(documents: int) -> None:
    """Times ``docgen build --pdf -j N`` of `documents` copies of the plan (every one rebuilt,
    LibreOffice started cold in each worker, as a real batch does) for N = 1, 2, 4."""
    print(f"docgen build --pdf -j N: {documents} documents (.docx and .pdf), LibreOffice started in each worker")
    print(f"{'N':>2}  {'seconds':>7}  {'PDF/s':>5}  result")
    with tempfile.TemporaryDirectory(prefix="docgen-bench-pdf-") as work:
        data = Path(work) / "data"
        shutil.copytree(ROOT / "data", data)
        for old in (data / "examples").glob("*"):
            old.unlink()
        for i in range(documents):
            (data / "examples" / f"ke-hoach-{i:03d}.yaml").write_bytes(PLAN)
        for workers in (1, 2, 4):
            out = Path(work) / f"output-{workers}"
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "docgen", "build", str(data), "-o", str(out), "-j", str(workers),
                                   "--pdf"], capture_output=True, text=True)
            seconds = time.perf_counter() - start
            made = len(list(out.rglob("*.pdf")))
            result = "ok" if done.returncode == 0 and made == documents else f"{made} PDF, exit {done.returncode}"
            print(f"{workers:>2}  {seconds:7.1f}  {documents / seconds:5.2f}  {result}")


if __name__ == "__main__":
    sys.exit(main())
