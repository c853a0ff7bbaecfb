"""Reading vCard 2.1, 3.0 and 4.0 files (Apple, Google, Outlook, Android, Thunderbird...).

A card is kept whenever it has a name or an email: a property that cannot be read is skipped
with a warning naming the card and the line, never the card itself.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from reltui.formats.cleaning import (
    clean_line,
    clean_notes,
    join_name,
    unique_emails,
    unique_values,
    written_family_first,
)
from reltui.formats.decoding import guess_encoding
from reltui.formats.records import ContactRecord, SkippedRow
from reltui.formats.vcard_lines import (
    CardTexts,
    Params,
    Property,
    RawCard,
    TruncatedCardError,
    raw_cards,
)
from reltui.formats.vcard_plain import plain_cards
from reltui.memory import collector_paused

__all__ = ["TruncatedCardError", "VCardResult", "read_cards"]

PROGRESS_EVERY = 100
# reltui's own export writes each contact's status as a category such as "reltui-client";
# phones and khard filter on it, and re-importing must not turn it into a tag.
STATUS_CATEGORY_PREFIX = "reltui-"
_NOT_PREFERRED = 1000
# Properties whose text reltui keeps; the others are never decoded, so never warned about.
_WANTED = frozenset(("FN", "N", "ORG", "TITLE", "ROLE", "NOTE", "EMAIL", "TEL", "CATEGORIES"))
_WANTED |= {"URL"}
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPED = {"n": "\n", "N": "\n"}
# A card's number, its wanted texts, and the warnings reading them gave.
_DecodedCard = tuple[int, CardTexts, Sequence[str]]


@dataclass(slots=True)
class VCardResult:
    """The cards read from a file: records, skipped cards, warnings and the encodings used."""

    records: list[ContactRecord] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encodings: list[str] = field(default_factory=list)


def read_cards(data: bytes, progress: Callable[[int], None] | None = None) -> VCardResult:
    """Read every card in ``data`` (bytes, any line ending, any per-property charset).

    A plain file is read whole (``plain_cards``), any other line by line (``raw_cards``), to
    the same records. Raises ``TruncatedCardError`` when the data ends inside a card.
    """
    with collector_paused():  # a record per card, none of them garbage
        plain = plain_cards(data, _WANTED)
        if plain is None:
            cards, encodings = _decode_cards(list(raw_cards(data)))
        else:
            cards = [(number, texts, ()) for number, texts in plain]
            encodings = ["utf-8"]  # UTF-8 throughout, with nothing to warn about
        return _result(cards, encodings, progress)


def _result(
    cards: list[_DecodedCard], encodings: list[str], progress: Callable[[int], None] | None
) -> VCardResult:
    """A record (or a skipped row) per card, its warnings labelled with the card."""
    result = VCardResult(encodings=encodings)
    for count, (number, texts, warnings) in enumerate(cards, start=1):
        outcome = _record_from(texts, number)
        if isinstance(outcome, ContactRecord):
            result.records.append(outcome)
        else:
            result.skipped.append(outcome)
        if warnings:
            label = _label(number, outcome)
            result.warnings.extend(f"{label}, {warning}" for warning in warnings)
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    if progress is not None:
        progress(len(cards))
    return result


def _label(number: int, outcome: ContactRecord | SkippedRow) -> str:
    """How a card's warnings name it: by number, and by name when it has one."""
    if isinstance(outcome, ContactRecord):
        return f"card {number} ({outcome.name})"
    return f"card {number}"


def _decode_cards(cards: list[RawCard]) -> tuple[list[_DecodedCard], list[str]]:
    """Each card's texts, each property read with its charset or a guess; the encodings used."""
    decoded: list[_DecodedCard] = []
    encodings: dict[str, None] = {}
    # The properties with 8-bit text of no known encoding, card by card (most files: none).
    guessing = [[prop for prop in card.properties if _needs_guess(prop)] for card in cards]
    file_guess = _file_guess(guessing)
    for card, card_guessing in zip(cards, guessing, strict=True):
        warnings: list[str] = []
        texts, used = _decode_card(card, card_guessing, file_guess, warnings)
        encodings.update(dict.fromkeys(used))
        decoded.append((card.number, texts, warnings))
    return decoded, list(encodings) or ["utf-8"]


def _needs_guess(prop: Property) -> bool:
    """A wanted property with 8-bit bytes that are not UTF-8 and no CHARSET to say what they are."""
    if prop.name not in _WANTED or "CHARSET" in prop.params or prop.value.isascii():
        return False
    try:
        prop.value.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _file_guess(guessing: list[list[Property]]) -> str | None:
    """One guess for the whole file's unmarked 8-bit text: many names say more than one."""
    sample = b"\n".join(prop.value for properties in guessing for prop in properties)
    return guess_encoding(sample) if sample else None


def _decode_card(
    card: RawCard, guessing: list[Property], file_guess: str | None, warnings: list[str]
) -> tuple[CardTexts, list[str]]:
    values: CardTexts = {}
    used: dict[str, None] = {}
    for bad in card.bad:
        warnings.append(f"line {bad.line}: skipped unreadable line {bad.preview!r} ({bad.reason})")
    guess = _card_guess(guessing, file_guess)
    if guessing:
        warnings.append(f"line {guessing[0].line}: no charset given; read as {guess} (a guess)")
    for prop in card.properties:
        if prop.name not in _WANTED:
            continue
        if not guessing and "CHARSET" not in prop.params:
            # The usual case, as _decode_value reads it: UTF-8, replacing what is not.
            try:
                value = prop.value.decode()
            except UnicodeDecodeError:
                value = prop.value.decode("utf-8", errors="replace")
            used["utf-8"] = None
            values.setdefault(prop.name, []).append((value, prop.params))
            continue
        decoded = _decode_value(prop, guess if prop in guessing else None, warnings)
        if decoded is None:
            continue
        value, encoding = decoded
        used[encoding] = None
        values.setdefault(prop.name, []).append((value, prop.params))
    return values, list(used)


def _card_guess(guessing: list[Property], file_guess: str | None) -> str:
    """The file's guess when it reads this card cleanly, else this card's own guess."""
    if not guessing:
        return ""
    if file_guess is not None:
        try:
            for prop in guessing:
                prop.value.decode(file_guess)
            return file_guess
        except UnicodeDecodeError:
            pass
    return guess_encoding(b"\n".join(prop.value for prop in guessing))


def _decode_value(prop: Property, guess: str | None, warnings: list[str]) -> tuple[str, str] | None:
    """The property's text and the encoding it was read with; None (and a warning) if unreadable."""
    if guess is not None:
        return prop.value.decode(guess, errors="replace"), guess
    declared = prop.params.get("CHARSET", [""])[-1]
    encoding = "utf-8"
    if declared:
        try:
            encoding = codecs.lookup(declared).name
        except LookupError:
            warnings.append(
                f"line {prop.line}: unknown charset {clean_line(declared)!r}; read as UTF-8"
            )
    try:
        return prop.value.decode(encoding), encoding
    except UnicodeDecodeError:
        pass
    if not declared:
        return prop.value.decode("utf-8", errors="replace"), encoding
    warnings.append(f"line {prop.line}: skipped {prop.name}, whose bytes are not valid {declared}")
    return None


def _unescape(value: str) -> str:
    """Undo vCard escapes (``\\,`` ``\\;`` ``\\n`` ``\\\\``); unescaped commas stay as they are."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda match: _UNESCAPED.get(match.group(1), match.group(1)), value)


def _components(value: str, separator: str = ";") -> list[str]:
    """Split on unescaped separators (``;`` for N and ORG, ``,`` for CATEGORIES), then unescape."""
    if "\\" not in value:
        return value.split(separator)
    parts: list[str] = []
    start = index = 0
    while index < len(value):
        char = value[index]
        if char == "\\":
            index += 2
            continue
        if char == separator:
            parts.append(value[start:index])
            start = index + 1
        index += 1
    parts.append(value[start:])
    return [_unescape(part) for part in parts]


def _preference(params: Params) -> int:
    """Lower is more preferred: ``PREF=1`` (4.0), ``TYPE=pref`` (3.0) or a bare ``PREF`` (2.1)."""
    for value in params.get("PREF", []):
        if value.strip().isdigit():
            return int(value)
    types = {kind.strip().lower() for kind in params.get("TYPE", [])}
    return 1 if "pref" in types else _NOT_PREFERRED


def _values(texts: CardTexts, name: str) -> list[str]:
    """The cleaned, unescaped values of property ``name``, preferred first, file order otherwise."""
    entries = texts.get(name)
    if entries is None:
        return []
    if len(entries) > 1:
        entries = sorted(entries, key=lambda entry: _preference(entry[1]))
    return [value for raw, _ in entries if (value := clean_line(_unescape(raw)))]


def _first(texts: CardTexts, name: str) -> str:
    """The first of the values ``_values`` gives, or "" (a card has one of each, mostly)."""
    entries = texts.get(name)
    if entries is None:
        return ""
    if len(entries) == 1:
        return clean_line(_unescape(entries[0][0]))
    values = _values(texts, name)
    return values[0] if values else ""


def _structured_name(texts: CardTexts) -> str:
    for raw, _ in texts.get("N", []):
        parts = [clean_line(part) for part in _components(raw)] + ["", "", ""]
        family, given, additional = parts[:3]
        if written_family_first(family, given):
            name = join_name(family, given, additional)
        else:
            name = join_name(given, additional, family)
        if name:
            return name
    return ""


def _company(texts: CardTexts) -> str:
    for raw, _ in texts.get("ORG", []):
        for unit in _components(raw):
            if cleaned := clean_line(unit):
                return cleaned
    return ""


def _tags(texts: CardTexts) -> list[str]:
    tags: list[str] = []
    for raw, _ in texts.get("CATEGORIES", ()):
        tags.extend(
            cleaned
            for item in _components(raw, ",")
            if (cleaned := clean_line(item)) and not cleaned.startswith(STATUS_CATEGORY_PREFIX)
        )
    return unique_values(tags)


def _without_uri_scheme(phone: str) -> str:
    """vCard 4.0 may write telephone numbers as ``tel:`` URIs."""
    return phone[4:].strip() if phone[:4].lower() == "tel:" else phone


def _without_mailto(email: str) -> str:
    return email[7:].strip() if email[:7].lower() == "mailto:" else email


def _notes(entries: Iterable[tuple[str, Params]]) -> str:
    return "\n".join(filter(None, [clean_notes(_unescape(raw)) for raw, _ in entries]))


def _record_from(texts: CardTexts, number: int) -> ContactRecord | SkippedRow:
    emails = [_without_mailto(email) for email in _values(texts, "EMAIL")]
    if len(emails) > 1:
        emails = unique_emails(emails)
    name = _first(texts, "FN") or _structured_name(texts)
    if not name:
        if not emails:
            return SkippedRow(number, "no name or email")
        name = emails[0]
    phones = [_without_uri_scheme(phone) for phone in _values(texts, "TEL")]
    if len(phones) > 1:
        phones = unique_values(phones)
    # Positional arguments, in the order ContactRecord declares its fields: measurably faster
    # than keywords at a hundred thousand cards.
    return ContactRecord(
        name,
        emails,
        _company(texts),
        _first(texts, "TITLE") or _first(texts, "ROLE"),
        phones,
        _notes(texts.get("NOTE", ())),
        _tags(texts),
        _first(texts, "URL"),
        "",
        number,
    )
