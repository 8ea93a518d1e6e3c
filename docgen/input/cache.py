"""What docgen keeps between runs so that a command starts fast: templates prepared for
rendering, and the large data files it ships (the national organisation list) as read.

Entries live in a per-user folder — ``$DOCGEN_CACHE``, else ``$XDG_CACHE_HOME/docgen``, else
``~/.cache/docgen`` — that only the user may enter (its owner and mode are checked, as for a
folder of compiled Python files: an entry holds compiled template code). Each entry is named
by the hash of everything it was made from, this Python and docgen's version included, so a
changed input never meets a stale entry; nothing is ever updated in place. Without the folder
(``DOCGEN_CACHE=0``, a read-only home, another owner) docgen works the same, only starts
slower.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen import __version__

if TYPE_CHECKING:
    from docgen.input.loader import SourceTree

_FOLDER: list[Path | None] = []


def folder() -> Path | None:
    """Returns the cache folder (made on first use), or `None` when there is none to use."""
    if not _FOLDER:
        _FOLDER.append(_make_folder())
    return _FOLDER[0]


def _make_folder() -> Path | None:
    chosen = os.environ.get("DOCGEN_CACHE")
    if chosen in ("0", ""):
        return None
    if chosen is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        chosen = os.path.join(base, "docgen")
    path = Path(chosen)
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.lstat()
    except OSError:
        return None
    if path.is_symlink() or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return path


def key(*parts: object) -> str:
    """Returns the name of an entry made from `parts` (with this Python and docgen)."""
    digest = hashlib.sha256(f"{__version__}\0{sys.version}".encode())
    for part in parts:
        digest.update(b"\0")
        digest.update(part if isinstance(part, bytes) else str(part).encode("utf-8"))
    return digest.hexdigest()


def read(kind: str, name: str) -> Any | None:
    """Returns the value stored as `kind`/`name`, or `None`."""
    where = folder()
    if where is None:
        return None
    try:
        return marshal.loads((where / f"{kind}-{name}").read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write(kind: str, name: str, value: Any) -> None:
    """Stores `value` (plain data or code) as `kind`/`name`; a failure is ignored."""
    where = folder()
    if where is None:
        return
    try:
        data = marshal.dumps(value)
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", dir=where)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, where / f"{kind}-{name}")
    except (OSError, ValueError):
        return


def library_stamp(*modules: str) -> str:
    """Returns a stamp of the installed libraries `modules` (their files' paths and times),
    found without importing them, so that an upgrade makes new entries."""
    from importlib.util import find_spec

    stamps = []
    for module in modules:
        spec = find_spec(module)
        origin = spec.origin if spec else None
        try:
            stamps.append(f"{origin}:{os.stat(origin).st_mtime_ns}" if origin else f"{module}:-")
        except OSError:
            stamps.append(f"{module}:?")
    return "|".join(stamps)


def shipped_tree(path: Path) -> SourceTree:
    """Returns ``read_tree(path, fast=True)`` for a large data file docgen ships (the national
    organisation list), kept between runs as read: read again only when its bytes change."""
    from docgen.input.loader import SourceTree, parse_text

    raw = path.read_bytes()
    name = key("du-lieu", raw)
    data = read("du-lieu", name)
    if data is not None:
        return SourceTree(str(path), data, fast=True)
    tree = parse_text(raw, str(path), fast=True)
    if tree.fast:
        write("du-lieu", name, tree.data)
    return tree
