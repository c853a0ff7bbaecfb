"""Finding a contact the user names, refusing a duplicate, and checking what a form holds."""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence

from reltui.domain.models import Contact, normalise_email, normalise_text
from reltui.folding import fold

MAX_LISTED = 5


class ContactNotFound(ValueError):
    """No contact, or more than one, answers to what the user typed (the message says which)."""


def _listed(matches: Sequence[tuple[int, str]]) -> str:
    shown = [f"{name} (id {contact_id})" for contact_id, name in matches[:MAX_LISTED]]
    more = len(matches) - MAX_LISTED
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")


def resolve_contact(
    query: str,
    known_ids: Container[int],
    names: Iterable[tuple[int, str]],
    emails: Iterable[tuple[int, str, Sequence[str]]],
) -> int:
    """The one contact ``query`` means: an id, an email, or a name matching exactly one contact.

    Names and emails match regardless of case and accents. ``emails`` (id, name, addresses) is
    read only for a query holding an ``@``. Raises ``ContactNotFound`` with a one-line message;
    an ambiguous name lists the contacts it matches.
    """
    text = query.strip()
    if not text:
        raise ContactNotFound("no contact given")
    if text.isdigit():
        if int(text) in known_ids:
            return int(text)
        raise ContactNotFound(f"no contact with id {text}")
    matches: list[tuple[int, str]]
    if "@" in text:
        wanted = normalise_email(text)
        matches = [
            (contact_id, name)
            for contact_id, name, addresses in emails
            if any(normalise_email(address) == wanted for address in addresses)
        ]
        kind = "email"
    else:
        wanted = fold(text)
        matches = [(contact_id, name) for contact_id, name in names if fold(name) == wanted]
        kind = "name"
    if len(matches) == 1:
        return matches[0][0]
    if not matches:
        raise ContactNotFound(f"no contact with {kind} {text!r}")
    matches.sort()
    raise ContactNotFound(f"{len(matches)} contacts match {text!r}: {_listed(matches)}")


def find_duplicate(
    name: str, email: str, company: str, contacts: Iterable[Contact], exclude: int | None = None
) -> Contact | None:
    """An existing contact that is the same person: same email, or same name and company."""
    wanted_email = normalise_email(email)
    wanted_name = (normalise_text(name), normalise_text(company))
    for contact in contacts:
        if contact.id == exclude:
            continue
        if wanted_email and any(
            normalise_email(address) == wanted_email for address in contact.all_emails
        ):
            return contact
        if (
            wanted_name[0]
            and (
                normalise_text(contact.name),
                normalise_text(contact.company),
            )
            == wanted_name
        ):
            return contact
    return None


def duplicate_message(contact: Contact) -> str:
    """The one line refusing a duplicate, naming the contact already there."""
    described = contact.name
    if contact.email:
        described += f" <{contact.email}>"
    return f"already in the database: {described} (id {contact.id})"


def email_problem(email: str) -> str | None:
    """Why ``email`` is not an address (syntax only, nothing is looked up), or ``None``."""
    text = email.strip()
    if not text:
        return None
    # Imported when an address is checked: every command that opens the store would else pay
    # for the validator's tables.
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError as error:
        return f"not an email address: {error}".rstrip(".")
    return None


def form_problems(values: Mapping[str, str]) -> dict[str, str]:
    """A message for each field of a contact form that cannot be saved as it is."""
    problems = {}
    if "name" in values and not " ".join(values["name"].split()):
        problems["name"] = "a name is required"
    problem = email_problem(values.get("email", ""))
    if problem:
        problems["email"] = problem
    for name, value in values.items():
        if name != "notes" and ("\n" in value or "\r" in value):
            problems[name] = "one line only"
    return problems
