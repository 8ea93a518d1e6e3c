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
from docgen.model.van_ban import Conclusions, Decision, GeneralDocument, Letter
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
    # Whether the trích yếu goes under the number ("V/v ...") instead of under a title (công văn).
    letter: bool = False

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
    "cong-van": Kind(
        slug="cong-van",
        title="",
        in_sentence=KIND_NAMES["cong-van"].in_sentence,
        model=Letter,
        template="cong-van.docx",
        description="Công văn: trích yếu dưới số ký hiệu, 'Kính gửi', các ý đánh số",
        first_level=2,
        sections_first=False,
        letter=True,
    ),
    "quyet-dinh": Kind(
        slug="quyet-dinh",
        title=KIND_NAMES["quyet-dinh"].title,
        in_sentence=KIND_NAMES["quyet-dinh"].in_sentence,
        model=Decision,
        template="quyet-dinh.docx",
        description="Quyết định: căn cứ, 'QUYẾT ĐỊNH:', Điều 1, 2, 3...",
        first_level=2,
        sections_first=False,
    ),
    "ket-luan": Kind(
        slug="ket-luan",
        title=KIND_NAMES["ket-luan"].title,
        in_sentence=KIND_NAMES["ket-luan"].in_sentence,
        model=Conclusions,
        template="ket-luan.docx",
        description="Kết luận của cấp ủy, hội nghị: đoạn mở đầu (ghi hoặc docgen viết), các ý đánh số",
        first_level=2,
        sections_first=False,
    ),
    "huong-dan": Kind(
        slug="huong-dan",
        title=KIND_NAMES["huong-dan"].title,
        in_sentence=KIND_NAMES["huong-dan"].in_sentence,
        model=GeneralDocument,
        template="huong-dan.docx",
        description="Hướng dẫn: các phần I., II., ...",
    ),
    "to-trinh": Kind(
        slug="to-trinh",
        title=KIND_NAMES["to-trinh"].title,
        in_sentence=KIND_NAMES["to-trinh"].in_sentence,
        model=GeneralDocument,
        template="to-trinh.docx",
        description="Tờ trình: 'Kính gửi', nội dung trình",
        sections_first=False,
    ),
    "thong-bao": Kind(
        slug="thong-bao",
        title=KIND_NAMES["thong-bao"].title,
        in_sentence=KIND_NAMES["thong-bao"].in_sentence,
        model=GeneralDocument,
        template="thong-bao.docx",
        description="Thông báo (không phải thông báo kết luận hội nghị)",
        first_level=2,
        sections_first=False,
    ),
}
