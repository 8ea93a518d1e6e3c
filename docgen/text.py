"""Cleaning of text that users type: NFC, XML-legal characters, tidy whitespace.

Policy (documented in the README): characters that XML 1.0 forbids (C0 controls other
than tab, line feed and carriage return; U+FFFE, U+FFFF; lone surrogates) and the C1
controls and DEL (U+007F–U+009F, which YAML refuses and Word does not show) are removed
with a warning, never rejected, because they arrive by copy and paste from Word and PDF
files where the clerk cannot see them. A vertical tab, form feed or next-line (Word's
manual line and page breaks when copied) becomes a space, so the words on both sides
stay apart.
"""
from __future__ import annotations

import re
import unicodedata

_BREAK_LIKE = {"\x0b": " ", "\x0c": " ", "\x85": " "}
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"\s+")
_ITEM_LEAD = re.compile(r"^[\s\-–—•+]+")
_ITEM_TAIL = re.compile(r"[\s,;.]+$")


def illegal_characters(text: str) -> list[str]:
    """Returns the XML-illegal characters of `text`, each once, in order of appearance."""
    seen: list[str] = []
    for ch in _ILLEGAL.findall(text):
        if ch not in seen:
            seen.append(ch)
    return seen


def clean(text: str) -> str:
    """Returns `text` in NFC with XML-illegal characters removed (breaks become spaces)."""
    text = _ILLEGAL.sub(lambda m: _BREAK_LIKE.get(m.group(), ""), text)
    return unicodedata.normalize("NFC", text)


def one_line(text: str) -> str:
    """Returns `text` with every run of white space (line breaks too) folded to one space."""
    # str.split() and the regex ``\s`` know the same white space (Py_UNICODE_ISSPACE); the
    # split is several times faster than a substitution over the whole text. Most texts are
    # one line already: a printable text (white space other than the ASCII space is never
    # printable) with no double, leading or trailing space is returned as it is, which is three
    # times faster again than splitting Vietnamese text.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def bare_item(text: str) -> str:
    """Returns a list item without the dash or bullet typed before it and the ``,;.`` after it,
    so that the rule which writes the item adds them exactly once."""
    return _ITEM_TAIL.sub("", _ITEM_LEAD.sub("", text))


def close_words(word: str, choices: list[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Returns up to `n` of `choices` that look like `word`, closest first (for the "có phải
    ý là ...?" of a message). difflib is loaded here, by the rare message that needs it."""
    import difflib

    return difflib.get_close_matches(word, choices, n=n, cutoff=cutoff)


def describe_characters(chars: list[str]) -> str:
    """Returns the characters as ``U+000B, U+0007`` for messages."""
    return ", ".join(f"U+{ord(c):04X}" for c in chars)


def strip_accents(text: str) -> str:
    """Returns `text` without Vietnamese diacritics, lower-cased (for matching, not output)."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn").lower()


_QUOTED = re.compile(r"(?:^|(?<=[\s(\[:]))(?:'([^'\n]{81,})'|«([^»\n]{81,})»)(?=$|[\s)\],.;:!?…])")


def excerpt(value: str, width: int = 40) -> str:
    """Returns `value` on one line cut to `width` characters (``…`` where cut): as much of
    what a user typed as a message may echo."""
    value = one_line(value)
    return value if len(value) <= width else value[: width - 1] + "…"


def shorten_quoted(message: str, width: int = 80) -> str:
    """Returns `message` with each value quoted in it ('…' or «…») longer than `width`
    characters cut to an excerpt, so a message never echoes a long value whole."""
    def cut(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return f"'{excerpt(match.group(1), width)}'"
        return f"«{excerpt(match.group(2), width)}»"

    return _QUOTED.sub(cut, message)
