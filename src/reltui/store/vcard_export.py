"""vCard 4.0 export of the contacts, with each one's status as a ``reltui-`` category."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from reltui.domain.models import Contact
from reltui.domain.rules import Status
from reltui.formats.vcard import STATUS_CATEGORY_PREFIX
from reltui.store.db import Store
from reltui.store.files import atomic_writer

_LINE_END = "\r\n"
# RFC 6350 folds lines longer than 75 octets, without splitting a UTF-8 character.
_FOLD_OCTETS = 75


def escape(text: str) -> str:
    """A text value with vCard's escapes: backslash, newline, comma and semicolon."""
    return (
        text.replace("\\", "\\\\")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
        .replace(",", "\\,")
        .replace(";", "\\;")
    )


def fold(line: str) -> str:
    """``line`` folded into continuation lines of at most 75 octets, each ended by CRLF."""
    if len(line.encode("utf-8")) <= _FOLD_OCTETS:
        return line + _LINE_END
    parts: list[str] = []
    current: list[str] = []
    size = 0
    limit = _FOLD_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, _FOLD_OCTETS - 1  # the leading space takes one
        current.append(char)
        size += width
    parts.append("".join(current))
    return (_LINE_END + " ").join(parts) + _LINE_END


def card(contact: Contact, status: str) -> str:
    """One contact as a vCard 4.0 card."""
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"FN:{escape(contact.name)}"]
    for position, email in enumerate(contact.all_emails):
        lines.append(f"EMAIL;PREF=1:{email}" if position == 0 else f"EMAIL:{email}")
    if contact.company:
        lines.append(f"ORG:{escape(contact.company)}")
    if contact.position:
        lines.append(f"TITLE:{escape(contact.position)}")
    phones = [phone for phone in (contact.phone, *contact.phones) if phone]
    for position, phone in enumerate(phones):
        lines.append(f"TEL;PREF=1:{escape(phone)}" if position == 0 else f"TEL:{escape(phone)}")
    if contact.url:
        lines.append(f"URL:{escape(contact.url)}")
    if contact.notes:
        lines.append(f"NOTE:{escape(contact.notes)}")
    categories = [STATUS_CATEGORY_PREFIX + status, *contact.tags]
    lines.append("CATEGORIES:" + ",".join(escape(category) for category in categories))
    lines.append("END:VCARD")
    return "".join(map(fold, lines))


def _cards(store: Store, wanted: set[Status]) -> Iterator[str]:
    for contact_id in store.contact_ids():
        status = store.state(contact_id).status
        if not wanted or status in wanted:
            yield card(store.contact(contact_id), str(status))


def write_vcards(store: Store, handle: IO[str], statuses: Iterable[str] = ()) -> int:
    """Write every contact (or those with one of ``statuses``) as vCard 4.0; returns the count."""
    wanted = {Status(status) for status in statuses}
    count = 0
    for text in _cards(store, wanted):
        handle.write(text)
        count += 1
    return count


def vcards_to_file(store: Store, path: Path, statuses: Iterable[str] = ()) -> int:
    """Write the vCards to ``path`` atomically, owner-only; a failure leaves no partial file."""
    with atomic_writer(path, "w", encoding="utf-8", newline="") as handle:
        return write_vcards(store, handle, statuses)
