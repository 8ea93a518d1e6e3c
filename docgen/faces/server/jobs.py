"""The service's work on data (check, render) in worker processes that a timeout really stops.

A thread cannot be stopped: a render that runs past its time would keep burning a CPU after the
504, and enough of them stop the service. Here each check or render runs in one of a few
worker processes (spawned, limited in memory, ended with the service); one that runs past the
request's budget is killed and replaced, and the next request finds a fresh one.
"""
from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.core import Core, Settings
from docgen.errors import DocgenError, Finding

PREVIEW = "xem_truoc"       # `render` of a preview: the pages, no number drawn from the register
WORKER_MEMORY = 1024 ** 3   # bytes of address space one worker may use


@dataclass(frozen=True)
class Made:
    """What a worker returns for a request: the document's kind and symbol (for the file's
    name), its warnings, and the .docx bytes (`None` for a check)."""

    kind: str
    symbol: str
    warnings: list[Finding]
    data: bytes | None


class Refused(DocgenError):
    """The data's own errors, as the worker found them, with their HTTP status."""

    def __init__(self, findings: list[Finding], status: int):
        super().__init__("\n".join(str(f) for f in findings))
        self.problems = findings
        self.http_status = status

    def findings(self) -> list[Finding]:
        return list(self.problems)


class JobFailed(DocgenError):
    """A request's work that did not end: past its time (504) or past its memory (422)."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.http_status = status
        self.retry_after = 5 if status == 503 else None


def _serve(connection: Any, settings: Settings) -> None:
    """A worker's loop: ``(render, text, name, base_dir, identified, actor)`` in (`render` is
    `PREVIEW` for a draft drawn without drawing its ``so: auto`` number), ``("ok", Made)``
    or ``("loi", (status, findings))`` out (`actor`: who the audit log says drew a number)."""
    import resource

    from docgen.processes import die_with_parent

    die_with_parent()
    resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY, WORKER_MEMORY))
    core = Core(settings)
    while True:
        try:
            render, text, name, base_dir, identified, actor = connection.recv()
        except (EOFError, OSError):
            return
        try:
            doc = core.check_text(text, name, base_dir, identified)
            data = (core.preview(doc) if render == PREVIEW else core.make(doc, actor=actor)) if render else None
            connection.send(("ok", Made(doc.kind.slug, doc.symbol, list(doc.warnings), data)))
        except DocgenError as exc:
            connection.send(("loi", (exc.http_status, exc.findings())))
        except MemoryError:
            connection.send(("bo_nho", None))
        except RecursionError:
            connection.send(("loi", (422, [Finding("dữ liệu lồng nhau quá sâu", name)])))


class _Worker:
    def __init__(self, settings: Settings) -> None:
        spawn = multiprocessing.get_context("spawn")
        self.connection, child = spawn.Pipe()
        self.process = spawn.Process(target=_serve, args=(child, settings), daemon=True, name="docgen-worker")
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()


class Workers:
    """`count` worker processes for the service's checks and renders (started when first
    needed, killed and replaced when a request runs past its time)."""

    def __init__(self, settings: Settings, count: int) -> None:
        self.settings = settings
        self.count = count
        self.idle: queue.SimpleQueue[_Worker | None] = queue.SimpleQueue()
        for _ in range(count):
            self.idle.put(None)   # a slot: its worker starts on first use
        self.closed = False
        self.lock = threading.Lock()
        self.running: set[_Worker] = set()
        # Workers die with the *thread* that starts them (the kernel's parent-death signal
        # follows the thread): a request's pool thread ends when idle, so they are started from
        # this one thread, which lives as long as the service.
        self._starter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="docgen-worker-starter")

    def run(self, render: bool | str, text: str | bytes, name: str, base_dir: Path, identified: bool, seconds: float,
            actor: str = "") -> Made:
        """Returns what a worker made of the data within `seconds` (waiting for a free worker
        included), a number it draws logged as drawn by `actor` (default: the user running the
        service); raises the data's `DocgenError`, or `JobFailed` past the time or memory."""
        deadline = time.monotonic() + seconds
        try:
            worker = self.idle.get(timeout=seconds)
        except queue.Empty:
            raise JobFailed(f"máy chủ đang bận; yêu cầu chờ quá {seconds:g} giây, hãy thử lại sau", 503) from None
        try:
            if worker is None or not worker.process.is_alive():
                worker = self._starter.submit(_Worker, self.settings).result()
                with self.lock:
                    self.running.add(worker)
            worker.connection.send((render, text, name, base_dir, identified, actor))
            if not worker.connection.poll(max(0.0, deadline - time.monotonic())):
                self._retire(worker)
                worker = None
                raise JobFailed(f"{'tạo văn bản' if render else 'kiểm tra dữ liệu'} quá {seconds:g} giây; "
                                "đã dừng", 504)
            try:
                outcome, payload = worker.connection.recv()
            except (EOFError, OSError):
                self._retire(worker)
                worker = None
                raise JobFailed("tiến trình xử lý dữ liệu dừng bất thường (dữ liệu quá lớn?)", 422) from None
            if outcome == "bo_nho":
                self._retire(worker)
                worker = None
                raise JobFailed("dữ liệu cần quá nhiều bộ nhớ; đã dừng", 422)
            if outcome == "loi":
                status, findings = payload
                raise Refused(findings, status)
            return payload
        finally:
            self.idle.put(worker)

    def _retire(self, worker: _Worker) -> None:
        worker.stop()
        with self.lock:
            self.running.discard(worker)

    def close(self) -> None:
        """Kills every worker (the service is stopping)."""
        with self.lock:
            workers, self.running = list(self.running), set()
        for worker in workers:
            worker.stop()
        self._starter.shutdown(wait=False)
