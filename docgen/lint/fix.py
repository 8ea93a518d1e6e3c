"""``docgen lint --sua``: mend the mechanical faults where that is safe — fonts, page size and
margins, the padding of the date line, the punctuation of Nơi nhận — always into a new file,
each with the rules module that writes the same form."""
from __future__ import annotations

import io
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph

from docgen.docx.package import write_atomically, write_package
from docgen.docx.view import DocumentView
from docgen.docx.xml import apply_page_setup, set_document_font
from docgen.errors import DocgenError
from docgen.rules import signature as sigrules
from docgen.rules.dates import parse_place_date_line, place_date_line
from docgen.rules.profile import Profile
from docgen.text import bare_item


def _set_text(paragraph: Paragraph, text: str) -> None:
    """Puts `text` in the paragraph's first run and empties the others (keeping the look)."""
    runs = list(paragraph.runs)
    if not runs:
        paragraph.add_run(text)
        return
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def fix_document(document: DocxDocument, profile: Profile) -> tuple[bytes, list[str]]:
    """Returns the mended copy of the python-docx `document` as .docx bytes, and what was mended."""
    view = DocumentView(document)
    done: list[str] = []
    apply_page_setup(document, profile)
    done.append("khổ giấy và lề trang theo hồ sơ")
    changed = set_document_font(document, [line.paragraph for line in view.lines], profile.font)
    done.append(f"phông {profile.font} cho mọi kiểu và {changed} đoạn chữ")
    for cell in view.header_lines():
        for line in cell:
            parsed = parse_place_date_line(line.text)
            if parsed is None or parsed.date is None or parsed.canonical:
                continue
            padded = place_date_line(parsed.place, parsed.date)
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
    return write_package(raw.getvalue()), done


def check_target(path: Path, target: Path) -> None:
    """Raises when `target` is `path` itself: --sua never writes over the original."""
    if target.resolve() == path.resolve():
        raise DocgenError("không ghi đè tệp gốc; chọn tệp kết quả khác (-o)")


def fix(document: DocxDocument, path: Path, target: Path, profile: Profile) -> list[str]:
    """Writes the mended copy of `document` (read from `path`) to `target`; returns what was mended."""
    check_target(path, target)
    data, done = fix_document(document, profile)
    write_atomically(target, data)
    return done
