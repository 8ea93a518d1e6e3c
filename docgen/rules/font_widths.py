"""Advance widths of the Times New Roman-metric font, for breaking lines as Word will.

Word and LibreOffice place Times New Roman (or Liberation Serif, made to the same widths)
glyph by glyph; a line of a header or a signature title fits its column or not by the sum
of its glyphs' advance widths. The widths are read once from Liberation Serif with
fontTools and kept in ``times-widths.json`` beside this module, so that line breaks — and
therefore the bytes of a document — do not depend on the fonts of the machine that renders.

``python -m docgen.rules.font_widths`` writes the table again (needs fontTools and
fonts-liberation2); tests/test_rules_lines.py checks the committed table against the font where it is installed.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("times-widths.json")
STYLES = ("thuong", "dam", "nghieng", "dam_nghieng")
FONT_FILES = {"thuong": "LiberationSerif-Regular.ttf", "dam": "LiberationSerif-Bold.ttf",
              "nghieng": "LiberationSerif-Italic.ttf", "dam_nghieng": "LiberationSerif-BoldItalic.ttf"}
FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")   # Debian fonts-liberation2: 2.x has the Vietnamese letters
# Latin, Latin-1, the Vietnamese letters and the punctuation of Party documents.
RANGES = ((0x20, 0x7E), (0xA0, 0x17F), (0x1A0, 0x1B0), (0x1EA0, 0x1EF9), (0x2010, 0x2026))


def style_name(bold: bool, italic: bool) -> str:
    return STYLES[(1 if bold else 0) + (2 if italic else 0)]


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, int]]:
    data = json.loads(TABLE.read_text(encoding="utf-8"))
    per_em = data["don_vi_em"]
    return {style: {"_em": per_em, **dict(zip(data["ky_tu"], widths, strict=True))}
            for style, widths in data["do_rong"].items()}


def units(text: str, bold: bool = False, italic: bool = False) -> int:
    """Returns the advance width of `text` in font units (`units_per_em` to the em): widths add
    up, so a line's width is the sum of its words' and spaces'."""
    widths = _table()[style_name(bold, italic)]
    fallback = widths["n"]   # a character outside the table counts as an "n"
    return sum(widths.get(ch, fallback) for ch in text)


def units_to_pt(amount: int, size_pt: float) -> float:
    """Returns `amount` font units at `size_pt`, in points."""
    return amount * size_pt / _table()["thuong"]["_em"]


def width_pt(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Returns the width of `text` set on one line at `size_pt` (points)."""
    return units_to_pt(units(text, bold, italic), size_pt)


def build_table(font_dir: Path = FONT_DIR) -> dict[str, object]:
    """Returns the table read from the Liberation Serif files in `font_dir` (needs fontTools)."""
    from fontTools.ttLib import TTFont

    chars = "".join(chr(c) for first, last in RANGES for c in range(first, last + 1))
    fonts = {style: TTFont(str(font_dir / name)) for style, name in FONT_FILES.items()}
    kept = "".join(ch for ch in chars if all(ord(ch) in f.getBestCmap() for f in fonts.values()))
    per_em = {f["head"].unitsPerEm for f in fonts.values()}
    assert len(per_em) == 1
    widths = {}
    for style, font in fonts.items():
        cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
        widths[style] = [metrics[cmap[ord(ch)]][0] for ch in kept]
    return {"nguon": "Liberation Serif (cùng số đo với Times New Roman)", "don_vi_em": per_em.pop(),
            "ky_tu": kept, "do_rong": widths}


def main() -> None:
    TABLE.write_text(json.dumps(build_table(), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
