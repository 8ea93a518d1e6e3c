"""ten-loai-trich-yeu: the kind's name in capitals, bold, centred, in the profile's range
(15-16 pt); the trích yếu bold, centred, 14-15 pt, not all capitals (HD 36 Phụ lục 3, S4)."""
from __future__ import annotations

from collections.abc import Iterator

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.text.paragraph import Paragraph

from docgen.docx.inspect import effective_alignment
from docgen.docx.view import DocumentView
from docgen.lint.violation import Violation, size_text
from docgen.rules.profile import Profile
from docgen.rules.symbols import parse_number_line

ID = "ten-loai-trich-yeu"
TEMPLATE = False
EXAMPLES = {"dat": [{"doan": "KẾ HOẠCH", "dam": True}, {"doan": "KẾ HOẠCH", "co": 15}],
            "sai": [{"doan": "KẾ HOẠCH", "dam": False}, {"doan": "KẾ HOẠCH", "co": 14}]}


def check(view: DocumentView, profile: Profile, catalog: object) -> Iterator[Violation]:
    number = view.number_line()
    parsed = parse_number_line(number.text, profile.number_form.system) if number is not None else None
    if parsed is not None and parsed.kind == profile.kind_codes.get("cong-van"):
        yield from _letter_summary(view, profile)   # a công văn has no title; its trích yếu is under the number
        return
    title, summary = view.title, view.summary
    if title is None:
        yield Violation("không có tên loại văn bản", "tên loại in hoa, đậm, căn giữa dưới tiêu đề", "thân văn bản")
        return
    where = view.paragraph_line(title).place()
    if title.text.strip() != title.text.strip().upper():
        yield Violation("tên loại không in hoa", "in hoa", where)
    yield from _bold_centred(view, title, "tên loại", profile.size_ranges.kind_name, where)
    if summary is None:
        return
    where = view.paragraph_line(summary).place()
    yield from _bold_centred(view, summary, "trích yếu", profile.size_ranges.summary, where)
    if len(summary.text.split()) > 3 and summary.text.strip().isupper():
        yield Violation("trích yếu in hoa toàn bộ", "viết thường (chữ đầu viết thường: 'về ...')", where)


def _letter_summary(view: DocumentView, profile: Profile) -> Iterator[Violation]:
    """Yields what keeps a công văn's trích yếu (the line under its number) from being there,
    italic, in the profile's size."""
    cell = view.issuer_cell(profile.title_line)
    index = next((i for i, line in enumerate(cell) if line.text.startswith("Số")), None)
    summary = cell[index + 1] if index is not None and index + 1 < len(cell) else None
    if summary is None:
        yield Violation("công văn không có trích yếu", "trích yếu ('V/v ...') dưới số ký hiệu", "tiêu đề")
        return
    looks = view.looks(summary.paragraph)
    if not all(look.italic for look in looks):
        yield Violation("trích yếu công văn không in nghiêng", "in nghiêng", summary.place())
    size = profile.sizes.letter_summary
    if not all(look.size == size for look in looks):
        yield Violation(f"trích yếu công văn cỡ {', '.join(sorted({size_text(look.size) for look in looks}))}",
                        f"cỡ {size:g}", summary.place())


def _bold_centred(view: DocumentView, paragraph: Paragraph, name: str, sizes: tuple[float, float],
                  where: str) -> Iterator[Violation]:
    """Yields what keeps `paragraph` from being bold, within `sizes` and centred."""
    low, high = sizes
    looks = view.looks(paragraph)
    if not all(look.bold for look in looks):
        yield Violation(f"{name} không in đậm", "in đậm", where)
    found = {look.size for look in looks}
    if not all(s is not None and low <= s <= high for s in found):
        yield Violation(f"{name} cỡ {', '.join(sorted(size_text(s) for s in found))}", f"cỡ {low:g}-{high:g}", where)
    if effective_alignment(paragraph) != WD_ALIGN_PARAGRAPH.CENTER:
        yield Violation(f"{name} không căn giữa", "căn giữa", where)
