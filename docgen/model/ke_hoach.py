"""Kế hoạch (KH): a plan, with an optional task table printed as an appendix."""
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from docgen.model.common import ContentList, DocumentBase, TaskTable
from docgen.model.outline import Node, from_nodes
from docgen.rules.periods import Period, parse_period


def _period(value: Any) -> Any:
    return parse_period(value) if isinstance(value, str) else value


PeriodText = Annotated[
    Period, BeforeValidator(_period),
    WithJsonSchema({"type": "string", "examples": ["năm 2022", "6 tháng đầu năm 2019", "giai đoạn 2022 - 2026"]}),
]


class Plan(DocumentBase):
    """Kế hoạch."""

    kind: Literal["ke-hoach"] = Field(alias="loai", description="Loại văn bản: ke-hoach")
    content: ContentList = Field(alias="noi_dung", description=(
        "Các phần lớn (I., II., ...): mỗi phần {tieu_de, noi_dung}; trong đó đoạn văn, mục con, danh sách liet_ke"))
    task_table: TaskTable | None = Field(None, alias="bang_nhiem_vu", description=(
        "Bảng nhiệm vụ (nội dung, chủ trì, phối hợp, thời gian), in thành phụ lục"))
    covers: PeriodText | None = Field(None, alias="thoi_ky", description=(
        "Thời kỳ kế hoạch áp dụng, ví dụ 'năm 2022'; báo cáo về kế hoạch này phải nằm trong thời kỳ đó"))

    def appendix_table(self) -> TaskTable | None:
        return self.task_table

    def outline(self, names: dict[str, str] | None = None, facts: Any = None) -> list[Node]:
        """Returns the body as typed in ``noi_dung``."""
        return from_nodes(self.content, ("noi_dung",))

    def period(self) -> Period | None:
        return self.covers
