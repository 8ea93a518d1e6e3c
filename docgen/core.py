"""The core every face calls: one object, configured once, that checks and makes documents,
cites, lints, keeps the register and scaffolds reports.

The CLI, ``docgen build``/``watch`` and the HTTP service each make a `Core` from `Settings`
and call it; none of them holds a rule of its own. The core raises `docgen.errors` and never
exits; the faces turn errors into exit codes and HTTP statuses, each in one place.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.errors import WARNING, DataError, DocgenError, Finding, NotFound
from docgen.input.sources import data_files, is_document

__all__ = ["Core", "Settings", "data_files", "findings_json", "is_document"]

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from docgen.accounts import Accounts
    from docgen.citations.catalog import Catalog, Entry
    from docgen.document.kinds import Kind
    from docgen.document.load import Document
    from docgen.pdf.converter import PdfConverter
    from docgen.register import AuditEntry, Register
    from docgen.register import Entry as RegisterEntry
    from docgen.rules.profile import Profile
    from docgen.saved import SavedDocuments


@dataclass(frozen=True)
class Settings:
    """What a face sets once: where the office's shared data is. `None` means "found from
    the data file's folder upwards" (``to-chuc.yaml``, ``danh-muc/``, the register)."""

    organisations: Path | None = None         # --to-chuc
    catalogs: tuple[Path, ...] | None = None   # --danh-muc (files or folders)
    register: Path | None = None              # --so-dang-ky
    templates: Path | None = None             # --thu-muc-mau: the office's own templates
    data_dir: Path | None = None              # the office's data folder (the service's)
    database: str | None = None               # --csdl / DOCGEN_CSDL: a PostgreSQL URL for the register

    def with_data_dir(self, data_dir: Path) -> Settings:
        return replace(self, data_dir=data_dir)


@dataclass(frozen=True)
class Citation:
    """A governing document as cited: the full and short forms, and what replaced it."""

    entry: Entry
    full: str
    short: str
    replaced_by: str | None
    replaced_on: dt.date | None


@dataclass
class Core:
    """docgen's operations over the office data named by `settings`."""

    settings: Settings = field(default_factory=Settings)
    converter: PdfConverter | None = None

    # ------------------------------------------------------------------ documents

    @property
    def sources(self) -> Any:
        from docgen.input.sources import Sources

        return Sources(self.settings.organisations, self.settings.catalogs, self.settings.database or self.settings.register,
                       self.settings.data_dir)

    def check(self, path: Path) -> Document:
        """Returns the checked document of the data file `path`; raises `DataError` with every
        problem of the file at once."""
        from docgen.document.load import load_document

        return load_document(path, self.sources)

    def check_all(self, paths: list[Path]) -> tuple[list[tuple[Path, Document]], list[Finding]]:
        """Returns the documents of `paths` that check, and the problems of those that do not
        (one bad file never hides the others)."""
        loaded, problems = [], []
        for path in paths:
            try:
                loaded.append((path, self.check(path)))
            except DataError as exc:
                problems.extend(exc.problems)
        return loaded, problems

    def check_text(self, text: str | bytes, name: str, base_dir: Path, identified: bool = True) -> Document:
        """Returns the checked document of data given as text (`name` names it in messages;
        relative references are taken from `base_dir`). `identified` says whether `name` is a
        stable identity for the register (a saved document's name): a document numbered
        ``so: auto`` needs one, or its own ``ma_van_ban``."""
        from docgen.document.load import document_from_text

        doc = document_from_text(text, name, base_dir, self.sources)
        if doc.model.number == "auto" and not identified and not doc.model.document_id:
            raise DataError([Finding(
                "so: auto cần mã văn bản để giữ đúng số khi tạo lại: ghi 'ma_van_ban' trong dữ liệu "
                "hoặc gửi tham số ma_van_ban", name, field="so")])
        return doc

    def template_for(self, doc: Document, template: Path | None = None) -> tuple[Path, bool]:
        """Returns the template file of `doc` — `template` (a user's own, rendered in the
        sandbox), the office's folder, or the bundled one — and whether it is the user's own."""
        from docgen.render.renderer import template_for

        if template is not None:
            return template, True
        if self.settings.templates is not None:
            return template_for(doc, self.settings.templates), True
        return template_for(doc), False

    def make(self, doc: Document, template: Path | None = None, actor: str = "") -> bytes:
        """Returns the .docx bytes of `doc`, its ``so: auto`` number drawn from the register
        (logged as drawn by `actor`; default: the user running this process)."""
        if doc.model.number == "auto":   # the register (and sqlite3) only for a number to draw
            from docgen.register import numbered

            doc = numbered(doc, self.settings.database or self.settings.register, actor)
        return self.preview(doc, template)

    def preview(self, doc: Document, template: Path | None = None) -> bytes:
        """Returns the .docx bytes of `doc` as a draft to look at: a ``so: auto`` number is not
        drawn from the register (the number is left blank, as for ``so: null``)."""
        from docgen.render.renderer import render

        path, users = self.template_for(doc, template)
        return render(doc, path if users else None)

    def make_file(self, path: Path, target: Path, template: Path | None = None,
                  pdf: bool = False, durable: bool = True) -> tuple[Document, bytes, list[Path]]:
        """Checks the data file `path`, writes its .docx to `target` (and the .pdf beside it
        when `pdf`), atomically (`durable`: flushed to the disk, see `write_atomically`);
        returns the document, the .docx bytes and the files written."""
        from docgen.docx.package import write_atomically

        doc = self.check(path)
        data = self.make(doc, template)
        write_atomically(target, data, durable)
        written = [target]
        if pdf:
            pdf_target = target.with_suffix(".pdf")
            write_atomically(pdf_target, self.to_pdf(data, target.stem), durable)
            written.append(pdf_target)
        return doc, data, written

    @staticmethod
    def preload() -> None:
        """Imports what checking and rendering use (before forking workers, which then share it)."""
        import docgen.document.load
        import docgen.render.renderer  # noqa: F401

    @staticmethod
    def reading_once(token: object) -> Any:
        """Returns a context within which the look-ups a build repeats (the data folder and the
        office's documents, organisation and catalog files, the profile chain) are answered once
        in this process for `token` (a build's: its files are not meant to change while it runs;
        `docgen.input.sources.looking_up_once`)."""
        from docgen.input.sources import looking_up_once

        return looking_up_once(token)

    def to_pdf(self, docx: bytes, name: str) -> bytes:
        """Returns the PDF of a rendered .docx (LibreOffice, kept warm across calls)."""
        from docgen.pdf.converter import PdfConverter

        if self.converter is None:
            self.converter = PdfConverter()
        return self.converter.convert(docx, name)

    def page_images(self, docx: bytes, name: str, dpi: int = 60) -> list[bytes]:
        """Returns the pages of a rendered .docx as PNG images (its PDF drawn by pdftoppm)."""
        from docgen.pdf.pages import page_images

        return page_images(self.to_pdf(docx, name), dpi)

    def close(self) -> None:
        """Stops what the core keeps running (the PDF converter)."""
        if self.converter is not None:
            self.converter.close()

    def paragraphs(self, path: Path) -> list[str]:
        """Returns the non-empty paragraphs of a .docx, or of the document a data file makes."""
        from docgen.docx.inspect import all_paragraphs
        from docgen.docx.reader import open_document

        source: Path | bytes = path if path.suffix.lower() == ".docx" else self.make(self.check(path))
        document = open_document(source, path.name)
        return [p.text for _, p in all_paragraphs(document) if p.text.strip()]

    # ------------------------------------------------------------------ kinds

    @staticmethod
    def kinds() -> list[Kind]:
        from docgen.document.kinds import KINDS

        return list(KINDS.values())

    @staticmethod
    def kind(slug: str) -> Kind:
        """Returns the kind `slug`; raises `NotFound` naming the kinds there are."""
        from docgen.document.kinds import KINDS

        found = KINDS.get(slug)
        if found is None:
            raise NotFound(f"loại văn bản '{slug}' chưa được hỗ trợ; các loại có: {', '.join(KINDS)}")
        return found

    def starter(self, slug: str, today: dt.date | None = None) -> str:
        """Returns the annotated starter data of a kind (YAML), dated `today` (default: today)."""
        import re

        from docgen.rules.dates import short_date

        text = self.kind(slug).starter.read_text(encoding="utf-8")
        return re.sub(r"^ngay: [0-9/]+", f"ngay: {short_date(today or dt.date.today())}", text, count=1, flags=re.M)

    def organisations(self, words: str = "", day: dt.date | None = None, near: Path | None = None) -> list[tuple[str, Any]]:
        """Returns ``(code, issuer as named on `day`)`` for every organisation whose code or any of
        its names holds every word of `words` (accents aside), in the lists a document in `near`
        uses (the national list docgen ships, then the office's)."""
        day = day or dt.date.today()
        found = []
        for code, org in self._organisations_matching(words, near):
            named = org.name_on(day)
            if named is not None:
                found.append((code, named))
        return found

    def organisations_ended(self, words: str = "", day: dt.date | None = None,
                            near: Path | None = None) -> list[tuple[str, Any]]:
        """Returns ``(code, last dated name)`` for the organisations matching `words` that had
        no name on `day` because their last name ended before it (merged, renamed, dissolved)."""
        day = day or dt.date.today()
        ended = []
        for code, org in self._organisations_matching(words, near):
            if org.name_on(day) is None:
                before = [n for n in org.names if n.valid_to is not None and n.valid_to < day]
                if before:
                    ended.append((code, max(before, key=lambda n: n.valid_to)))
        return ended

    def _organisations_matching(self, words: str, near: Path | None) -> list[tuple[str, Any]]:
        from docgen.document.parties import organisation_files, organisations_by_id
        from docgen.text import strip_accents

        files = organisation_files((near or self.settings.data_dir or Path.cwd()).resolve(), self.settings.organisations)
        wanted = strip_accents(words).split()
        matching = []
        for code, org in organisations_by_id(files).items():
            hay = strip_accents(" ".join([code] + [f"{n.upper_body or ''} {n.name} {n.full_name or ''} {n.code}" for n in org.names]))
            if all(w in hay for w in wanted):
                matching.append((code, org))
        return matching

    def schema(self, slug: str) -> dict[str, Any]:
        """Returns the JSON Schema of the data of a kind (keys as clerks write them)."""
        spec = self.kind(slug)
        schema: dict[str, Any] = spec.model.model_json_schema(by_alias=True)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"docgen: {spec.in_sentence}"
        return schema

    def write_templates(self) -> list[Path]:
        """Builds the bundled templates from the default profile into ``templates/docx/``;
        returns the files written."""
        from docgen.docx.template_builder import TEMPLATES_DIR, build_template
        from docgen.rules.profile import load_profile

        TEMPLATES_DIR.mkdir(parents=True, exist_ok=True)
        data = build_template(load_profile())
        written = []
        for kind in self.kinds():
            target = TEMPLATES_DIR / kind.template
            target.write_bytes(data)
            written.append(target)
        return written

    def report_from_plan(self, plan: Path, target_dir: Path) -> str:
        """Returns the YAML of a report on the plan or programme `plan`, each task a slot."""
        from docgen.document.scaffold import report_from_plan

        return report_from_plan(plan, target_dir, self.sources)

    def report_from_saved(self, name: str, folder: Path) -> str:
        """Returns the YAML of a report on the saved plan or programme `name` (the service's saved
        documents): its latest version is written to `folder`, where the service checks saved
        documents, so the report's link to it resolves and its registered number is found."""
        with self.saved() as saved:
            text = saved.text(name)
        return self.report_from_plan(self.keep_as_data_file(folder, name, text.encode("utf-8")), folder)

    @staticmethod
    def keep_as_data_file(folder: Path, name: str, data: bytes) -> Path:
        """Writes a saved document's text as the data file `name` in the service's `folder`
        (atomically), where `docgen build` builds it and reports find it; returns its path."""
        from docgen.docx.package import write_atomically

        folder.mkdir(parents=True, exist_ok=True)
        path = folder / Path(name).name
        write_atomically(path, data)
        return path

    # ------------------------------------------------------------------ citations

    def catalog(self, near: Path | None = None) -> Catalog:
        """Returns the catalog of governing documents: the one the settings name, or the
        nearest ``danh-muc/`` at or above `near` (default: the data folder, else the current
        folder)."""
        from docgen.document.catalogs import catalog_for

        start = near or self.settings.data_dir or Path.cwd()
        return catalog_for(start.resolve(), self.sources)

    def cite(self, symbol: str) -> Citation:
        """Returns the citation of `symbol`; raises `NotFound` naming the closest symbols."""
        from docgen.citations.check import unknown_symbol
        from docgen.rules.citations import full_citation, short_citation

        catalog = self._catalog_or_refuse()
        entry = catalog.get(symbol)
        if entry is None:
            raise NotFound(unknown_symbol(catalog, symbol).message)
        successor = catalog.successor(entry.symbol)
        return Citation(entry, full_citation(entry.cited()), short_citation(entry.cited()),
                        successor.symbol if successor else None, successor.date if successor else None)

    def search(self, words: str) -> list[Citation]:
        """Returns the catalog's documents whose symbol, kind, issuer or title hold every word
        (accents aside), newest first."""
        return [self.cite(entry.symbol) for entry in self._catalog_or_refuse().search(words)]

    def _catalog_or_refuse(self) -> Catalog:
        catalog = self.catalog()
        if not catalog.has_entries():
            raise DocgenError("không tìm thấy danh mục văn bản (thư mục danh-muc/); chỉ ra bằng --danh-muc")
        return catalog

    def check_citations(self, source: Path | bytes, name: str, date: dt.date | None = None,
                        near: Path | None = None) -> tuple[dt.date | None, list[Finding]]:
        """Returns the date of the Word file `source` (its place-date line, unless `date` is
        given) and the problems of every citation in it: the check `check` runs on data."""
        from docgen.citations.check import check_paragraphs
        from docgen.docx.view import DocumentView
        from docgen.rules.dates import date_in_words

        document = self.open_docx(source, name)
        view = DocumentView(document)
        places = view.places()
        when = date or next((d for d in (date_in_words(text) for _, text in places) if d is not None), None)
        catalog = self._catalog_near(source, near)
        if not catalog.has_entries():
            raise DocgenError("không tìm thấy danh mục văn bản (thư mục danh-muc/); chỉ ra bằng --danh-muc")
        return when, check_paragraphs(places, catalog, when, name, view.own_symbol())

    # ------------------------------------------------------------------ Word files from outside

    def import_docx(self, source: Path | bytes, name: str, near: Path | None = None) -> Any:
        """Returns the data read from the Word file `source` (`docgen.document.importer.Imported`:
        the kind, the data in its keys, the report), issuers matched against the organisation
        list near the file (or the settings'), bases against its catalog."""
        from docgen.document.importer import import_blocks
        from docgen.document.parties import organisation_files, organisations_by_id
        from docgen.docx.blocks import read_blocks

        document = self.open_docx(source, name)
        start = near or (source.resolve().parent if isinstance(source, Path) else self.settings.data_dir or Path.cwd())
        organisations = organisations_by_id(organisation_files(start.resolve(), self.settings.organisations))
        catalog = self._catalog_near(source, near)
        return import_blocks(read_blocks(document), organisations, catalog, name)

    @staticmethod
    def open_docx(source: Path | bytes, name: str) -> DocxDocument:
        """Returns a Word file from outside, opened by the one guarded opener."""
        from docgen.docx.reader import open_document

        return open_document(source, name)

    def import_text(self, source: Path | bytes, name: str, near: Path | None = None) -> tuple[Any, str]:
        """Returns the import of the Word file `source` and its data as a YAML data file."""
        from docgen.document.merge import as_yaml

        imported = self.import_docx(source, name, near)
        return imported, as_yaml(imported.data, name)

    def import_into(self, source: Path | bytes, name: str, data_path: Path, force: bool = False) -> Merged:
        """Returns the data file `data_path` with the edits of the Word file `source` written
        in (not yet saved): the paragraphs, items, sections, signer, date and task rows where
        the edited document differs from what the data file renders. Raises `DocgenError` when
        the document's kind or number is not the data's (unless `force`), `DataError` when the
        result would not check."""
        from docgen.document.importer import ordered
        from docgen.document.merge import dump_round_trip, load_round_trip, merge
        from docgen.render.renderer import render

        doc = self.check(data_path)
        edited = self.import_docx(source, name, data_path.resolve().parent)
        rendered = render(doc)
        base = self.import_docx(rendered, data_path.name, data_path.resolve().parent)
        problems = []
        if edited.kind != base.kind:
            problems.append(f"văn bản là {self.kind(edited.kind).in_sentence}, dữ liệu là {doc.kind.in_sentence}")
        if edited.data.get("so") != base.data.get("so") and doc.model.number != "auto":
            problems.append(f"số văn bản {edited.data.get('so')} khác số trong dữ liệu ({base.data.get('so')})")
        if problems and not force:
            raise DocgenError(f"{name} không phải bản sửa của {data_path.name}: {'; '.join(problems)}. "
                              "Không ghi gì; thêm --bat-buoc nếu vẫn muốn ghi")
        original = data_path.read_text(encoding="utf-8")
        json_file = data_path.suffix.lower() == ".json"
        tree = load_round_trip(original, json_file)
        kind = self.kind(base.kind)
        order = list(ordered({k: None for k in [f.alias or n for n, f in kind.model.model_fields.items()]}, kind))
        if problems:   # forced: the edited document's number and kind are taken too
            base.data = {**base.data, "loai": base.data.get("loai"), "so": base.data.get("so")}
        merge(tree, base.data, edited.data, order)
        text = dump_round_trip(tree, original, json_file)
        after = self.check_text(text, str(data_path), data_path.resolve().parent)
        before_paragraphs = _texts(self.open_docx(rendered, data_path.name))
        after_paragraphs = _texts(self.open_docx(render(after), data_path.name))
        return Merged(text, text != original, before_paragraphs, after_paragraphs, edited.notes)

    def _catalog_near(self, source: Path | bytes, near: Path | None) -> Catalog:
        """The catalog for a Word file: the settings', or the nearest above the file itself
        (never the current folder: the verdict must not depend on where the command runs),
        with the office's own documents (its data folder: beside the file, or the settings')."""
        from docgen.document.catalogs import catalog_for

        start = near or (source.resolve().parent if isinstance(source, Path) else self.settings.data_dir)
        return catalog_for((start or Path("/")).resolve(), self.sources, self.settings.data_dir)

    def profile(self, name: str | None, relative_to: Path | None = None) -> Profile:
        """Returns the rule profile `name` (a built-in name or a .yaml path; default hd36-2018)."""
        from docgen.rules.profile import DEFAULT_PROFILE, load_profile

        return load_profile(name or DEFAULT_PROFILE, relative_to)

    def lint(self, source: Path | bytes, name: str, profile: Profile | None = None, template: bool = False,
             near: Path | None = None) -> list[Finding]:
        """Returns the findings of the Word file `source` (see `lint_report`)."""
        return self.lint_report(source, name, profile, template, near)[1]

    def lint_report(self, source: Path | bytes, name: str, profile: Profile | None = None, template: bool = False,
                    near: Path | None = None) -> tuple[Profile, list[Finding]]:
        """Returns the profile the Word file `source` is checked against — `profile`, else the
        one in force on the date of its place-date line (today's when it has none), as for a
        data file — and its findings, citations checked against the catalog nearest the file
        (or the settings')."""
        from docgen.docx.view import DocumentView
        from docgen.lint import lint_document
        from docgen.rules.dates import date_in_words
        from docgen.rules.profile import load_profile, profile_for_date

        document = self.open_docx(source, name)
        if profile is None:
            line = DocumentView(document).place_date_line()
            day = date_in_words(line.text) if line is not None else None
            profile = load_profile(profile_for_date(day or dt.date.today()))
        catalog = None if template else self._catalog_near(source, near)
        return profile, lint_document(document, profile, catalog, template, name)

    def page_findings(self, source: Path | bytes, name: str) -> list[Finding]:
        """Returns the faults of the printed pages of the Word file `source` (LibreOffice sets
        them; `docgen.pdf.pages` reads them back), as warnings of the rule ``trang-in``; raises
        `PdfUnavailable` without LibreOffice or pdftotext."""
        from docgen.docx.view import DocumentView
        from docgen.pdf.pages import page_faults

        document = self.open_docx(source, name)
        raw = source.read_bytes() if isinstance(source, Path) else source
        pdf = self.to_pdf(raw, Path(name).stem)
        view = DocumentView(document)
        faults = page_faults(pdf, view.signature_first_line(), level=view.signature_beside_recipients() is not None)
        return [Finding(fault, name, severity=WARNING, rule="trang-in", place="trang in",
                        expected="không xuống dòng giữa số và ký hiệu, ngày tháng, cụm từ; chữ ký cùng trang với "
                                 "Nơi nhận và với đoạn cuối") for fault in faults]

    def fix(self, path: Path, target: Path, profile: Profile) -> list[str]:
        """Writes a mended copy of the Word file `path` to `target`; returns what was mended."""
        from docgen.lint.fix import check_target, fix

        check_target(path, target)
        return fix(self.open_docx(path, str(path)), path, target, profile)

    # ------------------------------------------------------------------ the register

    @contextmanager
    def register(self, must_exist: bool = True, actor: str = "") -> Iterator[Register]:
        """Yields the outgoing register (the settings', or the data folder's); its changes are
        logged as made by `actor` (default: the user running this process)."""
        from docgen.input.sources import data_root, office_root
        from docgen.register import REGISTER_FILE, Register

        if self.settings.database:   # a PostgreSQL database shared by several machines
            with Register.open(self.settings.database, actor) as shared:
                yield shared
            return
        path = self.settings.register
        if path is None:   # found the way data is found: one register per data folder
            start = self.settings.data_dir or Path.cwd()
            root = data_root(start) if self.settings.data_dir else office_root(start)
            if root is None:
                raise DocgenError(
                    "không tìm thấy thư mục dữ liệu của văn phòng (thư mục data/ hoặc có to-chuc.yaml) từ thư mục "
                    "hiện tại; chạy lệnh trong thư mục của văn phòng, hoặc chỉ ra sổ bằng --so-dang-ky")
            path = root / REGISTER_FILE
        if must_exist and not path.is_file():
            raise DocgenError(f"chưa có sổ văn bản đi ở {path} (sổ được tạo khi cấp số đầu tiên; chỉ ra bằng --so-dang-ky)")
        with Register.open(path, actor) as register:
            yield register

    def has_register(self) -> bool:
        """Whether the register exists (a database is set, or its file has been made)."""
        from docgen.register import REGISTER_FILE

        if self.settings.database:
            return True
        path = self.settings.register or (self.settings.data_dir / REGISTER_FILE if self.settings.data_dir else None)
        return path is not None and path.is_file()

    @contextmanager
    def accounts(self) -> Iterator[Accounts]:
        """Yields the users of the register's database (created if there is none yet)."""
        from docgen.accounts import Accounts

        with self.register(must_exist=False) as register:
            yield Accounts(register.store)

    @contextmanager
    def saved(self) -> Iterator[SavedDocuments]:
        """Yields the documents saved by the service, with their versions, in the register's
        database (created if there is none yet)."""
        from docgen.saved import SavedDocuments

        with self.register(must_exist=False) as register:
            yield SavedDocuments(register.store)

    def audit(self) -> list[AuditEntry]:
        """Returns the register's audit log: every number drawn, reserved or voided, by whom and why."""
        with self.register() as register:
            return register.audit()

    def reserve(self, issuer: str, kind: str, date: dt.date, scheme: str, note: str | None,
                actor: str = "") -> tuple[int, str]:
        """Keeps the next number of (issuer, kind) in the period of `date` aside; returns the
        number and the period (logged as done by `actor`)."""
        from docgen.register import numbering_period
        from docgen.rules.symbols import PARTY_KINDS

        if kind not in PARTY_KINDS:
            raise DataError([Finding(f"loại văn bản '{kind}' không có trong các loại văn bản của Đảng "
                                     f"({', '.join(sorted(PARTY_KINDS))})", field="loai")])
        period = numbering_period(date, scheme)
        with self.register(must_exist=False, actor=actor) as register:
            return register.reserve(issuer, kind, period, note), period

    def void(self, entry_id: int, note: str | None, actor: str = "") -> RegisterEntry:
        """Voids a register entry: its number is never given again (logged as done by `actor`, with `note` as the reason)."""
        with self.register(actor=actor) as register:
            return register.void(entry_id, note)

    def entries(self, issuer: str | None = None, kind: str | None = None) -> list[RegisterEntry]:
        """Returns the register's entries (all, or of one issuer or kind)."""
        with self.register() as register:
            return register.entries(issuer, kind)

    def export_register(self, target: Path) -> int:
        """Writes the register to `target` (.csv or .xlsx); returns the number of rows."""
        from docgen.register import export_csv, export_xlsx

        entries = self.entries()
        if target.suffix.lower() == ".xlsx":
            export_xlsx(entries, target)
        elif target.suffix.lower() == ".csv":
            export_csv(entries, target)
        else:
            raise DocgenError("tệp xuất phải là .csv hoặc .xlsx")
        return len(entries)


@dataclass
class Merged:
    """A data file with a Word file's edits written in: its new text, whether it changed, and
    the paragraphs of its render before and after (to show the change as ``docgen diff`` does)."""

    text: str
    changed: bool
    before: list[str]
    after: list[str]
    notes: list[Any]


def _texts(document: Any) -> list[str]:
    from docgen.docx.inspect import all_paragraphs

    return [p.text for _, p in all_paragraphs(document) if p.text.strip()]


def findings_json(findings: dict[str, list[Finding]]) -> str:
    """Returns findings by file as the JSON every face prints."""
    import json  # here: a command that prints no JSON does not load it

    return json.dumps({name: [f.as_dict() for f in found] for name, found in findings.items()},
                      ensure_ascii=False, indent=2)
