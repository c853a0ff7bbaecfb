"""Small text helpers shared by the importers: control characters, names, multi-value cells."""

from __future__ import annotations

from collections.abc import Callable, Iterable

# C0 controls, DEL and C1 controls carry no meaning in contact data and can drive a terminal.
_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
_LINE_BREAKS = {"\t", "\n", "\r"}

# Single-line fields: breaks and tabs become spaces so words stay apart; other controls vanish.
_SINGLE_LINE_TABLE = {c: (" " if chr(c) in _LINE_BREAKS else None) for c in _CONTROLS}
# Notes keep newlines and tabs (carriage returns are normalised before translation).
_NOTES_TABLE = {c: None for c in _CONTROLS if chr(c) not in {"\t", "\n"}}

GOOGLE_SEPARATOR = " ::: "


def clean_line(value: str) -> str:
    """Strip a single-line value and remove control characters from it."""
    if not value.isprintable():
        value = value.translate(_SINGLE_LINE_TABLE)
    return value.strip()


def clean_notes(value: str) -> str:
    """Strip a multi-line value, normalise line endings and drop controls but newline and tab."""
    if value.isprintable():
        return value.strip()
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.translate(_NOTES_TABLE).strip()


Splitter = Callable[[str, Callable[[str], str]], list[str]]


def splitter(separators: tuple[str, ...]) -> Splitter:
    """Make a function that splits a cell on any of ``separators`` into cleaned, non-empty parts.

    The function takes the cell and a cleaning function (``clean_line``, or ``str.strip`` when
    the caller knows the cell holds no control characters).
    """
    if not separators:
        return lambda value, clean: [cleaned] if (cleaned := clean(value)) else []

    def split(value: str, clean: Callable[[str], str]) -> list[str]:
        found = ""
        for separator in separators:
            if separator in value:
                if found:
                    value = value.replace(separator, found)
                else:
                    found = separator
        if found:
            return [part for part in map(clean, value.split(found)) if part]
        value = clean(value)
        return [value] if value else []

    return split


def unique_emails(emails: Iterable[str]) -> list[str]:
    """Return ``emails`` without case-insensitive repeats, keeping the first spelling and order."""
    seen: set[str] = set()
    unique: list[str] = []
    for email in emails:
        key = email.casefold()
        if key not in seen:
            seen.add(key)
            unique.append(email)
    return unique


def unique_values(values: list[str]) -> list[str]:
    """Return ``values`` without exact repeats, in their first order."""
    return values if len(set(values)) == len(values) else list(dict.fromkeys(values))


# Chinese, Japanese and Korean names are written family name first.
_FAMILY_FIRST_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xAC00, 0xD7AF),  # Hangul Syllables
    (0xFF66, 0xFF9F),  # halfwidth Katakana
    (0x20000, 0x2FFFF),  # CJK Unified Ideographs Extensions B onwards
)


def written_family_first(*parts: str) -> bool:
    """True when a name's parts are in a script whose names put the family name first."""
    return any(
        low <= ord(char) <= high
        for part in parts
        for char in part
        if ord(char) >= 0x1100
        for low, high in _FAMILY_FIRST_RANGES
    )


def join_name(*parts: str) -> str:
    """Join the non-empty name parts with single spaces."""
    return " ".join(part for part in parts if part)
