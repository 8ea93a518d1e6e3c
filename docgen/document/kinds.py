"""The registry of document kinds: each kind's model, template, starter data and names.

Adding a kind is one entry here plus its model, template and starter; the CLI, the loader
and the renderer find it through `KINDS`.
"""
from __future__ import annotations

import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.rules.kinds import KIND_NAMES

if TYPE_CHECKING:
    from pydantic import BaseModel

PACKAGE_DIR = Path(__file__).resolve().parents[1]
STARTERS_DIR = PACKAGE_DIR / "starters"


@dataclass(frozen=True)
class Kind:
    """One document kind."""

    slug: str            # the value of `loai:` in data files, e.g. "ke-hoach"
    title: str           # tên loại as printed, e.g. "KẾ HOẠCH"
    in_sentence: str     # as named in running text, e.g. "Kế hoạch"
    # "module:Class" of the kind's model, imported at first use (`model`): a command on one
    # document does not import (nor build) the models of the other kinds.
    model_path: str
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
    def model(self) -> type[BaseModel]:
        return _imported(self.model_path)

    @property
    def starter(self) -> Path:
        return STARTERS_DIR / f"{self.slug}.yaml"


@cache
def _imported(path: str) -> Any:
    """Returns the object named by "module:name" (imported once)."""
    return pkgutil.resolve_name(path)


def _prepare_report(*args: Any) -> Any:
    """A report's `prepare` (`docgen.document.report.prepare_report`), imported at first use."""
    return _imported("docgen.document.report:prepare_report")(*args)


def _kind(slug: str, name: str, model: str, description: str, **options: Any) -> Kind:
    """Declares a kind: its names come from `docgen.rules.kinds` (`name`), its template file
    is ``<slug>.docx``, its code is the profile's ``ky_hieu_loai[slug]``; a letter (công văn)
    prints no title."""
    names = KIND_NAMES[name]
    title = "" if options.get("letter") else names.title
    return Kind(slug=slug, title=title, in_sentence=names.in_sentence, model_path=model, template=f"{slug}.docx",
                description=description, **options)


KINDS: dict[str, Kind] = {k.slug: k for k in (
    _kind("ke-hoach", "ke-hoach", "docgen.model.ke_hoach:Plan", "Kế hoạch, có thể kèm bảng nhiệm vụ (phụ lục)"),
    _kind("chuong-trinh-phoi-hop", "chuong-trinh", "docgen.model.chuong_trinh:Programme",
          "Chương trình phối hợp của 2-4 cơ quan (hoặc của một cơ quan)"),
    _kind("bao-cao", "bao-cao", "docgen.model.bao_cao:Report",
          "Báo cáo định kỳ, sơ kết, tổng kết; đếm nhiệm vụ theo kế hoạch, cộng số liệu các đơn vị",
          prepare=_prepare_report),
    _kind("thong-bao-ket-luan", "thong-bao", "docgen.model.thong_bao:Notice",
          "Thông báo kết luận của hội nghị: các ý kết luận đánh số, cơ quan được giao", first_level=2),
    _kind("cong-van", "cong-van", "docgen.model.van_ban:Letter", "Công văn: trích yếu dưới số ký hiệu, 'Kính gửi', các ý đánh số",
          first_level=2, sections_first=False, letter=True),
    _kind("quyet-dinh", "quyet-dinh", "docgen.model.van_ban:Decision", "Quyết định: căn cứ, 'QUYẾT ĐỊNH:', Điều 1, 2, 3...",
          first_level=2, sections_first=False),
    _kind("ket-luan", "ket-luan", "docgen.model.van_ban:Conclusions",
          "Kết luận của cấp ủy, hội nghị: đoạn mở đầu (ghi hoặc docgen viết), các ý đánh số",
          first_level=2, sections_first=False),
    _kind("huong-dan", "huong-dan", "docgen.model.van_ban:GeneralDocument", "Hướng dẫn: các phần I., II., ..."),
    _kind("to-trinh", "to-trinh", "docgen.model.van_ban:GeneralDocument", "Tờ trình: 'Kính gửi', nội dung trình", sections_first=False),
    _kind("thong-bao", "thong-bao", "docgen.model.van_ban:GeneralDocument", "Thông báo (không phải thông báo kết luận hội nghị)",
          first_level=2, sections_first=False),
)}
