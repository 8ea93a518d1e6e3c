"""Where a document's shared data comes from: the office's data folder, its organisations
file and its catalogs, found from the data file's folder upwards."""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

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
    register: Path | str | None = None   # the outgoing register: its file or database URL (default: in the data folder)
    root: Path | None = None       # the folder data may name files in (default: `data_folder`)


class Outside(ValueError):
    """A file a data file names that docgen does not open (outside the data folder, absolute,
    too long); the message is Vietnamese and never shows the folder's own path."""


MAX_PATH = 1024

_MEMO: dict[Hashable, object] = {}
_TOKEN: list[object] = []            # the tokens of the `looking_up_once` contexts open now
_MEMO_TOKEN: list[object] = [None]   # the token `_MEMO` holds the answers for


@contextmanager
def looking_up_once(token: object) -> Iterator[None]:
    """Within, `once` answers each look-up (a folder walk, a file found or stated, a profile
    chain) once in this process for `token`: a build's, whose data folder is not meant to
    change while it runs (the manifest's hashes catch a file that did). The answers are kept
    while the same token comes back (the next document of the build in this worker) and
    dropped when another comes, so an edit between two builds (``watch``) is seen. Outside,
    every look-up asks the file system again."""
    if _MEMO_TOKEN[0] != token:
        _MEMO.clear()
        _MEMO_TOKEN[0] = token
    _TOKEN.append(token)
    try:
        yield
    finally:
        _TOKEN.pop()


def once(key: Hashable, find: Callable[[], T]) -> T:
    """Returns `find()`, remembered under `key` within `looking_up_once` (an error is not)."""
    if not _TOKEN or _TOKEN[-1] != _MEMO_TOKEN[0]:
        return find()
    try:
        return _MEMO[key]  # type: ignore[return-value]
    except KeyError:
        found = _MEMO[key] = find()
        return found


def data_folder(base_dir: Path, sources: Sources) -> Path:
    """Returns the folder whose files a data file in `base_dir` may name: `sources.root` (the
    service's data folder) when it holds `base_dir`, else the office's data folder holding it,
    else its own folder."""
    return once(("data_folder", base_dir, sources), lambda: _data_folder(base_dir, sources))


def _data_folder(base_dir: Path, sources: Sources) -> Path:
    base_dir = base_dir.resolve()
    if sources.root is not None and base_dir.is_relative_to(sources.root.resolve()):
        return sources.root.resolve()
    return office_root(base_dir) or base_dir


def named_file(ref: str, base_dir: Path, root: Path) -> Path:
    """Returns the file `ref` (a path a data file writes, relative to the data file's folder
    `base_dir`) names, resolved (links followed); raises `Outside` when it leaves `root` (by
    ``..``, an absolute path or a link) or cannot be a path. The one containment rule for every
    file data names."""
    if not ref.strip() or "\x00" in ref:
        raise Outside("đường dẫn tệp trống hoặc có ký tự không hợp lệ")
    if len(ref) > MAX_PATH or any(len(part.encode("utf-8", "replace")) > 255 for part in re.split(r"[\\/]", ref)):
        raise Outside(f"đường dẫn tệp quá dài (tối đa {MAX_PATH} ký tự, mỗi tên 255 byte)")
    try:
        target = (base_dir / ref).resolve()
    except (OSError, RuntimeError):
        raise Outside("đường dẫn tệp không hợp lệ") from None
    if not target.is_relative_to(root.resolve()):
        raise Outside("tệp nằm ngoài thư mục dữ liệu; docgen chỉ đọc tệp trong thư mục dữ liệu của văn phòng "
                      "(ghi đường dẫn tương đối, tính từ thư mục của tệp dữ liệu)")
    return target


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
    return once(("find_organisations", start), lambda: _find_organisations(start))


def _find_organisations(start: Path) -> Path | None:
    start = start.resolve()
    for folder in [start, *start.parents]:
        for candidate in (folder / ORGANISATIONS_FILE, folder / "data" / ORGANISATIONS_FILE):
            if candidate.is_file():
                return candidate
    return None


def office_root(start: Path) -> Path | None:
    """Returns the office's data folder for a file in `start` or beside it (a Word file in
    ``output/`` belongs to the ``data/`` beside that folder), or `None` when there is none."""
    return once(("office_root", start), lambda: _office_root(start))


def _office_root(start: Path) -> Path | None:
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
