"""The kinds of Party documents by name (HD 36 §II.1.5, mục 4.4 of the kind codes): the name
printed as the title (``KẾ HOẠCH``) and the name in running text (``Kế hoạch``). The kind
codes themselves (``KH``) are profile data (``ky_hieu_loai``), keyed by the same slugs.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindName:
    """How a kind of document is named: `title` as printed, `in_sentence` in running text."""

    slug: str
    title: str
    in_sentence: str


KIND_NAMES: dict[str, KindName] = {k.slug: k for k in (
    KindName("ke-hoach", "KẾ HOẠCH", "Kế hoạch"),
    KindName("bao-cao", "BÁO CÁO", "Báo cáo"),
    KindName("chuong-trinh", "CHƯƠNG TRÌNH", "Chương trình"),
    KindName("thong-bao", "THÔNG BÁO", "Thông báo"),
    KindName("nghi-quyet", "NGHỊ QUYẾT", "Nghị quyết"),
    KindName("quyet-dinh", "QUYẾT ĐỊNH", "Quyết định"),
    KindName("quy-dinh", "QUY ĐỊNH", "Quy định"),
    KindName("chi-thi", "CHỈ THỊ", "Chỉ thị"),
    KindName("ket-luan", "KẾT LUẬN", "Kết luận"),
    KindName("quy-che", "QUY CHẾ", "Quy chế"),
    KindName("huong-dan", "HƯỚNG DẪN", "Hướng dẫn"),
    KindName("to-trinh", "TỜ TRÌNH", "Tờ trình"),
    KindName("de-an", "ĐỀ ÁN", "Đề án"),
)}


def kind_of_title(title: str) -> KindName | None:
    """Returns the kind whose printed title is `title` (``KẾ HOẠCH``), or `None`."""
    wanted = " ".join(title.split())
    return next((k for k in KIND_NAMES.values() if k.title == wanted), None)
