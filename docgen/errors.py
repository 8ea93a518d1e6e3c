"""The one exception tree of docgen, and the one finding type every face reports.

The core raises these and never exits: the CLI turns an error into its exit code
(`DocgenError.exit_code`) and the HTTP service into its status (`DocgenError.http_status`),
each in one place. A `Finding` is a value: what is wrong with a data file or a Word file,
where, by which rule, how serious, and from which regulation the rule comes.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ERROR = "loi"
WARNING = "canh_bao"


def writable_text(text: str) -> str:
    """Returns `text` as UTF-8 can write it: a surrogate pair (YAML and JSON readers split an
    escaped character beyond U+FFFF, ``"\\ud83d\\ude00"``, in two) joined again, a lone
    surrogate as U+FFFD. A key of a data file is quoted in findings as it was read."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


@dataclass(frozen=True)
class Finding:
    """One thing found about a data file or a Word file, in Vietnamese.

    `file` is the file's path as given (``None`` for data not read from a file). In a data
    file, `line` and `column` are 1-based (``None`` when unknown) and `field` is the dotted
    path of the field (``mo_dau.can_cu[2]``, empty for the whole file). In a Word file,
    `place` names the paragraph (``tiêu đề, đoạn «Số 07-KH/BDVTU»``). `rule` is the id of
    the rule that found it (``so-ky-hieu``, ``trich-dan``; empty for data checks that have
    none), `expected` what the rule requires, `source` the regulation the rule comes from.
    `severity` is ``"loi"`` (error) or ``"canh_bao"`` (warning).
    """

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str = ""
    severity: str = ERROR
    rule: str = ""
    place: str = ""
    expected: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        for name in ("message", "field", "place", "expected"):   # what quotes the file's own text
            value = getattr(self, name)
            if not value.isascii():
                object.__setattr__(self, name, writable_text(value))

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def location(self) -> str:
        """Returns ``file:line:column`` with the parts that are known."""
        parts = [self.file or "<dữ liệu>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        kind = "lỗi" if self.is_error else "cảnh báo"
        if self.place:   # a Word file: file: place: kind [rule] message — yêu cầu: ...
            prefix = f"{self.file}: " if self.file else ""
            rule = f" [{self.rule}]" if self.rule else ""
            expected = f" — yêu cầu: {self.expected}" if self.expected else ""
            return f"{prefix}{self.place}: {kind}{rule} {self.message}{expected}"
        where = f" [{self.field}]" if self.field else ""
        return f"{self.location()}: {kind}{where}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        """Returns the finding as JSON-ready data, with the keys the CLI and HTTP print."""
        return {
            "tep": self.file,
            "dong": self.line,
            "cot": self.column,
            "truong": self.field,
            "vi_tri": self.place,
            "quy_tac": self.rule,
            "muc_do": self.severity,
            "thong_bao": self.message,
            "yeu_cau": self.expected,
            "nguon": self.source,
        }


def count_errors(findings: list[Finding]) -> int:
    """Returns how many of `findings` are errors."""
    return sum(1 for f in findings if f.is_error)


class DocgenError(Exception):
    """Root of every error docgen raises on purpose: `exit_code` for the CLI, `http_status`
    for the service."""

    exit_code = 1
    http_status = 500
    retry_after: int | None = None   # seconds a client should wait before asking again (a 503)

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def findings(self) -> list[Finding]:
        """Returns the error as findings (the shape every face prints)."""
        return [Finding(self.message)]


class DataError(DocgenError):
    """User data that cannot become a document; carries every `Finding` found (errors only,
    unless there are none)."""

    exit_code = 2
    http_status = 422

    def __init__(self, problems: list[Finding]):
        self.problems = [p for p in problems if p.is_error] or list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def findings(self) -> list[Finding]:
        return list(self.problems)


class UnreadableDocument(DataError):
    """A Word file docgen refuses to open (not a zip, a zip bomb, XML with entities...),
    with the reason in Vietnamese."""

    def __init__(self, message: str, file: str | None = None):
        super().__init__([Finding(message, file)])
        self.message = message


class TooLarge(DocgenError):
    """A request or file over the size docgen accepts."""

    exit_code = 2
    http_status = 413


class TemplateProblem(DocgenError):
    """A template that is missing or cannot be rendered."""


class ProfileError(DocgenError):
    """A rule profile that cannot be loaded."""

    exit_code = 2
    http_status = 422


class NotFound(DocgenError):
    """Something asked for by name that does not exist (a symbol, a kind, a register entry)."""

    exit_code = 2
    http_status = 404


class NotAuthenticated(DocgenError):
    """A request of the service without a valid token where accounts are configured."""

    http_status = 401


class Forbidden(DocgenError):
    """A user whose role does not allow what was asked (a soạn thảo voiding a number)."""

    http_status = 403


class RegisterError(DocgenError):
    """A register operation that cannot be done (voiding an issued number twice...)."""

    exit_code = 1
    http_status = 409


class PdfUnavailable(DocgenError):
    """PDF conversion asked for where LibreOffice is not installed."""

    exit_code = 1
    http_status = 503


class PdfBusy(DocgenError):
    """Every PDF slot busy and the queue full: the client asks again after `retry_after` seconds."""

    exit_code = 1
    http_status = 503

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class PdfFailed(DocgenError):
    """LibreOffice could not convert a document (or took too long)."""

    exit_code = 1
    http_status = 504


class Unsuccessful(DocgenError):
    """A command that has reported what it found and must end with a non-zero exit code (lint
    or a citation check with errors, a diff with changes, a search with no result, a build
    with failures). `message` may be empty: the findings are already printed."""

    def __init__(self, message: str = "", exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code
