"""Reading a plain vCard file whole: UTF-8 throughout, no quoted-printable, no ``CHARSET``.

Most files are that plain, and reading them line by line (``vcard_lines``) spends a Python call
on every one of a million lines. Here the whole text is unfolded and decoded at once and each
line read by its head, parsed once per file; any file this cannot vouch for is left to the
line-by-line reading, whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reltui.formats.vcard_lines import (
    HEAD_CACHE_LIMIT,
    QUOTED_PRINTABLE_HINT,
    CardTexts,
    Params,
    TruncatedCardError,
    is_quoted_printable,
    parse_head,
)

# How a plain file's line is read, by its head (the text before the first colon); a wanted
# property's head reads as its name and parameters instead.
_IGNORED = "ignored"  # a property that is not wanted, binary ones included
_BEGIN = "begin"  # BEGIN, if the value is VCARD
_END = "end"  # END, if the value is VCARD
_CAREFUL = "careful"  # a line that only the line-by-line reading reads right
_MARKER_HEAD = re.compile(rb"\s*(BEGIN|END)\s*", re.IGNORECASE)
_MARKER_VALUE = re.compile(rb"\s*VCARD\s*", re.IGNORECASE)
# What bytes.strip() strips, for a line that is blank to logical_lines.
_ASCII_WHITESPACE = " \t\n\r\x0b\x0c"
_FOLD = re.compile(rb"\n[ \t]")
# A fold after a line with no colon: logical_lines drops it (after a blank line) or joins it
# into that line's head, which must then be read whole; and a fold that starts the file.
# (Possessive, as a head ends at its colon: no backtracking into it.)
_FOLD_AFTER_HEADLESS_LINE = re.compile(rb"\n(?:[^ \t\n:][^\n:]*+)?\n[ \t]")
_FOLD_AT_START = re.compile(rb"(?:[^ \t\n:][^\n:]*+)?\n[ \t]|[ \t]")
# Characters split into lines at a time: all of a large file's lines at once take twice its size.
_BLOCK = 1 << 20


def plain_cards(data: bytes, wanted: frozenset[str]) -> list[tuple[int, CardTexts]] | None:
    """Each top-level card's number and the texts of its ``wanted`` properties, read quickly.

    This is for the common file, UTF-8 throughout with no quoted-printable, no ``CHARSET`` and
    no unreadable line: the whole text is unfolded and decoded at once, and each line read by
    its head, parsed once per file. The texts are those ``raw_cards`` and decoding as UTF-8
    give. Returns None for any other file, which ``raw_cards`` reads line by line for its
    charsets, line numbers and warnings. Raises ``TruncatedCardError`` as ``raw_cards`` does.
    """
    text = _unfolded_text(data)
    if text is None:
        return None
    cards: list[tuple[int, CardTexts]] = []
    texts: CardTexts = {}
    depth = number = 0
    kinds: dict[str, tuple[str, Params] | str] = {}
    for line in _lines(text):
        head, colon, value = line.partition(":")
        if not colon:
            if line.strip(_ASCII_WHITESPACE):
                return None  # an unreadable line, which has a warning with its line number
            continue
        kind = kinds.get(head)
        if kind is None:
            kind = _head_kind(head, wanted)
            if len(kinds) < HEAD_CACHE_LIMIT:
                kinds[head] = kind
        if type(kind) is tuple:
            if depth == 1:
                name, params = kind
                texts.setdefault(name, []).append((value, params))
        elif kind is _BEGIN and _is_vcard(value):
            depth += 1
            if depth == 1:
                number += 1
                texts = {}
        elif kind is _END and _is_vcard(value):
            if depth == 1:
                cards.append((number, texts))
            depth = max(depth - 1, 0)
        elif kind is _CAREFUL:
            return None
    if depth > 0:
        raise TruncatedCardError(number)
    return cards


def _unfolded_text(data: bytes) -> str | None:
    """The logical lines of ``data``, joined by LF; None when they need reading line by line.

    That is when lines end with CR alone, when a fold follows a line with no colon, and when
    the unfolded text is not UTF-8.
    """
    if b"\n" not in data:
        return None
    text = data.replace(b"\r\n", b"\n")  # the one CR that physical_lines strips from a line
    if _FOLD.search(text) is not None or text.startswith((b" ", b"\t")):
        if _FOLD_AT_START.match(text) or _FOLD_AFTER_HEADLESS_LINE.search(text):
            return None
        text = _FOLD.sub(b"", text)
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` as ``text.split("\\n")`` gives them, split a block at a time."""
    start = 0
    while (end := text.find("\n", start + _BLOCK)) != -1:
        yield from text[start:end].split("\n")
        start = end + 1
    yield from text[start:].split("\n")


def _head_kind(head: str, wanted: frozenset[str]) -> tuple[str, Params] | str:
    """How ``plain_cards`` reads a line with this head, as ``logical_lines`` and ``parse_line``
    would: ignored, a marker, a wanted property's name and parameters, or only read carefully.
    """
    raw = head.encode("utf-8")
    if QUOTED_PRINTABLE_HINT.search(raw) is not None or raw.count(b'"') % 2:
        return _CAREFUL  # soft line breaks, or a quoted colon that parse_line looks past
    marker = _MARKER_HEAD.fullmatch(raw)
    if marker is not None:
        return _BEGIN if marker.group(1).upper() == b"BEGIN" else _END
    parsed = parse_head(raw)
    if parsed is None or "CHARSET" in parsed[1] or is_quoted_printable(parsed[1]):
        return _CAREFUL
    return parsed if parsed[0] in wanted else _IGNORED


def _is_vcard(value: str) -> bool:
    """Tell whether a BEGIN or END line's value makes it a marker, as ``_MARKER`` reads it."""
    return value == "VCARD" or _MARKER_VALUE.fullmatch(value.encode("utf-8")) is not None
