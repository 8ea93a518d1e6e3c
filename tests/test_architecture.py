"""The shape of the code, checked: no import cycle, WordprocessingML only in ``docgen/docx/``,
and exit codes decided only by the CLI's one handler. (The layer contracts themselves are
import-linter's, run by ``.ci/run``: ``lint-imports``.)"""
from __future__ import annotations

import ast
from pathlib import Path

import grimp

from tests.conftest import ROOT

PACKAGE = ROOT / "docgen"
XML_ATTRIBUTES = {"_element", "_p", "_r", "_tc", "_tbl", "_tr", "_body", "_sectPr", "_rPr", "_pPr"}


def _sources(outside: str | None = None) -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if outside is None or outside not in p.relative_to(PACKAGE).parts]


def test_no_import_cycle_between_any_two_modules():
    graph = grimp.build_graph("docgen", exclude_type_checking_imports=True)
    cycles = sorted({tuple(sorted((a, b))) for a in graph.modules for b in graph.find_modules_directly_imported_by(a)
                     if graph.chain_exists(importer=b, imported=a)})
    assert cycles == []


def _xml_touches(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in XML_ATTRIBUTES:
            found.append(f"{path.name}:{node.lineno} .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in ("qn", "OxmlElement"):
            found.append(f"{path.name}:{node.lineno} {node.id}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                (node.value.startswith("w:") or "<w:" in node.value) and not _is_docstring(tree, node):
            found.append(f"{path.name}:{node.lineno} {node.value[:20]!r}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("docx.oxml"):
            found.append(f"{path.name}:{node.lineno} import {node.module}")
    return found


def _is_docstring(tree: ast.Module, node: ast.Constant) -> bool:
    return any(isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)) and n.body and
               isinstance(n.body[0], ast.Expr) and n.body[0].value is node for n in ast.walk(tree))


def test_only_the_docx_layer_names_wordprocessingml():
    touches = [t for path in _sources(outside="docx") for t in _xml_touches(path)]
    assert touches == []


def test_the_check_itself_sees_xml_where_it_is():
    assert _xml_touches(PACKAGE / "docx" / "view.py"), "the check must find the docx layer's own XML access"


def _exits(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    guarded = set()
    for node in ast.walk(tree):   # `if __name__ == "__main__":` of a program run on its own
        if isinstance(node, ast.If) and "__name__" in ast.unparse(node.test):
            guarded |= {id(n) for n in ast.walk(node)}
    return [f"{path.relative_to(PACKAGE)}:{node.lineno}" for node in ast.walk(tree)
            if id(node) not in guarded and (
                (isinstance(node, ast.Name) and node.id == "SystemExit")
                or (isinstance(node, ast.Attribute) and node.attr == "exit" and ast.unparse(node.value) == "sys"))]


def test_no_command_exits_by_itself():
    assert [e for path in _sources() for e in _exits(path)] == []
