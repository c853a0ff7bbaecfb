"""Merging imported records into existing contacts: match, update fields, never answers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from reltui.domain.models import Contact, normalise_email, normalise_text
from reltui.formats.records import ContactRecord
from reltui.store.import_result import ImportResult

# Pages that belong to one person: two records sharing one are the same person. Any other URL
# (a company homepage) is shared by colleagues and says nothing about who someone is.
_PROFILE_URL = re.compile(
    r"(?:https?://)?(?:[a-z]{2,3}\.)?(?:www\.)?"
    r"(?:linkedin\.com/in/|xing\.com/profile/|github\.com/|gitlab\.com/|twitter\.com/|x\.com/"
    r"|facebook\.com/|instagram\.com/|mastodon\.[a-z]+/@|keybase\.io/)[^/?#]+"
)


def is_profile_url(url: str) -> bool:
    """Tell whether ``url`` is a personal profile (LinkedIn and the like), one person's page."""
    return _PROFILE_URL.match(url.strip().casefold()) is not None


def _keys(emails: list[str], url: str, name: str, company: str) -> list[str]:
    keys = [f"email:{normalise_email(email)}" for email in emails if email.strip()]
    if url.strip():
        keys.append(f"url:{url.strip().rstrip('/').casefold()}")
    keys.append(f"name:{normalise_text(name)}|{normalise_text(company)}")
    return keys


def _contact_keys(contact: Contact) -> list[str]:
    emails = [*contact.all_emails, *contact.former_emails]
    return _keys(emails, contact.url, contact.name, contact.company)


def _record_keys(record: ContactRecord) -> list[str]:
    return _keys(record.emails, record.url, record.name, record.company)


def _name_is_an_email(record: ContactRecord) -> bool:
    """True when a file had no name for the record and its email stands in for one."""
    name = normalise_email(record.name)
    return any(normalise_email(email) == name for email in record.emails)


def _merge_into(contact: Contact, record: ContactRecord, kept: set[tuple[int, str]]) -> bool:
    """Update ``contact`` from ``record``; empty cells never erase what is known.

    A field the user set by hand keeps its value; each one an import would have changed is
    added to ``kept`` as ``(contact id, field)``.
    """
    before = contact.to_document()
    hand = contact.hand_set

    def keep(name: str) -> bool:
        if name in hand:
            kept.add((contact.id, name))
            return True
        return False

    seen = {normalise_email(email) for email in [*contact.all_emails, *contact.former_emails]}
    for email in record.emails:
        if normalise_email(email) not in seen:
            seen.add(normalise_email(email))
            if "email" in hand:
                keep("email")
            elif contact.email:
                contact.emails.append(email)
            else:
                contact.email = email
    renamed = record.name and record.name != contact.name
    if renamed and not (contact.name and _name_is_an_email(record)) and not keep("name"):
        contact.name = record.name
    for name in ("company", "position", "notes", "url", "connected_on"):
        value = getattr(record, name)
        if value and value != getattr(contact, name) and not (name in hand and keep(name)):
            setattr(contact, name, value)
    known_phones = {contact.phone, *contact.phones}
    for phone in record.phones:
        if phone not in known_phones:
            known_phones.add(phone)
            if keep("phone"):
                continue
            if contact.phone:
                contact.phones.append(phone)
            else:
                contact.phone = phone
    for tag in record.tags:
        if tag not in contact.tags and not keep("tags"):
            contact.tags.append(tag)
    return contact.to_document() != before


def _new_contact(contact_id: int, record: ContactRecord, source: str) -> Contact:
    emails, phones = record.emails, record.phones
    # Positional, in the order Contact declares its fields: an import builds one per row.
    return Contact(
        contact_id,
        record.name,
        emails[0] if emails else "",
        emails[1:],
        record.company,
        record.position,
        phones[0] if phones else "",
        phones[1:],
        record.notes,
        list(record.tags),
        record.url,
        record.connected_on,
        source,
    )


def all_new(existing: Mapping[int, object], records: list[ContactRecord]) -> bool:
    """True when ``merge_records`` would add every record as a new contact, told in bulk.

    So it is when the database is empty, no record has a URL, every record has an email and no
    address is given twice: then no record matches another by email, a name match needs one
    side without emails, and a URL match needs a URL.
    """
    if existing or not records:
        return False
    emails = [email for record in records for email in record.emails]
    if len(emails) < len(records) or not all(record.emails for record in records):
        return False
    if any(record.url for record in records):
        return False
    joined = "\n".join(emails)
    if joined.split() != emails:
        return False  # an address with a space in it, or an empty one: the slow way
    # Without spaces, an address's key is its case folded (``normalise_email``).
    keys = joined.casefold().split("\n")
    return len(keys) == len(emails) and len(set(keys)) == len(keys)


def new_contact_document(record: ContactRecord, source: str = "") -> dict[str, Any]:
    """What ``Contact.to_document`` stores for the contact ``merge_records`` makes of a record
    matching nobody, without making the contact."""
    emails, phones = record.emails, record.phones
    document: dict[str, Any] = {"name": record.name}
    if emails:
        if emails[0]:
            document["email"] = emails[0]
        if len(emails) > 1:
            document["emails"] = emails[1:]
    if record.company:
        document["company"] = record.company
    if record.position:
        document["position"] = record.position
    if phones:
        if phones[0]:
            document["phone"] = phones[0]
        if len(phones) > 1:
            document["phones"] = phones[1:]
    if record.notes:
        document["notes"] = record.notes
    if record.tags:
        document["tags"] = list(record.tags)
    if record.url:
        document["url"] = record.url
    if record.connected_on:
        document["connected_on"] = record.connected_on
    if source:
        document["source"] = source
    return document


def merge_records(
    existing: dict[int, Contact],
    records: Iterable[ContactRecord],
    source: str = "",
    first_id: int = 1,
) -> tuple[ImportResult, list[Contact]]:
    """Work out what importing ``records`` does; returns counts and the contacts to write.

    ``existing`` is not modified: changed contacts are copies. New contacts get ids from
    ``first_id`` on (the database's counter, so an id is never given twice).
    """
    index: dict[str, int] = {}
    for contact in existing.values():
        for key in _contact_keys(contact):
            index.setdefault(key, contact.id)
    result = ImportResult()
    working: dict[int, Contact] = {}
    # Contacts this import already added or matched: another record for one is a duplicate.
    touched: set[int] = set()
    matched_existing: list[int] = []
    kept: set[tuple[int, str]] = set()
    next_id = max(first_id, max(existing, default=0) + 1)
    for record in records:
        record_keys = _record_keys(record)
        match = _find_match(record, record_keys, index, existing, working)
        if match is None:
            contact = _new_contact(next_id, record, source)
            working[next_id] = contact
            touched.add(next_id)
            next_id += 1
            result.added += 1
            # A new contact has exactly its record's emails, URL, name and company.
            contact_keys = record_keys
        else:
            contact = working.get(match) or _copy(existing[match])
            if _merge_into(contact, record, kept):
                working[match] = contact
            if match in touched:
                result.merged += 1
            else:
                touched.add(match)
                matched_existing.append(match)
            contact_keys = _contact_keys(contact)
        for key in contact_keys:
            index.setdefault(key, contact.id)
    # An existing contact is updated when it ends up different, whatever happened on the way:
    # re-importing a file that holds one person twice changes nothing.
    for contact_id in matched_existing:
        final = working.get(contact_id)
        if final is not None and final.to_document() != existing[contact_id].to_document():
            result.updated += 1
        else:
            working.pop(contact_id, None)
            result.unchanged += 1
    result.kept = len(kept)
    return result, list(working.values())


def _find_match(
    record: ContactRecord,
    record_keys: list[str],
    index: dict[str, int],
    existing: dict[int, Contact],
    working: dict[int, Contact],
) -> int | None:
    """The contact a record is the same person as: by email, else profile URL, else name.

    A URL or name match is refused when both sides have emails and none is shared, so two
    different people with one name at one company stay apart. A URL that is no personal
    profile (a company homepage) matches only when the names agree too.
    """
    for key in record_keys:
        contact_id = index.get(key)
        if contact_id is None:
            continue
        if key.startswith("email:"):
            return contact_id
        contact = working.get(contact_id) or existing[contact_id]
        if (
            key.startswith("url:")
            and not is_profile_url(record.url)
            and normalise_text(contact.name) != normalise_text(record.name)
        ):
            continue
        if not record.emails or not contact.all_emails:
            return contact_id
    return None


def _copy(contact: Contact) -> Contact:
    return replace(
        contact, emails=list(contact.emails), phones=list(contact.phones), tags=list(contact.tags)
    )
