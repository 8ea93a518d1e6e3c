"""From a data file to a checked document: parse, validate, resolve the issuer by date,
load the profile, and apply the rules that span fields (signature forms, outline depth,
task ids). Everything wrong is reported at once, with positions.
"""
from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.citations.catalog import Catalog
from docgen.citations.check import BASIS, PROSE, Citer, check_markers, check_printed
from docgen.document.catalogs import catalog_for
from docgen.document.kinds import KINDS, Kind
from docgen.document.parties import Party, organisation_files, resolve_parties
from docgen.document.report import Facts
from docgen.errors import DataError, Finding, ProfileError
from docgen.input.fastyaml import gc_paused
from docgen.input.loader import SourceTree, parse_text, read_bytes, validate
from docgen.input.sources import Sources, data_folder, office_root, once
from docgen.model import outline
from docgen.model.common import DocumentBase, Issuer
from docgen.rules import signature as sigrules
from docgen.rules.names import ended_names
from docgen.rules.profile import Profile, load_profile, profile_files
from docgen.rules.symbols import document_symbol
from docgen.text import one_line

MAX_HEADING_DEPTH = 3
NON_PARTY_KINDS = {"nha-nuoc", "luc-luong-vu-trang", "doan-the"}


@dataclass(frozen=True)
class SourcesUsed:
    """What a document was checked against: the rule profile (its name and files), the
    catalogs of governing documents and the organisation lists (the ones docgen ships first)."""

    profile: str
    profile_files: tuple[Path, ...]
    catalogs: tuple[Path, ...]
    organisations: tuple[Path, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"ho_so": self.profile, "tep_ho_so": [str(p) for p in self.profile_files],
                "danh_muc": [str(p) for p in self.catalogs], "to_chuc": [str(p) for p in self.organisations]}


@dataclass
class Document:
    """A validated document, ready to render. `parties` has one body, or two to four for a
    joint document (the lead body first)."""

    source: str
    kind: Kind
    model: DocumentBase
    parties: list[Party]
    profile: Profile
    catalog: Catalog
    warnings: list[Finding] = field(default_factory=list)
    facts: Facts = field(default_factory=Facts)   # what the kind computed (a report's plan, counts, figures)
    inputs: list[Path] = field(default_factory=list)   # every file read to make it (for builds)
    used: SourcesUsed | None = None                     # the profile, catalogs and organisation lists it was checked against

    @property
    def symbol(self) -> str:
        """Returns the document's symbol ``07-KH/BDVTU`` (joint: ``02-CTr/BDVTU-BCHQST-CAT``;
        blank number when not yet given)."""
        code = self.model.kind_code or self.profile.kind_codes[self.kind.slug]
        return document_symbol(self.model.number, code, [p.issuer.code for p in self.parties])

    @property
    def issuer(self) -> Issuer:
        """Returns the lead issuing body."""
        return self.parties[0].issuer

    @property
    def joint(self) -> bool:
        return len(self.parties) > 1

    @property
    def issuers_in_sentence(self) -> str:
        """Returns ``A``, ``A và B`` or ``A, B và C``: the bodies as named in running text."""
        names = [p.issuer.sentence_name for p in self.parties]
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} và {names[-1]}"


def load_document(path: Path, sources: Sources = Sources(), display: str | None = None) -> Document:
    """Returns the checked document of the data file at `path`; raises `DataError`."""
    name = display or str(path)
    raw = read_bytes(path, name)
    resolved = path.resolve()
    document = document_from_text(raw, name, resolved.parent, sources)
    document.inputs.insert(0, resolved)
    return document


_LINKED: dict[tuple[Path, Sources], tuple[Document, tuple[tuple[Path, int, int], ...]]] = {}


def _stamps(paths: list[Path]) -> tuple[tuple[Path, int, int], ...]:
    found = []
    for path in paths:
        try:
            stat = os.stat(path)
            found.append((path, stat.st_mtime_ns, stat.st_size))
        except OSError:
            found.append((path, 0, -1))
    return tuple(found)


def load_linked(path: Path, sources: Sources = Sources()) -> Document:
    """Returns `load_document(path, sources)` for a document another one links to (the plan
    a report reports on), read again only when one of the files it was made from changes: a
    build of many reports on one plan reads the plan once. The caller gets its own copy."""
    key = (path.resolve(), sources)
    cached = _LINKED.get(key)
    if cached is None or _stamps(cached[0].inputs) != cached[1]:
        document = load_document(path, sources)
        if len(_LINKED) > 64:
            _LINKED.clear()
        cached = _LINKED[key] = (document, _stamps(document.inputs))
    return copy.copy(cached[0])


def document_from_text(text: str | bytes, name: str, base_dir: Path, sources: Sources = Sources()) -> Document:
    """Returns the checked document of data given as text. A file with nothing to report is
    read fast; one with an error or a warning is read again with positions for the report.
    Garbage collection is paused meanwhile (see `gc_paused`)."""
    with gc_paused():
        return _document_from_text(text, name, base_dir, sources)


def _document_from_text(text: str | bytes, name: str, base_dir: Path, sources: Sources) -> Document:
    tree = parse_text(text, name, fast=True)
    if tree.fast:
        try:
            document = build_document(tree, base_dir, sources)
            if not document.warnings:
                return document
        except DataError:
            pass
    return build_document(parse_text(text, name), base_dir, sources)


def build_document(tree: SourceTree, base_dir: Path, sources: Sources) -> Document:
    data = tree.data
    if not isinstance(data, dict):
        raise DataError([tree.problem((), "tệp dữ liệu phải là một bảng khóa: giá trị (bắt đầu bằng 'loai: ...')")])
    slug = data.get("loai")
    kind = KINDS.get(slug) if isinstance(slug, str) else None
    if kind is None:
        known = ", ".join(KINDS)
        message = (f"loại văn bản '{slug}' chưa được hỗ trợ; các loại có: {known}" if slug
                   else f"thiếu trường bắt buộc 'loai' (một trong: {known})")
        raise DataError([tree.problem(("loai",), message)])
    try:
        model: DocumentBase = validate(tree, kind.model)  # type: ignore[assignment]
    except DataError as exc:   # say the citations' problems too, not in a later round
        raise DataError(by_position(exc.problems + raw_citation_problems(tree, base_dir, sources))) from None
    problems = list(tree.problems)

    profile = None
    folder = data_folder(base_dir, sources)   # looked up once (it walks up the folders)
    # the profile's name (from the date: a look at the built-in profiles) and its chain of
    # files: once per build for the documents of one folder (`looking_up_once`)
    profile_name = once(("profile_name", model.profile, model.date), lambda: model.profile_name)
    try:
        profile = once(("load_profile", profile_name, base_dir, folder),
                       lambda: load_profile(profile_name, base_dir, folder))
    except ProfileError as exc:
        problems.append(tree.problem(("ho_so",), exc.message))
    except DataError as exc:
        problems.extend(exc.problems)

    parties = resolve_parties(tree, model, base_dir, sources.organisations, problems)
    catalog = Catalog()
    try:
        catalog = catalog_for(base_dir, sources)
    except DataError as exc:
        problems.extend(exc.problems)
    if profile is not None and parties is not None:
        problems.extend(check_rules(tree, model, parties, profile, kind))
    facts = Facts()
    if kind.prepare is not None:
        facts, found = kind.prepare(tree, model, base_dir, sources, load_linked, find_by_symbol)
        problems.extend(found)
    problems.extend(check_texts(tree, model, catalog, facts, profile))
    errors = [p for p in problems if p.is_error]
    if errors:
        raise DataError(by_position(errors))
    assert profile is not None and parties is not None
    used = SourcesUsed(profile.name,
                       once(("profile_files", profile_name, base_dir, folder),
                            lambda: tuple(profile_files(profile_name, base_dir, folder))),
                       _resolved(tuple(Path(f) for f in catalog.files)),
                       _resolved(tuple(organisation_files(base_dir, sources.organisations)))
                       if not all(isinstance(p, Issuer) for p in _issuer_refs(model)) else ())
    inputs = [*used.profile_files, *used.catalogs, *used.organisations]
    if facts.linked is not None:
        inputs += facts.linked.inputs
    return Document(tree.file, kind, model, [p for p in parties if p is not None], profile, catalog,
                    [p for p in problems if not p.is_error], facts, list(dict.fromkeys(inputs)), used)


def _resolved(paths: tuple[Path, ...]) -> tuple[Path, ...]:
    return once(("resolved", paths), lambda: tuple(p.resolve() for p in paths))


def _inline_issuers(model: DocumentBase) -> list[tuple[tuple[str | int, ...], Issuer]]:
    """Returns the issuers the data writes out in full (not by code), with their paths."""
    if model.parties is not None:
        return [(("cac_ben", i, "co_quan"), p.issuer) for i, p in enumerate(model.parties) if isinstance(p.issuer, Issuer)]
    return [(("co_quan",), model.issuer)] if isinstance(model.issuer, Issuer) else []


def _issuer_refs(model: DocumentBase) -> list:
    return [p.issuer for p in model.parties] if model.parties is not None else [model.issuer]


def texts(model: DocumentBase) -> Iterator[tuple[tuple, str, str]]:
    """Yields ``(path, text, role)`` for every text of `model` that may cite, in reading order;
    `role` is ``BASIS`` for căn cứ / thực hiện lines, ``PROSE`` otherwise."""
    opening = model.opening
    for i, text in enumerate(opening.bases):
        yield ("mo_dau", "can_cu", i), text, BASIS
    for i, text in enumerate(opening.implementing):
        yield ("mo_dau", "thuc_hien", i), text, BASIS
    yield from ((path, text, PROSE) for path, text in model.closing_bases())
    for i, text in enumerate(opening.paragraphs):
        yield ("mo_dau", "doan", i), text, PROSE
    if opening.lead_in:
        yield ("mo_dau", "loi_dan"), opening.lead_in, PROSE
    for _depth, node in outline.walk(model.outline()):  # names and facts only matter for printing
        if isinstance(node, outline.Heading):
            if node.path is not None:
                yield node.path, node.title, PROSE
        elif isinstance(node, outline.TableNode):
            for i, row in enumerate(node.table.rows):
                cells = row if isinstance(row, list) else ([row.group] if row.group else row.total or [])
                yield from (((*node.path, "hang", i), cell, PROSE) for cell in cells if cell)
        else:
            yield node.path, node.text, PROSE
    if model.closing:
        yield ("ket_thuc",), model.closing, PROSE
    issued = model.attached_document()   # a decision's Quy chế, then the written appendices
    attached = [issued[2] if issued else []] + [outline.from_nodes(a.content, ("phu_luc", i, "noi_dung"))
                                                for i, a in enumerate(model.appendices)]
    for nodes in attached:
        for _depth, node in outline.walk(nodes):
            if isinstance(node, outline.Heading) and node.path is not None:
                yield node.path, node.title, PROSE
            elif isinstance(node, outline.Para):
                yield node.path, node.text, PROSE
    table = model.appendix_table()
    if table is not None:
        for i, task in enumerate(table.tasks):
            yield ("bang_nhiem_vu", "nhiem_vu", i, "noi_dung"), task.content, PROSE


def find_by_symbol(symbol: str, base_dir: Path, sources: Sources) -> Path | None:
    """Returns the data file of the office's document `symbol` (its data folder, saved web
    documents included), or `None`."""
    from docgen.document.index import office_documents
    from docgen.rules.symbols import canonical

    root = office_root(base_dir)
    wanted = canonical(symbol) or symbol
    return next((path for entry, path in office_documents(root, sources) if entry.symbol == wanted), None) if root else None


def by_position(problems: list[Finding]) -> list[Finding]:
    """Returns `problems` once each, in the order of their place in the file (line, column);
    those with no place last, in the order found."""
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.line is None, p.line or 0, p.column or 0))


# Keys whose values are codes, names or dates, never prose that cites.
_NOT_PROSE = {"loai", "so", "ngay", "ho_so", "ky_hieu_loai", "ky_hieu", "co_quan", "dia_danh", "ky", "noi_nhan", "luu",
              "ma_van_ban", "du_thao", "mat", "khan", "nguoi_danh_may", "so_ban", "ma", "nhom", "tep", "so_lieu"}


def raw_citation_problems(tree: SourceTree, base_dir: Path, sources: Sources) -> list[Finding]:
    """Returns the citation problems of the texts of a data file whose schema did not check
    (so every error of the file is said at once): each string under a prose field, read as
    printed, markers checked."""
    from docgen.rules.dates import parse_date

    try:
        catalog = catalog_for(base_dir, sources)
    except DataError:
        return []
    date = None
    if isinstance(tree.data, dict) and isinstance(tree.data.get("ngay"), str):
        try:
            date = parse_date(tree.data["ngay"])
        except ValueError:
            date = None
    citer = Citer(catalog)
    found: list[Finding] = []

    def walk(node: Any, path: tuple[str | int, ...], role: str) -> None:
        if isinstance(node, str):
            found.extend(tree.problem(path, f.message, f.severity) for f in check_markers(node, role, catalog))
            printed, history, refused = citer.expand_with_history(one_line(node), role)
            found.extend(tree.problem(path, f.message, f.severity)
                         for f in check_printed(printed, role, catalog, date, history, refused))
        elif isinstance(node, dict):
            for key, value in node.items():
                if key not in _NOT_PROSE:
                    walk(value, (*path, key), BASIS if path == ("mo_dau",) and key in ("can_cu", "thuc_hien") else role)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*path, i), role)

    walk(tree.data, (), PROSE)
    return found


def check_texts(tree: SourceTree, model: DocumentBase, catalog: Catalog, facts: Any,
                profile: Profile | None = None) -> list[Finding]:
    """Returns the problems of the citations and of the figure and task markers of every
    text of `model`, at their positions. Citations are checked as they will be printed (the
    same check lint runs on the Word file), markers in the data."""
    from docgen.document.report import check_markers as report_markers
    from docgen.document.report import expand_markers, rounded_words

    citer = Citer(catalog, profile.citations.comma_before_date if profile else True,
                  profile.citations.short_with_number_word if profile else True)
    found: list[Finding] = []
    for path, issuer in _inline_issuers(model):
        for name in (issuer.upper_body, issuer.full_name, issuer.name):
            found += [tree.problem(path, message, "canh_bao") for message in ended_names(name or "", model.date)][:1]
    for i, item in enumerate(model.recipients):
        name = item if isinstance(item, str) else item.name
        found += [tree.problem(("noi_nhan", i), message, "canh_bao") for message in ended_names(name, model.date)]
    figures = profile.figures if profile else None
    for path, text, role in texts(model):
        problems = report_markers(text, facts)
        warnings = rounded_words(text) + ended_names(text, model.date)
        findings = check_markers(text, role, catalog)
        line = one_line(text)
        printed, history, refused = citer.expand_with_history(line if problems else expand_markers(line, facts, figures),
                                                              role)
        findings += check_printed(printed, role, catalog, model.date, history, refused)
        if problems or warnings or findings:   # most texts have nothing to say
            found += [tree.problem(path, message) for message in problems]
            found += [tree.problem(path, message, "canh_bao") for message in warnings]
            found += [tree.problem(path, f.message, f.severity) for f in findings]
    return found


def check_rules(tree: SourceTree, model: DocumentBase, parties: list[Party | None], profile: Profile,
                kind: Kind) -> list[Finding]:
    """Returns the problems of the rules that span several fields."""
    found: list[Finding] = []
    joint = model.parties is not None
    for i, party in enumerate(parties):
        if party is None:
            continue
        base = ("cac_ben", i, "ky") if joint else ("ky",)
        signer = party.signer
        for severity, name, message in sigrules.signature_problems(
                signer.authority, signer.principal, party.issuer.kind, profile.signature.authorities):
            found.append(tree.problem(base + (name,), message, severity))
    if joint:
        seen: dict[str, int] = {}
        for i, party in enumerate(parties):
            if party is None:
                continue
            if party.issuer.code in seen:
                found.append(tree.problem(("cac_ben", i, "co_quan"), (
                    f"ký hiệu '{party.issuer.code}' trùng với cơ quan thứ {seen[party.issuer.code] + 1}; "
                    "mỗi cơ quan một ký hiệu riêng trong số ký hiệu liên tịch")))
            seen.setdefault(party.issuer.code, i)
        if parties[0] is not None and parties[0].issuer.kind in NON_PARTY_KINDS:
            found.append(tree.problem(("cac_ben", 0, "co_quan"), (
                "docgen trình bày văn bản theo thể thức của Đảng: cơ quan chủ trì (ghi đầu tiên trong 'cac_ben') "
                "phải là cơ quan của Đảng; văn bản do cơ quan nhà nước, lực lượng vũ trang chủ trì theo "
                "Nghị định 30/2020/NĐ-CP")))
    codes = [p.issuer.code for p in parties if p is not None]
    for path, code in model.party_references():
        if code not in codes and len(codes) == len(parties):
            found.append(tree.problem(path, (
                f"'{code}' không phải ký hiệu của cơ quan nào trong văn bản (có: {', '.join(codes)})")))
    issuer = parties[0].issuer if parties and parties[0] is not None else None
    found.extend(_outline_problems(tree, model.outline(), kind))
    wanted = profile.kind_codes.get(kind.slug)
    if model.kind_code is None and wanted is None:
        found.append(tree.problem(("ky_hieu_loai",), (
            f"hồ sơ '{profile.name}' không có chữ viết tắt cho loại '{kind.slug}'; ghi 'ky_hieu_loai'")))
    elif model.kind_code is not None and wanted is not None and model.kind_code != wanted:
        other = next((k for k in KINDS.values() if profile.kind_codes.get(k.slug) == model.kind_code), None)
        hint = f"; văn bản {other.in_sentence} ghi 'loai: {other.slug}'" if other else ""
        found.append(tree.problem(("ky_hieu_loai",), (
            f"ký hiệu loại '{model.kind_code}' không khớp tên loại {kind.title or kind.in_sentence} "
            f"(ký hiệu '{wanted}'){hint}")))
    if model.summary.isupper():
        found.append(tree.problem(("trich_yeu",), (
            "trích yếu viết in hoa toàn bộ; văn bản của Đảng viết thường (docgen tự in đậm, căn giữa)"), "canh_bao"))
    if issuer is not None and not (model.place or issuer.place):
        found.append(tree.problem(("dia_danh",), "thiếu địa danh: ghi 'dia_danh' hoặc 'dia_danh' của cơ quan ban hành"))
    table = model.appendix_table()
    if table is not None:
        seen = {}
        for i, task in enumerate(table.tasks):
            if task.id is None:
                continue
            if task.id in seen:
                found.append(tree.problem(("bang_nhiem_vu", "nhiem_vu", i, "ma"),
                                          f"mã nhiệm vụ '{task.id}' trùng với nhiệm vụ thứ {seen[task.id] + 1}"))
            else:
                seen[task.id] = i
    return found


def _outline_problems(tree: SourceTree, body: list[outline.Node], kind: Kind) -> list[Finding]:
    found: list[Finding] = []
    for node in body if kind.sections_first else []:
        if isinstance(node, outline.Para) and node.path[:1] == ("noi_dung",):
            found.append(tree.problem(node.path, (
                "cấp ngoài cùng của 'noi_dung' gồm các phần có tiêu đề {tieu_de, noi_dung} (I., II., ...)")))
    for depth, node in outline.walk(body):
        if not isinstance(node, outline.Heading) or node.path is None:
            continue
        if depth > MAX_HEADING_DEPTH:
            found.append(tree.problem(node.path, (
                f"đề mục lồng quá {MAX_HEADING_DEPTH} cấp (I., 1., a)); chuyển ý này thành danh sách 'liet_ke'")))
        if not node.children and not node.paragraph:
            found.append(tree.problem(node.path, (
                f"mục '{node.title}' chưa có nội dung; văn bản vẫn được tạo với tiêu đề trống nội dung"), "canh_bao"))
    return found
