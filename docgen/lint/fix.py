"""``docgen lint --sua``: mend the mechanical faults where that is safe — fonts, page size and
margins, the padding of the date line, the punctuation of Nơi nhận — always into a new file."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docgen.docx.package import write_atomically, write_package
from docgen.docx.xml import apply_page_setup, set_run_fonts
from docgen.rules import signature as sigrules
from docgen.rules.dates import place_date_line
from docgen.text import bare_item
from docgen.lint import open_safely
from docgen.lint.rules import DATE_LINE
from docgen.docx.view import DocumentView


def _set_text(paragraph, text: str) -> None:
    """Puts `text` in the paragraph's first run and empties the others (keeping the look)."""
    runs = [r for r in paragraph.runs]
    if not runs:
        paragraph.add_run(text)
        return
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def _pad_date(text: str) -> str:
    """Returns the place-date line written by the rule (``ngày 06 tháng 5``), or `text` when it
    is not a place-date line or not a real date."""
    match = DATE_LINE.match(text)
    if not match:
        return text
    try:
        day = dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return text
    return place_date_line(text.split(", ngày ")[0], day)


def fix(path: Path, target: Path, profile) -> list[str]:
    """Writes a mended copy of `path` to `target` (never over `path`); returns what was mended."""
    if target.resolve() == path.resolve():
        raise ValueError("không ghi đè tệp gốc; chọn tệp kết quả khác")
    document = open_safely(path)
    view = DocumentView(document)
    done: list[str] = []
    apply_page_setup(document, profile)
    done.append("khổ giấy và lề trang theo hồ sơ")
    for element in document.styles.element.iter():
        if element.tag.endswith("}rPr"):
            set_run_fonts(element, profile.font)
    changed = 0
    for line in view.lines:
        for run in line.paragraph.runs:
            set_run_fonts(run._r, profile.font)
            changed += 1
    done.append(f"phông {profile.font} cho mọi kiểu và {changed} đoạn chữ")
    for cell in view.header_lines():
        for line in cell:
            padded = _pad_date(line.text)
            if padded != line.text:
                _set_text(line.paragraph, padded)
                done.append(f"dòng ngày: '{line.text}' → '{padded}'")
    rules = profile.recipients
    items = view.recipients()[1:]
    for i, line in enumerate(items):
        if i < len(items) - 1:
            mended = sigrules.recipient_line(line.text, None, rules.item_end)
        elif bare_item(line.text).lower().startswith("lưu"):
            mended = sigrules.archive_line(line.text, rules.archive_prefix, rules.archive_end)
        else:
            mended = sigrules.recipient_line(line.text, None, rules.archive_end)
        if mended != line.text:
            _set_text(line.paragraph, mended)
            done.append(f"Nơi nhận: '{line.text}' → '{mended}'")
    raw = io.BytesIO()
    document.save(raw)
    write_atomically(target, write_package(raw.getvalue()))
    return done
