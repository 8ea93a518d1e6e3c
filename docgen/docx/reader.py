"""The one opener for Word files docgen did not write (lint, ``cite --check``, diff, uploads).

A .docx from outside may be anything: not a zip, a zip bomb whose header lies about its
sizes, thousands of entries, XML with a DTD (external entities, billion laughs), broken
XML, a macro-enabled file. `open_document` reads the package once with real (not declared)
sizes bounded while decompressing, refuses DTDs and entities, and only then hands the bytes
to python-docx. Every refusal is an `UnreadableDocument` with the reason in Vietnamese.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument

from docgen.errors import UnreadableDocument

MAX_FILE = 50 * 1024 * 1024          # bytes of the .docx itself
MAX_ENTRIES = 5000                   # parts in the package
MAX_UNPACKED = 200 * 1024 * 1024     # bytes of all parts, really decompressed
MAX_RATIO = 200                      # decompressed / compressed, for a part past 1 MB
RATIO_FROM = 1024 * 1024
MAX_PARAGRAPHS = 5_000              # paragraphs of the body (tables' included): lint in seconds
MACRO_MARKERS = (b"macroEnabled", b"vbaProject")
REQUIRED = ("[Content_Types].xml", "word/document.xml")
WORKBOOK_REQUIRED = ("[Content_Types].xml", "xl/workbook.xml")   # an Excel .xlsx (figures a unit sends)
_CHUNK = 64 * 1024
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")
_PARAGRAPH = re.compile(rb"<w:p[ >/]")
BODY = "word/document.xml"


def _refuse(name: str, why: str) -> UnreadableDocument:
    return UnreadableDocument(f"{name}: {why}", name)


def _raw_bytes(source: Path | bytes, name: str) -> bytes:
    if isinstance(source, bytes):
        if len(source) > MAX_FILE:
            raise _refuse(name, f"tệp quá lớn ({len(source) // 1024 // 1024} MB; tối đa {MAX_FILE // 1024 // 1024} MB)")
        return source
    try:
        size = source.stat().st_size
        if size > MAX_FILE:
            raise _refuse(name, f"tệp quá lớn ({size // 1024 // 1024} MB; tối đa {MAX_FILE // 1024 // 1024} MB)")
        return source.read_bytes()
    except OSError as exc:
        raise _refuse(name, f"không đọc được tệp ({exc.strerror or exc})") from None


def _read_part(package: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, name: str) -> tuple[int, bytes]:
    """Returns the real decompressed size of one part (stopping once it passes `budget` or its
    ratio) and, for XML parts, its first bytes; raises on DTDs and entities."""
    xml = info.filename.endswith((".xml", ".rels"))
    total, head, tail, paragraphs = 0, b"", b"", 0
    ratio_limit = MAX_RATIO * max(info.compress_size, 1)
    with package.open(info) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > budget:
                raise _refuse(name, "nội dung giải nén quá lớn (quá "
                                    f"{MAX_UNPACKED // 1024 // 1024} MB); có thể là tệp nén độc hại (zip bomb)")
            if total > RATIO_FROM and total > ratio_limit:
                raise _refuse(name, f"phần {info.filename} nén bất thường (tỉ lệ trên {MAX_RATIO}:1); "
                                    "có thể là zip bomb")
            if xml:
                window = tail + chunk
                if any(marker in window for marker in _FORBIDDEN):
                    raise _refuse(name, f"phần {info.filename} có khai báo DTD hoặc thực thể (<!DOCTYPE, "
                                        "<!ENTITY); văn bản Word không có, docgen không mở tệp như vậy")
                if info.filename == BODY:   # a marker split between chunks starts in the tail
                    paragraphs += len(_PARAGRAPH.findall(tail[-4:] + chunk))
                    if paragraphs > MAX_PARAGRAPHS:
                        raise _refuse(name, f"văn bản có hơn {MAX_PARAGRAPHS:,} đoạn; quá dài để docgen kiểm tra "
                                            "(văn bản của Đảng thường chỉ vài trăm đoạn)".replace(",", "."))
                tail = chunk[-16:]
                if len(head) < 4096:
                    head += chunk[:4096 - len(head)]
    return total, head


def checked_package(source: Path | bytes, name: str | None = None, workbook: bool = False) -> bytes:
    """Returns the bytes of the .docx `source` (a path or the bytes themselves) after reading
    every part within the limits; raises `UnreadableDocument` with the reason otherwise.
    `name` is how the file is named in messages (default: its file name). With `workbook`,
    the package is an Excel .xlsx, read within the same limits."""
    shown = name or (source.name if isinstance(source, Path) else "van-ban.docx")
    raw = _raw_bytes(source, shown)
    what = "tệp Excel .xlsx" if workbook else "tệp Word .docx"
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise _refuse(shown, f"không phải {what} (không phải gói zip)")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            infos = package.infolist()
            if len(infos) > MAX_ENTRIES:
                raise _refuse(shown, f"gói có {len(infos)} phần (tối đa {MAX_ENTRIES}); không phải văn bản Word thường")
            names = {i.filename for i in infos}
            for required in WORKBOOK_REQUIRED if workbook else REQUIRED:
                if required not in names:
                    raise _refuse(shown, f"thiếu phần {required}; không phải {what} hoàn chỉnh")
            budget = MAX_UNPACKED
            for info in infos:
                size, head = _read_part(package, info, budget, shown)
                budget -= size
                if info.filename == "[Content_Types].xml" and any(m in head for m in MACRO_MARKERS):
                    raise _refuse(shown, "tệp có macro (.docm); docgen không mở tệp có macro. "
                                         "Lưu lại thành .docx (không macro) rồi kiểm tra")
            if any("vbaProject" in n for n in names):
                raise _refuse(shown, "tệp có macro (.docm); docgen không mở tệp có macro. "
                                     "Lưu lại thành .docx (không macro) rồi kiểm tra")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError, OSError) as exc:
        raise _refuse(shown, f"gói zip hỏng ({exc})") from None
    return raw


def open_document(source: Path | bytes, name: str | None = None) -> DocxDocument:
    """Returns the python-docx document of the .docx `source` (a path or bytes), opened only
    after `checked_package` accepted it; raises `UnreadableDocument` for a file that cannot
    be read as a Word document."""
    shown = name or (source.name if isinstance(source, Path) else "van-ban.docx")
    raw = checked_package(source, shown)
    try:
        document = docx.Document(io.BytesIO(raw))
        _load_parts(document)
        return document
    except Exception as exc:  # python-docx and lxml raise many kinds for a broken package
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise _refuse(shown, f"không mở được như văn bản Word: nội dung XML hỏng hoặc thiếu phần ({reason})") from None


def _load_parts(document: DocxDocument) -> None:
    """Loads now every part the readers use (styles, settings, properties, each section's
    headers and footers), so a relationship that points at nothing is refused here, with the
    file's name, and not met later as a bare KeyError."""
    _ = document.styles.element, document.settings.element, document.core_properties.title
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header, section.footer,
                     section.first_page_footer, section.even_page_footer):
            if not part.is_linked_to_previous:
                _ = part.paragraphs
