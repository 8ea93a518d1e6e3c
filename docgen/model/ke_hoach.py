"""Kế hoạch (KH): a plan, with an optional task table printed as an appendix."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..outline import Node, from_nodes
from .common import ContentList, DocumentBase, TaskTable


class Plan(DocumentBase):
    """Kế hoạch."""

    kind: Literal["ke-hoach"] = Field(alias="loai", description="Loại văn bản: ke-hoach")
    content: ContentList = Field(alias="noi_dung", description=(
        "Các phần lớn (I., II., ...): mỗi phần {tieu_de, noi_dung}; trong đó đoạn văn, mục con, danh sách liet_ke"))
    task_table: TaskTable | None = Field(None, alias="bang_nhiem_vu", description=(
        "Bảng nhiệm vụ (nội dung, chủ trì, phối hợp, thời gian), in thành phụ lục"))

    def outline(self, names: dict[str, str] | None = None) -> list[Node]:
        """Returns the body as typed in ``noi_dung``."""
        return from_nodes(self.content, ("noi_dung",))
