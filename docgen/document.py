"""From a data file to a checked document: parse, validate, resolve the issuer by date,
load the profile, and apply the rules that span fields (signature forms, outline depth,
task ids). Everything wrong is reported at once, with positions.
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from .catalog import Catalog, find_catalog_dirs, load_catalog_cached
from .citing import BASIS, PROSE, check_text
from .errors import DataError, Problem, ProfileError
from .kinds import KINDS, Kind
from .loader import SourceTree, parse_text, read_tree, validate
from . import outline
from .model.common import DocumentBase, Issuer
from .model.organisations import OrganisationFile
from .rules import signature as sigrules
from .rules.dates import short_date
from .rules.profile import Profile, load_profile

ORGANISATIONS_FILE = "to-chuc.yaml"
MAX_HEADING_DEPTH = 3


@dataclass(frozen=True)
class Sources:
    """Where a document's shared data comes from: the organisations file and the catalogs
    of governing documents. `None` means the nearest ones above the data file."""

    organisations: Path | None = None
    catalogs: tuple[Path, ...] | None = None


@dataclass
class Document:
    """A validated document, ready to render."""

    source: str
    kind: Kind
    model: DocumentBase
    issuer: Issuer
    profile: Profile
    catalog: Catalog
    warnings: list[Problem] = field(default_factory=list)


def find_organisations(start: Path) -> Path | None:
    """Returns the nearest ``to-chuc.yaml`` at or above `start` (also under a ``data/``
    folder there), or `None`."""
    for folder in [start, *start.parents]:
        for candidate in (folder / ORGANISATIONS_FILE, folder / "data" / ORGANISATIONS_FILE):
            if candidate.is_file():
                return candidate
    return None


def load_organisations(path: Path) -> OrganisationFile:
    """Returns the organisations file at `path`; raises `DataError` with positions."""
    return _organisations_cached(path.resolve(), os.stat(path).st_mtime_ns)


@lru_cache(maxsize=8)
def _organisations_cached(path: Path, _mtime: int) -> OrganisationFile:
    return validate(read_tree(path), OrganisationFile)  # type: ignore[return-value]


def load_document(path: Path, sources: Sources = Sources(), display: str | None = None) -> Document:
    """Returns the checked document of the data file at `path`; raises `DataError`."""
    tree = read_tree(path, display)
    return build_document(tree, path.parent, sources)


def document_from_text(text: str | bytes, name: str, base_dir: Path, sources: Sources = Sources()) -> Document:
    """Returns the checked document of data given as text (for the HTTP face and tests)."""
    return build_document(parse_text(text, name), base_dir, sources)


def catalog_for(base_dir: Path, sources: Sources) -> Catalog:
    """Returns the catalog named by `sources`, or the nearest ``danh-muc/`` folder's (empty
    when there is none); raises `DataError` for a bad catalog."""
    paths = list(sources.catalogs) if sources.catalogs is not None else find_catalog_dirs(base_dir)
    return load_catalog_cached(paths)


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
    model: DocumentBase = validate(tree, kind.model)  # type: ignore[assignment]
    problems = list(tree.problems)

    profile = None
    try:
        profile = load_profile(model.profile, base_dir)
    except ProfileError as exc:
        problems.append(tree.problem(("ho_so",), exc.message))
    except DataError as exc:
        problems.extend(exc.problems)

    issuer = _resolve_issuer(tree, model, base_dir, sources.organisations, problems)
    catalog = Catalog()
    try:
        catalog = catalog_for(base_dir, sources)
    except DataError as exc:
        problems.extend(exc.problems)
    if profile is not None:
        problems.extend(check_rules(tree, model, issuer, profile, kind))
    problems.extend(check_citations(tree, model, catalog))
    errors = [p for p in problems if p.is_error]
    if errors:
        raise DataError(errors)
    assert profile is not None and issuer is not None
    return Document(tree.file, kind, model, issuer, profile, catalog, [p for p in problems if not p.is_error])


def texts(model: DocumentBase) -> Iterator[tuple[tuple, str, str]]:
    """Yields ``(path, text, role)`` for every text of `model` that may cite, in reading order;
    `role` is ``BASIS`` for căn cứ / thực hiện lines, ``PROSE`` otherwise."""
    opening = model.opening
    for i, text in enumerate(opening.bases):
        yield ("mo_dau", "can_cu", i), text, BASIS
    for i, text in enumerate(opening.implementing):
        yield ("mo_dau", "thuc_hien", i), text, BASIS
    for i, text in enumerate(opening.paragraphs):
        yield ("mo_dau", "doan", i), text, PROSE
    if opening.lead_in:
        yield ("mo_dau", "loi_dan"), opening.lead_in, PROSE
    for _depth, node in outline.walk(model.outline()):
        if isinstance(node, outline.Heading):
            if node.path is not None:
                yield node.path, node.title, PROSE
        else:
            yield node.path, node.text, PROSE
    if model.closing:
        yield ("ket_thuc",), model.closing, PROSE
    table = getattr(model, "task_table", None)
    if table is not None:
        for i, task in enumerate(table.tasks):
            yield ("bang_nhiem_vu", "nhiem_vu", i, "noi_dung"), task.content, PROSE


def check_citations(tree: SourceTree, model: DocumentBase, catalog: Catalog) -> list[Problem]:
    """Returns the citation problems of every text of `model`, at their positions."""
    return [tree.problem(path, finding.message, finding.severity)
            for path, text, role in texts(model)
            for finding in check_text(text, role, catalog, model.date)]


def _resolve_issuer(tree: SourceTree, model: DocumentBase, base_dir: Path, organisations: Path | None,
                    problems: list[Problem]) -> Issuer | None:
    if isinstance(model.issuer, Issuer):
        return model.issuer
    path = organisations or find_organisations(base_dir)
    if path is None:
        problems.append(tree.problem(("co_quan",), (
            f"'co_quan' là mã tổ chức '{model.issuer}' nhưng không tìm thấy tệp {ORGANISATIONS_FILE} "
            "(đặt tệp ở thư mục dữ liệu hoặc thư mục cha, hoặc chỉ ra bằng --to-chuc)")))
        return None
    try:
        orgs = load_organisations(path)
    except DataError as exc:
        problems.extend(exc.problems)
        return None
    by_id = {o.id: o for o in orgs.organisations}
    org = by_id.get(model.issuer)
    if org is None:
        close = difflib.get_close_matches(model.issuer, list(by_id), n=3, cutoff=0.5)
        hint = f"; gần giống: {', '.join(close)}" if close else ""
        problems.append(tree.problem(("co_quan",), f"không có tổ chức mã '{model.issuer}' trong {path}{hint}"))
        return None
    issuer = org.name_on(model.date)
    if issuer is None:
        spans = "; ".join(
            f"{short_date(n.valid_from) if n.valid_from else '...'} – {short_date(n.valid_to) if n.valid_to else '...'}"
            for n in org.names)
        problems.append(tree.problem(("co_quan",), (
            f"tổ chức '{org.id}' không có tên nào áp dụng ngày {short_date(model.date)} (các thời kỳ: {spans})")))
    return issuer


def check_rules(tree: SourceTree, model: DocumentBase, issuer: Issuer | None, profile: Profile,
                kind: Kind) -> list[Problem]:
    """Returns the problems of the rules that span several fields."""
    found: list[Problem] = []
    signer = model.signer
    for severity, name, message in sigrules.signature_problems(
            signer.authority, signer.principal, issuer.kind if issuer else None, profile.signature.authorities):
        found.append(tree.problem(("ky", name), message, severity))
    found.extend(_outline_problems(tree, model.outline()))
    if model.kind_code is None and kind.slug not in profile.kind_codes:
        found.append(tree.problem(("ky_hieu_loai",), (
            f"hồ sơ '{profile.name}' không có chữ viết tắt cho loại '{kind.slug}'; ghi 'ky_hieu_loai'")))
    if model.summary.isupper():
        found.append(tree.problem(("trich_yeu",), (
            "trích yếu viết in hoa toàn bộ; văn bản của Đảng viết thường (docgen tự in đậm, căn giữa)"), "canh_bao"))
    if issuer is not None and not (model.place or issuer.place):
        found.append(tree.problem(("dia_danh",), "thiếu địa danh: ghi 'dia_danh' hoặc 'dia_danh' của cơ quan ban hành"))
    table = getattr(model, "task_table", None)
    if table is not None:
        seen: dict[str, int] = {}
        for i, task in enumerate(table.tasks):
            if task.id is None:
                continue
            if task.id in seen:
                found.append(tree.problem(("bang_nhiem_vu", "nhiem_vu", i, "ma"),
                                          f"mã nhiệm vụ '{task.id}' trùng với nhiệm vụ thứ {seen[task.id] + 1}"))
            else:
                seen[task.id] = i
    return found


def _outline_problems(tree: SourceTree, body: list[outline.Node]) -> list[Problem]:
    found: list[Problem] = []
    for node in body:
        if isinstance(node, outline.Para):
            found.append(tree.problem(node.path, (
                "cấp ngoài cùng của 'noi_dung' gồm các phần có tiêu đề {tieu_de, noi_dung} (I., II., ...)")))
    for depth, node in outline.walk(body):
        if not isinstance(node, outline.Heading) or node.path is None:
            continue
        if depth > MAX_HEADING_DEPTH:
            found.append(tree.problem(node.path, (
                f"đề mục lồng quá {MAX_HEADING_DEPTH} cấp (I., 1., a)); chuyển ý này thành danh sách 'liet_ke'")))
        if not node.children:
            found.append(tree.problem(node.path, (
                f"mục '{node.title}' chưa có nội dung; văn bản vẫn được tạo với tiêu đề trống nội dung"), "canh_bao"))
    return found
