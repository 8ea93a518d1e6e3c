"""A fast reader for data files that are right: libyaml's C parser (PyYAML) with the
resolvers of the YAML 1.2 core schema, the schema ruamel (docgen's reader with positions)
uses. It gives the same plain data as `docgen.input.loader` for any file it accepts; it refuses
(`Unsure`) whatever it cannot read the same way — duplicate keys, a number written with a
dotted thousands part, a tag — and then the caller reads the file with ruamel, which knows
positions and says what is wrong. Checked against ruamel by a differential test.

A JSON file is read with the standard library's parser (some fifty times faster than any
YAML parser), under the same promise: a duplicate key, a number written with a dotted
thousands part, an escaped surrogate or a constant such as ``NaN`` is left to ruamel.
Garbage collection is paused while a file is parsed: the parsers make many small objects
that are all kept, and the collector's passes over them made the cost grow faster than the
file.
"""
from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager

import yaml

from docgen.input.limits import MAX_DEPTH, MAX_DIGITS, number_digits

# libyaml's loader where PyYAML has it; the pure-Python one is as correct, only slower
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Unsure(Exception):
    """The fast reader cannot promise ruamel's reading of this file."""


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class _Loader(_Base):
    def resolve(self, kind, value, implicit):
        """PyYAML's resolution without the path resolvers and the wildcard (docgen has none)."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution); dates stay text.
_Loader.yaml_implicit_resolvers = {}
_RESOLVERS = [
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", ["<"]),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", list("~nN") + [""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9][0-9_]*|0o[0-7]+|0x[0-9a-fA-F]+|0b[01_]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+0123456789.")),
]
for tag, pattern, first in _RESOLVERS:
    _Loader.add_implicit_resolver(tag, re.compile(pattern), first)

_THOUSANDS = re.compile(r"^[-+]?[0-9]+\.[0-9]{3}$")


def _int(loader, node):
    text = node.value
    if "_" in text or text.startswith("0b"):
        raise Unsure("an int form only ruamel reads")
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    if re.match(r"^[-+]?0[0-9]", text):
        raise Unsure("leading zero")
    return int(text)


def _float(loader, node):
    text = node.value
    if _THOUSANDS.match(text):
        raise Unsure("a number with a dotted thousands part")
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(text)


def _mapping(loader, node):
    loader.flatten_mapping(node)
    out = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str) or key in out:
            raise Unsure("duplicate or non-text key")
        out[key] = loader.construct_object(value_node, deep=True)
    return out


def _refuse(loader, tag_suffix, node):
    raise Unsure(f"tag {tag_suffix}")


_Loader.add_constructor("tag:yaml.org,2002:int", _int)
_Loader.add_constructor("tag:yaml.org,2002:float", _float)
_Loader.add_constructor("tag:yaml.org,2002:map", _mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)
_Loader.add_multi_constructor("!", _refuse)
_Loader.add_multi_constructor("tag:yaml.org,2002:python", _refuse)


_EXPLICIT_TAG = re.compile(r"(?:^|[\s\[{,:-])!")
_JSON_START = re.compile(r"\s*\{")
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pauses the garbage collector (when it runs) for the block: reading and checking a file
    makes many objects that are all kept (nodes, data, models), and the collector's passes over
    them, ever more as they grow, made the cost grow faster than the file. What the block leaves
    is collected once afterwards. Blocks nest."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def load(text: str, json_only: bool = False):
    """Returns the plain data of `text`; raises `Unsure` when ruamel must read it instead
    (with `json_only`, also when it is not JSON). A plain number with too many digits or
    values nested too deep are left to ruamel too (see `docgen.input.limits`)."""
    if json_only or _JSON_START.match(text):
        try:
            return _load_json(text)
        except RecursionError:
            raise Unsure("nested too deep") from None
        except ValueError:
            if json_only:
                raise Unsure("not JSON") from None
            # not JSON after all (YAML's flow style): read as YAML
    if "!" in text and _EXPLICIT_TAG.search(text):
        raise Unsure("an explicit tag (or a '!' where one could be)")
    try:
        with gc_paused():
            if "&" in text:   # anchors: PyYAML's constructor shares what they share
                return yaml.load(text, Loader=_Loader)
            loader = _Loader(text)
            try:
                node = loader.get_single_node()
                return None if node is None else _build(loader, node, 1)
            finally:
                loader.dispose()
    except Unsure:
        raise
    except yaml.YAMLError as exc:
        raise Unsure(str(exc)) from None


def _build(loader: _Loader, node: yaml.Node, depth: int):
    """Returns the data of `node` as `_Loader`'s constructors make it, without their
    bookkeeping: text, lists and mappings directly, other scalars by the constructors, and
    anything else (a merge key, a tagged collection, a plain number too long, a collection
    nested too deep) left to ruamel."""
    kind = type(node)
    if kind is yaml.ScalarNode:
        if not node.style and number_digits(node.value) > MAX_DIGITS:   # plain: None, or "" in libyaml
            raise Unsure("a number with too many digits")
        return node.value if node.tag == _STR else loader.construct_object(node)
    if depth > MAX_DEPTH:
        raise Unsure("nested too deep")
    if kind is yaml.SequenceNode and node.tag == _SEQ:
        return [_build(loader, item, depth + 1) for item in node.value]
    if kind is yaml.MappingNode and node.tag == _MAP:
        out = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.tag != _STR or key_node.value in out:
                raise Unsure("duplicate, merge or non-text key")
            if not key_node.style and number_digits(key_node.value) > MAX_DIGITS:
                raise Unsure("a number with too many digits")
            out[key_node.value] = _build(loader, value_node, depth + 1)
        return out
    raise Unsure(f"tag {node.tag}")


def _json_object(pairs: list[tuple[str, object]]) -> dict:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise Unsure("duplicate key")
    return out


def _json_float(text: str) -> float:
    if _THOUSANDS.match(text):
        raise Unsure("a number with a dotted thousands part")
    if number_digits(text) > MAX_DIGITS:
        raise Unsure("a number with too many digits")
    return float(text)


def _json_int(text: str) -> int:
    if number_digits(text) > MAX_DIGITS:
        raise Unsure("a number with too many digits")
    return int(text)


def _json_constant(name: str) -> float:
    raise Unsure(f"{name} is not JSON")


def _load_json(text: str):
    """Returns the data of the JSON `text`; raises `ValueError` when it is not JSON and
    `Unsure` when it is but YAML would read it otherwise."""
    if _ESCAPED_SURROGATE.search(text):
        raise Unsure("an escaped surrogate (YAML readers refuse or split it)")
    import json  # here: a YAML file, the usual one, does not load it

    with gc_paused():
        return json.loads(text, object_pairs_hook=_json_object, parse_float=_json_float, parse_int=_json_int,
                          parse_constant=_json_constant)
