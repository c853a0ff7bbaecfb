"""The form names, companies and emails are matched in, by search and by the list's filter."""

from __future__ import annotations

import re
import unicodedata

# Whitespace other than a space (or the line breaks between texts): ``str.split`` splits on it.
_OTHER_SPACE = re.compile(r"[^\S \n]")


def fold(text: str) -> str:
    """Accents removed, case folded, spaces collapsed."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(text.casefold().split())


def fold_all(texts: list[str]) -> list[str]:
    """``[fold(text) for text in texts]``, done on all of them at once where it can be."""
    if len(texts) < 2:
        return [fold(text) for text in texts]
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:
        return [fold(text) for text in texts]  # a line break inside a text
    if not joined.isascii():
        # Decomposing joined texts decomposes each (a line break combines with nothing).
        joined = unicodedata.normalize("NFKD", joined)
        for char in [char for char in set(joined) if unicodedata.combining(char)]:
            joined = joined.replace(char, "")
    joined = joined.casefold()
    # What ``fold`` would still change: any whitespace but single spaces between words.
    uneven = (
        "  " in joined
        or " \n" in joined
        or "\n " in joined
        or joined.startswith(" ")
        or joined.endswith(" ")
        or _OTHER_SPACE.search(joined) is not None
    )
    if uneven or joined.count("\n") != len(texts) - 1:
        return [fold(text) for text in texts]
    return joined.split("\n")
