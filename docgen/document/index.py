"""The office's own documents: every numbered document in the data folder, described by its
symbol, as catalog entries. A citation of one (a report citing its plan, a plan citing last
year's) is then a known document to `check`, `render`, `lint` and ``cite --check`` alike, and a
report finds the plan it names by symbol.

A document is described without its citation checks (so describing never recurses) and
cached per process by the data files' modification times and sizes; within a build
(`docgen.input.sources.looking_up_once`) the folder is read once per process. Documents that cite nothing the catalogs
lack never ask for the index (`Catalog.adding_later`). A plan numbered
``so: auto`` is described with the number the register gave it; one with no number yet is
not a document anyone can cite.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from docgen.citations.catalog import Entry
from docgen.document.kinds import KINDS
from docgen.document.parties import resolve_parties
from docgen.errors import DataError, Finding, ProfileError
from docgen.input.loader import read_tree, validate
from docgen.input.sources import Sources, data_files, data_folder, is_document, once
from docgen.model.common import DocumentBase
from docgen.register import register_stamp, registered_number
from docgen.rules.profile import load_profile
from docgen.rules.symbols import document_symbol
from docgen.text import one_line

OWN_SOURCE = "văn bản của văn phòng"


def describe(path: Path, sources: Sources) -> tuple[Entry, Path] | None:
    """Returns the catalog entry of the data file `path` and the file, or `None` when it is not
    a document with a number (a draft, an unnumbered plan, a file with errors)."""
    try:
        tree = read_tree(path, fast=True)
        slug = tree.data.get("loai") if isinstance(tree.data, dict) else None
        kind = KINDS.get(slug) if isinstance(slug, str) else None
        if kind is None:
            return None
        model: DocumentBase = validate(tree, kind.model)  # type: ignore[assignment]
        number = model.number
        if number == "auto":
            number = registered_number(model.document_id, path, sources.register)
        if not isinstance(number, int):
            return None
        problems: list[Finding] = []
        parties = resolve_parties(tree, model, path.parent, sources.organisations, problems)
        profile = load_profile(model.profile_name, path.parent, data_folder(path.parent, sources))
    except (DataError, ProfileError, OSError):
        return None
    if not parties or any(p is None for p in parties):
        return None
    code = model.kind_code or profile.kind_codes.get(kind.slug)
    if code is None:
        return None
    names = [p.issuer.sentence_name for p in parties if p is not None]
    issuer = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} và {names[-1]}"
    summary = one_line(model.summary)
    try:
        entry = Entry.model_validate({
            "so_ky_hieu": document_symbol(number, code, [p.issuer.code for p in parties if p is not None]),
            "loai": kind.in_sentence, "ngay": model.date, "co_quan": issuer,
            "trich_yeu": summary if summary.startswith("về ") else f"về {summary}",
            "nguon": f"{OWN_SOURCE}: {path.name}"})
    except ValueError:
        return None
    return entry, path


def office_documents(root: Path, sources: Sources) -> list[tuple[Entry, Path]]:
    """Returns every numbered document of the data folder `root`, in file order."""
    return once(("office_documents", root, sources), lambda: _office_documents(root, sources))


def _office_documents(root: Path, sources: Sources) -> list[tuple[Entry, Path]]:
    stamps = []
    for path in data_files(root):
        try:
            stat = os.stat(path)
        except OSError:
            continue
        stamps.append((path, stat.st_mtime_ns, stat.st_size))
    register = sources.register
    if register is None:
        from docgen.register import REGISTER_FILE

        register = root / REGISTER_FILE
    stamp = register_stamp(register)
    return list(_described(tuple(stamps), sources, stamp))


@lru_cache(maxsize=16)
def _described(stamps: tuple[tuple[Path, int, int], ...], sources: Sources,
               _register_stamp: int) -> tuple[tuple[Entry, Path], ...]:
    found = []
    for path, _mtime, _size in stamps:
        if is_document(path):
            described = describe(path, sources)
            if described is not None:
                found.append(described)
    return tuple(found)
