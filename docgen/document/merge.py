"""Edits made in Word, written back into the data file they came from.

`merge` takes three trees: the data file as written (a ruamel round-trip tree, so comments and
key order survive), what the importer reads from the data file's own render (`base`), and
what it reads from the edited Word file (`edited`). Only what differs between `base` and
`edited` is written into the data file: a changed paragraph, an item inserted or removed,
a section deleted, a new signer or date, an added task row. What the importer cannot know
(a task's id, a citation written as a catalog reference, a comment) stays as it was.
"""
from __future__ import annotations

import difflib
import io
import json
from collections.abc import MutableMapping, MutableSequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a, ensure_ascii=False, sort_keys=True, default=str) == \
        json.dumps(b, ensure_ascii=False, sort_keys=True, default=str)


def _key(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def merge(target: Any, base: Any, edited: Any, order: list[str] | None = None) -> Any:
    """Returns `target` with the changes from `base` to `edited` applied (in place where
    `target` is a mapping or a list; a new value otherwise)."""
    if _same(base, edited):
        return target
    if isinstance(target, MutableMapping) and isinstance(base, dict) and isinstance(edited, dict):
        for key in list(base):
            if key not in edited and key in target:
                del target[key]
        for key, value in edited.items():
            if key in target and key in base:
                target[key] = merge(target[key], base[key], value)
            elif key in target:
                target[key] = _plain(value)
            else:
                _insert(target, key, _plain(value), order)
        return target
    if isinstance(target, MutableSequence) and isinstance(base, list) and isinstance(edited, list) \
            and len(target) == len(base):
        matcher = difflib.SequenceMatcher(a=[_key(v) for v in base], b=[_key(v) for v in edited], autojunk=False)
        shift = 0
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            if op == "replace" and i2 - i1 == j2 - j1:
                for k in range(i2 - i1):
                    target[i1 + shift + k] = merge(target[i1 + shift + k], base[i1 + k], edited[j1 + k])
                continue
            if op == "replace":   # a different number of items: the closest pairs edited, the rest added or removed
                pairs = min(i2 - i1, j2 - j1)
                for k in range(pairs):
                    target[i1 + shift + k] = merge(target[i1 + shift + k], base[i1 + k], edited[j1 + k])
                i1, j1 = i1 + pairs, j1 + pairs
            for _ in range(i2 - i1):
                del target[i1 + shift]
            for k, value in enumerate(edited[j1:j2]):
                target.insert(i1 + shift + k, _plain(value))
            shift += (j2 - j1) - (i2 - i1)
        return target
    return _plain(edited)


def _insert(target: MutableMapping, key: str, value: Any, order: list[str] | None) -> None:
    """Adds `key` at its place in the schema's order (at the end when the order does not say)."""
    if order and key in order and isinstance(target, CommentedMap):
        later = order[order.index(key) + 1:]
        position = next((i for i, k in enumerate(target) if k in later), len(target))
        target.insert(position, key, value)
    else:
        target[key] = value


def _plain(value: Any) -> Any:
    """Returns a value as round-trip nodes (so it is written in block style like the rest)."""
    if isinstance(value, dict):
        node = CommentedMap()
        for k, v in value.items():
            node[k] = _plain(v)
        return node
    if isinstance(value, list):
        return CommentedSeq(_plain(v) for v in value)
    return value


def _yaml(text: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    offset = 0 if _dash_under_key(text) else 2
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    ctor = yaml.constructor
    ctor.add_constructor("tag:yaml.org,2002:timestamp", type(ctor).construct_yaml_str)
    return yaml


def _dash_under_key(text: str) -> bool:
    """Whether the file writes a list's dashes level with its key (``key:`` then ``- item``)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for before, line in zip(lines, lines[1:], strict=False):
        if before.rstrip().endswith(":") and line.lstrip().startswith("- "):
            return len(line) - len(line.lstrip()) == len(before) - len(before.lstrip())
    return False


def load_round_trip(text: str, json_file: bool) -> Any:
    """Returns the data file's tree: a ruamel round-trip tree (YAML), plain data (JSON)."""
    if json_file:
        return json.loads(text)
    return _yaml(text).load(text)


def dump_round_trip(tree: Any, original: str, json_file: bool) -> str:
    """Returns the data file written back in its own format and indentation."""
    if json_file:
        return json.dumps(tree, ensure_ascii=False, indent=2) + "\n"
    out = io.StringIO()
    _yaml(original).dump(tree, out)
    return out.getvalue()


def as_yaml(data: dict[str, Any], source: str) -> str:
    """Returns imported data as a YAML data file (block style, lists indented as docgen's
    starters are), headed by a comment naming the Word file it came from."""
    out = io.StringIO()
    out.write(f"# Nhập từ {source} bằng docgen import; kiểm tra lại rồi chạy: docgen check <tệp này>\n")
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.dump(_plain(data), out)
    return out.getvalue()
