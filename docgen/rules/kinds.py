"""The kinds of Party documents by name (HD 36 §II.1.5, mục 4.4 of the kind codes): the name
printed as the title (``KẾ HOẠCH``) and the name in running text (``Kế hoạch``). The kind
codes themselves (``KH``) are profile data (``ky_hieu_loai``), keyed by the same slugs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class KindName:
    """How a kind of document is named: `title` as printed, `in_sentence` in running text, and
    `code`, the code HD 36 gives it (what a typed name implies when a symbol omits its code;
    the code docgen *writes* is the profile's ``ky_hieu_loai``)."""

    slug: str
    title: str
    in_sentence: str
    code: str


KIND_NAMES: dict[str, KindName] = {k.slug: k for k in (
    KindName("ke-hoach", "KẾ HOẠCH", "Kế hoạch", "KH"),
    KindName("bao-cao", "BÁO CÁO", "Báo cáo", "BC"),
    KindName("chuong-trinh", "CHƯƠNG TRÌNH", "Chương trình", "CTr"),
    KindName("thong-bao", "THÔNG BÁO", "Thông báo", "TB"),
    KindName("nghi-quyet", "NGHỊ QUYẾT", "Nghị quyết", "NQ"),
    KindName("quyet-dinh", "QUYẾT ĐỊNH", "Quyết định", "QĐ"),
    KindName("quy-dinh", "QUY ĐỊNH", "Quy định", "QĐ"),
    KindName("chi-thi", "CHỈ THỊ", "Chỉ thị", "CT"),
    KindName("ket-luan", "KẾT LUẬN", "Kết luận", "KL"),
    KindName("quy-che", "QUY CHẾ", "Quy chế", "QC"),
    KindName("huong-dan", "HƯỚNG DẪN", "Hướng dẫn", "HD"),
    KindName("to-trinh", "TỜ TRÌNH", "Tờ trình", "TTr"),
    KindName("de-an", "ĐỀ ÁN", "Đề án", "ĐA"),
    KindName("cong-van", "CÔNG VĂN", "Công văn", "CV"),
    KindName("thong-tri", "THÔNG TRI", "Thông tri", "TT"),
)}


def kind_of_title(title: str) -> KindName | None:
    """Returns the kind whose printed title is `title` (``KẾ HOẠCH``), or `None`."""
    wanted = " ".join(title.split())
    return next((k for k in KIND_NAMES.values() if k.title == wanted), None)


_NAMED = re.compile(r"(?:^|\s)(" + "|".join(sorted((k.in_sentence for k in KIND_NAMES.values()), key=len, reverse=True))
                    + r")\s+(?:số\s+)?$", re.IGNORECASE)


def kind_named_before(text: str) -> KindName | None:
    """Returns the kind whose name ends `text` (``... Nghị quyết số ``), or `None`."""
    match = _NAMED.search(text)
    if match is None:
        return None
    name = match.group(1).lower()
    return next((k for k in KIND_NAMES.values() if k.in_sentence.lower() == name), None)
