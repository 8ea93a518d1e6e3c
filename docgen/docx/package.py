"""Writing .docx packages: the same bytes for the same content, written atomically.

A .docx is a zip; python-docx stamps each entry with the current time, so two renders of the
same data differ. `write_package` rewrites the zip with a fixed time, fixed attributes and a
fixed order ([Content_Types].xml first, then the order python-docx wrote), so regenerated
documents can be compared and versioned.
"""
from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FIRST = "[Content_Types].xml"


def write_package(raw: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """Returns the zip `raw` rewritten deterministically, with the parts in `replace`
    substituted by name."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source:
        names = source.namelist()
        ordered = [n for n in names if n == FIRST] + [n for n in names if n != FIRST]
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in ordered:
                info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 0
                info.external_attr = 0
                target.writestr(info, replace.get(name, source.read(name)), compresslevel=6)
    return out.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    """Writes `data` to `path` through a temporary file in the same folder and a rename,
    so a reader never sees a partial file and a failure leaves the old file as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
