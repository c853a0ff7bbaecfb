"""The form names, companies and emails are matched in, by search and by the list's filter."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Accents removed, case folded, spaces collapsed."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(text.casefold().split())
