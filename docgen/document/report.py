"""What docgen computes for a report: the plan it reports on (its citation, its tasks, its
period), the tasks completed out of the total, and the units' figures summed per indicator.

Markers in any prose field of a report:
- ``[[so:hoi_nghi]]`` → ``163 hội nghị`` (the total, Vietnamese formatting, with its unit);
  ``[[so:hoi_nghi|so]]`` → ``163`` (the number alone);
- ``[[nhiem_vu]]`` → ``6/9 nhiệm vụ chung, 24/37 nhiệm vụ do các cơ quan thành viên đăng ký chủ trì``.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.errors import DataError, Finding, UnreadableDocument
from docgen.input.sources import Outside, data_folder, named_file
from docgen.rules import numbers
from docgen.rules.citations import MARKER_OPEN
from docgen.rules.dates import short_date
from docgen.rules.profile import NumberStyle
from docgen.text import close_words, excerpt, strip_accents

if TYPE_CHECKING:   # a report's model is imported by the report that needs it, not by every check
    from collections.abc import Callable

    from docgen.document.load import Document
    from docgen.input.sources import Sources
    from docgen.model.bao_cao import Figures, Indicator, Report
    from docgen.model.common import TaskRef

    Loader = Callable[[Path, Sources], Document]
    Finder = Callable[[str, Path, Sources], Path | None]   # a symbol → the office's data file of it
    from docgen.input.loader import SourceTree

FIGURE = re.compile(r"\[\[\s*so\s*:\s*(?P<id>[^\]|\s]+)\s*(?:\|\s*(?P<form>[^\]]*?)\s*)?\]\]")
TASKS = re.compile(r"\[\[\s*nhiem_vu\s*\]\]")
UNIT_HEADERS = {"don vi", "don vi bao cao", "ten don vi", "co quan"}


# ------------------------------------------------------------------------------------ figures

@dataclass
class FigureTable:
    """The figures of every reporting unit, in the order read, and their totals."""

    indicators: list[Indicator]
    rows: list[tuple[str, dict[str, Decimal]]] = field(default_factory=list)
    title: str = ""   # the appendix's title

    def total(self, indicator_id: str) -> Decimal:
        return sum((values.get(indicator_id, Decimal(0)) for _, values in self.rows), Decimal(0))

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def phrase(self, indicator_id: str, number_only: bool = False, style: NumberStyle | None = None) -> str:
        """Returns ``163 hội nghị`` (or ``163``): the total written the Vietnamese way, as the
        profile's `style` says (a count below 10 padded: ``07 công trình``; ``0,70%``)."""
        total = self.total(indicator_id)
        indicator = self.indicator(indicator_id)
        pad = style.pad_below_ten if style else False
        spaced = style.space_before_percent if style else False
        if number_only or indicator is None:
            return numbers.quantity(total, "", pad, spaced).rstrip()
        return numbers.quantity(total, indicator.unit, pad, spaced)

    def appendix_rows(self) -> list[dict[str, Any]]:
        """Returns the appendix rows: per indicator a bold total row, then one row per unit."""
        rows = []
        for n, indicator in enumerate(self.indicators, 1):
            rows.append({"stt": str(n), "ten": indicator.name, "don_vi_tinh": indicator.unit,
                         "so_luong": numbers.number(self.total(indicator.id)), "dam": True})
            for unit, values in self.rows:
                if indicator.id in values:
                    rows.append({"stt": "", "ten": f"- {unit}", "don_vi_tinh": "",
                                 "so_luong": numbers.number(values[indicator.id]), "dam": False})
        return rows


def _header_key(text: str) -> str:
    return " ".join(strip_accents(str(text)).split())


def read_workbook(path: Path, figures: Figures, shown: str) -> tuple[list[tuple[str, dict[str, Decimal]]], list[Finding]]:
    """Returns the units' rows of a workbook a unit filled in, and the problems of its cells.

    Row 1 holds the indicator codes or names (column A: the unit); each later row is a unit.
    A bad cell is reported with its sheet, its cell and the type expected.
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from docgen.docx.reader import checked_package  # here: reading data must not import python-docx
    from docgen.model.bao_cao import to_quantity

    if not path.is_file():
        return [], [Finding("không tìm thấy tệp số liệu", shown)]
    try:   # read within the limits of Word files first: a zip bomb named as figures stops here
        raw = checked_package(path, shown, workbook=True)
    except UnreadableDocument as exc:
        return [], [Finding(exc.message.removeprefix(f"{shown}: "), shown)]
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except FileNotFoundError:
        return [], [Finding("không tìm thấy tệp số liệu", shown)]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, EOFError):
        return [], [Finding("không đọc được tệp .xlsx (tệp hỏng hoặc không phải tệp Excel .xlsx)", shown)]
    problems: list[Finding] = []
    by_key = {}
    for indicator in figures.indicators:
        by_key[_header_key(indicator.id)] = indicator
        by_key[_header_key(indicator.name)] = indicator
    rows_out: list[tuple[str, dict[str, Decimal]]] = []
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        book.close()
        return [], [Finding("trang tính trống; dòng 1 phải là tên các chỉ tiêu", shown, field=f"trang tính '{sheet.title}'")]
    columns: dict[int, Indicator] = {}
    for col, title in enumerate(header[1:], 2):
        if title is None or str(title).strip() == "":
            continue
        found = by_key.get(_header_key(title))
        if found is None:
            known = ", ".join(i.id for i in figures.indicators)
            problems.append(Finding(f"chỉ tiêu '{excerpt(str(title))}' không có trong 'chi_tieu' (có: {known})", shown,
                                    field=f"trang tính '{sheet.title}', ô {get_column_letter(col)}1"))
        else:
            columns[col] = found
    for row_no, row in enumerate(rows, 2):
        if row is None or all(v is None or str(v).strip() == "" for v in row):
            continue
        unit = row[0]
        if unit is None or str(unit).strip() == "":
            problems.append(Finding("thiếu tên đơn vị", shown, field=f"trang tính '{sheet.title}', ô A{row_no}"))
            continue
        values: dict[str, Decimal] = {}
        for col, indicator in columns.items():
            cell = row[col - 1] if col - 1 < len(row) else None
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue
            try:
                values[indicator.id] = to_quantity(cell)
            except ValueError:
                problems.append(Finding(
                    f"cần một số (chỉ tiêu '{indicator.name}', đơn vị tính {indicator.unit}), gặp '{excerpt(str(cell))}'",
                    shown, field=f"trang tính '{sheet.title}', ô {get_column_letter(col)}{row_no}"))
        rows_out.append((str(unit).strip(), values))
    book.close()
    return rows_out, problems


def load_figures(tree: "SourceTree", figures: Figures, base_dir: Path, root: Path) -> tuple[FigureTable, list[Finding]]:
    """Returns the figures of every unit (YAML, then each workbook in the data folder `root`)
    and the problems found."""
    table = FigureTable(list(figures.indicators), title=figures.title)
    problems: list[Finding] = []
    known = {i.id for i in figures.indicators}
    seen: dict[str, str] = {}
    for i, given in enumerate(figures.units):
        for key in given.values:
            if key not in known:
                close = close_words(key, list(known), n=1)
                hint = f"; có phải ý là '{close[0]}'?" if close else f" (có: {', '.join(sorted(known))})"
                problems.append(tree.problem(("so_lieu", "don_vi", i, "so_lieu", key),
                                             f"chỉ tiêu '{key}' không có trong 'chi_tieu'{hint}"))
        table.rows.append((given.unit, {k: v for k, v in given.values.items() if k in known}))
        seen.setdefault(given.unit, "dữ liệu")
    for j, name in enumerate(figures.files):
        try:
            path = named_file(name, base_dir, root)
        except Outside as exc:
            problems.append(tree.problem(("so_lieu", "tu_tep", j), f"tệp số liệu '{excerpt(name)}': {exc}"))
            continue
        rows, found = read_workbook(path, figures, str(Path(tree.file).parent / name))
        problems.extend(found)
        for unit, values in rows:
            if unit in seen:
                problems.append(tree.problem(("so_lieu", "tu_tep", j), (
                    f"đơn vị '{unit}' đã có số liệu ở {seen[unit]}; mỗi đơn vị chỉ báo cáo một lần")))
                continue
            seen[unit] = name
            table.rows.append((unit, values))
    return table, problems


# -------------------------------------------------------------------------------------- tasks

@dataclass
class TaskSummary:
    """The tasks of the linked plan and how many the report says are done, per group."""

    tasks: list[TaskRef]
    done: set[str]
    reasons: dict[str, tuple[int, str]]   # id → (index in ket_qua_nhiem_vu, reason)

    def counts(self) -> list[tuple[str | None, int, int]]:
        """Returns ``(group name, done, total)`` per group, in the plan's order."""
        groups: dict[str | None, list[int]] = {}
        for task in self.tasks:
            entry = groups.setdefault(task.group, [0, 0])
            entry[1] += 1
            entry[0] += task.id in self.done
        return [(group, done, total) for group, (done, total) in groups.items()]

    def phrase(self) -> str:
        """Returns ``6/9 nhiệm vụ chung, 24/37 nhiệm vụ đăng ký`` (``5/6 nhiệm vụ`` ungrouped)."""
        return ", ".join(f"{done}/{total} {group or 'nhiệm vụ'}" for group, done, total in self.counts())

    def sentence(self) -> str:
        parts = [f"{done}/{total} {group or 'nhiệm vụ'} (đạt {numbers.share(Decimal(done) / total)})"
                 for group, done, total in self.counts()]
        return f"Hoàn thành {', '.join(parts)}."

    @property
    def unfinished(self) -> list[TaskRef]:
        return [t for t in self.tasks if t.id not in self.done]

    def unfinished_lines(self) -> list[tuple[int, str]]:
        """Returns ``(result index, line)`` for each unfinished task: what, who, why."""
        lines = []
        for task in self.unfinished:
            index, reason = self.reasons.get(task.id, (0, "chưa có kết quả báo cáo"))
            lead = f" ({task.lead} chủ trì)" if task.lead else ""
            lines.append((index, f"{task.content}{lead}: {reason.rstrip('.;,')};"))
        if lines:
            lines[-1] = (lines[-1][0], lines[-1][1][:-1] + ".")
        return lines


@dataclass
class Facts:
    """What docgen computed for a document beyond its data: a report's plan, task counts and
    figures (empty for the other kinds)."""

    linked: "Document | None" = None
    tasks: TaskSummary | None = None
    figures: FigureTable | None = None


def prepare_report(tree: "SourceTree", model: Report, base_dir: Path, sources: "Sources",
                   load_document: "Loader", find: "Finder") -> tuple[Facts, list[Finding]]:
    """Returns the facts of a report and the problems of its link, tasks, period and figures."""

    facts = Facts()
    problems: list[Finding] = []
    if model.figures is not None:
        facts.figures, found = load_figures(tree, model.figures, base_dir, data_folder(base_dir, sources))
        problems.extend(found)
    link = model.reports_on
    if link is None:
        if model.task_results:
            problems.append(tree.problem(("ket_qua_nhiem_vu",), (
                "có kết quả từng nhiệm vụ nhưng chưa ghi 'bao_cao_ve' (kế hoạch, chương trình được báo cáo)")))
        return facts, problems
    if link.file is not None:
        field = "tep"
        try:
            located = named_file(link.file, base_dir, data_folder(base_dir, sources))
        except Outside as exc:
            problems.append(tree.problem(("bao_cao_ve", field), f"tệp '{excerpt(link.file)}': {exc}"))
            return facts, problems
        if not located.is_file():
            problems.append(tree.problem(("bao_cao_ve", field), (
                f"không tìm thấy tệp '{excerpt(link.file)}' (đường dẫn tính từ thư mục của tệp báo cáo)")))
            return facts, problems
    else:
        field, by_symbol = "so_ky_hieu", find(link.symbol or "", base_dir, sources)
        if by_symbol is None:
            problems.append(tree.problem(("bao_cao_ve", field), (
                f"không tìm thấy văn bản {link.symbol} trong thư mục dữ liệu của văn phòng (kể cả văn bản lưu "
                "trên trang web); ghi 'tep' để chỉ đúng tệp")))
            return facts, problems
        located = by_symbol
    try:
        linked = load_document(located, sources)
    except DataError as exc:
        problems.append(tree.problem(("bao_cao_ve", field), (
            f"tệp '{located.name}' có {len(exc.problems)} lỗi; sửa tệp đó trước: {exc.problems[0].message}")))
        return facts, problems
    linked = with_registered_number(linked, sources)
    if not isinstance(linked.model.number, int):
        problems.append(tree.problem(("bao_cao_ve",), (
            f"{linked.kind.in_sentence} '{linked.model.summary}' ({Path(linked.source).name}) chưa có số, nên báo cáo "
            "không trích dẫn được: ghi 'so' cho văn bản đó, hoặc tạo văn bản đó trước (so: auto được cấp số khi tạo)")))
        return facts, problems
    facts.linked = linked
    if linked.kind.slug == "bao-cao":
        problems.append(tree.problem(("bao_cao_ve",), "báo cáo phải báo cáo về một kế hoạch hoặc chương trình, không về một báo cáo"))
        return facts, problems
    covered = linked.model.period()
    if covered is not None and not model.period_reported.within(covered):
        p = model.period_reported
        problems.append(tree.problem(("ky_bao_cao",), (
            f"kỳ báo cáo '{p.text}' ({short_date(p.start)} – {short_date(p.end)}) nằm ngoài thời kỳ của "
            f"{linked.kind.in_sentence} số {linked.symbol} ({covered.text}: "
            f"{short_date(covered.start)} – {short_date(covered.end)})")))
    tasks = linked.model.tasks()
    if model.task_results:
        by_id = {t.id: t for t in tasks}
        done: set[str] = set()
        reasons: dict[str, tuple[int, str]] = {}
        first_seen: dict[str, int] = {}
        for i, result in enumerate(model.task_results):
            if result.id not in by_id:
                close = close_words(result.id, list(by_id), n=3, cutoff=0.5)
                hint = f"; gần giống: {', '.join(close)}" if close else ""
                problems.append(tree.problem(("ket_qua_nhiem_vu", i, "ma"), (
                    f"{linked.kind.in_sentence} số {linked.symbol} không có nhiệm vụ mã '{result.id}'{hint}")))
                continue
            if result.id in first_seen:
                problems.append(tree.problem(("ket_qua_nhiem_vu", i, "ma"), (
                    f"nhiệm vụ '{result.id}' đã được báo cáo ở mục thứ {first_seen[result.id] + 1}")))
                continue
            first_seen[result.id] = i
            if result.done:
                done.add(result.id)
            elif not (result.reason or "").strip():
                problems.append(tree.problem(("ket_qua_nhiem_vu", i), (
                    f"nhiệm vụ '{result.id}' chưa hoàn thành: ghi lý do ('ly_do')")))
            else:
                reasons[result.id] = (i, (result.reason or "").strip())
        missing = [t.id for t in tasks if t.id not in first_seen]
        if missing:
            problems.append(tree.problem(("ket_qua_nhiem_vu",), (
                f"chưa có kết quả của {len(missing)} nhiệm vụ ({', '.join(missing[:8])}"
                f"{', ...' if len(missing) > 8 else ''}); các nhiệm vụ này được tính là chưa hoàn thành"), "canh_bao"))
        facts.tasks = TaskSummary(tasks, done, reasons)
    return facts, problems


_ROUNDED_BEFORE = re.compile(r"(?:^|\s)(gần|trên|hơn|khoảng|xấp xỉ|ước)\s*$", re.IGNORECASE)


def rounded_words(text: str) -> list[str]:
    """Returns the warnings of a figure marker written after "gần", "trên", "hơn"...: a sum docgen
    computes is exact, so a rounded figure must be typed as the source writes it."""
    if MARKER_OPEN not in text:
        return []
    return [f"'{m.group(0)}' đứng sau '{_ROUNDED_BEFORE.search(text[:m.start()]).group(1)}': docgen cộng ra số chính xác; "  # type: ignore[union-attr]
            "số làm tròn thì gõ đúng như nguồn (ví dụ 'gần 45.000 lượt người'), số tính ra thì bỏ chữ này"
            for m in FIGURE.finditer(text) if _ROUNDED_BEFORE.search(text[:m.start()])]


def check_markers(text: str, facts: Facts | None) -> list[str]:
    """Returns the problems of the figure and task markers in `text`."""
    if MARKER_OPEN not in text:
        return []
    found = []
    for match in FIGURE.finditer(text):
        if facts is None or facts.figures is None:
            found.append(f"'{match.group(0)}': văn bản chưa có số liệu ('so_lieu')")
        elif facts.figures.indicator(match.group("id")) is None:
            known = ", ".join(i.id for i in facts.figures.indicators)
            found.append(f"'{match.group(0)}': không có chỉ tiêu mã '{match.group('id')}' (có: {known})")
        elif match.group("form") not in (None, "", "so"):
            found.append(f"'{match.group(0)}': tùy chọn '{match.group('form')}' không có (chỉ có: so)")
    if TASKS.search(text) and (facts is None or facts.tasks is None):
        found.append("'[[nhiem_vu]]': báo cáo chưa có kết quả từng nhiệm vụ ('ket_qua_nhiem_vu' và 'bao_cao_ve')")
    return found


def expand_markers(text: str, facts: Facts | None, style: NumberStyle | None = None) -> str:
    """Returns `text` with its figure and task markers replaced (checked beforehand); figures
    written in the profile's `style`."""
    if facts is None or MARKER_OPEN not in text:
        return text
    figures, tasks = facts.figures, facts.tasks
    if figures is not None:
        text = FIGURE.sub(lambda m: figures.phrase(m.group("id"), m.group("form") == "so", style), text)
    if tasks is not None:
        text = TASKS.sub(lambda m: tasks.phrase(), text)
    return text


def with_registered_number(linked, sources):
    """Returns the plan or programme `linked` with the number the register gave it when its
    data says ``so: auto`` (unchanged when it has none yet)."""
    if linked.model.number == "auto":
        from docgen.register import registered_number

        number = registered_number(linked.model.document_id, Path(linked.source), sources.register)
        if number is not None:
            linked.model = linked.model.model_copy(update={"number": number})
    return linked
