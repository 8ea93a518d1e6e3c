"""Báo cáo (BC): periodic, sơ kết and tổng kết reports, linked to the plan or programme they
report on, with figures from the reporting units.

Its body follows the customary parts (conventions §12b), each optional:
I. ĐẶC ĐIỂM TÌNH HÌNH — II. KẾT QUẢ THỰC HIỆN (with the task counts docgen computes) —
III. ĐÁNH GIÁ CHUNG (ưu điểm, hạn chế, nguyên nhân, bài học kinh nghiệm) —
IV. PHƯƠNG HƯỚNG, NHIỆM VỤ — V. ĐỀ XUẤT, KIẾN NGHỊ.
"""
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from docgen.model.common import DocumentBase, Paragraphs, Part, Text, no_items
from docgen.model.ke_hoach import PeriodText
from docgen.model.outline import Heading, Node, Para, from_nodes
from docgen.rules.periods import Period

_VN_NUMBER = re.compile(r"^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+(,\d+)?$")


def to_quantity(value: Any) -> Decimal:
    """Returns a figure as a Decimal: 163, 7.2, "45.000" or "7,2" (the Vietnamese way).

    A YAML number written ``45.000`` is read by YAML as 45; it is refused with the fix, since
    taking it silently would put a wrong figure in a signed report.
    """
    if isinstance(value, bool):
        raise ValueError("cần một số, gặp true/false")
    if isinstance(value, int):
        if value < 0:
            raise ValueError("số liệu không được âm")
        return Decimal(value)
    if isinstance(value, float):
        width, prec = getattr(value, "_width", None), getattr(value, "_prec", None)
        if width is not None and prec is not None and getattr(value, "_exp", None) is None \
                and width - prec - 1 == 3:
            written = f"{value:.3f}"
            raise ValueError(
                f"'{written}' bị đọc là số thập phân {value:g}; số có dấu chấm ngăn cách hàng nghìn hãy viết "
                f"liền ({written.replace('.', '')}) hoặc đặt trong dấu nháy ('{written}')")
        if value < 0:
            raise ValueError("số liệu không được âm")
        return Decimal(str(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if _VN_NUMBER.match(text):
            try:
                return Decimal(text.replace(".", "").replace(",", "."))
            except InvalidOperation:
                pass
        raise ValueError(f"'{value}' không phải số (viết 45000, '45.000' hoặc '7,2')")
    raise ValueError("cần một số")


Quantity = Annotated[Decimal, BeforeValidator(to_quantity),
                     WithJsonSchema({"type": ["number", "string"], "examples": [163, "45.000", "7,2"]})]


class Indicator(Part):
    """Một chỉ tiêu số liệu."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")] = Field(alias="ma", description=(
        "Mã chỉ tiêu (chữ thường, không dấu), dùng trong câu văn: [[so:hoi_nghi]]"))
    name: Text = Field(alias="ten", description="Tên chỉ tiêu, ví dụ 'Hội nghị quán triệt, tuyên truyền'")
    unit: Text = Field(alias="don_vi_tinh", description="Đơn vị tính, ví dụ 'hội nghị', 'lượt người', 'triệu đồng'")


class UnitFigures(Part):
    """Số liệu của một đơn vị báo cáo."""

    unit: Text = Field(alias="don_vi", description="Tên đơn vị báo cáo")
    values: dict[str, Quantity] = Field(alias="so_lieu", description="Số liệu theo mã chỉ tiêu")


class Figures(Part):
    """Số liệu của các đơn vị, cộng lại và in thành phụ lục."""

    indicators: list[Indicator] = Field(alias="chi_tieu", min_length=1, description="Các chỉ tiêu")
    units: list[UnitFigures] = Field(default_factory=no_items, alias="don_vi", description="Số liệu từng đơn vị")
    files: list[Text] = Field(default_factory=no_items, alias="tu_tep", description=(
        "Các tệp .xlsx đơn vị điền: dòng 1 là mã hoặc tên chỉ tiêu, cột A là tên đơn vị"))
    title: Text = Field("Tổng hợp số liệu kết quả thực hiện", alias="tieu_de", description="Tên phụ lục số liệu")

    @model_validator(mode="after")
    def _some_source(self) -> "Figures":
        if not self.units and not self.files:
            raise ValueError("cần số liệu: 'don_vi' (ghi trực tiếp) hoặc 'tu_tep' (tệp .xlsx)")
        return self


class Link(Part):
    """Văn bản được báo cáo: tệp dữ liệu hoặc số ký hiệu."""

    file: str | None = Field(None, alias="tep", description="Đường dẫn tệp dữ liệu của kế hoạch, chương trình")
    symbol: str | None = Field(None, alias="so_ky_hieu", description="Số ký hiệu, ví dụ 06-CTr/BDVTU-BCHQS")

    @model_validator(mode="after")
    def _one(self) -> "Link":
        if (self.file is None) == (self.symbol is None):
            raise ValueError("ghi một trong hai: 'tep' (tệp dữ liệu) hoặc 'so_ky_hieu'")
        return self


class TaskResult(Part):
    """Kết quả một nhiệm vụ của kế hoạch, chương trình được báo cáo."""

    id: Text = Field(alias="ma", description="Mã nhiệm vụ trong kế hoạch, chương trình")
    done: bool = Field(alias="hoan_thanh", description="Đã hoàn thành hay chưa (trong YAML: true hoặc false)")
    reason: str | None = Field(None, alias="ly_do", description="Lý do chưa hoàn thành (bắt buộc khi hoan_thanh: false)")
    content: Paragraphs = Field(default_factory=no_items, alias="noi_dung", description="Kết quả cụ thể (tùy chọn)")


class Assessment(Part):
    """Đánh giá chung."""

    strengths: Paragraphs = Field(default_factory=no_items, alias="uu_diem", description="Ưu điểm")
    weaknesses: Paragraphs = Field(default_factory=no_items, alias="han_che", description="Hạn chế, khuyết điểm")
    causes: Paragraphs = Field(default_factory=no_items, alias="nguyen_nhan", description="Nguyên nhân")
    lessons: Paragraphs = Field(default_factory=no_items, alias="bai_hoc", description="Bài học kinh nghiệm")


class Report(DocumentBase):
    """Báo cáo."""

    kind: Literal["bao-cao"] = Field(alias="loai", description="Loại văn bản: bao-cao")
    period_reported: PeriodText = Field(alias="ky_bao_cao", description=(
        "Kỳ báo cáo: '6 tháng đầu năm 2019', 'năm 2022', '3 năm 2016 - 2019', 'giai đoạn 2016 - 2021'"))
    reports_on: Link | None = Field(None, alias="bao_cao_ve", description=(
        "Kế hoạch, chương trình được báo cáo: {tep: ...} hoặc {so_ky_hieu: ...}"))
    situation: Paragraphs = Field(default_factory=no_items, alias="dac_diem_tinh_hinh", description="Đặc điểm tình hình")
    results: Paragraphs = Field(default_factory=no_items, alias="ket_qua", description=(
        "Kết quả thực hiện (đoạn văn, mục con); số liệu trong câu: [[so:ma_chi_tieu]], [[nhiem_vu]]"))
    task_results: list[TaskResult] = Field(default_factory=no_items, alias="ket_qua_nhiem_vu", description=(
        "Kết quả từng nhiệm vụ của kế hoạch, chương trình (theo mã)"))
    assessment: Assessment | None = Field(None, alias="danh_gia", description=(
        "Đánh giá chung: uu_diem, han_che, nguyen_nhan, bai_hoc"))
    directions: Paragraphs = Field(default_factory=no_items, alias="phuong_huong", description="Phương hướng, nhiệm vụ")
    proposals: Paragraphs = Field(default_factory=no_items, alias="de_xuat", description="Đề xuất, kiến nghị")
    figures: Figures | None = Field(None, alias="so_lieu", description="Số liệu các đơn vị: chi_tieu, don_vi, tu_tep")

    def period(self) -> Period:
        return self.period_reported

    def default_lead_in(self, who: str, agreed: str, named: str, implementing: bool) -> str:
        return f"{who} {agreed}báo cáo kết quả {self.period_reported.text} như sau:"

    def outline(self, names: dict[str, str] | None = None, facts: Any = None) -> list[Node]:
        body: list[Node] = []
        if self.situation:
            body.append(Heading("Đặc điểm tình hình", None, from_nodes(self.situation, ("dac_diem_tinh_hinh",))))
        results = from_nodes(self.results, ("ket_qua",))
        summary = facts.tasks if facts is not None else None
        if summary is not None:
            task_part: list[Node] = [Para(summary.sentence(), ("ket_qua_nhiem_vu",))]
            if summary.unfinished:
                task_part.append(Para("Các nhiệm vụ chưa hoàn thành:", ("ket_qua_nhiem_vu",)))
                task_part += [Para(line, ("ket_qua_nhiem_vu", i, "ly_do"), "gach1")
                              for i, line in summary.unfinished_lines()]
            for i, result in enumerate(self.task_results):
                task_part += from_nodes(result.content, ("ket_qua_nhiem_vu", i, "noi_dung"))
            results = [Heading("Kết quả thực hiện các nhiệm vụ", None, task_part), *results]
        if results:
            body.append(Heading("Kết quả thực hiện", None, results))
        if self.assessment is not None:
            a = self.assessment
            parts: list[Node] = [Heading(title, None, from_nodes(nodes, ("danh_gia", key)))
                     for title, key, nodes in (("Ưu điểm", "uu_diem", a.strengths),
                                               ("Hạn chế, khuyết điểm", "han_che", a.weaknesses),
                                               ("Nguyên nhân", "nguyen_nhan", a.causes),
                                               ("Bài học kinh nghiệm", "bai_hoc", a.lessons)) if nodes]
            if parts:
                body.append(Heading("Đánh giá chung", None, parts))
        if self.directions:
            body.append(Heading("Phương hướng, nhiệm vụ", None, from_nodes(self.directions, ("phuong_huong",))))
        if self.proposals:
            body.append(Heading("Đề xuất, kiến nghị", None, from_nodes(self.proposals, ("de_xuat",))))
        return body
