"""Thông báo kết luận (TB): what a conference concluded, issued by the body that held it.

Body (conventions §12d): an opening paragraph docgen writes from the conference's facts
("Ngày ..., ... tổ chức Hội nghị ... Đồng chí ... chủ trì ... kết luận như sau:"), then the
conclusions as numbered paragraphs 1., 2., ... each with the bodies assigned, then
"... thông báo để các cơ quan, đơn vị biết, thực hiện."
"""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from docgen.model.common import Date, DocumentBase, Paragraphs, Part, Text, _as_list, no_items
from docgen.model.outline import Node, Para, from_nodes
from docgen.rules.dates import short_date


class Chair(Part):
    """Người chủ trì hội nghị."""

    name: Text = Field(alias="ho_ten", description="Họ và tên")
    position: Text = Field(alias="chuc_vu", description="Chức vụ, ví dụ 'Phó Trưởng Ban Dân vận Tỉnh ủy'")


class Conference(Part):
    """Hội nghị."""

    name: Text = Field(alias="ten", description="Tên hội nghị, sau chữ 'Hội nghị': 'sơ kết công tác ... năm 2019'")
    date: Date = Field(alias="ngay", description="Ngày họp")
    place: str | None = Field(None, alias="dia_diem", description="Địa điểm (tùy chọn)")
    organiser: str | None = Field(None, alias="to_chuc", description="Cơ quan tổ chức; mặc định cơ quan ban hành")
    chair: Chair = Field(alias="chu_tri", description="Người chủ trì")
    participants: str | None = Field(None, alias="thanh_phan", description="Thành phần dự hội nghị")
    heard: Annotated[list[Text], BeforeValidator(_as_list)] = Field(default_factory=no_items, alias="nghe", description=(
        "Hội nghị đã nghe: 'báo cáo kết quả ... của Ban Chỉ đạo tỉnh'"))


def conference_sentence(c: Conference, who: str) -> str:
    """Returns the opening docgen writes for a notice of the conference `c` held by `who`."""
    place = f" tại {c.place}" if c.place else ""
    text = f"Ngày {short_date(c.date)}, {c.organiser or who} tổ chức Hội nghị {c.name}{place}. "
    text += f"Đồng chí {c.chair.name}, {c.chair.position} chủ trì hội nghị."
    if c.participants:
        text += f" Dự hội nghị có {c.participants.rstrip('.')}."
    heard = f"nghe {'; '.join(c.heard)} và " if c.heard else "nghe "
    text += (f" Sau khi {heard}ý kiến thảo luận của các đại biểu dự hội nghị, đồng chí {c.chair.name} "
             "kết luận như sau:")
    return text


class Conclusion(Part):
    """Một ý kết luận (đánh số 1., 2., ...)."""

    text: Text = Field(alias="noi_dung", description="Nội dung kết luận")
    details: Paragraphs = Field(default_factory=no_items, alias="chi_tiet", description="Các ý chi tiết, liet_ke")
    lead: str | None = Field(None, alias="chu_tri", description="Cơ quan được giao chủ trì")
    partners: Annotated[list[Text], BeforeValidator(_as_list)] = Field(default_factory=no_items, alias="phoi_hop",
                                                                       description="Cơ quan phối hợp")


class Notice(DocumentBase):
    """Thông báo kết luận."""

    kind: Literal["thong-bao-ket-luan"] = Field(alias="loai", description="Loại văn bản: thong-bao-ket-luan")
    conference: Conference = Field(alias="hoi_nghi", description="Hội nghị: ten, ngay, dia_diem, chu_tri, thanh_phan, nghe")
    conclusions: list[Conclusion] = Field(alias="ket_luan", min_length=1, description=(
        "Các ý kết luận, mỗi ý {noi_dung, chi_tiet, chu_tri, phoi_hop}"))

    def opening_sentence(self, who: str) -> str:
        return conference_sentence(self.conference, who)

    def default_closing(self, who: str) -> str:
        return f"{who} thông báo để các cơ quan, đơn vị biết, thực hiện."

    def outline(self, names: dict[str, str] | None = None, facts: Any = None) -> list[Node]:
        bodies = list((names or {}).values())
        who = bodies[0] if len(bodies) == 1 else f"{', '.join(bodies[:-1])} và {bodies[-1]}" if bodies else ""
        given = self.opening.paragraphs or self.opening.lead_in   # an opening given is never doubled by docgen's
        body: list[Node] = [] if given else [Para(self.opening_sentence(who), ("hoi_nghi",))]
        for i, item in enumerate(self.conclusions):
            path = ("ket_luan", i)
            body.append(Para(item.text, path + ("noi_dung",), "so"))
            body.extend(from_nodes(item.details, path + ("chi_tiet",)))
            if item.lead:
                body.append(Para(assignment_line(item.lead, item.partners), path + ("chu_tri",)))
        return body


def assignment_line(lead: str, partners: list[str]) -> str:
    """Returns ``Giao <lead> chủ trì, phối hợp với <partners> thực hiện.``: who carries out a conclusion."""
    with_whom = f", phối hợp với {', '.join(partners)}" if partners else ""
    return f"Giao {lead} chủ trì{with_whom} thực hiện."


_ASSIGNMENT = re.compile(r"^Giao (?P<lead>.+?) chủ trì(?:, phối hợp với (?P<partners>.+))? thực hiện\.$")


def read_assignment_line(text: str) -> tuple[str, list[str]] | None:
    """Returns ``(lead, partners)`` of a line `assignment_line` writes, or `None` when `text`
    is not one (writing the result again must give `text`)."""
    match = _ASSIGNMENT.match(text.strip())
    if match is None:
        return None
    partners = match.group("partners").split(", ") if match.group("partners") else []
    found = (match.group("lead"), partners)
    return found if assignment_line(*found) == text.strip() else None


def read_opening_sentence(text: str, who: str) -> dict[str, Any] | None:
    """Returns the conference (``hoi_nghi`` data) whose `Notice.opening_sentence` for the
    issuer `who` is `text`, or `None` when no conference writes exactly that sentence."""
    match = re.match(r"^Ngày (?P<date>\d{1,2}/\d{1,2}/\d{4}), (?P<org>.+?) tổ chức Hội nghị (?P<rest>.+?)\. "
                     r"Đồng chí (?P<chair>[^,]+), (?P<position>.+?) chủ trì hội nghị\.(?: Dự hội nghị có "
                     r"(?P<who_came>.+?)\.)? Sau khi nghe (?:(?P<heard>.+) và )?ý kiến thảo luận của các đại biểu "
                     r"dự hội nghị, đồng chí (?P=chair) kết luận như sau:$", text.strip())
    if match is None:
        return None
    rest = match.group("rest")
    splits = [(rest, None)] + [(rest[:m.start()], rest[m.end():]) for m in re.finditer(" tại ", rest)]
    for name, place in splits:
        data: dict[str, Any] = {"ten": name, "ngay": match.group("date")}
        if place:
            data["dia_diem"] = place
        if match.group("org") != who:
            data["to_chuc"] = match.group("org")
        data["chu_tri"] = {"ho_ten": match.group("chair"), "chuc_vu": match.group("position")}
        if match.group("who_came"):
            data["thanh_phan"] = match.group("who_came")
        if match.group("heard"):
            data["nghe"] = match.group("heard").split("; ")
        try:
            conference = Conference.model_validate(data)
        except ValueError:
            continue
        if conference_sentence(conference, who) == text.strip():
            return data
    return None
