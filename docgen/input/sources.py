"""Where a document's shared data comes from: the office's data folder, its organisations
file and its catalogs, found from the data file's folder upwards."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

ORGANISATIONS_FILE = "to-chuc.yaml"
CATALOG_DIR = "danh-muc"
SKIP_DIRS = {CATALOG_DIR, "ho-so", ".git", "__pycache__"}
SKIP_FILES = {ORGANISATIONS_FILE}
DATA_SUFFIXES = {".yaml", ".yml", ".json"}


@dataclass(frozen=True)
class Sources:
    """Where a document's shared data comes from: the organisations file and the catalogs
    of governing documents. `None` means the nearest ones above the data file."""

    organisations: Path | None = None
    catalogs: tuple[Path, ...] | None = None
    register: Path | None = None   # the outgoing register (default: in the data folder)


def data_root(start: Path) -> Path:
    """Returns the office's data folder holding `start`: the nearest folder named ``data`` or
    holding ``to-chuc.yaml``; `start` itself when there is none."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        if folder.name == "data" or (folder / ORGANISATIONS_FILE).is_file():
            return folder
    return start


def find_organisations(start: Path) -> Path | None:
    """Returns the nearest ``to-chuc.yaml`` at or above `start` (also under a ``data/``
    folder there), or `None`."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        for candidate in (folder / ORGANISATIONS_FILE, folder / "data" / ORGANISATIONS_FILE):
            if candidate.is_file():
                return candidate
    return None


def office_root(start: Path) -> Path | None:
    """Returns the office's data folder for a file in `start` or beside it (a Word file in
    ``output/`` belongs to the ``data/`` beside that folder), or `None` when there is none."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        if folder.name == "data" or (folder / ORGANISATIONS_FILE).is_file():
            return folder
        beside = folder / "data"
        if (beside / ORGANISATIONS_FILE).is_file() or (beside / CATALOG_DIR).is_dir():
            return beside
    return None


def data_files(root: Path) -> list[Path]:
    """Returns the data files under `root` that may be documents, in a stable order."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if path.suffix in DATA_SUFFIXES and name not in SKIP_FILES:
                found.append(path)
    return found


def is_document(path: Path) -> bool:
    """Returns whether the file says it is a document (has a top-level ``loai:``)."""
    try:
        head = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return True   # let the caller report it
    return re.search(r'^loai\s*:|"loai"\s*:', head, re.M) is not None
