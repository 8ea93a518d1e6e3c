"""``docgen watch``: rebuild when a file under the data folder (or a template) is saved.

It polls modification times (no extra dependency, works on every file system, including
network shares where change notifications are unreliable); each round is a `docgen.faces.build`,
which rebuilds only what changed."""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from docgen.core import Settings
from docgen.faces.build import Summary, build

IGNORED_SUFFIXES = (".sqlite3", ".sqlite3-wal", ".sqlite3-shm", ".tmp")


def snapshot(*folders: Path) -> dict[str, int]:
    """Returns the modification time of every file under `folders` (the register and
    temporary files left out, since builds write them)."""
    seen: dict[str, int] = {}
    for folder in folders:
        for base, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if not name.endswith(IGNORED_SUFFIXES) and not name.startswith("."):
                    path = os.path.join(base, name)
                    try:
                        seen[path] = os.stat(path).st_mtime_ns
                    except FileNotFoundError:
                        continue
    return seen


def watch(root: Path, out: Path, settings: Settings, interval: float,
          report: Callable[[Summary], None], rounds: int | None = None) -> None:
    """Builds `root` into `out` now and after every change, until interrupted (or `rounds`)."""
    folders = [root] + ([settings.templates] if settings.templates else [])
    last: dict[str, int] | None = None
    done = 0
    while rounds is None or done < rounds:
        state = snapshot(*folders)
        if state != last:
            summary = build(root, out, settings)
            last = snapshot(*folders)   # before the report: a save made once it is read is a change
            report(summary)
            done += 1
        time.sleep(interval)
