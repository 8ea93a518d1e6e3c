"""``docgen lint``: check any Word document — docgen's or typed by hand — against the
presentation rules of the profile, and report each violation with the rule, what was found,
what the rule requires, and where.

Rules are small units in `docgen.lint.rules.RULES` (id → check); their severity and source
are data in the profile (``quy_tac``), the same profile the renderer uses. Findings are values.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError

from docgen.errors import DocgenError

MAX_FILE = 50 * 1024 * 1024          # bytes of the .docx
MAX_UNPACKED = 200 * 1024 * 1024     # bytes of all parts unpacked
MAX_RATIO = 200                      # unpacked / packed, for a part larger than 1 MB
MACRO_TYPES = ("macroEnabled", "vbaProject")


class UnreadableDocument(DocgenError):
    """A file lint refuses to open, with the reason in Vietnamese."""

    exit_code = 2
    http_status = 422


@dataclass(frozen=True)
class Finding:
    """One violation: rule id, severity, what was found, what is required, where."""

    rule: str
    severity: str
    found: str
    required: str
    where: str
    source: str = ""

    def __str__(self) -> str:
        kind = "lỗi" if self.severity == "loi" else "cảnh báo"
        return f"{self.where}: {kind} [{self.rule}] {self.found} — yêu cầu: {self.required}"

    def as_dict(self) -> dict:
        return asdict(self)


def open_safely(path: Path):
    """Returns the python-docx Document of `path`, after checks that keep hostile files
    (not a zip, a zip bomb, a huge part, a macro-enabled file, missing parts) to a clear
    error in bounded time and memory."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableDocument(f"{name}: không đọc được tệp ({exc.strerror})") from None
    if size > MAX_FILE:
        raise UnreadableDocument(f"{name}: tệp quá lớn ({size // 1024 // 1024} MB; tối đa {MAX_FILE // 1024 // 1024} MB)")
    raw = path.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise UnreadableDocument(f"{name}: không phải tệp Word .docx (không phải gói zip)")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            infos = package.infolist()
            names = {i.filename for i in infos}
            unpacked = sum(i.file_size for i in infos)
            if unpacked > MAX_UNPACKED:
                raise UnreadableDocument(f"{name}: nội dung giải nén quá lớn ({unpacked // 1024 // 1024} MB); "
                                         "có thể là tệp nén độc hại (zip bomb)")
            for info in infos:
                if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise UnreadableDocument(f"{name}: phần {info.filename} nén bất thường (tỉ lệ "
                                             f"{info.file_size // max(info.compress_size, 1)}:1); có thể là zip bomb")
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                missing = "[Content_Types].xml" if "[Content_Types].xml" not in names else "word/document.xml"
                raise UnreadableDocument(f"{name}: thiếu phần {missing}; không phải văn bản Word hoàn chỉnh")
            types = package.read("[Content_Types].xml").decode("utf-8", "ignore")
            if any(marker in types for marker in MACRO_TYPES) or any("vbaProject" in n for n in names):
                raise UnreadableDocument(f"{name}: tệp có macro (.docm); docgen không mở tệp có macro. "
                                         "Lưu lại thành .docx (không macro) rồi kiểm tra")
    except zipfile.BadZipFile as exc:
        raise UnreadableDocument(f"{name}: gói zip hỏng ({exc})") from None
    try:
        return docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise UnreadableDocument(f"{name}: không mở được như văn bản Word ({exc})") from None
    except Exception as exc:  # lxml parse errors and the like: the file is broken, say so
        raise UnreadableDocument(f"{name}: nội dung XML hỏng ({type(exc).__name__}: {exc})") from None


# A template holds tags where text will go: only the rules about the page, the fonts, the page
# numbers and the fixed title line apply to it.
TEMPLATE_RULES = ("kho-giay", "le-trang", "phong-chu", "tieu-de-dang", "so-trang")


def lint(path: Path, profile, catalog=None, template: bool = False) -> list[Finding]:
    """Returns the findings of the Word file at `path` against `profile` (and the citation
    catalog, when given); with `template`, only the rules that apply to a template. Raises
    `UnreadableDocument` for a file it will not open."""
    from docgen.lint.rules import RULES
    from docgen.docx.view import DocumentView

    view = DocumentView(open_safely(path))
    findings: list[Finding] = []
    for rule_id, check in RULES.items():
        if template and rule_id not in TEMPLATE_RULES:
            continue
        setting = profile.rules.get(rule_id)
        severity = setting.severity if setting else "loi"
        if severity == "tat":
            continue
        for found, required, where in check(view, profile, catalog):
            findings.append(Finding(rule_id, severity, found, required, where, setting.source if setting else ""))
    return findings
