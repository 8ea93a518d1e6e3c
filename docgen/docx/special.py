"""Characters of docgen's text that Word writes as elements of their own (no python-docx here:
a render from prepared templates must not need to import it)."""
from __future__ import annotations

from docgen.rules.lines import NB_HYPHEN

_NB_HYPHEN_XML = '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">'


def word_special_characters(body_xml: str) -> str:
    """Returns rendered WordprocessingML with each U+2011 (a hyphen that must not break a
    line, `docgen.rules.lines.NB_HYPHEN`) written as Word's own ``<w:noBreakHyphen/>``, which
    every Word and LibreOffice shows with the font's hyphen and which readers read as ``-``."""
    if NB_HYPHEN not in body_xml:
        return body_xml
    return body_xml.replace(NB_HYPHEN, _NB_HYPHEN_XML)


_BREAK_XML = '</w:t><w:br/><w:t xml:space="preserve">'


def line_breaks(body_xml: str, joined: tuple[str, ...] = ()) -> str:
    """Returns rendered WordprocessingML whose newlines — each inside a text run, where docgen
    broke a line between phrases — are Word's line breaks, written exactly as docxtpl's
    ``resolve_listing`` writes them. A newline followed by one of `joined` is dropped instead
    (the line split of a template's source, undone in the same pass over the text)."""
    if "\n" not in body_xml:
        return body_xml
    if not joined:
        return body_xml.replace("\n", _BREAK_XML)
    pieces = body_xml.split("\n")
    return pieces[0] + "".join(piece if piece.startswith(joined) else _BREAK_XML + piece for piece in pieces[1:])
