"""Reading data files: YAML or JSON in, a validated model or precise problems out.

Every problem names the file, the line and column, the field's path and what is wrong, in
Vietnamese. Text is cleaned on the way in (NFC; XML-illegal characters removed with a
warning that says where). Dates stay text until the model parses them, so an impossible
date is reported by the model with its position, never by the YAML parser.
"""
from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from docgen import text as textmod
from docgen.errors import DataError, Finding
from docgen.input import fastyaml, limits

if TYPE_CHECKING:   # ruamel is imported when a file is read with positions (not on the fast path)
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError

FieldPath = tuple[Any, ...]


def _yaml() -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    # Keep dates as text: the model parses them (d/m/yyyy or ISO) with a clear message.
    ctor = yaml.constructor
    ctor.add_constructor("tag:yaml.org,2002:timestamp", type(ctor).construct_yaml_str)
    return yaml


@dataclass
class SourceTree:
    """Parsed data with the positions of its keys and values, and the problems found so far.
    A `fast` tree was read without positions; it is only kept when nothing is wrong."""

    file: str
    data: Any
    problems: list[Finding] = field(default_factory=list)
    fast: bool = False

    def position(self, path: FieldPath) -> tuple[int | None, int | None, str]:
        """Returns ``(line, column, field)`` for a model error path.

        Elements of `path` that are not keys or indexes of the data (pydantic's union tags)
        are skipped; where the path leaves the data (a missing key) the position is that of
        the last mapping reached. Lines and columns are 1-based.
        """
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        node = self.data
        line, col = 1, 1
        if isinstance(node, (CommentedMap, CommentedSeq)):
            line, col = node.lc.line + 1, node.lc.col + 1
        shown: list[str] = []
        for step in path:
            if isinstance(node, CommentedMap) and isinstance(step, str) and step in node:
                vl, vc = node.lc.value(step) if node.lc.data.get(step) else node.lc.key(step)
                if vl is None:
                    vl, vc = node.lc.key(step)
                line, col = vl + 1, vc + 1
                node = node[step]
                shown.append(step if not shown else f".{step}")
            elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
                il, ic = node.lc.item(step)
                line, col = il + 1, ic + 1
                node = node[step]
                shown.append(f"[{step}]")
            elif isinstance(node, (dict, CommentedMap)) and isinstance(step, str) and not _is_tag(step):
                shown.append(step if not shown else f".{step}")
                node = None
            else:
                continue
        return line, col, "".join(shown)

    def problem(self, path: FieldPath, message: str, severity: str = "loi") -> Finding:
        line, col, name = self.position(path)
        return Finding(textmod.shorten_quoted(message), self.file, line, col, name, severity)


_TAGS = {"khoi_doan", "khoi_muc", "khoi_liet_ke", "chuoi", "bang", "theo_ma", "day_du"}


def _is_tag(step: str) -> bool:
    return step in _TAGS or "[" in step


def read_tree(path: Path, display: str | None = None, fast: bool = False) -> SourceTree:
    """Returns the parsed file (YAML or JSON), its text cleaned, with warnings for what was cleaned.

    Raises `DataError` for a missing or unreadable file and for a syntax error (with its line).
    """
    name = display or str(path)
    return parse_text(read_bytes(path, name), name, fast)


def read_bytes(path: Path, name: str) -> bytes:
    """Returns the bytes of a data file; raises `DataError` (named `name`) when it cannot
    (missing, unreadable, a folder, over `limits.MAX_FILE_BYTES`)."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(limits.MAX_FILE_BYTES + 1)
        limits.check_size(raw, name)
        return raw
    except FileNotFoundError:
        raise DataError([Finding("không tìm thấy tệp dữ liệu", name)]) from None
    except OSError as exc:
        raise DataError([Finding(f"không đọc được tệp: {exc.strerror or type(exc).__name__}", name)]) from None


def decode(raw: bytes, name: str) -> str:
    """Returns the text of a UTF-8 data file (a leading BOM dropped); raises `DataError` naming
    the line and column of the first byte that is not UTF-8."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line_start = raw.rfind(b"\n", 0, start) + 1
        column = len(raw[line_start:start].decode("utf-8", "replace")) + 1
        raise DataError([Finding(
            f"tệp không phải UTF-8 (byte 0x{raw[start]:02X} không đọc được); hãy lưu lại với bảng mã UTF-8",
            name, raw.count(b"\n", 0, start) + 1, column)]) from None


_JSON_MESSAGES = {
    "Expecting value": "thiếu giá trị (hoặc giá trị không hợp lệ: chuỗi phải đặt trong dấu nháy kép)",
    "Expecting ',' delimiter": "thiếu dấu ',' giữa hai mục",
    "Expecting ':' delimiter": "thiếu dấu ':' sau tên khóa",
    "Expecting property name enclosed in double quotes": "tên khóa phải đặt trong dấu nháy kép (hoặc thừa dấu ',' cuối)",
    "Unterminated string starting at": "chuỗi chưa đóng dấu nháy kép",
    "Extra data": "thừa nội dung sau khi dữ liệu đã kết thúc",
    "Invalid \\escape": "ký tự thoát '\\' không hợp lệ trong chuỗi",
    "Invalid control character at": "ký tự điều khiển trong chuỗi (xuống dòng trong chuỗi phải viết \\n)",
}


def _check_json(text: str, name: str) -> None:
    """Raises `DataError` with the line and column of a JSON syntax error (JSON errors are
    named JSON errors, not YAML ones)."""
    def whole(digits: str) -> int:
        if len(digits.lstrip("-")) > limits.MAX_DIGITS:
            raise ValueError(digits)
        return int(digits)

    import json  # here: only a file the fast reader left (rare) is read by this check

    try:
        json.loads(text, parse_int=whole)
    except json.JSONDecodeError as exc:
        message = _JSON_MESSAGES.get(exc.msg, exc.msg)
        raise DataError([Finding(f"lỗi cú pháp JSON: {message}", name, exc.lineno, exc.colno)]) from None
    except RecursionError:
        raise DataError([Finding(f"dữ liệu lồng nhau quá {limits.MAX_DEPTH} cấp", name)]) from None
    except ValueError as exc:
        raise DataError([Finding(f"số quá lớn ({len(str(exc))} chữ số; tối đa {limits.MAX_DIGITS})", name)]) from None


def parse_text(raw: bytes | str, name: str, fast: bool = False) -> SourceTree:
    """Returns the parsed text of a data file named `name` (see `read_tree`). With `fast`,
    a file that libyaml reads exactly as ruamel would is read without positions
    (`docgen.input.fastyaml`); anything else is read with positions."""
    limits.check_size(raw, name)
    if isinstance(raw, bytes):
        raw = decode(raw, name)
    bad = textmod.illegal_characters(raw)
    is_json = name.lower().endswith(".json")
    if fast and not bad:
        # The file is parsed once: its bounds are checked on the data read (an anchor, which
        # aliases may expand, is checked on the parser's events first); a file past a bound,
        # or one the fast reader cannot promise, is read again below, which says where.
        anchors = "&" in raw
        if anchors:
            limits.check_bounds(raw, name)
        try:
            data = fastyaml.load(raw, json_only=is_json)
            if (isinstance(data, dict) and (anchors or limits.plain_within(data))
                    and _clean_plain(data, escapes="\\" in raw)):
                return SourceTree(name, data, fast=True)
        except fastyaml.Unsure:
            pass
    cleaned = textmod.clean(raw) if bad else raw
    limits.check_bounds(cleaned, name)
    if is_json:
        _check_json(cleaned, name)
    from ruamel.yaml.composer import ReusedAnchorWarning
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    tree = SourceTree(name, None)
    if bad:
        # The YAML reader refuses these outright; find them first so the clerk learns where.
        for lineno, line in enumerate(raw.split("\n"), 1):
            found = textmod.illegal_characters(line)
            if found:
                col = next(i for i, ch in enumerate(line, 1) if ch in found)
                tree.problems.append(Finding(
                    f"đã bỏ ký tự điều khiển không hợp lệ trong văn bản ({textmod.describe_characters(found)})",
                    name, lineno, col, "", "canh_bao"))
        raw = cleaned
    try:
        with warnings.catch_warnings(), fastyaml.gc_paused():   # an anchor defined again: YAML lets the later one win
            warnings.simplefilter("ignore", ReusedAnchorWarning)
            tree.data = _yaml().load(raw)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        raise DataError([Finding(f"khóa bị lặp lại: {_quoted_key(exc)}; mỗi khóa chỉ được ghi một lần trong một bảng",
                                 name, mark.line + 1, mark.column + 1)]) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = _syntax_message(exc) + _quote_hint(raw, mark.line if mark else None)
        raise DataError([Finding(problem, name, mark.line + 1 if mark else None,
                                 mark.column + 1 if mark else None)]) from None
    except YAMLError as exc:
        raise DataError([Finding(f"lỗi cú pháp YAML: {exc}", name)]) from None
    except NotImplementedError as exc:   # ruamel keeps comments in place, and gives up on a few layouts
        where = _COMMENT_LINE.search(str(exc))
        comment_line = int(where.group(1)) + 1 if where else None
        raise DataError([Finding("docgen không giữ được chú thích (# ...) ở dòng này: dòng sau nó viết tiếp giá trị; "
                                 "hãy đặt chú thích trên một dòng riêng, hoặc viết giá trị ngay sau dấu ':'",
                                 name, comment_line)]) from None
    if tree.data is None:
        raise DataError([Finding("tệp dữ liệu rỗng", name)])
    _clean_strings(tree, tree.data, ())
    return tree


_COMMENT_LINE = re.compile(r"CommentToken\(.*?line: (\d+), col: \d+")


def _quoted_key(exc: DuplicateKeyError) -> str:
    found = re.search(r'"([^"]*)"', str(exc.problem or ""))
    return f"'{found.group(1)}'" if found else "?"


def _syntax_message(exc: MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    known = {
        "could not find expected ':'": "thiếu dấu ':' sau tên khóa",
        "mapping values are not allowed here": "dấu ':' không đúng chỗ (giá trị có dấu ':' cần đặt trong dấu nháy)",
        "found character '\\t' that cannot start any token": "không dùng phím Tab để thụt lề; dùng dấu cách",
        "did not find expected key": "thụt lề không thẳng hàng hoặc thiếu tên khóa",
        "did not find expected '-' indicator": "thụt lề của danh sách không thẳng hàng",
        "expected <block end>, but found '-'": "dòng '- ' thụt lề không đúng",
        "expected <block end>, but found": "thụt lề không thẳng hàng hoặc một chuỗi chưa đóng dấu nháy",
        "expected ',' or ']'": "danh sách trong ngoặc vuông chưa đóng bằng ']'",
        "expected the node content": "thiếu giá trị (tệp kết thúc hoặc xuống dòng giữa chừng)",
        "expected ',' or '}'": "bảng trong ngoặc nhọn chưa đóng bằng '}'",
        "found unknown escape character": "chuỗi trong dấu nháy kép có ký tự thoát '\\' không hợp lệ",
        "found unexpected end of stream": "chuỗi trong dấu nháy chưa đóng",
        "found character that cannot start any token": "ký tự không được đứng đầu giá trị (hãy đặt giá trị trong dấu nháy)",
    }
    for english, vietnamese in known.items():
        if problem.startswith(english):
            return f"lỗi cú pháp YAML: {vietnamese}"
    context = (exc.context or "").strip()
    if context.startswith("while scanning a quoted scalar"):
        return "lỗi cú pháp YAML: chuỗi trong dấu nháy chưa đóng"
    return f"lỗi cú pháp YAML: {problem or exc}"


_OPENS_QUOTE = re.compile(r'^\s*(?:-\s+)?(?:[^"\s#][^:#"]*:\s+)?"(?P<rest>.*)$')


def _quote_hint(raw: str, error_line: int | None) -> str:
    """Returns a hint naming the nearest line above the error whose value opens a double
    quote and does not close it on that line (the usual way a clerk breaks a YAML file)."""
    if error_line is None:
        return ""
    lines = raw.split("\n")
    for index in range(min(error_line, len(lines)) - 1, -1, -1):
        match = _OPENS_QUOTE.match(lines[index])
        if match and not re.search(r'(?<!\\)"', match.group("rest")):
            return f" (có thể thiếu dấu nháy kép đóng ở dòng {index + 1})"
    return ""


def _clean_plain(node: Any, escapes: bool = True) -> bool:
    """Puts every string of plain data in NFC; returns False when one holds a character
    that must be removed with a warning (the positioned reading does that). Without
    `escapes` (no backslash in a text already free of such characters) none can hold one."""
    slots = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(slots):
        if isinstance(value, str):
            if escapes and textmod.illegal_characters(value):
                return False
            node[key] = textmod.clean(value) if escapes else unicodedata.normalize("NFC", value)
        elif not _clean_plain(value, escapes):
            return False
    return True


def _clean_strings(tree: SourceTree, node: Any, path: FieldPath) -> None:
    """Cleans every string value in place; warns where escapes (``"\\x07"``) put illegal characters."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        slots = list(node.items())
    elif isinstance(node, CommentedSeq):
        slots = list(enumerate(node))
    else:
        return
    for key, value in slots:
        if isinstance(value, str):
            bad = textmod.illegal_characters(value)
            if bad:
                tree.problems.append(tree.problem(path + (key,), (
                    f"đã bỏ ký tự điều khiển không hợp lệ trong văn bản ({textmod.describe_characters(bad)})"),
                    "canh_bao"))
            node[key] = textmod.clean(value)
        else:
            _clean_strings(tree, value, path + (key,))


def read_plain(path: Path) -> Any:
    """Returns a YAML file as plain Python data (for profiles); raises `DataError`."""
    return _plain(read_tree(path, fast=True).data)


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


# ---------------------------------------------------------------------------- validation

_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "string_type": "phải là chuỗi văn bản",
    "string_too_short": "không được để trống",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "bool_type": "phải là true (có) hoặc false (không)",
    "bool_parsing": "phải là true (có) hoặc false (không)",
    "list_type": "phải là một danh sách (mỗi mục một dòng bắt đầu bằng '- ')",
    "dict_type": "phải là một bảng khóa: giá trị",
    "model_type": "phải là một bảng khóa: giá trị",
    "model_attributes_type": "phải là một bảng khóa: giá trị",
    "date_type": "phải là ngày dạng ngày/tháng/năm, ví dụ 17/01/2022",
    "noi_dung_khong_ro": ("khối nội dung phải là một đoạn văn (chuỗi), một mục {tieu_de, noi_dung} "
                          "hoặc một danh sách {liet_ke}"),
    "union_tag_invalid": "giá trị không đúng dạng",
}


def _message(err: Any, known_keys: Iterable[str]) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if kind == "missing":
        return f"thiếu trường bắt buộc '{err['loc'][-1]}'"
    if kind == "extra_forbidden":
        key = str(err["loc"][-1])
        close = textmod.close_words(key, list(known_keys), n=1, cutoff=0.6)
        hint = f"; có phải ý là '{close[0]}'?" if close else ""
        return f"trường '{key}' không có trong mẫu văn bản{hint}"
    if kind == "literal_error":
        return f"giá trị '{value}' không hợp lệ; chọn một trong: {ctx.get('expected', '')}"
    if kind == "too_short":
        return f"cần ít nhất {ctx.get('min_length')} mục"
    if kind == "too_long":
        return f"nhiều nhất {ctx.get('max_length')} mục"
    if kind == "string_pattern_mismatch":
        return f"'{value}' không đúng dạng (dạng yêu cầu: {ctx.get('pattern')})"
    if kind == "greater_than_equal":
        return f"phải từ {ctx.get('ge')} trở lên"
    if kind == "less_than_equal":
        return f"không được lớn hơn {ctx.get('le')}"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", err["msg"]))
    return _MESSAGES.get(kind, err["msg"])


def aliases_of(model: type[BaseModel]) -> set[str]:
    """Returns every key (alias) a model and its parts accept: the vocabulary for 'did you mean'."""
    seen: set[str] = set()

    def walk(m: type[BaseModel]) -> None:
        for name, info in m.model_fields.items():
            seen.add(info.alias or name)
        for info in m.model_fields.values():
            for sub in _models_in(info.annotation):
                if (sub.__name__, id(sub)) not in visited:
                    visited.add((sub.__name__, id(sub)))
                    walk(sub)

    visited: set = set()
    walk(model)
    return seen


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    import typing

    found = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    for arg in typing.get_args(annotation):
        found.extend(_models_in(arg))
    return found


def validate(tree: SourceTree, model: type[BaseModel], data: Any | None = None) -> BaseModel:
    """Returns `model` built from `tree` (or `data`); raises `DataError` with every problem."""
    try:
        return model.model_validate(tree.data if data is None else data)
    except ValidationError as exc:
        keys = aliases_of(model)
        problems = []
        for err in exc.errors():
            problems.append(tree.problem(err["loc"], _message(err, keys)))
        raise DataError(_dedupe(problems) + [p for p in tree.problems if p.is_error]) from None


def _dedupe(problems: list[Finding]) -> list[Finding]:
    out, seen = [], set()
    for p in problems:
        key = (p.line, p.column, p.field, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
