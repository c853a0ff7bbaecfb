"""Reading LDIF address books (Thunderbird, Evolution, directory exports) with the ldif package."""

from __future__ import annotations

import io
from pathlib import Path

from reltui.formats.cleaning import clean_line, clean_notes, join_name, unique_emails
from reltui.formats.records import ContactRecord, ImportFormatError, ParsedFile, SkippedRow

# Entries of these classes are mailing lists or groups, not people.
_LIST_CLASSES = {"groupofnames", "groupofuniquenames", "mozillaabdirectory"}
_EMAILS = ("mail", "mozillasecondemail", "mozilla_abcontact_secondemail")
_PHONES = ("telephonenumber", "mobile", "homephone", "facsimiletelephonenumber", "pager")


def is_ldif(data: bytes) -> bool:
    """Tell whether ``data`` starts (after comments) with an LDIF ``version:`` or ``dn:`` line."""
    for line in data[:4096].splitlines():
        stripped = line.strip().lower()
        if not stripped or stripped.startswith(b"#"):
            continue
        return stripped.startswith((b"dn:", b"version:"))
    return False


def read_ldif(path: Path, data: bytes) -> ParsedFile:
    """Read each person entry; mailing lists are skipped with their reason."""
    from ldif import LDIFParser

    parser = LDIFParser(io.BytesIO(data), strict=False)
    parsed = ParsedFile(format="ldif", encoding="utf-8")
    try:
        for number, (_dn, entry) in enumerate(parser.parse(), start=1):
            attributes = {key.lower(): values for key, values in entry.items()}
            outcome = _record(attributes, number)
            if isinstance(outcome, ContactRecord):
                parsed.records.append(outcome)
            else:
                parsed.skipped.append(outcome)
    except (ValueError, UnicodeDecodeError) as error:
        raise ImportFormatError(
            f"{path}: not readable as LDIF ({clean_line(str(error))})"
        ) from None
    return parsed


def _first(attributes: dict[str, list[str]], *names: str) -> str:
    for name in names:
        for value in attributes.get(name, []):
            if cleaned := clean_line(value):
                return cleaned
    return ""


def _record(attributes: dict[str, list[str]], number: int) -> ContactRecord | SkippedRow:
    classes = {value.strip().lower() for value in attributes.get("objectclass", [])}
    if classes & _LIST_CLASSES:
        return SkippedRow(number, "mailing list")
    emails = unique_emails(
        [
            cleaned
            for name in _EMAILS
            for value in attributes.get(name, [])
            if (cleaned := clean_line(value))
        ]
    )
    given = _first(attributes, "givenname")
    family = _first(attributes, "sn", "surname")
    name = _first(attributes, "displayname", "cn") or join_name(given, family)
    if not name:
        if not emails:
            return SkippedRow(number, "no name or email")
        name = emails[0]
    phones = [
        cleaned
        for key in _PHONES
        for value in attributes.get(key, [])
        if (cleaned := clean_line(value))
    ]
    notes = [clean_notes(value) for value in attributes.get("description", [])]
    return ContactRecord(
        name=name,
        emails=emails,
        company=_first(attributes, "o", "company"),
        position=_first(attributes, "title"),
        phones=phones,
        notes="\n".join(note for note in notes if note),
        url=_first(attributes, "mozillaworkurl", "workurl", "mozillahomeurl", "homeurl"),
        row=number,
    )
