"""The issuing bodies of a document, named as on its date: organisation codes resolved
through the organisations file, joint documents' parties checked."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from docgen.errors import DataError, Finding
from docgen.input import cache
from docgen.input.loader import SourceTree, read_tree, validate
from docgen.input.sources import ORGANISATIONS_FILE, find_organisations, once
from docgen.model.common import DocumentBase, Issuer, Signer
from docgen.model.organisations import Organisation, OrganisationFile
from docgen.rules.dates import short_date
from docgen.text import close_words

MAX_PARTIES = 4


@dataclass(frozen=True)
class Party:
    """An issuing body as named on the document's date, with its signer."""

    issuer: Issuer
    signer: Signer


BUNDLED_ORGANISATIONS = Path(__file__).resolve().parents[1] / "bundled" / "to-chuc-quoc-gia.yaml"


def load_organisations(path: Path) -> OrganisationFile:
    """Returns the organisations file at `path`; raises `DataError` with positions. Read again
    when it changes; within a build (`looking_up_once`), looked at once."""
    return once(("organisations", path), lambda: _organisations_cached(path.resolve(), os.stat(path).st_mtime_ns))


@lru_cache(maxsize=8)
def _organisations_cached(path: Path, _mtime: int) -> OrganisationFile:
    tree = cache.shipped_tree(path) if path == BUNDLED_ORGANISATIONS else read_tree(path, fast=True)
    return validate(tree, OrganisationFile)  # type: ignore[return-value]


def organisation_files(base_dir: Path, organisations: Path | None) -> list[Path]:
    """Returns the organisation files a document in `base_dir` uses: the national list docgen
    ships, then the office's own (`organisations`, or the nearest ``to-chuc.yaml``)."""
    local = organisations or find_organisations(base_dir)
    return [BUNDLED_ORGANISATIONS] + ([local] if local is not None else [])


def organisations_by_id(files: list[Path]) -> dict[str, Organisation]:
    """Returns every organisation of `files` by its id; a later file's entry replaces an
    earlier one with the same id (an office corrects a body of the national list)."""
    by_id: dict[str, Organisation] = {}
    for file in files:
        for org in load_organisations(file).organisations:
            by_id[org.id] = org
    return by_id


def resolve_parties(tree: SourceTree, model: DocumentBase, base_dir: Path, organisations: Path | None,
                     problems: list[Finding]) -> list[Party | None] | None:
    """Returns the parties with their issuers named as on the document's date (an entry is
    `None` where that issuer could not be resolved); `None` when the data has neither form."""
    if model.parties is not None and (model.issuer is not None or model.signer is not None):
        problems.append(tree.problem(("cac_ben",), (
            "văn bản liên tịch ghi các cơ quan trong 'cac_ben'; bỏ 'co_quan' và 'ky' ở ngoài")))
        return None
    entries: list[tuple[str | Issuer, Signer, tuple[str | int, ...], str | None]]
    if model.parties is not None:
        if not 2 <= len(model.parties) <= MAX_PARTIES:
            problems.append(tree.problem(("cac_ben",), (
                f"văn bản liên tịch có từ 2 đến {MAX_PARTIES} cơ quan; ở đây có {len(model.parties)}"
                + (" (văn bản của một cơ quan thì dùng 'co_quan' và 'ky')" if len(model.parties) < 2 else ""))))
            return None
        entries = [(p.issuer, p.signer, ("cac_ben", i, "co_quan"), p.code) for i, p in enumerate(model.parties)]
    elif model.issuer is None or model.signer is None:
        missing = "co_quan" if model.issuer is None else "ky"
        problems.append(tree.problem((missing,), (
            f"thiếu trường bắt buộc '{missing}' (văn bản của một cơ quan ghi 'co_quan' và 'ky'; "
            "văn bản liên tịch ghi 'cac_ben')")))
        return None
    else:
        entries = [(model.issuer, model.signer, ("co_quan",), None)]
    parties: list[Party | None] = []
    for ref, signer, path, code in entries:
        issuer = _resolve_issuer(tree, ref, path, model.date, base_dir, organisations, problems)
        if issuer is not None and code:
            issuer = issuer.model_copy(update={"code": code})
        parties.append(Party(issuer, signer) if issuer else None)
    return parties


def _resolve_issuer(tree: SourceTree, ref: str | Issuer, path: tuple, date, base_dir: Path,
                    organisations: Path | None, problems: list[Finding]) -> Issuer | None:
    if isinstance(ref, Issuer):
        return ref
    files = organisation_files(base_dir, organisations)
    try:
        by_id = once(("organisations_by_id", tuple(files)), lambda: organisations_by_id(files))
    except DataError as exc:
        problems.extend(exc.problems)
        return None
    org = by_id.get(ref)
    if org is None:
        close = close_words(ref, list(by_id), n=3, cutoff=0.5)
        hint = f"; gần giống: {', '.join(close)}" if close else ""
        local = "" if len(files) > 1 else f" (văn phòng có thể thêm tổ chức của mình vào tệp {ORGANISATIONS_FILE})"
        problems.append(tree.problem(path, (
            f"không có tổ chức mã '{ref}' trong danh mục tổ chức ({', '.join(f.name for f in files)}){hint}{local}")))
        return None
    issuer = org.name_on(date)
    if issuer is None:
        spans = "; ".join(
            f"{short_date(n.valid_from) if n.valid_from else '...'} – {short_date(n.valid_to) if n.valid_to else '...'}"
            for n in org.names)
        problems.append(tree.problem(path, (
            f"tổ chức '{org.id}' không có tên nào áp dụng ngày {short_date(date)} (các thời kỳ: {spans})")))
    return issuer
