"""A fast reader for data files that are right: libyaml's C parser (PyYAML) with the
resolvers of the YAML 1.2 core schema, the schema ruamel (docgen's reader with positions)
uses. It gives the same plain data as `docgen.input.loader` for any file it accepts; it refuses
(`Unsure`) whatever it cannot read the same way — duplicate keys, a number written with a
dotted thousands part, a tag — and then the caller reads the file with ruamel, which knows
positions and says what is wrong. Checked against ruamel by a differential test.
"""
from __future__ import annotations

import re

import yaml

# libyaml's loader where PyYAML has it; the pure-Python one is as correct, only slower
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Unsure(Exception):
    """The fast reader cannot promise ruamel's reading of this file."""


class _Loader(_Base):
    pass


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


def load(text: str):
    """Returns the plain data of `text`; raises `Unsure` when ruamel must read it instead."""
    if _EXPLICIT_TAG.search(text):
        raise Unsure("an explicit tag (or a '!' where one could be)")
    try:
        return yaml.load(text, Loader=_Loader)
    except Unsure:
        raise
    except yaml.YAMLError as exc:
        raise Unsure(str(exc)) from None
