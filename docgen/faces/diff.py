"""What changed between two drafts: paragraphs added, removed and changed, with the changed
words marked. The paragraphs come from `docgen.core.Core.paragraphs` (a data file rendered in
memory, or a .docx opened by the guarded opener)."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

SIMILAR = 0.5   # paragraphs at least this alike are "changed", not "removed + added"


@dataclass(frozen=True)
class Change:
    """One difference: ``them`` (added), ``bo`` (removed) or ``sua`` (changed, with `words`)."""

    kind: str
    old: str | None
    new: str | None
    words: list[tuple[str, str]] | None = None   # (``=``, ``-`` or ``+``, text)


def word_changes(old: str, new: str) -> list[tuple[str, str]]:
    """Returns the words of two versions of a paragraph as ``(op, text)`` runs."""
    a, b = old.split(), new.split()
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("=", " ".join(a[i1:i2])))
        else:
            if i2 > i1:
                runs.append(("-", " ".join(a[i1:i2])))
            if j2 > j1:
                runs.append(("+", " ".join(b[j1:j2])))
    return runs


def compare(old: list[str], new: list[str]) -> list[Change]:
    """Returns the changes that turn the paragraphs `old` into `new`, in reading order."""
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        removed, added = old[i1:i2], new[j1:j2]
        if len(removed) == len(added):   # as many on each side: the same paragraphs, edited
            changes += [Change("sua", a, b, word_changes(a, b)) for a, b in zip(removed, added, strict=False)]
            continue
        while removed or added:
            if removed and added and difflib.SequenceMatcher(a=removed[0], b=added[0]).ratio() >= SIMILAR:
                changes.append(Change("sua", removed[0], added[0], word_changes(removed[0], added[0])))
                removed, added = removed[1:], added[1:]
            elif removed and (not added or len(removed) >= len(added)):
                changes.append(Change("bo", removed[0], None))
                removed = removed[1:]
            else:
                changes.append(Change("them", None, added[0]))
                added = added[1:]
    return changes


def as_text(changes: list[Change], color: bool = False) -> str:
    """Returns the changes for a terminal: ``+`` added, ``-`` removed, ``~`` changed with
    ``[-old words-]{+new words+}`` (in colour when `color`)."""
    import click

    def mark(op: str, text: str) -> str:
        if op == "-":
            return click.style(f"[-{text}-]", fg="red") if color else f"[-{text}-]"
        if op == "+":
            return click.style(f"{{+{text}+}}", fg="green") if color else f"{{+{text}+}}"
        return text

    lines = []
    for change in changes:
        if change.kind == "them":
            lines.append(click.style(f"+ {change.new}", fg="green") if color else f"+ {change.new}")
        elif change.kind == "bo":
            lines.append(click.style(f"- {change.old}", fg="red") if color else f"- {change.old}")
        else:
            lines.append("~ " + " ".join(mark(op, text) for op, text in change.words or []))
    counts = {k: sum(1 for c in changes if c.kind == k) for k in ("them", "bo", "sua")}
    lines.append(f"{counts['them']} đoạn thêm, {counts['bo']} đoạn bỏ, {counts['sua']} đoạn sửa")
    return "\n".join(lines)


def as_html(old: list[str], new: list[str], old_name: str, new_name: str) -> str:
    """Returns a side-by-side HTML page of the two versions, changes highlighted."""
    page = difflib.HtmlDiff(wrapcolumn=70).make_file(old, new, old_name, new_name, context=False)
    page = re.sub(r'<meta http-equiv="Content-Type"\s+content="text/html; charset=[^"]*" />', '<meta charset="utf-8" />', page)
    return page.replace("<html>", '<html lang="vi">', 1)
