"""The bounds of a data file, checked while it is read and before anything is built from it.

A file is read once as a stream of YAML events (libyaml's C parser; ruamel's when libyaml
cannot parse the file), which never recurses, so a file nested a thousand levels deep, an
alias bomb or a megabyte string is refused with its line, column and field before the
loader, the model or the renderer walks it. Aliases are counted as expanded: a small file
whose aliases name aliases cannot grow past `MAX_NODES`. The limits are far above any real
document (the largest example: depth 10, 600 values, 1,100 characters in one text).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from docgen.errors import DataError, Finding
from docgen.text import excerpt

MAX_FILE_BYTES = 10 * 1024 * 1024   # one data file
MAX_DEPTH = 32                      # nested mappings and lists
MAX_NODES = 200_000                 # values, with every alias counted as expanded
MAX_ITEMS = 20_000                  # entries of one mapping or list
MAX_TEXT = 100_000                  # characters of one value
MAX_DIGITS = 30                     # digits of one whole number

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = {None, "!", *(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq"))}
_NUMBER = re.compile(r"^[-+]?(?:0[xob])?[0-9a-fA-F_]+$")


@dataclass
class _Frame:
    """An open mapping or sequence of the scan: where it is and what it has counted."""

    mapping: bool
    path: tuple[str, ...]
    anchor: str | None
    depth: int
    items: int = 0
    nodes: int = 1
    height: int = 1
    key: str | None = None
    expect_key: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


def number_digits(plain: str) -> int:
    """Returns the digits of a plain (unquoted) value written as a whole number (decimal, hex,
    octal or binary, with ``_`` separators) when they may be too many, else 0."""
    return sum(c.isalnum() for c in plain) if len(plain) > MAX_DIGITS and _NUMBER.match(plain) else 0


def plain_within(data: Any) -> bool:
    """Returns whether plain data (as read, without positions) is within every limit but the
    file's size and the digits of plain numbers, which its reader checks: depth, values
    (aliases expanded), entries of one collection, characters of one text, digits of one
    whole number. Data past a limit is read again by `check_bounds`, which says where."""
    budget = [MAX_NODES - 1]

    def within(node: Any, depth: int) -> bool:
        if depth > MAX_DEPTH or len(node) > MAX_ITEMS:
            return False
        budget[0] -= len(node) * (2 if isinstance(node, dict) else 1)   # keys are values too
        if budget[0] < 0:
            return False
        for key, value in node.items() if isinstance(node, dict) else enumerate(node):
            if isinstance(value, (dict, list)):
                if not within(value, depth + 1):
                    return False
            elif isinstance(value, str):
                if len(value) > MAX_TEXT:
                    return False
            elif type(value) is int and (value > _BIGGEST or value < -_BIGGEST):
                return False
            if type(key) is str and len(key) > MAX_TEXT:
                return False
        return True

    return isinstance(data, (dict, list)) and within(data, 1)


_BIGGEST = 10 ** MAX_DIGITS - 1


def check_size(raw: bytes | str, name: str) -> None:
    """Raises `DataError` when the text of a data file is over `MAX_FILE_BYTES`."""
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    if size > MAX_FILE_BYTES:
        raise DataError([Finding(
            f"tệp dữ liệu quá lớn ({size // 1024} KB; tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB)", name)])


def check_bounds(text: str, name: str) -> None:
    """Raises `DataError` naming the line, column and field of the first value of `text` past a
    limit. A file that cannot be parsed is left to the loader, which says where."""
    check_size(text, name)
    try:
        _scan(yaml.parse(text, Loader=_Parser), name)
        return
    except yaml.YAMLError:
        pass
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        _scan(YAML(typ="rt").parse(text), name)
    except YAMLError:
        return


def _where(event: Any) -> tuple[int | None, int | None]:
    mark = getattr(event, "start_mark", None)
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)


def _field(path: tuple[str, ...]) -> str:
    shown = "".join(p if p.startswith("[") or i == 0 else f".{p}" for i, p in enumerate(path))
    return shown if len(shown) <= 120 else "…" + shown[-119:]


def _scan(events: Any, name: str) -> None:
    stack: list[_Frame] = []
    anchors: dict[str, tuple[int, int]] = {}   # anchor -> (expanded nodes, height)
    total = 0

    def refuse(event: Any, path: tuple[str, ...], message: str) -> None:
        line, column = _where(event)
        raise DataError([Finding(message, name, line, column, _field(path))])

    def child_path() -> tuple[str, ...]:
        if not stack:
            return ()
        top = stack[-1]
        if top.mapping:
            return top.path + ((top.key or "?"),) if not top.expect_key else top.path
        return top.path + (f"[{top.items}]",)

    def add(event: Any, nodes: int, height: int) -> None:
        """Adds a finished value (scalar, alias or collection) to the collection holding it."""
        nonlocal total
        if not stack:
            return
        top = stack[-1]
        top.nodes += nodes
        top.height = max(top.height, height + 1)
        if top.mapping:
            top.expect_key = not top.expect_key
            if top.expect_key:
                top.items += 1
        else:
            top.items += 1
        if top.items > MAX_ITEMS:
            refuse(event, top.path, f"quá nhiều mục trong một bảng hay danh sách (tối đa {MAX_ITEMS:,})".replace(",", "."))

    for event in events:
        kind = type(event).__name__
        tag = getattr(event, "tag", None)
        if tag not in _PLAIN_TAGS and kind in ("ScalarEvent", "MappingStartEvent", "SequenceStartEvent"):
            shown = tag.replace("tag:yaml.org,2002:", "!!") if isinstance(tag, str) else "?"
            refuse(event, child_path(), f"thẻ YAML '{excerpt(shown, 40)}' không dùng được trong dữ liệu "
                                        "(dữ liệu chỉ gồm chuỗi, số, true/false, bảng và danh sách)")
        if kind in ("MappingStartEvent", "SequenceStartEvent"):
            path = child_path()
            depth = len(stack) + 1
            if depth > MAX_DEPTH:
                refuse(event, path, f"dữ liệu lồng nhau quá {MAX_DEPTH} cấp")
            total += 1
            stack.append(_Frame(kind == "MappingStartEvent", path, event.anchor, depth))
        elif kind in ("MappingEndEvent", "SequenceEndEvent"):
            done = stack.pop()
            if done.anchor:
                anchors[done.anchor] = (done.nodes, done.height)
            add(event, done.nodes, done.height)
        elif kind == "ScalarEvent":
            path = child_path()
            value = event.value
            if len(value) > MAX_TEXT:
                refuse(event, path, (f"giá trị quá dài ({len(value):,} ký tự; tối đa {MAX_TEXT:,})").replace(",", "."))
            plain = event.implicit[0] if isinstance(event.implicit, tuple) else bool(event.implicit)
            digits = number_digits(value) if plain and event.tag is None else 0
            if digits > MAX_DIGITS:
                refuse(event, path, f"số quá lớn ({digits} chữ số; tối đa {MAX_DIGITS}); "
                                    "nếu là văn bản, hãy đặt trong dấu nháy")
            if stack and stack[-1].mapping and stack[-1].expect_key:
                stack[-1].key = excerpt(value, 60)
            total += 1
            if event.anchor:
                anchors[event.anchor] = (1, 1)
            add(event, 1, 1)
        elif kind == "AliasEvent":
            nodes, height = anchors.get(event.anchor, (1, 1))
            path = child_path()
            if len(stack) + height > MAX_DEPTH:
                refuse(event, path, f"dữ liệu lồng nhau quá {MAX_DEPTH} cấp (tính cả bí danh *{excerpt(event.anchor, 30)})")
            total += nodes
            if total > MAX_NODES:
                refuse(event, path, (
                    f"bí danh (*{excerpt(event.anchor, 30)}) làm dữ liệu quá lớn: hơn {MAX_NODES:,} giá trị khi "
                    "mở rộng; hãy ghi dữ liệu trực tiếp").replace(",", "."))
            add(event, nodes, height)
        if total > MAX_NODES:
            refuse(event, child_path(), f"tệp dữ liệu có quá nhiều giá trị (tối đa {MAX_NODES:,})".replace(",", "."))
