"""What a lint rule yields, and the shape of a rule module."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from docgen.citations.catalog import Catalog
    from docgen.docx.view import DocumentView
    from docgen.rules.profile import Profile


@dataclass(frozen=True)
class Violation:
    """What a rule found: `message` (what is there), `expected` (what the rule requires),
    `place` (where), and `severity` when the rule itself reads it as milder than the
    profile's setting (``canh_bao``)."""

    message: str
    expected: str
    place: str
    severity: str | None = None


def size_text(size: float | None) -> str:
    """Returns a size as lint reports it (``13``, ``13.5``; ``không rõ`` when not stated)."""
    return f"{size:g}" if size is not None else "không rõ"


class Rule(Protocol):
    """A lint rule module."""

    ID: str
    TEMPLATE: bool

    def check(self, view: DocumentView, profile: Profile, catalog: Catalog | None) -> Iterator[Violation]: ...
