"""Reading vCard 2.1, 3.0 and 4.0 files (Apple, Google, Outlook, Android) with vobject."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

from reltui.formats.cleaning import clean_line, clean_notes, join_name, unique_emails, unique_values
from reltui.formats.records import ContactRecord, SkippedRow

log = logging.getLogger(__name__)

PROGRESS_EVERY = 100
# Binary payloads are large, useless here, and the likeliest lines to be malformed.
_BINARY_PROPERTIES = {"PHOTO", "LOGO", "SOUND", "KEY"}
_NOT_PREFERRED = 1000


class TruncatedCardError(ValueError):
    """The file ends inside a card; ``card`` is its 1-based number."""

    def __init__(self, card: int) -> None:
        super().__init__(f"card {card} has no END:VCARD (the file looks truncated)")
        self.card = card


def has_cards(text: str) -> bool:
    """Tell whether ``text`` starts (after blank lines) with a ``BEGIN:VCARD`` line."""
    start = len(text) - len(text.lstrip())
    first_line = _lines(text[start : start + 200])[0]
    return _property_name(first_line) == "BEGIN" and _is_vcard_marker(first_line)


def read_cards(
    text: str, progress: Callable[[int], None] | None = None
) -> tuple[list[ContactRecord], list[SkippedRow]]:
    """Read every card in ``text``; a card that cannot be parsed is skipped with its reason.

    Raises ``TruncatedCardError`` when the text ends inside a card.
    """
    records: list[ContactRecord] = []
    skipped: list[SkippedRow] = []
    number = 0
    for number, card_text in enumerate(_split_cards(text), start=1):
        outcome = _read_card(card_text, number)
        if isinstance(outcome, ContactRecord):
            records.append(outcome)
        else:
            skipped.append(outcome)
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number)
    if progress is not None:
        progress(number)
    return records, skipped


def _lines(text: str) -> list[str]:
    """Split on CR, LF and CRLF only; other Unicode breaks belong to the values."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _property_name(line: str) -> str:
    """The upper-cased property name of a content line, without any ``itemN.`` group."""
    end = len(line)
    for separator in (":", ";"):
        position = line.find(separator)
        if position != -1 and position < end:
            end = position
    return line[:end].rpartition(".")[2].strip().upper()


def _is_vcard_marker(line: str) -> bool:
    return line.partition(":")[2].strip().upper() == "VCARD"


def _split_cards(text: str) -> Iterator[str]:
    """Yield the text of each top-level card, without its binary properties."""
    card: list[str] = []
    depth = 0
    number = 0
    dropping = False
    for line in _lines(text):
        if not line.strip():
            dropping = False
            continue
        if line[0] in " \t":
            if depth and not dropping:
                card.append(line)
            continue
        name = _property_name(line)
        if name == "BEGIN" and _is_vcard_marker(line):
            depth += 1
            if depth == 1:
                number += 1
                card = []
        if depth == 0:
            continue
        # vCard 2.1 writes base64 continuation lines without indentation and without a colon.
        if dropping and ":" not in line:
            continue
        dropping = name in _BINARY_PROPERTIES
        if not dropping:
            card.append(line)
        if name == "END" and _is_vcard_marker(line):
            depth -= 1
            if depth == 0:
                yield "\r\n".join(card) + "\r\n"
    if depth > 0:
        raise TruncatedCardError(number)


def _read_card(card_text: str, number: int) -> ContactRecord | SkippedRow:
    # Imported here: vobject takes a noticeable time to import and only vCard files need it.
    import vobject

    try:
        card = next(vobject.readComponents(card_text, allowQP=True), None)
        if card is None:
            return SkippedRow(number, "empty card")
        return _record_from(card, number)
    except Exception as error:  # vobject raises many kinds of error on malformed input
        log.debug("vCard %d unreadable: %r", number, error)
        return SkippedRow(number, f"unreadable card: {_one_line(error)}")


def _one_line(error: Exception) -> str:
    text = clean_line(str(error)) or type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def _text(value: Any) -> str:
    """vobject values are strings, lists of strings, or structured objects; flatten to text."""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return " ".join(part for part in (_text(item) for item in value) if part)
    return "" if value is None else str(value)


def _preference(line: Any) -> int:
    """Lower is more preferred: ``PREF=1`` (4.0), ``TYPE=pref`` (3.0) or a bare ``PREF`` (2.1)."""
    params = line.params
    for value in params.get("PREF", []):
        if value.strip().isdigit():
            return int(value)
    types = {kind.strip().lower() for value in params.get("TYPE", []) for kind in value.split(",")}
    singletons = {value.lower() for value in getattr(line, "singletonparams", [])}
    return 1 if "pref" in types or "pref" in singletons else _NOT_PREFERRED


def _values(card: Any, name: str) -> list[str]:
    """The cleaned values of property ``name``, preferred first, file order otherwise."""
    lines = sorted(card.contents.get(name, []), key=_preference)
    return [value for line in lines if (value := clean_line(_text(line.value)))]


def _first(card: Any, name: str) -> str:
    values = _values(card, name)
    return values[0] if values else ""


def _structured_name(card: Any) -> str:
    lines = card.contents.get("n", [])
    if not lines:
        return ""
    name = lines[0].value
    if isinstance(name, str):
        return clean_line(name.replace(";", " "))
    parts = (getattr(name, part, "") for part in ("given", "additional", "family"))
    return join_name(*(clean_line(_text(part)) for part in parts))


def _company(card: Any) -> str:
    for line in card.contents.get("org", []):
        value = line.value
        units = value if isinstance(value, list) else [value]
        for unit in units:
            if cleaned := clean_line(_text(unit)):
                return cleaned
    return ""


def _tags(card: Any) -> list[str]:
    tags: list[str] = []
    for line in card.contents.get("categories", []):
        value = line.value
        for item in value if isinstance(value, list) else _text(value).split(","):
            if cleaned := clean_line(_text(item)):
                tags.append(cleaned)
    return unique_values(tags)


def _without_uri_scheme(phone: str) -> str:
    """vCard 4.0 may write telephone numbers as ``tel:`` URIs."""
    return phone[4:].strip() if phone[:4].lower() == "tel:" else phone


def _record_from(card: Any, number: int) -> ContactRecord | SkippedRow:
    emails = unique_emails(_values(card, "email"))
    name = _first(card, "fn") or _structured_name(card)
    if not name:
        if not emails:
            return SkippedRow(number, "no name or email")
        name = emails[0]
    notes = [clean_notes(_text(line.value)) for line in card.contents.get("note", [])]
    return ContactRecord(
        name=name,
        emails=emails,
        company=_company(card),
        position=_first(card, "title") or _first(card, "role"),
        phones=unique_values([_without_uri_scheme(phone) for phone in _values(card, "tel")]),
        notes="\n".join(note for note in notes if note),
        tags=_tags(card),
        url=_first(card, "url"),
        row=number,
    )
