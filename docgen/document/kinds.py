"""The registry of document kinds: each kind's model, template, starter data and names.

Adding a kind is one entry here plus its model, template and starter; the CLI, the loader
and the renderer find it through `KINDS`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from docgen.document.report import prepare_report
from docgen.model.bao_cao import Report
from docgen.model.chuong_trinh import Programme
from docgen.model.ke_hoach import Plan
from docgen.model.thong_bao import Notice
from docgen.rules.kinds import KIND_NAMES

PACKAGE_DIR = Path(__file__).resolve().parents[1]
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
    # Computes what the kind needs beyond its data (a report: its plan, task counts, figures):
    # (tree, model, base_dir, sources) -> (facts, problems).
    prepare: Callable | None = None
    # 1: the body's top headings are I., II.; 2: they are 1., 2. (a notice's numbered points).
    first_level: int = 1
    # Whether the top level of `noi_dung` is made of titled parts (a plan's I., II.), not paragraphs.
    sections_first: bool = True

    @property
    def starter(self) -> Path:
        return STARTERS_DIR / f"{self.slug}.yaml"


KINDS: dict[str, Kind] = {
    "ke-hoach": Kind(
        slug="ke-hoach",
        title=KIND_NAMES["ke-hoach"].title,
        in_sentence=KIND_NAMES["ke-hoach"].in_sentence,
        model=Plan,
        template="ke-hoach.docx",
        description="Kế hoạch, có thể kèm bảng nhiệm vụ (phụ lục)",
    ),
    "chuong-trinh-phoi-hop": Kind(
        slug="chuong-trinh-phoi-hop",
        title=KIND_NAMES["chuong-trinh"].title,
        in_sentence=KIND_NAMES["chuong-trinh"].in_sentence,
        model=Programme,
        template="chuong-trinh-phoi-hop.docx",
        description="Chương trình phối hợp của 2-4 cơ quan (hoặc của một cơ quan)",
    ),
    "bao-cao": Kind(
        slug="bao-cao",
        title=KIND_NAMES["bao-cao"].title,
        in_sentence=KIND_NAMES["bao-cao"].in_sentence,
        model=Report,
        template="bao-cao.docx",
        description="Báo cáo định kỳ, sơ kết, tổng kết; đếm nhiệm vụ theo kế hoạch, cộng số liệu các đơn vị",
        prepare=prepare_report,
    ),
    "thong-bao-ket-luan": Kind(
        slug="thong-bao-ket-luan",
        title=KIND_NAMES["thong-bao"].title,
        in_sentence=KIND_NAMES["thong-bao"].in_sentence,
        model=Notice,
        template="thong-bao-ket-luan.docx",
        description="Thông báo kết luận của hội nghị: các ý kết luận đánh số, cơ quan được giao",
        first_level=2,
    ),
}
