"""The body of a document as one tree every kind produces: headings and paragraphs, each
text with the data path it came from.

A plan's body is its ``noi_dung`` tree as typed; a programme's or a report's body is built
from structured fields (purposes, coordination items, results...). Rendering numbers the
headings from their positions; checking walks the same tree and reports at the paths.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from docgen.model.common import BulletItem, BulletList, InlineList, NumberedParagraph, Section, TableBlock

Path = tuple[Any, ...]


@dataclass
class Para:
    """A paragraph: ``doan`` (body text), ``gach1`` (``-``) or ``gach2`` (``+``)."""

    text: str
    path: Path
    style: str = "doan"


@dataclass
class Heading:
    """A numbered heading. `path` locates its title in the data, ``None`` when docgen wrote
    the title itself (a customary heading such as ``MỤC ĐÍCH, YÊU CẦU``). A `paragraph` heading
    is a numbered paragraph (``1. Hội nghị thống nhất ...``): numbered like a heading at its
    level, printed as body text, its children one level down."""

    title: str
    path: Path | None
    children: list["Node"] = field(default_factory=list)
    paragraph: bool = False
    article: bool = False   # an article of a decision: "Điều 1." bold, its clauses numbered anew


@dataclass
class TableNode:
    """A table in the body, as the data gives it (rows of cells, group rows, total rows)."""

    table: Any
    path: Path


Node = Heading | Para | TableNode


def from_nodes(nodes: list[Any], path: Path) -> list[Node]:
    """Returns the outline of a user's content list (``noi_dung``) found at `path`."""
    out: list[Node] = []
    for i, node in enumerate(nodes):
        here = path + (i,)
        if isinstance(node, str):   # most nodes; tested first (pydantic models' isinstance is slow)
            out.append(Para(node, here))
        elif isinstance(node, Section):
            out.append(Heading(node.title, here + ("tieu_de",), from_nodes(node.content, here + ("noi_dung",))))
        elif isinstance(node, NumberedParagraph):
            out.append(Heading(node.text, here + ("doan_so",), from_nodes(node.content, here + ("noi_dung",)),
                               paragraph=True))
        elif isinstance(node, InlineList):
            out.append(Para(node.text(), here))
        elif isinstance(node, TableBlock):
            out.append(TableNode(node.table, here + ("bang",)))
        elif isinstance(node, BulletList):
            for j, item in enumerate(node.items):
                if isinstance(item, BulletItem):
                    out.append(Para(item.text, here + ("liet_ke", j, "doan"), "gach1"))
                    out.extend(Para(sub, here + ("liet_ke", j, "liet_ke", k), "gach2")
                               for k, sub in enumerate(item.items))
                else:
                    out.append(Para(item, here + ("liet_ke", j), "gach1"))
        else:
            out.append(Para(node, here))
    return out


def paragraphs(texts: list[str], path: Path) -> list[Node]:
    """Returns plain paragraphs for a list of strings found at `path`."""
    return [Para(text, path + (i,)) for i, text in enumerate(texts)]


def walk(nodes: list[Node], depth: int = 1) -> Iterator[tuple[int, Node]]:
    """Yields ``(depth, node)`` for every node in reading order (headings before children)."""
    for node in nodes:
        yield depth, node
        if isinstance(node, Heading):
            yield from walk(node.children, depth + 1)
