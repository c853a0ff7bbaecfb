"""Telling an email address from text that only looks like one, by its syntax alone."""

from __future__ import annotations

import re

from reltui.formats.records import ContactRecord

# Plain ASCII addresses of the everyday shape, which email-validator accepts too: they skip its
# fuller (and at a hundred thousand contacts, slower) check.
_EVERYDAY = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)


def is_email(text: str) -> bool:
    """Tell whether ``text`` is a syntactically valid address (no network is consulted)."""
    if _EVERYDAY.fullmatch(text) and len(text) <= 254:
        return True
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def drop_invalid_emails(records: list[ContactRecord], unit: str) -> list[str]:
    """Remove what is not an email address from each record; a warning per removal.

    ``unit`` names what ``record.row`` counts ("row" or "card"). The contact is kept: a broken
    address must not become the key of a duplicate.
    """
    warnings: list[str] = []
    for record in records:
        if not record.emails or all(map(_EVERYDAY.fullmatch, record.emails)):
            continue
        kept = []
        for email in record.emails:
            if is_email(email):
                kept.append(email)
            else:
                warnings.append(
                    f"{unit} {record.row} ({record.name}): {email!r} is not an email address;"
                    " contact kept without it"
                )
        record.emails = kept
    return warnings
