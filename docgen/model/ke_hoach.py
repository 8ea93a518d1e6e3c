"""Kế hoạch (KH): a plan, with an optional task table printed as an appendix."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import DocumentBase, TaskTable


class Plan(DocumentBase):
    """Kế hoạch."""

    kind: Literal["ke-hoach"] = Field(alias="loai", description="Loại văn bản: ke-hoach")
    task_table: TaskTable | None = Field(None, alias="bang_nhiem_vu", description=(
        "Bảng nhiệm vụ (nội dung, chủ trì, phối hợp, thời gian), in thành phụ lục"))
