"""The command line: ``docgen render | check | new | build | watch | lint | cite | diff | so |
serve | kinds | schema``.

A thin face: each command turns its options into `Settings`, makes one call to the `Core`
and prints the result. `DocgenCommandGroup.invoke` is the one place that turns an error
into a message and an exit code; no command exits by itself.
"""
from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from docgen import __version__
from docgen.errors import DataError, DocgenError, Finding, Unsuccessful, count_errors

if TYPE_CHECKING:
    from docgen.core import Core

# The core and the package writer are imported by the commands that use them, after `main`
# has paused the garbage collector (see there); `docgen --help` needs neither.

F = TypeVar("F", bound=Callable[..., Any])


class DocgenCommandGroup(click.Group):
    """Turns docgen's errors into messages and exit codes; nothing else does."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DocgenError as exc:
            _report(exc)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (`docgen to-chuc | head`): nothing is wrong, stop quietly. Point
            # stdout at devnull so Python's own flush at exit does not complain again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(141)   # as a shell reports a process ended by SIGPIPE
        except Exception as exc:  # a bug: say so plainly, keep the traceback for developers
            if os.environ.get("DOCGEN_DEBUG"):
                raise
            click.echo(f"docgen gặp lỗi không mong đợi ({type(exc).__name__}: {exc}). "
                       "Không có tệp nào bị ghi dở. Hãy báo lỗi kèm tệp dữ liệu; "
                       "đặt DOCGEN_DEBUG=1 để xem chi tiết.", err=True)
            ctx.exit(1)


def _report(exc: DocgenError) -> None:
    if isinstance(exc, DataError):
        _warn(exc.problems)
    elif isinstance(exc, Unsuccessful):
        if exc.message:
            click.echo(exc.message, err=True)
    else:
        click.echo(f"lỗi: {exc.message}", err=True)


def _warn(problems: Iterable[Finding]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


@click.group(cls=DocgenCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docgen", message="%(prog)s %(version)s")
def cli() -> None:
    """docgen: soạn văn bản của Đảng từ dữ liệu YAML/JSON thành tệp Word đúng thể thức."""


def _shared_data(function: F) -> F:
    """Adds --to-chuc and --danh-muc (where the office's organisations and catalogs are)."""
    function = click.option(
        "--danh-muc", "catalogs", multiple=True, type=click.Path(exists=True, path_type=Path),
        help="Danh mục văn bản căn cứ: tệp .yaml hoặc thư mục; dùng nhiều lần được "
             "(mặc định: thư mục danh-muc/ gần nhất).")(function)
    return click.option(
        "--to-chuc", "organisations", type=click.Path(dir_okay=False, exists=True, path_type=Path),
        help="Tệp danh mục tổ chức (mặc định: to-chuc.yaml gần nhất ở thư mục dữ liệu hoặc thư mục cha).")(function)


REGISTER_OPTION = click.option(
    "--so-dang-ky", "register", type=click.Path(dir_okay=False, path_type=Path),
    help="Tệp sổ văn bản đi (mặc định: so-van-ban-di.sqlite3 trong thư mục data).")


DATABASE_VARIABLE = "DOCGEN_CSDL"   # a PostgreSQL URL: the register every command uses instead of the file


def _core(organisations: Path | None = None, catalogs: tuple[Path, ...] = (), register: Path | None = None,
          templates: Path | None = None) -> Core:
    from docgen.core import Core, Settings

    return Core(Settings(organisations, catalogs or None, register, templates,
                         database=os.environ.get(DATABASE_VARIABLE) or None))


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
@_shared_data
@REGISTER_OPTION
def render_command(data: tuple[Path, ...], out: Path | None, template: Path | None, as_pdf: bool,
                   organisations: Path | None, catalogs: tuple[Path, ...], register: Path | None) -> None:
    """Tạo văn bản Word từ các tệp dữ liệu DATA (.yaml, .yml, .json)."""
    from docgen.docx.package import write_atomically

    if len(data) > 1:
        _collect_garbage()
    targets = {path: _target(path, out, len(data) > 1) for path in data}
    core = _core(organisations, catalogs, register)
    loaded, problems = core.check_all(list(data))
    try:
        for path, doc in loaded:
            _warn(doc.warnings)
            target = targets[path]
            rendered = core.make(doc, template)
            write_atomically(target, rendered)
            click.echo(f"đã tạo {target} (hồ sơ {doc.profile.name})")
            if as_pdf:
                write_atomically(target.with_suffix(".pdf"), core.to_pdf(rendered, target.stem))
                click.echo(f"đã tạo {target.with_suffix('.pdf')}")
    finally:
        core.close()
    if problems:
        raise DataError(problems)


@cli.command("check")
@click.argument("data", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--chi-tiet", "-v", "--verbose", "verbose", is_flag=True,
              help="Nói rõ đã kiểm tra theo hồ sơ quy tắc, danh mục văn bản và danh mục tổ chức nào.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON cho máy đọc.")
@_shared_data
def check_command(data: tuple[Path, ...], verbose: bool, as_json: bool, organisations: Path | None,
                  catalogs: tuple[Path, ...]) -> None:
    """Kiểm tra các tệp dữ liệu DATA, không tạo văn bản."""
    if len(data) > 1:
        _collect_garbage()
    loaded, problems = _core(organisations, catalogs).check_all(list(data))
    if as_json:
        import json

        report: dict[str, Any] = {}
        for path, doc in loaded:
            report[str(path)] = {"hop_le": True, "phat_hien": [w.as_dict() for w in doc.warnings],
                                 "da_kiem_theo": doc.used.as_dict() if doc.used else None}
        for problem in problems:
            entry = report.setdefault(problem.file or "", {"hop_le": False, "phat_hien": [], "da_kiem_theo": None})
            entry["phat_hien"].append(problem.as_dict())
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        if problems:
            raise Unsuccessful(exit_code=2)
        return
    for path, doc in loaded:
        _warn(doc.warnings)
        click.echo(f"{path}: hợp lệ (hồ sơ {doc.profile.name})")
        if verbose and doc.used is not None:
            click.echo(f"  hồ sơ quy tắc: {doc.used.profile} ({', '.join(str(p) for p in doc.used.profile_files)})")
            click.echo(f"  danh mục văn bản: {', '.join(str(p) for p in doc.used.catalogs)}")
            if doc.used.organisations:
                click.echo(f"  danh mục tổ chức: {', '.join(str(p) for p in doc.used.organisations)}")
    if problems:
        raise DataError(problems)


def _build_options(function: F) -> F:
    """Adds the options build and watch share: ROOT, -o, --thu-muc-mau, --to-chuc, --danh-muc."""
    function = _shared_data(function)
    function = click.option(
        "--thu-muc-mau", "templates", type=click.Path(file_okay=False, exists=True, path_type=Path),
        help="Thư mục mẫu Word của văn phòng (mỗi loại một tệp, cùng tên như templates/docx/).")(function)
    function = click.option(
        "-o", "--output", "out", default="output", type=click.Path(file_okay=False, path_type=Path),
        help="Thư mục kết quả (mặc định: output/); giữ cấu trúc thư mục của dữ liệu.")(function)
    return click.argument("root", required=False, default="data",
                          type=click.Path(file_okay=False, exists=True, path_type=Path))(function)


def _report_build(summary: Any, trailer: str = "") -> None:
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


@cli.command("build")
@_build_options
@click.option("--tao-lai", "force", is_flag=True, help="Tạo lại tất cả, kể cả văn bản không đổi.")
@click.option("-j", "--so-tien-trinh", "workers", type=click.IntRange(1, 64), help="Số tiến trình (mặc định: số nhân CPU).")
@click.option("--pdf", "as_pdf", is_flag=True,
              help="Tạo thêm tệp .pdf cạnh mỗi tệp .docx (cần LibreOffice); mỗi tiến trình chuyển đổi bằng LibreOffice riêng.")
@REGISTER_OPTION
def build_command(root: Path, out: Path, templates: Path | None, organisations: Path | None,
                  catalogs: tuple[Path, ...], force: bool, workers: int | None, as_pdf: bool, register: Path | None) -> None:
    """Tạo mọi văn bản trong thư mục ROOT (mặc định data/); văn bản không đổi thì bỏ qua."""
    from docgen.core import Settings
    from docgen.faces.build import build

    _collect_garbage()

    def progress(items: Iterable[Any]) -> Iterator[Any]:
        with click.progressbar(items, label="Đang tạo văn bản", file=sys.stderr) as bar:
            yield from bar

    settings = Settings(organisations, catalogs or None, register, templates, database=os.environ.get(DATABASE_VARIABLE) or None)
    summary = build(root, out, settings, workers, progress, force, as_pdf)
    _report_build(summary)
    if summary.failed:
        raise Unsuccessful(exit_code=2)


@cli.command("watch")
@_build_options
@click.option("--chu-ky", "interval", default=1.0, type=click.FloatRange(0.05, 60), help="Số giây giữa hai lần xem.")
def watch_command(root: Path, out: Path, templates: Path | None, organisations: Path | None,
                  catalogs: tuple[Path, ...], interval: float) -> None:
    """Theo dõi thư mục ROOT, tạo lại văn bản mỗi khi lưu tệp (Ctrl+C để dừng)."""
    from docgen.core import Settings
    from docgen.faces.watch import watch

    _collect_garbage()

    def report(summary: Any) -> None:
        _report_build(summary, f" Đang theo dõi {root} (Ctrl+C để dừng)...")

    try:
        watch(root, out, Settings(organisations, catalogs or None, None, templates,
                                  database=os.environ.get(DATABASE_VARIABLE) or None), interval, report)
    except KeyboardInterrupt:
        click.echo("đã dừng theo dõi")


@cli.command("lint")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--ho-so", "--profile", "profile_name",
              help="Hồ sơ quy tắc: hd36-2018, qd399-2026, nd30-2020 (văn bản nhà nước) hoặc tệp .yaml "
                   "(mặc định: hồ sơ có hiệu lực vào ngày của văn bản).")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON cho máy đọc.")
@click.option("--mau", "template", is_flag=True, help="Tệp là mẫu Word (có thẻ): chỉ kiểm tra trang, phông, tiêu đề, số trang.")
@click.option("--sua", "--fix", "mend", is_flag=True, help="Sửa lỗi máy móc (phông, lề, ngày, dấu câu Nơi nhận) vào tệp mới.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp kết quả của --sua (mặc định: <tên>.da-sua.docx).")
@click.option("--trang", "pages", is_flag=True,
              help="Kiểm tra cả trang in (cần LibreOffice): dòng kết thúc giữa số ký hiệu, ngày tháng, cụm từ; "
                   "chữ ký tách khỏi Nơi nhận hoặc đứng một mình trên trang.")
@_shared_data
def lint_command(files: tuple[Path, ...], profile_name: str, as_json: bool, template: bool, mend: bool,
                 out: Path | None, pages: bool, organisations: Path | None, catalogs: tuple[Path, ...]) -> None:
    """Kiểm tra thể thức các tệp Word FILES theo hồ sơ quy tắc; mã thoát 1 nếu có lỗi."""
    from docgen.core import findings_json

    if mend and len(files) > 1 and out is not None:
        raise click.UsageError("--sua với nhiều tệp thì không dùng -o")
    if len(files) > 1:
        _collect_garbage()
    core = _core(organisations, catalogs)
    chosen = core.profile(profile_name, Path.cwd()) if profile_name else None
    report: dict[str, list[Finding]] = {}
    try:
        for path in files:
            report.update(_lint_one(core, path, chosen, as_json, template, mend, out, pages))
    finally:
        core.close()   # the LibreOffice a page check started
    if as_json:
        click.echo(findings_json(report))
    if any(count_errors(found) for found in report.values()):
        raise Unsuccessful()


def _lint_one(core: Core, path: Path, chosen: Any, as_json: bool, template: bool, mend: bool, out: Path | None,
              pages: bool) -> dict[str, list[Finding]]:
    if mend:
        target = out or path.with_name(f"{path.stem}.da-sua.docx")
        for line in core.fix(path, target, chosen or core.lint_report(path, str(path), None, template)[0]):
            click.echo(f"{path}: đã sửa {line}", err=as_json)
        click.echo(f"đã ghi {target}", err=as_json)
        path = target
    profile, findings = core.lint_report(path, str(path), chosen, template)
    if pages and not template:
        findings = findings + core.page_findings(path, str(path))
    if not as_json:
        click.echo(f"{path}: kiểm tra theo hồ sơ {profile.name}")
        for finding in findings:
            click.echo(str(finding))
        errors = count_errors(findings)
        click.echo(f"{path}: {errors} lỗi, {len(findings) - errors} cảnh báo")
    return {str(path): findings}


MAX_CONNECTIONS = 256   # requests the service handles at once


@cli.command("serve")
@click.option("--host", default="127.0.0.1", help="Địa chỉ lắng nghe (mặc định 127.0.0.1: chỉ máy này).")
@click.option("--port", default=8000, type=click.IntRange(1, 65535), help="Cổng (mặc định 8000).")
@click.option("--thu-muc-du-lieu", "data_dir", default="data", type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục dữ liệu của văn phòng: to-chuc.yaml, danh-muc/, sổ văn bản đi, văn bản đã lưu.")
@click.option("--workers", "processes", default=1, type=click.IntRange(1, 64),
              help="Số tiến trình phục vụ (mặc định 1); mỗi tiến trình có tiến trình tạo văn bản và LibreOffice riêng.")
@click.option("--csdl", "database", envvar=DATABASE_VARIABLE,
              help="Địa chỉ cơ sở dữ liệu PostgreSQL dùng chung (postgresql://người@máy/csdl; hoặc biến DOCGEN_CSDL) "
                   "cho sổ, nhật ký và tài khoản; mặc định là tệp SQLite trong thư mục dữ liệu.")
@click.option("--proxy-tin-cay", "proxies", envvar="DOCGEN_PROXY_TIN_CAY",
              help="Địa chỉ máy chủ trung gian (reverse proxy) được tin tên người dùng nó báo, cách nhau bởi dấu phẩy "
                   "(ví dụ 127.0.0.1; hoặc biến DOCGEN_PROXY_TIN_CAY).")
@click.option("--proxy-tieu-de", "proxy_header", envvar="DOCGEN_PROXY_TIEU_DE", default="X-Remote-User", show_default=True,
              help="Tiêu đề HTTP mà máy chủ trung gian ghi tên người dùng đã đăng nhập (hoặc biến DOCGEN_PROXY_TIEU_DE).")
def serve_command(host: str, port: int, data_dir: Path, processes: int, database: str | None, proxies: str | None,
                  proxy_header: str) -> None:
    """Chạy dịch vụ docgen và trang web cho văn thư: http://HOST:PORT/"""
    import resource

    import uvicorn

    _collect_garbage()

    from docgen.faces.server import ENVIRONMENT, limit_repeated_logs

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)   # room for the connections allowed below
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else max(soft, 65536), hard))
    # Every serving process builds its own app from these (they keep no state of their own:
    # the register, accounts and saved documents are in the data folder); the cores are shared
    # between their render workers.
    limit_repeated_logs("uvicorn.error", "uvicorn.access", "asyncio")   # one flood, a few lines
    os.environ[ENVIRONMENT["data_dir"]] = str(data_dir.resolve())
    os.environ[ENVIRONMENT["host"]] = host
    if database:
        os.environ[ENVIRONMENT["database"]] = database
    if proxies:
        os.environ[ENVIRONMENT["proxy_trusted"]] = proxies
    os.environ[ENVIRONMENT["proxy_header"]] = proxy_header
    os.environ[ENVIRONMENT["workers"]] = str(max(1, min(4, os.cpu_count() or 1) // processes))
    click.echo(f"docgen đang chạy tại http://{host}:{port}/ với {processes} tiến trình (Ctrl+C để dừng)")
    # At most MAX_CONNECTIONS requests at once per process (more get 503 at once); idle
    # connections closed after 5 s; SIGTERM or Ctrl+C stops it within 10 s (the workers are killed).
    from docgen.faces.server.protocol import NoDelayH11Protocol

    uvicorn.run("docgen.faces.server:app_from_environment", factory=True, workers=processes, host=host, port=port,
                http=NoDelayH11Protocol,
                # the peer's own address decides whether a proxy's identity header is trusted:
                # it is not replaced by the X-Forwarded-For a client could send
                proxy_headers=False,
                log_level="warning", limit_concurrency=MAX_CONNECTIONS, timeout_keep_alive=5, timeout_graceful_shutdown=10)


@cli.command("diff")
@click.argument("old", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Ghi thêm một trang HTML đặt hai bản cạnh nhau.")
@_shared_data
def diff_command(old: Path, new: Path, html_file: Path | None, organisations: Path | None,
                 catalogs: tuple[Path, ...]) -> None:
    """So sánh hai bản của một văn bản (tệp dữ liệu hoặc .docx): đoạn thêm, bỏ, sửa."""
    from docgen.docx.package import write_atomically
    from docgen.faces.diff import as_html, as_text, compare

    core = _core(organisations, catalogs)
    before, after = core.paragraphs(old), core.paragraphs(new)
    changes = compare(before, after)
    click.echo(as_text(changes, color=sys.stdout.isatty()))
    if html_file is not None:
        write_atomically(html_file, as_html(before, after, str(old), str(new)).encode("utf-8"))
        click.echo(f"đã ghi {html_file}")
    if changes:
        raise Unsuccessful()


@cli.command("import")
@click.argument("docx_file", metavar="TEP.docx", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Ghi dữ liệu vào tệp .yaml này (mặc định: in ra màn hình).")
@click.option("--vao", "into", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Ghi các chỗ sửa trong tệp Word vào tệp dữ liệu này (giữ chú thích, thứ tự khóa).")
@click.option("--bat-buoc", "force", is_flag=True,
              help="Với --vao: vẫn ghi khi số hoặc loại văn bản khác dữ liệu.")
@click.option("--json", "as_json", is_flag=True, help="In dữ liệu và báo cáo dạng JSON cho máy đọc.")
@_shared_data
def import_command(docx_file: Path, out: Path | None, into: Path | None, force: bool, as_json: bool,
                   organisations: Path | None, catalogs: tuple[Path, ...]) -> None:
    """Đọc văn bản Word TEP.docx (docgen tạo hoặc gõ tay) thành dữ liệu docgen; với --vao, ghi
    các chỗ sửa trong Word vào tệp dữ liệu đã có."""
    import json

    from docgen.docx.package import write_atomically
    from docgen.faces.diff import as_text, compare

    core = _core(organisations, catalogs)
    if into is not None:
        if out is not None:
            raise click.UsageError("dùng -o hoặc --vao, không dùng cả hai")
        merged = core.import_into(docx_file, docx_file.name, into, force)
        changes = compare(merged.before, merged.after)
        if as_json:
            click.echo(json.dumps({"tep": str(into), "da_ghi": merged.changed,
                                   "thay_doi": [{"loai": c.kind, "cu": c.old, "moi": c.new} for c in changes],
                                   "bao_cao": [n.as_dict() for n in merged.notes]}, ensure_ascii=False, indent=2))
        else:
            click.echo(as_text(changes, color=sys.stdout.isatty()))
        if merged.changed:
            write_atomically(into, merged.text.encode("utf-8"))
            if not as_json:
                click.echo(f"đã ghi {into}")
        elif not as_json:
            click.echo(f"không có chỗ sửa nào; {into} giữ nguyên")
        return
    imported, text = core.import_text(docx_file, docx_file.name)
    if as_json:
        click.echo(json.dumps({"loai": imported.kind, "du_lieu": imported.data,
                               "bao_cao": [n.as_dict() for n in imported.notes]}, ensure_ascii=False, indent=2))
    elif out is None:
        click.echo(text, nl=False)
    if out is not None:
        write_atomically(out, text.encode("utf-8"))
        click.echo(f"đã ghi {out} ({core.kind(imported.kind).in_sentence})", err=as_json)
    if not as_json:
        for note in imported.notes:
            click.echo(str(note), err=True)


@cli.group("so")
def register_group() -> None:
    """Sổ đăng ký văn bản đi: xem, giữ chỗ, hủy số, xuất ra CSV hoặc Excel."""


def _number(number: int, kind: str, issuer: str) -> str:
    from docgen.rules.symbols import document_symbol

    return document_symbol(number, kind, [issuer])


@register_group.command("danh-sach")
@REGISTER_OPTION
@click.option("--co-quan", "issuer", help="Chỉ cơ quan có ký hiệu này, ví dụ BDVTU.")
@click.option("--loai", "kind", help="Chỉ loại này, ví dụ KH.")
def register_list(register: Path | None, issuer: str | None, kind: str | None) -> None:
    """Liệt kê các số đã cấp, giữ chỗ, đã hủy."""
    from docgen.register import STATES
    from docgen.rules.symbols import format_number

    for e in _core(register=register).entries(issuer, kind):
        click.echo(f"{e.id}\t{e.issuer}\t{e.kind}\t{e.period}\t{format_number(e.number)}\t{STATES[e.state]}\t"
                   f"{e.symbol or ''}\t{e.document or e.note or ''}")


@register_group.command("giu-cho")
@REGISTER_OPTION
@click.option("--co-quan", "issuer", required=True, help="Ký hiệu cơ quan, ví dụ BDVTU.")
@click.option("--loai", "kind", required=True, help="Chữ viết tắt tên loại, ví dụ KH.")
@click.option("--ngay", "date_text", required=True, help="Ngày văn bản, để biết nhiệm kỳ hoặc năm.")
@click.option("--danh-so", "scheme", type=click.Choice(["nhiem_ky", "nam"]), default="nhiem_ky",
              help="Đánh số theo nhiệm kỳ (cơ quan Đảng) hay theo năm.")
@click.option("--ghi-chu", "note", help="Ghi chú (văn bản dự kiến).")
def register_reserve(register: Path | None, issuer: str, kind: str, date_text: str, scheme: str,
                     note: str | None) -> None:
    """Giữ chỗ số tiếp theo cho một văn bản sắp ban hành."""
    number, period = _core(register=register).reserve(issuer, kind, _date(date_text), scheme, note)
    click.echo(f"đã giữ chỗ số {_number(number, kind, issuer)} ({period})")


def _date(text: str) -> Any:
    from docgen.rules.dates import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--ngay") from None


@register_group.command("nhat-ky")
@REGISTER_OPTION
def register_audit(register: Path | None) -> None:
    """Nhật ký sổ: mỗi số đã cấp, giữ chỗ, hủy — lúc nào, ai làm, lý do."""
    from docgen.register import ACTIONS

    for a in _core(register=register).audit():
        click.echo(f"{a.at}\t{a.actor}\t{ACTIONS[a.action]}\t{a.number}\t{a.reason or ''}")


@cli.group("nguoi-dung")
def users_group() -> None:
    """Tài khoản của dịch vụ: văn thư (cấp, giữ chỗ, hủy số) và soạn thảo (dự thảo, kiểm tra, xem trước)."""


@users_group.command("them")
@REGISTER_OPTION
@click.argument("name")
@click.option("--vai-tro", "role", type=click.Choice(["van_thu", "soan_thao"]), required=True,
              help="van_thu (văn thư) hoặc soan_thao (soạn thảo).")
@click.password_option("--mat-khau", "password", prompt="Mật khẩu", confirmation_prompt="Nhập lại mật khẩu",
                       help="Mật khẩu (không ghi ở đây thì được hỏi, không hiện trên màn hình).")
def users_add(register: Path | None, name: str, role: str, password: str) -> None:
    """Thêm người dùng NAME (hoặc đổi mật khẩu, vai trò); in mã truy cập cho API (chỉ hiện một lần)."""
    with _core(register=register).accounts() as accounts:
        token = accounts.add(name, role, password)
    click.echo(f"đã thêm người dùng {name} ({role})")
    click.echo(f"mã truy cập (Authorization: Bearer ...; chỉ hiện một lần): {token}")


@users_group.command("danh-sach")
@REGISTER_OPTION
def users_list(register: Path | None) -> None:
    """Liệt kê người dùng và vai trò."""
    from docgen.accounts import ROLES

    with _core(register=register).accounts() as accounts:
        for user in accounts.users():
            click.echo(f"{user.name}\t{ROLES[user.role]}")


@users_group.command("xoa")
@REGISTER_OPTION
@click.argument("name")
def users_remove(register: Path | None, name: str) -> None:
    """Xóa người dùng NAME và các mã truy cập của họ."""
    with _core(register=register).accounts() as accounts:
        accounts.remove(name)
    click.echo(f"đã xóa người dùng {name}")


@register_group.command("huy")
@REGISTER_OPTION
@click.argument("entry_id", type=int)
@click.option("--ghi-chu", "note", help="Lý do hủy.")
def register_void(register: Path | None, entry_id: int, note: str | None) -> None:
    """Hủy một số (theo cột Dòng của danh-sach); số đã hủy không cấp lại."""
    entry = _core(register=register).void(entry_id, note)
    click.echo(f"đã hủy số {_number(entry.number, entry.kind, entry.issuer)} ({entry.period})")


@register_group.command("xuat")
@REGISTER_OPTION
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
def register_export(register: Path | None, target: Path) -> None:
    """Xuất sổ ra tệp .csv hoặc .xlsx."""
    count = _core(register=register).export_register(target)
    click.echo(f"đã xuất {count} dòng ra {target}")


@cli.command("new")
@click.argument("kind")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Ghi ra tệp này (mặc định: in ra màn hình).")
@click.option("--ghi-de", "overwrite", is_flag=True, help="Cho phép ghi đè tệp đã có.")
@click.option("--from", "source", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Với bao-cao: lập báo cáo từ tệp dữ liệu của kế hoạch, chương trình (mỗi nhiệm vụ một chỗ điền).")
@_shared_data
def new_command(kind: str, out: Path | None, overwrite: bool, source: Path | None,
                organisations: Path | None, catalogs: tuple[Path, ...]) -> None:
    """In dữ liệu mẫu có chú thích của loại văn bản KIND (tạo được văn bản ngay)."""
    from docgen.docx.package import write_atomically

    core = _core(organisations, catalogs)
    if source is not None:
        if kind != "bao-cao":
            raise click.UsageError("--from chỉ dùng với bao-cao")
        text = core.report_from_plan(source, (out or Path("x")).resolve().parent)
    else:
        text = core.starter(kind)   # dated today
    if out is None:
        click.echo(text, nl=False)
        return
    if out.exists() and not overwrite:
        raise DocgenError(f"{out} đã có; dùng --ghi-de để ghi đè")
    write_atomically(out, text.encode("utf-8"))
    click.echo(f"đã tạo {out}")


@cli.command("to-chuc")
@click.argument("words", required=False, default="")
@click.option("--ngay", "date_text", help="Tên theo ngày này (mặc định: hôm nay).")
@_shared_data
def organisations_command(words: str, date_text: str | None, organisations: Path | None, catalogs: tuple[Path, ...]) -> None:
    """Tìm mã tổ chức (danh mục cả nước kèm docgen và tệp to-chuc.yaml của văn phòng): docgen to-chuc "Nghệ An"."""
    from docgen.rules.dates import short_date

    core = _core(organisations, catalogs)
    day = _date(date_text) if date_text else dt.date.today()
    found = core.organisations(words, day)
    for code, issuer in found:
        upper = f"{issuer.upper_body} / " if issuer.upper_body else ""
        click.echo(f"{code}\t{upper}{issuer.name}\t{issuer.code}\t{issuer.place or ''}")
    if not found:
        ended = core.organisations_ended(words, day)
        if not ended:
            raise Unsuccessful("không tìm thấy tổ chức nào")
        last = max(name.valid_to for _, name in ended)
        codes = ", ".join(code for code, _ in ended[:5]) + (", ..." if len(ended) > 5 else "")
        raise Unsuccessful(f"không có tổ chức nào mang tên này vào ngày {short_date(day)}; {len(ended)} tổ chức "
                           f"mang tên này trước đó, muộn nhất đến ngày {short_date(last)} ({codes}); "
                           f"xem bằng: docgen to-chuc \"{words}\" --ngay {short_date(last)}")


@cli.command("kinds")
def kinds_command() -> None:
    """Liệt kê các loại văn bản docgen tạo được."""
    from docgen.core import Core

    for kind in Core.kinds():
        click.echo(f"{kind.slug}\t{kind.title}\t{kind.description}")


@cli.command("schema")
@click.argument("kind")
def schema_command(kind: str) -> None:
    """In JSON Schema của loại văn bản KIND (để trình soạn thảo gợi ý khóa)."""
    import json

    from docgen.core import Core

    click.echo(json.dumps(Core().schema(kind), ensure_ascii=False, indent=2))


@cli.command("cite")
@click.argument("symbol", required=False)
@click.option("--search", "words", help="Tìm văn bản theo từ (không phân biệt dấu): 'quy che dan van'.")
@click.option("--check", "docx_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Kiểm tra trích dẫn trong một tệp Word có sẵn.")
@click.option("--ngay", "date_text", help="Ngày của văn bản khi kiểm tra (mặc định: đọc từ dòng ngày tháng).")
@_shared_data
def cite_command(symbol: str | None, words: str | None, docx_file: Path | None, date_text: str | None,
                 organisations: Path | None, catalogs: tuple[Path, ...]) -> None:
    """Trích dẫn văn bản căn cứ SYMBOL theo danh mục; tìm (--search) hoặc kiểm tra một tệp Word (--check)."""
    from docgen.rules.dates import short_date

    if sum(x is not None for x in (symbol, words, docx_file)) != 1:
        raise click.UsageError("dùng một trong: SYMBOL, --search WORDS, --check FILE.docx")
    core = _core(organisations, catalogs)
    if symbol is not None:
        citation = core.cite(symbol)
        click.echo(citation.full)
        click.echo(f"lần sau: {citation.short}")
        if citation.replaced_by:
            click.echo(f"đã được thay thế bằng {citation.replaced_by}" +
                       (f" từ {short_date(citation.replaced_on)}" if citation.replaced_on else ""))
        return
    if words is not None:
        found = core.search(words)
        for item in found:
            click.echo(f"{item.entry.symbol}\t{item.full}")
        if not found:
            raise Unsuccessful("không tìm thấy văn bản nào")
        return
    assert docx_file is not None
    when, findings = core.check_citations(docx_file, str(docx_file), _date(date_text) if date_text else None)
    if when is None:
        click.echo("cảnh báo: không đọc được ngày của văn bản; chỉ ra bằng --ngay để kiểm tra văn bản bị thay thế", err=True)
    for finding in findings:
        click.echo(str(finding))
    errors = count_errors(findings)
    click.echo(f"{docx_file}: {errors} lỗi, {len(findings) - errors} cảnh báo")
    if errors:
        raise Unsuccessful()


def _collect_garbage() -> None:
    """Turns the garbage collector back on (`main` paused it) for a command that runs long or
    over several inputs, with what start-up made frozen: kept out of the collector's passes
    (and, in workers forked later, not copied by them)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def main() -> None:
    """The ``docgen`` command."""
    # docgen uses no pydantic plugin; looking for them reads the metadata of every installed
    # distribution at the first model built (~5 ms and ~100 file look-ups per command).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Start-up (importing docgen and its libraries, building the model and rule classes) makes
    # tens of thousands of objects that all live as long as the process: the collector's passes
    # over them took 12-20 ms of a one-file render or check, and found nothing to free. A
    # command on one input runs without it (its work leaves a few hundred objects in cycles,
    # freed at exit); one that runs long or over several inputs turns it back on
    # (`_collect_garbage`).
    gc.disable()
    try:
        cli(prog_name="docgen")
    finally:
        # At exit the interpreter makes one last collection over every object left (a tenth of
        # a one-file render); the operating system frees them anyway. Frozen, they are left out
        # of it. Nothing docgen needs is done by a finaliser: every file, connection and
        # LibreOffice is closed by the command itself.
        gc.freeze()
