"""``docgen build``: every data file under a folder into .docx files, rebuilding only what changed.

A manifest beside the outputs records, for each document, the content hash of every file it
was made from (data, template, catalogs, organisations, profiles, the plan a report reports
on) and of docgen's own version. A document whose recorded files all hash the same, and
whose output is still the file written, is left alone. The rest are rendered in parallel
over the cores; one bad file never stops the others and never leaves a partial output.

With ``pdf`` each document's PDF is written beside its .docx, the conversions spread over the
build's workers: each worker process has one converter slot of its own (its own LibreOffice
and profile, kept running across the documents it converts), so N workers convert N documents
at once and no two processes ever share a LibreOffice.
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from docgen import __version__
from docgen.core import Core, Settings, data_files, is_document
from docgen.docx.package import sweep_temporary, write_atomically
from docgen.errors import DataError, DocgenError
from docgen.processes import die_with_parent, keep_freed_memory

MANIFEST = ".docgen-manifest.json"
PARALLEL_FROM = 8   # fewer documents than this are rendered in this process
PARALLEL_PDF_FROM = 2   # ... or converted to PDF (a conversion costs far more than a render)


@dataclass
class Outcome:
    """What happened to one data file."""

    source: str
    state: str               # "tao" (built), "khong_doi" (unchanged), "loi" (failed), "bo_qua" (not a document)
    output: str | None = None
    messages: list[str] = field(default_factory=list)
    inputs: dict[str, str] = field(default_factory=dict)
    output_hash: str | None = None


@dataclass
class Summary:
    outcomes: list[Outcome]

    def count(self, state: str) -> int:
        return sum(1 for o in self.outcomes if o.state == state)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.state == "loi"]


def _hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "khong-co"


_SHARED: dict[tuple[str, int, int], str] = {}


def _input_hash(path: Path) -> str:
    """Returns `_hash(path)` for an input many documents share (a profile, the organisation
    list, the template), hashed once per process while its modification time and size hold."""
    try:
        stat = os.stat(path)
    except OSError:
        return "khong-co"
    stamp = (str(path), stat.st_mtime_ns, stat.st_size)
    if stamp not in _SHARED:
        if len(_SHARED) > 4096:   # a long `watch` sees many versions of its inputs
            _SHARED.clear()
        _SHARED[stamp] = _hash(path)
    return _SHARED[stamp]


_CONVERTER: list = []   # this process's PDF converter (one slot), started at its first PDF


def _converter():
    """Returns this process's PDF converter: one slot, its own LibreOffice, stopped when the
    process ends (a build worker: by multiprocessing's finalizers; the build's own process: by
    `build`)."""
    if not _CONVERTER:
        from multiprocessing import util

        from docgen.pdf.converter import PdfConverter

        converter = PdfConverter(slots=1)
        util.Finalize(converter, converter.close, exitpriority=10)
        _CONVERTER.append(converter)
    return _CONVERTER[0]


def _build_one(source: str, target: str, settings: Settings, token: str = "", pdf: bool = False) -> Outcome:
    core = Core(settings, _converter() if pdf else None)
    try:
        with core.reading_once(token or source):   # the data folder read once per build and process
            # no fsync per output: the manifest's hashes find an output a power cut lost
            document, data, _written = core.make_file(Path(source), Path(target), pdf=pdf, durable=False)
        template, _users = core.template_for(document)
    except DataError as exc:
        return Outcome(source, "loi", messages=[str(p) for p in exc.problems])
    except DocgenError as exc:
        return Outcome(source, "loi", messages=[exc.message])
    except Exception as exc:  # a bug must not stop the other documents
        return Outcome(source, "loi", messages=[f"lỗi không mong đợi ({type(exc).__name__}: {exc})"])
    inputs = {str(p): _hash(p) if p == document.inputs[0] else _input_hash(p) for p in [*document.inputs, template]}
    inputs["docgen"] = __version__
    return Outcome(source, "tao", target, [str(w) for w in document.warnings], inputs,
                   hashlib.sha256(data).hexdigest())


def _unchanged(record: dict | None, target: Path, hashes: dict[str, str], pdf: bool = False) -> bool:
    """Returns whether the output is the file written (and its PDF is there, when `pdf`) and
    every recorded input hashes the same (`hashes` remembers files shared by many documents
    within one build)."""
    if not record or record.get("docgen") != __version__:
        return False
    if not target.is_file() or _hash(target) != record.get("output_hash"):
        return False
    if pdf and not target.with_suffix(".pdf").is_file():
        return False
    for path, digest in record["inputs"].items():
        if path == "docgen":
            continue
        if path not in hashes:
            hashes[path] = _hash(Path(path))
        if hashes[path] != digest:
            return False
    return True


def build(root: Path, out_dir: Path, settings: Settings = Settings(), workers: int | None = None,
          progress: Callable[[Iterable], Iterable] | None = None, force: bool = False, pdf: bool = False) -> Summary:
    """Builds every document under `root` into `out_dir` (same relative paths, .docx; and .pdf
    beside each when `pdf`, converted in the workers)."""
    manifest_path = out_dir / MANIFEST
    sweep_temporary(out_dir)   # what a killed build left half-written
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    outcomes: list[Outcome] = []
    todo: list[tuple[str, str]] = []
    hashes: dict[str, str] = {}
    for path in data_files(root):
        key = str(path.relative_to(root))
        target = out_dir / Path(key).with_suffix(".docx")
        record = manifest.get(key)
        # a file the manifest records unchanged was a document and still is (same bytes): asked first,
        # a rebuild reads it once (to hash it), not twice
        if not force and _unchanged(record, target, hashes, pdf):
            outcomes.append(Outcome(str(path), "khong_doi", str(target), inputs=record["inputs"],
                                    output_hash=record["output_hash"]))
        elif not is_document(path):
            outcomes.append(Outcome(str(path), "bo_qua"))
        else:
            todo.append((str(path), str(target)))
    token = f"{os.getpid()}-{time.monotonic_ns()}"   # this build's, for `Core.reading_once`
    jobs = [(s, t, settings, token, pdf) for s, t in todo]
    count = workers or os.cpu_count() or 1
    if not jobs:
        done = []
    elif len(jobs) >= (PARALLEL_PDF_FROM if pdf else PARALLEL_FROM) and count > 1:
        Core.preload()   # the workers are forked from this process: they share what it imported
        gc.freeze()   # ... and leave it to them untouched: their collections skip it (no copy of its pages)
        try:
            with ProcessPoolExecutor(count, initializer=_start_worker) as pool:
                results = pool.map(_build_job, jobs, chunksize=_chunk(len(jobs), count))
                done = list(progress(results) if progress else results)
        finally:
            gc.unfreeze()
    else:
        try:
            done = [_build_job(job) for job in (progress(jobs) if progress else jobs)]
        finally:
            while _CONVERTER:   # this process's LibreOffice, if it converted
                _CONVERTER.pop().close()
    outcomes += done
    for outcome in outcomes:
        key = str(Path(outcome.source).relative_to(root))
        if outcome.state in ("tao", "khong_doi"):
            manifest[key] = {"inputs": outcome.inputs, "output_hash": outcome.output_hash, "docgen": __version__}
        elif outcome.state == "loi":
            manifest.pop(key, None)
    write_atomically(manifest_path, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
    return Summary(sorted(outcomes, key=lambda o: o.source))


def _start_worker() -> None:
    die_with_parent()
    keep_freed_memory()   # one document after another: reuse the memory the last one freed


CHUNK = 8   # documents handed to a worker at a time: few enough that the workers end together


def _chunk(jobs: int, workers: int) -> int:
    """Returns how many documents to hand a worker at a time: at least 32 hand-offs per worker
    for a small build, at most `CHUNK` documents (about 80 ms of work) in one, so that no worker
    is left with a long last chunk while the others wait."""
    return max(1, min(CHUNK, jobs // (workers * 32)))


def _build_job(job: tuple) -> Outcome:
    return _build_one(*job)
