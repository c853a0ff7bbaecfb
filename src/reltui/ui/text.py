"""Making contact-derived text safe to show: no terminal control characters survive."""

from __future__ import annotations

import re
import unicodedata

# C0 controls except newline, DEL, C1 controls, and the bidi overrides that reorder what
# follows them on screen.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: object, *, multiline: bool = False) -> str:
    """``text`` with control characters removed; newlines kept only when ``multiline``.

    Tabs become spaces and carriage returns become newlines (or spaces) first, so words
    stay apart. The result still needs to be shown without markup parsing (``Content``,
    ``rich.text.Text`` or ``markup=False``).
    """
    value = "" if text is None else str(text)
    if value.isprintable():
        return value
    value = value.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        value = value.replace("\n", " ")
    return _CONTROL.sub("", value)


# Invisible characters that terminals disagree on the width of: zero-width spaces and joiners,
# the word joiner and the byte order mark.
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")


def in_columns(text: str) -> str:
    """``safe`` text made to take the cells it is measured to take, for a table's columns:
    combining marks composed with their letter where Unicode can (NFC), and the zero-width
    characters some terminals draw as a cell dropped."""
    if text.isascii():
        return text
    return _ZERO_WIDTH.sub("", unicodedata.normalize("NFC", text))
