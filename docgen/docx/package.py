"""Writing .docx packages: the same bytes for the same content, written atomically.

A .docx is a zip; python-docx stamps each entry with the current time, so two renders of the
same data differ. docgen writes the zip itself: a fixed time, fixed attributes, a fixed order
([Content_Types].xml first, then the template's order). Writing the container directly also
lets the parts a render does not change be copied already compressed (`Part.compressed`), so
a render compresses only the few parts it changes.
"""
from __future__ import annotations

import io
import os
import re
import struct
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

FIRST = "[Content_Types].xml"
DOS_TIME, DOS_DATE = 0, (0 << 9) | (1 << 5) | 1   # 1980-01-01 00:00:00
LEVEL = 6


@dataclass(frozen=True)
class Part:
    """One zip entry, compressed (raw deflate) with its CRC and sizes."""

    name: str
    crc: int
    size: int
    compressed: bytes

    @classmethod
    def of(cls, name: str, data: bytes) -> "Part":
        packer = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
        return cls(name, zlib.crc32(data), len(data), packer.compress(data) + packer.flush())


def write_parts(parts: list[Part]) -> bytes:
    """Returns a zip holding `parts` in the given order, with fixed times and attributes."""
    out = io.BytesIO()
    directory = []
    for part in parts:
        name = part.name.encode("utf-8")
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x0800, 8, DOS_TIME, DOS_DATE,
                              part.crc, len(part.compressed), part.size, len(name), 0))
        out.write(name)
        out.write(part.compressed)
        directory.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x0800, 8, DOS_TIME, DOS_DATE,
                                     part.crc, len(part.compressed), part.size, len(name), 0, 0, 0, 0, 0,
                                     offset) + name)
    start = out.tell()
    for entry in directory:
        out.write(entry)
    size = out.tell() - start
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), size, start, 0))
    return out.getvalue()


def read_parts(raw: bytes) -> dict[str, bytes]:
    """Returns the parts of a zip by name, [Content_Types].xml first, then in stored order."""
    with zipfile.ZipFile(io.BytesIO(raw)) as source:
        names = source.namelist()
        ordered = [n for n in names if n == FIRST] + [n for n in names if n != FIRST]
        return {name: source.read(name) for name in ordered}


def write_package(raw: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """Returns the zip `raw` rewritten deterministically, with the parts in `replace`
    substituted by name."""
    replace = replace or {}
    return write_parts([Part.of(name, replace.get(name, data)) for name, data in read_parts(raw).items()])


TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"^\..+\.(\d+)-[^.]*\.tmp$")


def sweep_temporary(folder: Path) -> int:
    """Removes the temporary files `write_atomically` left under `folder` when its process was
    killed (``kill -9``, power cut) before the rename; returns how many. A file whose process
    still runs is left alone."""
    removed = 0
    for tmp in folder.rglob(f".*{TEMP_SUFFIX}") if folder.is_dir() else ():
        match = _TEMP_NAME.match(tmp.name)
        if match is None:
            continue
        pid = int(match.group(1))
        try:
            os.kill(pid, 0)
            continue
        except ProcessLookupError:
            pass
        except PermissionError:   # another user's process: alive
            continue
        try:
            tmp.unlink()
            removed += 1
        except OSError:
            pass
    return removed


def write_atomically(path: Path, data: bytes, durable: bool = True) -> None:
    """Writes `data` to `path` through a temporary file in the same folder and a rename,
    so a reader never sees a partial file and a failure leaves the old file as it was.

    `durable` also flushes the file to the disk before the rename (fsync), so that it survives
    a power cut. A build writes its outputs without it: its manifest (written durably) records
    each output's hash, and an output lost in a power cut no longer matches and is made again."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain write would: the old
        # file's, or 0666 less the umask, so colleagues on a shared machine can open it.
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
