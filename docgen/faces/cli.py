"""The command line: ``docgen render | check | new | kinds | schema``.

A thin face: each command parses its input, makes one core call and prints the result.
`DocgenCommandGroup.invoke` is the one place that turns a `DocgenError` into its exit code.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from docgen import __version__
from docgen.citations.docx_check import check_docx
from docgen.citations.check import PROSE, check_text
from docgen.document.load import Document, Sources, catalog_for, load_document
from docgen.register import numbered
from docgen.rules.citations import full_citation, short_citation
from docgen.document.scaffold import report_from_plan
from docgen.rules.dates import parse_date, short_date
from docgen.docx.package import write_atomically
from docgen.errors import DataError, DocgenError, NotFound, Problem
from docgen.document.kinds import KINDS
from docgen.render.renderer import render


class DocgenCommandGroup(click.Group):
    """Turns docgen's errors into messages and exit codes; nothing else does."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DocgenError as exc:
            _report(exc)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:  # a bug: say so plainly, keep the traceback for developers
            if os.environ.get("DOCGEN_DEBUG"):
                raise
            click.echo(f"docgen gặp lỗi không mong đợi ({type(exc).__name__}: {exc}). "
                       "Không có tệp nào bị ghi dở. Hãy báo lỗi kèm tệp dữ liệu; "
                       "đặt DOCGEN_DEBUG=1 để xem chi tiết.", err=True)
            ctx.exit(1)


def _report(exc: DocgenError) -> None:
    if isinstance(exc, DataError):
        for problem in exc.problems:
            click.echo(str(problem), err=True)
    else:
        click.echo(f"lỗi: {exc.message}", err=True)


def _warn(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


@click.group(cls=DocgenCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docgen", message="%(prog)s %(version)s")
def cli() -> None:
    """docgen: soạn văn bản của Đảng từ dữ liệu YAML/JSON thành tệp Word đúng thể thức."""


ORGANISATIONS_OPTION = click.option(
    "--to-chuc", "organisations", type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Tệp danh mục tổ chức (mặc định: to-chuc.yaml gần nhất ở thư mục dữ liệu hoặc thư mục cha).")
CATALOGS_OPTION = click.option(
    "--danh-muc", "catalogs", multiple=True, type=click.Path(exists=True, path_type=Path),
    help="Danh mục văn bản căn cứ: tệp .yaml hoặc thư mục; dùng nhiều lần được "
         "(mặc định: thư mục danh-muc/ gần nhất).")


def _sources(organisations: Path | None, catalogs: tuple[Path, ...]) -> Sources:
    return Sources(organisations, catalogs or None)


REGISTER_OPTION = click.option(
    "--so-dang-ky", "register_path", type=click.Path(dir_okay=False, path_type=Path),
    help="Tệp sổ văn bản đi (mặc định: so-van-ban-di.sqlite3 trong thư mục data).")


def _load_all(paths: tuple[Path, ...], sources: Sources) -> tuple[list[tuple[Path, Document]], list[Problem]]:
    loaded, problems = [], []
    for path in paths:
        try:
            doc = load_document(path, sources)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        _warn(doc.warnings)
        loaded.append((path, doc))
    return loaded, problems


def _target(data: Path, out: Path | None, many: bool) -> Path:
    if out is None:
        return Path("output") / f"{data.stem}.docx"
    if out.suffix.lower() == ".docx" and not many:
        return out
    if out.suffix.lower() == ".docx":
        raise click.UsageError("nhiều tệp dữ liệu thì -o phải là một thư mục")
    return out / f"{data.stem}.docx"


@cli.command("render")
@click.argument("data", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path),
              help="Tệp .docx kết quả (một tệp dữ liệu) hoặc thư mục (mặc định: output/).")
@click.option("--mau", "template", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Dùng mẫu Word khác thay cho mẫu có sẵn của loại văn bản.")
@click.option("--pdf", "as_pdf", is_flag=True, help="Tạo thêm tệp .pdf cạnh tệp .docx (cần LibreOffice).")
@ORGANISATIONS_OPTION
@CATALOGS_OPTION
@REGISTER_OPTION
def render_command(data: tuple[Path, ...], out: Path | None, template: Path | None, as_pdf: bool,
                   organisations: Path | None, catalogs: tuple[Path, ...], register_path: Path | None) -> None:
    """Tạo văn bản Word từ các tệp dữ liệu DATA (.yaml, .yml, .json)."""
    from docgen.pdf.converter import PdfConverter

    targets = {path: _target(path, out, len(data) > 1) for path in data}
    converter = PdfConverter() if as_pdf else None
    loaded, problems = _load_all(data, _sources(organisations, catalogs))
    try:
        for path, doc in loaded:
            target = targets[path]
            doc = numbered(doc, register_path)
            rendered = render(doc, template)
            write_atomically(target, rendered)
            click.echo(f"đã tạo {target}")
            if converter is not None:
                write_atomically(target.with_suffix(".pdf"), converter.convert(rendered, target.stem))
                click.echo(f"đã tạo {target.with_suffix('.pdf')}")
    finally:
        if converter is not None:
            converter.close()
    if problems:
        raise DataError(problems)


ROOT_ARGUMENT = click.argument("root", required=False, default="data",
                               type=click.Path(file_okay=False, exists=True, path_type=Path))
OUTPUT_DIR_OPTION = click.option(
    "-o", "--output", "out", default="output", type=click.Path(file_okay=False, path_type=Path),
    help="Thư mục kết quả (mặc định: output/); giữ cấu trúc thư mục của dữ liệu.")
TEMPLATES_OPTION = click.option(
    "--thu-muc-mau", "templates", type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Thư mục mẫu Word của văn phòng (mỗi loại một tệp, cùng tên như templates/docx/).")


@cli.command("build")
@ROOT_ARGUMENT
@OUTPUT_DIR_OPTION
@TEMPLATES_OPTION
@click.option("--tao-lai", "force", is_flag=True, help="Tạo lại tất cả, kể cả văn bản không đổi.")
@click.option("-j", "--so-tien-trinh", "workers", type=click.IntRange(1, 64), help="Số tiến trình (mặc định: số nhân CPU).")
@ORGANISATIONS_OPTION
@CATALOGS_OPTION
@REGISTER_OPTION
def build_command(root: Path, out: Path, templates: Path | None, force: bool, workers: int | None,
                  organisations: Path | None, catalogs: tuple[Path, ...], register_path: Path | None) -> None:
    """Tạo mọi văn bản trong thư mục ROOT (mặc định data/); văn bản không đổi thì bỏ qua."""
    from docgen.faces.build import build

    def progress(items):
        with click.progressbar(items, label="Đang tạo văn bản", file=sys.stderr) as bar:
            yield from bar

    summary = build(root, out, _sources(organisations, catalogs), templates, workers, progress, force, register_path)
    _report_build(summary)
    if summary.failed:
        raise SystemExit(2)


def _report_build(summary, trailer: str = "") -> None:
    """Prints what a build did: each document made (with its warnings), each failure with its
    problems, and the counts."""
    for outcome in summary.outcomes:
        if outcome.state == "tao":
            click.echo(f"đã tạo {outcome.output}")
            for message in outcome.messages:
                click.echo(message, err=True)
    for outcome in summary.failed:
        click.echo(f"{outcome.source}: không tạo được", err=True)
        for message in outcome.messages:
            click.echo(f"  {message}", err=True)
    click.echo(f"Tổng kết: {summary.count('tao')} đã tạo, {summary.count('khong_doi')} không đổi, "
               f"{len(summary.failed)} lỗi.{trailer}")
    sys.stdout.flush()


@cli.command("watch")
@ROOT_ARGUMENT
@OUTPUT_DIR_OPTION
@TEMPLATES_OPTION
@click.option("--chu-ky", "interval", default=1.0, type=click.FloatRange(0.05, 60), help="Số giây giữa hai lần xem.")
@ORGANISATIONS_OPTION
@CATALOGS_OPTION
def watch_command(root: Path, out: Path, templates: Path | None, interval: float, organisations: Path | None,
                  catalogs: tuple[Path, ...]) -> None:
    """Theo dõi thư mục ROOT, tạo lại văn bản mỗi khi lưu tệp (Ctrl+C để dừng)."""
    from docgen.faces.watch import watch

    def report(summary) -> None:
        _report_build(summary, f" Đang theo dõi {root} (Ctrl+C để dừng)...")

    try:
        watch(root, out, _sources(organisations, catalogs), templates, interval, report)
    except KeyboardInterrupt:
        click.echo("đã dừng theo dõi")


@cli.command("lint")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--ho-so", "--profile", "profile_name", default="hd36-2018",
              help="Hồ sơ quy tắc: hd36-2018 (mặc định), nd30-2020 (văn bản nhà nước) hoặc tệp .yaml.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON cho máy đọc.")
@click.option("--mau", "template", is_flag=True, help="Tệp là mẫu Word (có thẻ): chỉ kiểm tra trang, phông, tiêu đề, số trang.")
@click.option("--sua", "--fix", "mend", is_flag=True, help="Sửa lỗi máy móc (phông, lề, ngày, dấu câu Nơi nhận) vào tệp mới.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp kết quả của --sua (mặc định: <tên>.da-sua.docx).")
@CATALOGS_OPTION
def lint_command(files: tuple[Path, ...], profile_name: str, as_json: bool, template: bool, mend: bool,
                 out: Path | None, catalogs: tuple[Path, ...]) -> None:
    """Kiểm tra thể thức các tệp Word FILES theo hồ sơ quy tắc; mã thoát 1 nếu có lỗi."""
    from docgen.citations.catalog import Catalog
    from docgen.lint import lint
    from docgen.lint.fix import fix
    from docgen.rules.profile import load_profile

    profile = load_profile(profile_name, Path.cwd())
    try:
        catalog = catalog_for(Path.cwd(), _sources(None, catalogs))
    except DataError:
        catalog = Catalog()
    report, errors = {}, 0
    for path in files:
        if mend:
            if len(files) > 1 and out is not None:
                raise click.UsageError("--sua với nhiều tệp thì không dùng -o")
            target = out or path.with_name(f"{path.stem}.da-sua.docx")
            for line in fix(path, target, profile):
                click.echo(f"{path}: đã sửa {line}", err=as_json)
            click.echo(f"đã ghi {target}", err=as_json)
            path = target
        findings = lint(path, profile, catalog, template)
        errors += sum(1 for f in findings if f.severity == "loi")
        report[str(path)] = findings
        if not as_json:
            for finding in findings:
                click.echo(f"{path}: {finding}")
            count = sum(1 for f in findings if f.severity == "loi")
            click.echo(f"{path}: {count} lỗi, {len(findings) - count} cảnh báo")
    if as_json:
        click.echo(json.dumps({name: [f.as_dict() for f in found] for name, found in report.items()},
                              ensure_ascii=False, indent=2))
    if errors:
        raise SystemExit(1)


@cli.command("serve")
@click.option("--host", default="127.0.0.1", help="Địa chỉ lắng nghe (mặc định 127.0.0.1: chỉ máy này).")
@click.option("--port", default=8000, type=click.IntRange(1, 65535), help="Cổng (mặc định 8000).")
@click.option("--thu-muc-du-lieu", "data_dir", default="data", type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục dữ liệu của văn phòng: to-chuc.yaml, danh-muc/, sổ văn bản đi, văn bản đã lưu.")
def serve_command(host: str, port: int, data_dir: Path) -> None:
    """Chạy dịch vụ docgen và trang web cho văn thư: http://HOST:PORT/"""
    import uvicorn

    from docgen.faces.server import Settings, create_app

    click.echo(f"docgen đang chạy tại http://{host}:{port}/ (Ctrl+C để dừng)")
    uvicorn.run(create_app(Settings(data_dir=data_dir)), host=host, port=port, log_level="warning")


@cli.command("diff")
@click.argument("old", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Ghi thêm một trang HTML đặt hai bản cạnh nhau.")
@ORGANISATIONS_OPTION
@CATALOGS_OPTION
def diff_command(old: Path, new: Path, html_file: Path | None, organisations: Path | None,
                 catalogs: tuple[Path, ...]) -> None:
    """So sánh hai bản của một văn bản (tệp dữ liệu hoặc .docx): đoạn thêm, bỏ, sửa."""
    from docgen.faces.diff import as_html, as_text, compare, paragraphs

    sources = _sources(organisations, catalogs)
    before, after = paragraphs(old, sources), paragraphs(new, sources)
    changes = compare(before, after)
    click.echo(as_text(changes, color=sys.stdout.isatty()))
    if html_file is not None:
        write_atomically(html_file, as_html(before, after, str(old), str(new)).encode("utf-8"))
        click.echo(f"đã ghi {html_file}")
    if changes:
        raise SystemExit(1)


@cli.group("so")
def register_group() -> None:
    """Sổ đăng ký văn bản đi: xem, giữ chỗ, hủy số, xuất ra CSV hoặc Excel."""


def _register(path: Path | None, must_exist: bool = True):
    from docgen.document.load import data_root
    from docgen.register import REGISTER_FILE, Register

    path = path or data_root(Path.cwd()) / REGISTER_FILE
    if must_exist and not path.is_file():
        raise DocgenError(f"chưa có sổ văn bản đi ở {path} (sổ được tạo khi cấp số đầu tiên; chỉ ra bằng --so-dang-ky)")
    return Register.open(path)


@register_group.command("danh-sach")
@REGISTER_OPTION
@click.option("--co-quan", "issuer", help="Chỉ cơ quan có ký hiệu này, ví dụ BDVTU.")
@click.option("--loai", "kind", help="Chỉ loại này, ví dụ KH.")
def register_list(register_path: Path | None, issuer: str | None, kind: str | None) -> None:
    """Liệt kê các số đã cấp, giữ chỗ, đã hủy."""
    from docgen.register import STATES

    register = _register(register_path)
    for e in register.entries(issuer, kind):
        click.echo(f"{e.id}\t{e.issuer}\t{e.kind}\t{e.period}\t{e.number:02d}\t{STATES[e.state]}\t"
                   f"{e.symbol or ''}\t{e.document or e.note or ''}")
    register.close()


@register_group.command("giu-cho")
@REGISTER_OPTION
@click.option("--co-quan", "issuer", required=True, help="Ký hiệu cơ quan, ví dụ BDVTU.")
@click.option("--loai", "kind", required=True, help="Chữ viết tắt tên loại, ví dụ KH.")
@click.option("--ngay", "date_text", required=True, help="Ngày văn bản, để biết nhiệm kỳ hoặc năm.")
@click.option("--danh-so", "scheme", type=click.Choice(["nhiem_ky", "nam"]), default="nhiem_ky",
              help="Đánh số theo nhiệm kỳ (cơ quan Đảng) hay theo năm.")
@click.option("--ghi-chu", "note", help="Ghi chú (văn bản dự kiến).")
def register_reserve(register_path: Path | None, issuer: str, kind: str, date_text: str, scheme: str,
                     note: str | None) -> None:
    """Giữ chỗ số tiếp theo cho một văn bản sắp ban hành."""
    from docgen.register import numbering_period

    register = _register(register_path, must_exist=False)
    period = numbering_period(parse_date(date_text), scheme)
    number = register.reserve(issuer, kind, period, note)
    register.close()
    click.echo(f"đã giữ chỗ số {number:02d}-{kind}/{issuer} ({period})")


@register_group.command("huy")
@REGISTER_OPTION
@click.argument("entry_id", type=int)
@click.option("--ghi-chu", "note", help="Lý do hủy.")
def register_void(register_path: Path | None, entry_id: int, note: str | None) -> None:
    """Hủy một số (theo cột Dòng của danh-sach); số đã hủy không cấp lại."""
    register = _register(register_path)
    entry = register.void(entry_id, note)
    register.close()
    click.echo(f"đã hủy số {entry.number:02d}-{entry.kind}/{entry.issuer} ({entry.period})")


@register_group.command("xuat")
@REGISTER_OPTION
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
def register_export(register_path: Path | None, target: Path) -> None:
    """Xuất sổ ra tệp .csv hoặc .xlsx."""
    from docgen.register import export_csv, export_xlsx

    register = _register(register_path)
    entries = register.entries()
    register.close()
    if target.suffix.lower() == ".xlsx":
        export_xlsx(entries, target)
    elif target.suffix.lower() == ".csv":
        export_csv(entries, target)
    else:
        raise click.UsageError("tệp xuất phải là .csv hoặc .xlsx")
    click.echo(f"đã xuất {len(entries)} dòng ra {target}")


@cli.command("check")
@click.argument("data", nargs=-1, required=True, type=click.Path(path_type=Path))
@ORGANISATIONS_OPTION
@CATALOGS_OPTION
def check_command(data: tuple[Path, ...], organisations: Path | None, catalogs: tuple[Path, ...]) -> None:
    """Kiểm tra các tệp dữ liệu DATA, không tạo văn bản."""
    loaded, problems = _load_all(data, _sources(organisations, catalogs))
    for path, _doc in loaded:
        click.echo(f"{path}: hợp lệ")
    if problems:
        raise DataError(problems)


@cli.command("new")
@click.argument("kind", type=click.Choice(sorted(KINDS)))
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Ghi ra tệp này (mặc định: in ra màn hình).")
@click.option("--ghi-de", "overwrite", is_flag=True, help="Cho phép ghi đè tệp đã có.")
@click.option("--from", "source", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Với bao-cao: lập báo cáo từ tệp dữ liệu của kế hoạch, chương trình (mỗi nhiệm vụ một chỗ điền).")
@ORGANISATIONS_OPTION
@CATALOGS_OPTION
def new_command(kind: str, out: Path | None, overwrite: bool, source: Path | None,
                organisations: Path | None, catalogs: tuple[Path, ...]) -> None:
    """In dữ liệu mẫu có chú thích của loại văn bản KIND (tạo được văn bản ngay)."""
    if source is not None:
        if kind != "bao-cao":
            raise click.UsageError("--from chỉ dùng với bao-cao")
        text = report_from_plan(source, (out or Path("x")).resolve().parent, _sources(organisations, catalogs))
    else:
        text = KINDS[kind].starter.read_text(encoding="utf-8")
    if out is None:
        click.echo(text, nl=False)
        return
    if out.exists() and not overwrite:
        raise DocgenError(f"{out} đã có; dùng --ghi-de để ghi đè")
    write_atomically(out, text.encode("utf-8"))
    click.echo(f"đã tạo {out}")


@cli.command("kinds")
def kinds_command() -> None:
    """Liệt kê các loại văn bản docgen tạo được."""
    for kind in KINDS.values():
        click.echo(f"{kind.slug}\t{kind.title}\t{kind.description}")


@cli.command("schema")
@click.argument("kind", type=click.Choice(sorted(KINDS)))
def schema_command(kind: str) -> None:
    """In JSON Schema của loại văn bản KIND (để trình soạn thảo gợi ý khóa)."""
    click.echo(json.dumps(schema_of(kind), ensure_ascii=False, indent=2))


@cli.command("cite")
@click.argument("symbol", required=False)
@click.option("--search", "words", help="Tìm văn bản theo từ (không phân biệt dấu): 'quy che dan van'.")
@click.option("--check", "docx_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Kiểm tra trích dẫn trong một tệp Word có sẵn.")
@click.option("--ngay", "date_text", help="Ngày của văn bản khi kiểm tra (mặc định: đọc từ dòng ngày tháng).")
@CATALOGS_OPTION
def cite_command(symbol: str | None, words: str | None, docx_file: Path | None, date_text: str | None,
                 catalogs: tuple[Path, ...]) -> None:
    """Trích dẫn văn bản căn cứ SYMBOL theo danh mục; tìm (--search) hoặc kiểm tra một tệp Word (--check)."""
    if sum(x is not None for x in (symbol, words, docx_file)) != 1:
        raise click.UsageError("dùng một trong: SYMBOL, --search WORDS, --check FILE.docx")
    catalog = catalog_for(Path.cwd(), _sources(None, catalogs))
    if not catalog.entries:
        raise DocgenError("không tìm thấy danh mục văn bản (thư mục danh-muc/); chỉ ra bằng --danh-muc")
    if symbol is not None:
        entry = catalog.get(symbol)
        if entry is None:
            raise NotFound(check_text(f"[[{symbol}]]", PROSE, catalog, None)[0].message)
        click.echo(full_citation(entry.cited()))
        click.echo(f"lần sau: {short_citation(entry.cited())}")
        successor = catalog.successor(entry.symbol)
        if successor:
            click.echo(f"đã được thay thế bằng {successor.symbol}" +
                       (f" từ {short_date(successor.date)}" if successor.date else ""))
        return
    if words is not None:
        found = catalog.search(words)
        for entry in found:
            click.echo(f"{entry.symbol}\t{full_citation(entry.cited())}")
        if not found:
            click.echo("không tìm thấy văn bản nào", err=True)
            raise SystemExit(1)
        return
    date = parse_date(date_text) if date_text else None
    when, findings = check_docx(docx_file, catalog, date)
    if when is None:
        click.echo("cảnh báo: không đọc được ngày của văn bản; chỉ ra bằng --ngay để kiểm tra văn bản bị thay thế", err=True)
    for item in findings:
        click.echo(str(item))
    errors = sum(1 for item in findings if item.finding.severity == "loi")
    click.echo(f"{docx_file}: {errors} lỗi, {len(findings) - errors} cảnh báo")
    if errors:
        raise SystemExit(1)


def schema_of(kind: str) -> dict:
    """Returns the JSON Schema of the data of `kind` (keys as clerks write them)."""
    spec = KINDS[kind]
    schema = spec.model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"docgen: {spec.in_sentence}"
    return schema


def main() -> None:
    cli(prog_name="docgen")


if __name__ == "__main__":
    sys.exit(main())
