"""Chương trình phối hợp (CTr): the joint coordination programme of two to four bodies.

Its body follows the customary parts (conventions §12c) and is built from structured fields,
so the headings, their order and numbers are always right:
I. MỤC ĐÍCH, YÊU CẦU — II. NỘI DUNG PHỐI HỢP — III. PHƯƠNG THỨC, CƠ CHẾ PHỐI HỢP —
IV. TỔ CHỨC THỰC HIỆN (each body's responsibility, reporting, the effect clause).
"""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from docgen.model.common import DocumentBase, Paragraphs, Part, TaskRef, TaskTable, Text, _as_list, no_items
from docgen.model.outline import Heading, Node, Para, from_nodes
from docgen.rules.periods import Period, parse_period, years

_PERIOD = re.compile(r"^\s*((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)\s*$")
_YEAR = re.compile(r"^\s*((?:19|20)\d\d)\s*$")


def _period(value: Any) -> Any:
    """Reads a programme's period: ``2022 - 2026``, a single year (``2018``), or any period
    `parse_period` knows (``năm 2018``, ``6 tháng đầu năm 2019``, ``quý II năm 2026``)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        match = _PERIOD.match(value)
        if match:
            start, end = int(match.group(1)), int(match.group(2))
            if end < start:
                raise ValueError(f"giai đoạn '{value}': năm cuối trước năm đầu")
            return years(start, end)
        year = _YEAR.match(value)
        return parse_period(f"năm {year.group(1)}" if year else value)
    return value


ProgrammePeriod = Annotated[
    Period, BeforeValidator(_period),
    WithJsonSchema({"type": ["string", "integer"], "examples": ["2022 - 2026", "2018", "năm 2026", "6 tháng đầu năm 2019"]}),
]


class CoordinationItem(Part):
    """Một nội dung phối hợp (đánh số 1., 2., ... trong phần II)."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")] | None = Field(None, alias="ma", description=(
        "Mã ổn định của nội dung, để báo cáo sơ kết, tổng kết theo từng nội dung"))
    title: Text = Field(alias="tieu_de", description="Tên nội dung phối hợp")
    content: Paragraphs = Field(default_factory=no_items, alias="noi_dung", description="Đoạn văn, mục con, liet_ke")
    lead: str | None = Field(None, alias="chu_tri", description="Cơ quan chủ trì")
    partners: Annotated[list[Text], BeforeValidator(_as_list)] = Field(default_factory=no_items, alias="phoi_hop")
    time: str | None = Field(None, alias="thoi_gian", description="Thời gian thực hiện")


def facts_line(lead: str | None, partners: list[str], time: str | None) -> str:
    """Returns ``Cơ quan chủ trì: ...; cơ quan phối hợp: ...; thời gian: ....`` of a coordination
    item (empty when it names none of them)."""
    facts = [f"cơ quan chủ trì: {lead}" if lead else "",
             f"cơ quan phối hợp: {', '.join(partners)}" if partners else "",
             f"thời gian: {time}" if time else ""]
    text = "; ".join(f for f in facts if f)
    return text[0].upper() + text[1:] + "." if text else ""


def read_facts_line(text: str) -> dict[str, Any] | None:
    """Returns ``{chu_tri, phoi_hop, thoi_gian}`` (those given) of a line `facts_line` writes, or
    `None` when `text` is not one (writing the result again must give `text`)."""
    body = text.strip()
    if not body.endswith(".") or not body.lower().startswith(("cơ quan chủ trì: ", "cơ quan phối hợp: ", "thời gian: ")):
        return None
    found: dict[str, Any] = {}
    for piece in re.split(r"; (?=cơ quan phối hợp: |thời gian: )", body[:-1]):
        label, _, value = piece.partition(": ")
        key = {"cơ quan chủ trì": "chu_tri", "cơ quan phối hợp": "phoi_hop", "thời gian": "thoi_gian"}.get(label.lower())
        if key is None or key in found:
            return None
        found[key] = value.split(", ") if key == "phoi_hop" else value
    if facts_line(found.get("chu_tri"), found.get("phoi_hop", []), found.get("thoi_gian")) != body:
        return None
    return found


class Mechanism(Part):
    """Phương thức, cơ chế phối hợp."""

    information: Paragraphs = Field(default_factory=no_items, alias="trao_doi_thong_tin", description="Trao đổi thông tin")
    meetings: Paragraphs = Field(default_factory=no_items, alias="giao_ban", description="Giao ban định kỳ")
    inspection: Paragraphs = Field(default_factory=no_items, alias="kiem_tra", description="Kiểm tra, giám sát")
    reviews: Paragraphs = Field(default_factory=no_items, alias="so_ket_tong_ket", description="Sơ kết, tổng kết")


class Responsibility(Part):
    """Trách nhiệm của một cơ quan."""

    party: Text = Field(alias="ben", description="Ký hiệu của cơ quan (như trong số ký hiệu), ví dụ BDVTU")
    duties: Annotated[Paragraphs, Field(min_length=1)] = Field(alias="nhiem_vu", description="Nhiệm vụ của cơ quan")


class Implementation(Part):
    """Tổ chức thực hiện."""

    responsibilities: list[Responsibility] = Field(alias="trach_nhiem", min_length=1, description=(
        "Trách nhiệm của từng cơ quan, cơ quan chủ trì trước"))
    reporting: Paragraphs = Field(default_factory=no_items, alias="che_do_bao_cao", description="Chế độ thông tin, báo cáo")
    effect: Text = Field("Chương trình này có hiệu lực kể từ ngày ký.", alias="hieu_luc", description="Câu hiệu lực")


class Programme(DocumentBase):
    """Chương trình phối hợp."""

    kind: Literal["chuong-trinh-phoi-hop"] = Field(alias="loai", description="Loại văn bản: chuong-trinh-phoi-hop")
    covers: ProgrammePeriod = Field(alias="giai_doan", description=(
        "Thời kỳ thực hiện: 2022 - 2026, một năm (2018), 6 tháng đầu năm 2019, quý II năm 2026"))
    purposes: Annotated[Paragraphs, Field(min_length=1)] = Field(alias="muc_dich", description="Mục đích")
    requirements: Paragraphs = Field(default_factory=no_items, alias="yeu_cau", description="Yêu cầu")
    coordination: list[CoordinationItem] = Field(alias="noi_dung_phoi_hop", min_length=1, description=(
        "Các nội dung phối hợp, mỗi nội dung {ma, tieu_de, noi_dung, chu_tri, phoi_hop, thoi_gian}"))
    mechanism: Mechanism = Field(alias="phuong_thuc_phoi_hop", description=(
        "Phương thức, cơ chế phối hợp: trao_doi_thong_tin, giao_ban, kiem_tra, so_ket_tong_ket"))
    implementation: Implementation = Field(alias="to_chuc_thuc_hien", description=(
        "Tổ chức thực hiện: trach_nhiem (mỗi cơ quan), che_do_bao_cao, hieu_luc"))
    task_table: TaskTable | None = Field(None, alias="bang_nhiem_vu", description="Bảng nhiệm vụ, in thành phụ lục")

    def appendix_table(self) -> TaskTable | None:
        return self.task_table

    def period(self) -> Period:
        return self.covers

    def outline(self, names: dict[str, str] | None = None, facts: Any = None) -> list[Node]:
        names = names or {}
        purposes = from_nodes(self.purposes, ("muc_dich",))
        if self.requirements:
            first: list[Node] = [Heading("Mục đích", None, purposes),
                                 Heading("Yêu cầu", None, from_nodes(self.requirements, ("yeu_cau",)))]
        else:
            first = purposes
        items: list[Node] = []
        for i, item in enumerate(self.coordination):
            path = ("noi_dung_phoi_hop", i)
            children = from_nodes(item.content, path + ("noi_dung",))
            facts_text = facts_line(item.lead, item.partners, item.time)
            if facts_text:
                children.append(Para(facts_text, path + ("chu_tri",)))
            items.append(Heading(item.title, path + ("tieu_de",), children))
        mechanism = self.mechanism
        ways: list[Node] = [Heading(title, None, from_nodes(nodes, ("phuong_thuc_phoi_hop", key)))
                for title, key, nodes in (("Trao đổi thông tin", "trao_doi_thong_tin", mechanism.information),
                                          ("Giao ban định kỳ", "giao_ban", mechanism.meetings),
                                          ("Kiểm tra, giám sát", "kiem_tra", mechanism.inspection),
                                          ("Sơ kết, tổng kết", "so_ket_tong_ket", mechanism.reviews)) if nodes]
        implementation = self.implementation
        duties: list[Node] = [
            Heading(names.get(r.party, r.party), None,
                    from_nodes(r.duties, ("to_chuc_thuc_hien", "trach_nhiem", i, "nhiem_vu")))
            for i, r in enumerate(implementation.responsibilities)]
        if implementation.reporting:
            duties.append(Heading("Chế độ thông tin, báo cáo", None,
                                  from_nodes(implementation.reporting, ("to_chuc_thuc_hien", "che_do_bao_cao"))))
        duties.append(Para(implementation.effect, ("to_chuc_thuc_hien", "hieu_luc")))
        return [
            Heading("Mục đích, yêu cầu", None, first),
            Heading("Nội dung phối hợp", None, items),
            Heading("Phương thức, cơ chế phối hợp", None, ways),
            Heading("Tổ chức thực hiện", None, duties),
        ]

    def party_references(self) -> list[tuple[tuple, str]]:
        return [(("to_chuc_thuc_hien", "trach_nhiem", i, "ben"), r.party)
                for i, r in enumerate(self.implementation.responsibilities)]

    def tasks(self) -> list[TaskRef]:
        """Returns the coordination items with an id, then the task table's tasks."""
        own = [TaskRef(id=i.id, content=i.title, lead=i.lead) for i in self.coordination if i.id]
        return own + super().tasks()
