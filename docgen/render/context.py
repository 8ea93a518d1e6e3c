"""The template context of a document: every line the template places, already made by the
rules (numbers, dates, capitals, punctuation). Templates only place text; they decide nothing.
"""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from docgen.citations.check import BASIS, PROSE, Citer
from docgen.document.load import Document
from docgen.document.report import expand_markers
from docgen.model import outline
from docgen.model.common import Recipient
from docgen.rules import layout, lines
from docgen.rules import signature as sigrules
from docgen.rules.citations import Cited, full_citation
from docgen.rules.dates import place_date_line, short_date
from docgen.rules.numbers import quantity
from docgen.rules.outline import heading_number, roman
from docgen.text import bare_item, one_line


def _sentence(text: str) -> str:
    return one_line(text)


def with_end_mark(text: str, mark: str) -> str:
    """Returns `text` ending with the profile's end mark (``./.``), the final full stop merged."""
    text = text.rstrip()
    if mark.startswith("."):
        text = text.rstrip(".")
    return text + mark


def _opening_lines(doc: Document, say: Callable[[str, str], str]) -> list[str]:
    model, kind = doc.model, doc.kind
    opening = model.opening
    who = doc.issuers_in_sentence
    agreed = "thống nhất " if doc.joint else ""
    named = f"{kind.in_sentence} {_sentence(model.summary)}"
    bases = [say(b, BASIS) for b in opening.bases]
    bases += [say(b, PROSE) for _path, b in model.closing_bases()]   # a decision's "- Xét đề nghị của ...,"
    implementing = [say(b, BASIS) for b in _implementing(doc)]
    paragraphs = [say(p, PROSE) for p in opening.paragraphs]
    lead_in = say(opening.lead_in, PROSE) if opening.lead_in else None
    lines: list[str] = []
    if bases:
        dashed = [_basis_line(b, "Căn cứ") for b in bases] + [_basis_line(b, "Thực hiện") for b in implementing]
        lines += [f"- {d};" for d in dashed[:-1]] + [f"- {dashed[-1]},"]
        lines += paragraphs
        lead = lead_in or model.default_lead_in(who, agreed, named, implementing=False)
        if lead:
            lines.append(lead)
    elif implementing:
        lines += paragraphs
        done = "; ".join(_basis_line(b, "") for b in implementing)
        lines.append(f"Thực hiện {done}, {lead_in or model.default_lead_in(who, agreed, named, implementing=True)}")
    else:
        lines += paragraphs
        if lead_in:
            lines.append(lead_in)
    return lines


def _implementing(doc: Document) -> list[str]:
    """Returns the thực hiện items, with the plan a report reports on cited first (unless the
    data already cites it)."""
    items = list(doc.model.opening.implementing)
    linked = doc.facts.linked
    if linked is None:
        return items
    linked_symbol = linked.symbol
    already = " ".join(doc.model.opening.bases + items)
    if linked_symbol in already:
        return items
    if doc.catalog.get(linked_symbol) is not None:
        return [linked_symbol] + items
    cited = Cited(linked.kind.in_sentence, linked_symbol, "dang", linked.model.date, linked.issuers_in_sentence,
                  f"về {_sentence(linked.model.summary)}")
    return [full_citation(cited, doc.profile.citations.comma_before_date)] + items


def _basis_line(text: str, verb: str) -> str:
    """Returns one basis without the dash and end punctuation the user may have typed,
    starting with `verb` unless it already starts with Căn cứ / Thực hiện / Theo."""
    body = bare_item(_sentence(text))
    lowered = body.lower()
    for start in ("căn cứ ", "thực hiện ", "theo ", "xét "):
        if lowered.startswith(start):
            if not verb:
                return body[len(start):] if start == "thực hiện " else body
            return body
    return f"{verb} {body}" if verb else body


def content_blocks(body: list[outline.Node], numbering, end_mark: str, closing: str | None,
                   say: Callable[[str, str], str] | None = None, first_level: int = 1) -> list[dict[str, str]]:
    """Returns the outline flattened into blocks ``{loai, van_ban}`` with generated numbers.
    `loai` is muc1-3 (headings), gach1-2 (bullets), doan (paragraph) or ket (the last
    paragraph, which carries the end mark and keeps with the signature). `say` turns each
    text into what is printed (markers and citations expanded, in reading order). With
    `first_level` 2 the top headings and numbered paragraphs are numbered ``1.``, ``2.``."""
    blocks: list[dict[str, str]] = []
    forms = (numbering.level_1, numbering.level_2, numbering.level_3)
    marks = {"gach1": numbering.bullet_1, "gach2": numbering.bullet_2}

    def text_of(raw: str) -> str:
        return say(raw, PROSE) if say else _sentence(raw)

    def add(kind: str, text: str, label: str = "") -> None:
        blocks.append({"loai": kind, "van_ban": text, "nhan": label})

    articles = 0

    def walk(nodes: list[outline.Node], path: tuple[int, ...]) -> None:
        nonlocal articles
        position = 0
        for node in nodes:
            if node.__class__ is outline.Para and node.style == "doan":   # most nodes: a body paragraph
                add("doan", text_of(node.text))
            elif isinstance(node, outline.Heading) and node.article:
                articles += 1   # a decision's article is a paragraph; a regulation's has a bold heading
                add("dieu" if node.paragraph else "dieu_ten", text_of(node.title), f"Điều {articles}.")
                walk(node.children, ())   # the article's clauses are numbered 1., 2. anew
            elif isinstance(node, outline.Para) and node.style == "giua_dam":
                add("giua_dam", text_of(node.text))
            elif isinstance(node, outline.TableNode):
                blocks.append(_table_block(node.table, text_of))
            elif isinstance(node, outline.Para) and node.style == "so":
                position += 1
                level = min(len(path) + first_level, 3)
                add("doan", f"{heading_number(forms[level - 1], path + (position,))} {text_of(node.text)}")
            elif isinstance(node, outline.Heading):
                position += 1
                here = path + (position,)
                level = min(len(here) + first_level - 1, 3)
                title = text_of(node.title)
                if node.paragraph:   # a numbered paragraph: the number of its level, body text
                    add("doan", f"{heading_number(forms[level - 1], here)} {title}")
                else:
                    add(f"muc{level}", f"{heading_number(forms[level - 1], here)} "
                                       f"{sigrules.upper(title) if level == 1 else title}")
                walk(node.children, here)
            elif node.style in marks:
                add(node.style, f"{marks[node.style]} {text_of(node.text)}")
            else:
                add("doan", text_of(node.text))

    walk(body, ())
    if closing:
        add("doan", text_of(closing))
    if blocks:
        last = blocks[-1]
        blocks[-1] = {
            # a closing paragraph keeps with the signature block (never a signature alone on a page)
            **last,
            "loai": "ket" if last["loai"] == "doan" else last["loai"],
            "van_ban": with_end_mark(last["van_ban"], end_mark) if end_mark and last["loai"] != "bang" else last["van_ban"],
        }
    return blocks


def _table_block(table: Any, text_of: Callable[[str], str]) -> dict[str, Any]:
    """Returns a body table as the template places it: its title, header cells, and rows —
    ``{o: [...]}`` (cells, padded to the columns), ``{nhom: ...}`` or ``{tong: True, o: [...]}``."""
    width = len(table.columns)

    def cells(values: list[str]) -> list[str]:
        return [text_of(v) if v else "" for v in values] + [""] * (width - len(values))

    rows: list[dict[str, Any]] = []
    for row in table.rows:
        if isinstance(row, list):
            rows.append({"nhom": None, "tong": False, "o": cells(row)})
        elif row.group:
            rows.append({"nhom": text_of(row.group), "tong": False, "o": []})
        else:
            rows.append({"nhom": None, "tong": True, "o": cells(row.total or [])})
    return {"loai": "bang", "van_ban": "", "nhan": "", "tieu_de": text_of(table.title) if table.title else None,
            "cot": [text_of(c) for c in table.columns], "so_cot": width, "hang": rows}


def _recipients(doc: Document) -> list[str]:
    rules = doc.profile.recipients
    lines = []
    for item in doc.model.recipients:
        if isinstance(item, Recipient):
            lines.append(sigrules.recipient_line(item.name, item.role, rules.item_end))
        else:
            lines.append(sigrules.recipient_line(item, None, rules.item_end))
    lines.append(sigrules.archive_line(doc.model.archive, rules.archive_prefix, rules.archive_end))
    return lines


def _task_row(number: int, task: Any, say: Callable[[str, str], str]) -> dict[str, Any]:
    return {"nhom": False, "stt": str(number), "noi_dung": say(task.content, PROSE), "chu_tri": _sentence(task.lead),
            "phoi_hop": ", ".join(_sentence(p) for p in task.partners), "thoi_gian": _sentence(task.time),
            "ghi_chu": _sentence(task.note or "")}


def _task_rows(table: Any, say: Callable[[str, str], str], profile: Any) -> list[dict[str, Any]]:
    """Returns the appendix rows of a task table: with groups, each group a row (I, II, ...: its
    name and how many tasks) then its tasks numbered from 1; without, the tasks numbered."""
    if not table.groups:
        return [_task_row(i, task, say) for i, task in enumerate(table.tasks, 1)]
    known = {g.id for g in table.groups}
    rows = [_task_row(i, task, say) for i, task in enumerate((t for t in table.tasks if t.group not in known), 1)]
    for n, group in enumerate(table.groups, 1):
        tasks = [t for t in table.tasks if t.group == group.id]
        count = quantity(Decimal(len(tasks)), "nhiệm vụ", profile.figures.pad_below_ten, False)
        name = _sentence(group.name)
        rows.append({"nhom": True, "stt": roman(n), "noi_dung": f"{name[:1].upper()}{name[1:]} ({count})"})
        rows += [_task_row(i, task, say) for i, task in enumerate(tasks, 1)]
    return rows


def _task_columns_kept(table: Any, profile: Any) -> list[str]:
    """Returns the optional columns of a task table to print: those some task fills (all, when
    the profile keeps empty columns)."""
    kept = []
    if profile.appendix.keep_empty_columns or any(t.partners for t in table.tasks):
        kept.append("phoi_hop")
    if profile.appendix.keep_empty_columns or any(t.note for t in table.tasks):
        kept.append("ghi_chu")
    return kept


def _phrases(doc: Document) -> tuple[str, ...]:
    """Returns the phrases a line of this document must not break inside, besides the built-in
    ones: the place names of its bodies."""
    places = {p.issuer.place for p in doc.parties if p.issuer.place}
    if doc.model.place:
        places.add(doc.model.place)
    return tuple(sorted(places))


def _issuer_blocks(doc: Document, header: str, phrases: tuple[str, ...]) -> list[dict[str, str | None]]:
    """Returns each body's header lines — its own upper body and name, each a block of its
    own — broken by phrase to fit the body's column."""
    profile, size = doc.profile, doc.profile.sizes.issuer
    columns = layout.header_text_widths(profile, header, len(doc.parties))
    blocks = []
    for i, party in enumerate(doc.parties):
        column = columns[min(i, len(columns) - 1)]
        upper = party.issuer.upper_body
        blocks.append({
            "cap_tren": lines.break_lines(sigrules.upper(upper), column, size, phrases=phrases) if upper else None,
            "ten": lines.break_lines(sigrules.upper(party.issuer.name), column, size, bold=True, phrases=phrases)})
    return blocks


def _signature(signer, column_mm: float, size: float, position_bold: bool,
               phrases: tuple[str, ...]) -> dict[str, str | None]:
    made = sigrules.signature_lines(signer.authority, signer.principal, signer.position, signer.name)
    authority = lines.break_lines(made.authority, column_mm, size, bold=True, phrases=phrases) if made.authority else None
    return {"quyen_han": authority,
            "chuc_vu": lines.break_lines(made.position, column_mm, size, bold=position_bold, phrases=phrases),
            "ho_ten": _sentence(made.name)}


def _signature_rows(signatures: list[dict[str, str | None]], lead_right: bool) -> list[dict[str, Any]]:
    """Returns the joint signature rows: two signers side by side; a last signer alone centred."""
    rows: list[dict[str, Any]] = []
    for left, right in sigrules.signature_grid(signatures, lead_right):
        alone = left if right is None else right if left is None else None
        rows.append({"giua": alone, "trai": None if alone else left, "phai": None if alone else right})
    return rows


def _unbreakable(value: Any) -> Any:
    """Returns the context with every symbol's hyphens made non-breaking, in every string.
    (The strings of a dict or list are handled in place, not by a call each: a long document
    has tens of thousands; one without a hyphen has no symbol.)"""
    keep = lines.keep_symbols_whole
    if isinstance(value, dict):
        return {k: (keep(v) if "-" in v else v) if v.__class__ is str else _unbreakable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [(keep(v) if "-" in v else v) if v.__class__ is str else _unbreakable(v) for v in value]
    if isinstance(value, str):
        return keep(value)
    return value


def build_context(doc: Document) -> dict[str, Any]:
    """Returns everything the template places, keyed by the names the template uses."""
    model, profile, issuer = doc.model, doc.profile, doc.issuer
    place = model.place or issuer.place or ""
    phrases = _phrases(doc)
    header = layout.header_layout(profile, len(doc.parties))
    _, title_column = layout.header_columns(profile, header, len(doc.parties))
    signature_column = layout.signature_text_width(profile, doc.joint)
    signatures = [_signature(p.signer, signature_column, profile.sizes.signature, profile.signature.position_bold, phrases)
                  for p in doc.parties]
    number = f"Số {doc.symbol}"
    number_column = layout.number_column(profile, header)   # the number, and a công văn's V/v under it
    number_small = lines.width_mm(number, profile.sizes.number) > number_column * lines.SLACK
    draft = None
    if model.draft:
        draft = sigrules.upper(model.draft if isinstance(model.draft, str) else "Dự thảo")
    typist = None
    if model.typist or model.copies:
        typist = "-".join(str(x) for x in (model.typist, model.copies) if x)

    citer = Citer(doc.catalog, profile.citations.comma_before_date, profile.citations.short_with_number_word)

    def say(text: str, role: str) -> str:
        return citer.expand(expand_markers(_sentence(text), doc.facts, profile.figures), role)

    opening = _opening_lines(doc, say)
    addressees = sigrules.addressee_lines([_sentence(a) for a in model.addressee_names()])
    names = {p.issuer.code: p.issuer.sentence_name for p in doc.parties}
    blocks = content_blocks(model.outline(names, doc.facts), profile.numbering, profile.end_mark,
                            model.closing or model.default_closing(doc.issuers_in_sentence), say,
                            model.first_level(doc.kind.first_level))
    appendix = None
    table = model.appendix_table()
    if table is not None:
        cited = f"{doc.kind.in_sentence} số {doc.symbol}, ngày {short_date(model.date)} của {doc.issuers_in_sentence}"
        appendix = {
            "tieu_de": sigrules.upper(_sentence(table.title)),
            "kem_theo": f"(Kèm theo {cited})",
            "hang": _task_rows(table, say, profile),
            "cot": "|".join(_task_columns_kept(table, profile)),
        }

    figures = None
    table_of_figures = doc.facts.figures
    if table_of_figures is not None:
        figures = {"tieu_de": sigrules.upper(_sentence(table_of_figures.title)),
                   "kem_theo": f"(Kèm theo {doc.kind.in_sentence} số {doc.symbol}, ngày {short_date(model.date)} "
                               f"của {doc.issuers_in_sentence})",
                   "hang": table_of_figures.appendix_rows()}
    this_document = f"{doc.kind.in_sentence} số {doc.symbol}, ngày {short_date(model.date)} của {doc.issuers_in_sentence}"
    attached = f"(Kèm theo {this_document})"
    written = [{"tieu_de": sigrules.upper(_sentence(a.title)), "kem_theo": attached,
                "khoi": content_blocks(outline.from_nodes(a.content, ("phu_luc", i, "noi_dung")), profile.numbering, "",
                                       None, say)}
               for i, a in enumerate(model.appendices)]
    parts = [p for p in (appendix, figures, *written) if p is not None]
    for n, part in enumerate(parts, 1):
        part["nhan"] = "Phụ lục" if len(parts) == 1 else f"Phụ lục {n}"
    issued = model.attached_document()
    if issued is not None:   # a decision's Quy chế: first after the signature, not a Phụ lục
        name, summary, body = issued
        written.insert(0, {"nhan": sigrules.upper(name), "tieu_de": _sentence(summary),
                           "kem_theo": f"(Ban hành kèm theo {this_document})",
                           "khoi": content_blocks(body, profile.numbering, "", None, say, first_level=2)})   # clauses 1., 2.
    width = profile.page.text_width_mm
    # in a title, the bodies' names stay whole too ("Ban Tuyên giáo và Dân vận Tỉnh ủy")
    title_phrases = phrases + tuple(n for p in doc.parties for n in {p.issuer.name, p.issuer.sentence_name})
    for part in parts + written[:1]:
        assert isinstance(part["tieu_de"], str) and isinstance(part["kem_theo"], str)
        part["tieu_de"] = lines.break_lines(part["tieu_de"], width, profile.sizes.body, bold=True, phrases=title_phrases)
        part["kem_theo"] = lines.break_lines(part["kem_theo"], width, profile.sizes.body, italic=True,
                                             phrases=title_phrases)
    return _unbreakable({
        "du_thao": draft,
        "co_quan_khoi": _issuer_blocks(doc, header, phrases),
        "lien_tich": doc.joint,
        "tieu_de_kieu": header,
        "so_ky_hieu": number,
        "so_ky_hieu_nho": number_small,
        "mat": model.secrecy,
        "khan": model.urgency,
        "dia_danh_ngay": lines.break_lines(place_date_line(place, model.date), title_column, profile.sizes.place_date,
                                           italic=True, phrases=phrases),
        "pham_vi_luu_hanh": _sentence(model.circulation) if model.circulation else None,
        "ten_loai": doc.kind.title or None,
        "trich_yeu": lines.break_lines(_sentence(model.summary), width, profile.sizes.summary, bold=True,
                                       phrases=title_phrases),
        "trich_yeu_cong_van": lines.break_lines(f"{profile.letter.summary_prefix}{_sentence(model.summary)}",
                                                number_column, profile.sizes.letter_summary,
                                                italic=True, phrases=title_phrases) if doc.kind.letter else None,
        "kinh_gui_mot": addressees if len(addressees) == 1 else [],
        "kinh_gui_nhieu": [{"van_ban": line} for line in addressees] if len(addressees) > 1 else [],
        "mo_dau": opening,
        "khoi": blocks,
        "noi_nhan_nhan": profile.recipients.label,
        "noi_nhan": _recipients(doc),
        "danh_may": typist,
        "ky": signatures[0],
        "chu_ky_hang": _signature_rows(signatures, profile.signature.lead_side == "phai"),
        "phu_luc": appendix,
        "phu_luc_so_lieu": figures,
        "phu_luc_them": written,
    })
