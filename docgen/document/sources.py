"""Where a document's shared data comes from: the office's data folder, its organisations
file and its catalogs, found from the data file's folder upwards."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ORGANISATIONS_FILE = "to-chuc.yaml"


@dataclass(frozen=True)
class Sources:
    """Where a document's shared data comes from: the organisations file and the catalogs
    of governing documents. `None` means the nearest ones above the data file."""

    organisations: Path | None = None
    catalogs: tuple[Path, ...] | None = None


def data_root(start: Path) -> Path:
    """Returns the office's data folder holding `start`: the nearest folder named ``data`` or
    holding ``to-chuc.yaml``; `start` itself when there is none."""
    for folder in [start, *start.parents]:
        if folder.name == "data" or (folder / ORGANISATIONS_FILE).is_file():
            return folder
    return start


def find_organisations(start: Path) -> Path | None:
    """Returns the nearest ``to-chuc.yaml`` at or above `start` (also under a ``data/``
    folder there), or `None`."""
    for folder in [start, *start.parents]:
        for candidate in (folder / ORGANISATIONS_FILE, folder / "data" / ORGANISATIONS_FILE):
            if candidate.is_file():
                return candidate
    return None
