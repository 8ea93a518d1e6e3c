"""The one exception tree of docgen, and the problem record every face reports.

The core raises these and never exits; the CLI turns them into exit codes
(`exit_code`) and the HTTP service into statuses (`http_status`), each in one place.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One finding about user data: where it is, and what is wrong, in Vietnamese.

    `file` is the data file's path as given (``None`` for data not read from a file);
    `line` and `column` are 1-based (``None`` when the position is unknown);
    `field` is the dotted path of the field (``mo_dau.can_cu[2]``), empty for the whole file;
    `severity` is ``"loi"`` (error) or ``"canh_bao"`` (warning).
    """

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str = ""
    severity: str = "loi"

    @property
    def is_error(self) -> bool:
        return self.severity == "loi"

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
        where = f" [{self.field}]" if self.field else ""
        return f"{self.location()}: {kind}{where}: {self.message}"

    def as_dict(self) -> dict:
        return {
            "tep": self.file,
            "dong": self.line,
            "cot": self.column,
            "truong": self.field,
            "muc_do": self.severity,
            "thong_bao": self.message,
        }


class DocgenError(Exception):
    """Root of every error docgen raises on purpose."""

    exit_code = 1
    http_status = 500

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class DataError(DocgenError):
    """User data that cannot become a document; carries every `Problem` found."""

    exit_code = 2
    http_status = 422

    def __init__(self, problems: list[Problem]):
        self.problems = [p for p in problems if p.is_error] or list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class TemplateProblem(DocgenError):
    """A template that is missing or cannot be rendered."""

    exit_code = 1
    http_status = 500


class ProfileError(DocgenError):
    """A rule profile that cannot be loaded."""

    exit_code = 2
    http_status = 422


class NotFound(DocgenError):
    """Something asked for by name that does not exist (a symbol, a kind, a register entry)."""

    exit_code = 2
    http_status = 404
