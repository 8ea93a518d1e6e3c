"""The registry of document kinds: each kind's model, template, starter data and names.

Adding a kind is one entry here plus its model, template and starter; the CLI, the loader
and the renderer find it through `KINDS`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from .model.chuong_trinh import Programme
from .model.ke_hoach import Plan

PACKAGE_DIR = Path(__file__).resolve().parent
STARTERS_DIR = PACKAGE_DIR / "starters"


@dataclass(frozen=True)
class Kind:
    """One document kind."""

    slug: str            # the value of `loai:` in data files, e.g. "ke-hoach"
    title: str           # tên loại as printed, e.g. "KẾ HOẠCH"
    in_sentence: str     # as named in running text, e.g. "Kế hoạch"
    model: type[BaseModel]
    template: str        # file name under templates/docx/
    description: str

    @property
    def starter(self) -> Path:
        return STARTERS_DIR / f"{self.slug}.yaml"


KINDS: dict[str, Kind] = {
    "ke-hoach": Kind(
        slug="ke-hoach",
        title="KẾ HOẠCH",
        in_sentence="Kế hoạch",
        model=Plan,
        template="ke-hoach.docx",
        description="Kế hoạch, có thể kèm bảng nhiệm vụ (phụ lục)",
    ),
    "chuong-trinh-phoi-hop": Kind(
        slug="chuong-trinh-phoi-hop",
        title="CHƯƠNG TRÌNH",
        in_sentence="Chương trình",
        model=Programme,
        template="chuong-trinh-phoi-hop.docx",
        description="Chương trình phối hợp của 2-4 cơ quan (hoặc của một cơ quan)",
    ),
}


def kind_named(slug: str) -> Kind | None:
    """Returns the kind whose slug is `slug`, or `None`."""
    return KINDS.get(slug)
