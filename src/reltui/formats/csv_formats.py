"""Column layouts of the CSV exports reltui knows, and how to tell them apart by their header."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reltui.formats.cleaning import GOOGLE_SEPARATOR, clean_line
from reltui.formats.csv_languages import TRANSLATIONS, language_of

CSV_FORMATS = ("linkedin", "outlook", "google", "csv")

_GENERIC_EMAIL_SEPARATORS = (GOOGLE_SEPARATOR, ";", ",")
_GENERIC_TAG_SEPARATORS = (GOOGLE_SEPARATOR, ";", ",")


@dataclass(frozen=True, slots=True)
class Layout:
    """Which header names (normalised by ``header_key``) feed each record field, best first."""

    format: str
    # What the product shows as the contact's name; it wins over first and last name.
    display_name: tuple[str, ...] = ()
    full_name: tuple[str, ...] = ()
    first_name: tuple[str, ...] = ()
    middle_name: tuple[str, ...] = ()
    last_name: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    company: tuple[str, ...] = ()
    position: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    url: tuple[str, ...] = ()
    connected_on: tuple[str, ...] = ()
    # Google numbers repeated groups ("E-mail 3 - Value"); these patterns find all of them.
    numbered_emails: re.Pattern[str] | None = None
    numbered_phones: re.Pattern[str] | None = None
    email_separators: tuple[str, ...] = _GENERIC_EMAIL_SEPARATORS
    phone_separators: tuple[str, ...] = (GOOGLE_SEPARATOR,)
    tag_separators: tuple[str, ...] = _GENERIC_TAG_SEPARATORS


@dataclass(frozen=True, slots=True)
class Columns:
    """A layout applied to one header: the column indices of each field, best first."""

    format: str
    width: int
    display_name: tuple[int, ...] = ()
    full_name: tuple[int, ...] = ()
    first_name: tuple[int, ...] = ()
    middle_name: tuple[int, ...] = ()
    last_name: tuple[int, ...] = ()
    emails: tuple[int, ...] = ()
    # For each email column, the label column whose leading "*" marks the primary address.
    email_markers: tuple[int | None, ...] = ()
    company: tuple[int, ...] = ()
    position: tuple[int, ...] = ()
    phones: tuple[int, ...] = ()
    notes: tuple[int, ...] = ()
    tags: tuple[int, ...] = ()
    url: tuple[int, ...] = ()
    connected_on: tuple[int, ...] = ()
    email_separators: tuple[str, ...] = ()
    phone_separators: tuple[str, ...] = ()
    tag_separators: tuple[str, ...] = ()
    # Japanese exports: the family name comes first, as the user writes and sees it.
    family_first: bool = False


LINKEDIN = Layout(
    format="linkedin",
    first_name=("firstname",),
    last_name=("lastname",),
    emails=("emailaddress",),
    company=("company",),
    position=("position",),
    url=("url",),
    connected_on=("connectedon",),
    email_separators=(),
    phone_separators=(),
    tag_separators=(),
)

GOOGLE = Layout(
    format="google",
    display_name=("name",),
    first_name=("firstname", "givenname"),
    middle_name=("middlename", "additionalname"),
    last_name=("lastname", "familyname"),
    company=("organizationname", "organization1name"),
    position=("organizationtitle", "organization1title"),
    notes=("notes",),
    tags=("labels", "groupmembership"),
    url=("website1value",),
    numbered_emails=re.compile(r"email(\d+)value"),
    numbered_phones=re.compile(r"phone(\d+)value"),
    email_separators=(GOOGLE_SEPARATOR,),
    tag_separators=(GOOGLE_SEPARATOR,),
)

OUTLOOK = Layout(
    format="outlook",
    first_name=("firstname",),
    middle_name=("middlename",),
    last_name=("lastname",),
    emails=("emailaddress", "email2address", "email3address"),
    company=("company",),
    position=("jobtitle", "position"),
    phones=(
        "businessphone",
        "mobilephone",
        "homephone",
        "primaryphone",
        "companymainphone",
        "businessphone2",
        "homephone2",
        "otherphone",
    ),
    notes=("notes",),
    tags=("categories",),
    url=("webpage",),
    phone_separators=(),
    tag_separators=(";", ","),
)

GENERIC = Layout(
    format="csv",
    display_name=("displayname",),
    full_name=("name", "fullname", "contactname", "contact"),
    first_name=("firstname", "givenname", "first", "forename", "vorname", "prénom"),
    middle_name=("middlename", "additionalname", "middle"),
    last_name=("lastname", "familyname", "surname", "last", "nachname"),
    emails=(
        "email",
        "emailaddress",
        "emails",
        "mail",
        "primaryemail",
        "workemail",
        "businessemail",
        "homeemail",
        "personalemail",
        "otheremail",
        "secondaryemail",
        "email1",
        "email2",
        "email3",
        "email2address",
        "email3address",
        "additionalemailaddresses",
        "emailadresse",
        "secondemail",
    ),
    company=(
        "company",
        "companyname",
        "organisation",
        "organization",
        "organisationname",
        "organizationname",
        "org",
        "employer",
        "associatedcompany",
        "accountname",
        "account",
        "firma",
    ),
    position=("position", "jobtitle", "title", "role", "jobrole", "occupation", "designation"),
    phones=(
        "phone",
        "phonenumber",
        "telephone",
        "telephonenumber",
        "tel",
        "mobile",
        "mobilephone",
        "mobilenumber",
        "mobilephonenumber",
        "cell",
        "cellphone",
        "workphone",
        "businessphone",
        "homephone",
        "phone1",
        "phone2",
        "phone3",
        "telefon",
    ),
    notes=("notes", "note", "comments", "comment", "description", "remarks", "notizen"),
    tags=("tags", "tag", "labels", "label", "categories", "category", "groups", "group"),
    url=("url", "website", "web", "webpage", "homepage", "linkedin", "linkedinurl", "profileurl"),
)

LAYOUTS = {layout.format: layout for layout in (LINKEDIN, GOOGLE, OUTLOOK, GENERIC)}

_GOOGLE_MARKS = {"email1value", "phone1value", "groupmembership", "organization1name", "fileas"}
_GOOGLE_MARKS |= {"phoneticfirstname"}
_GENERIC_IDENTITY = (*GENERIC.full_name, *GENERIC.first_name, *GENERIC.last_name, *GENERIC.emails)
_OUTLOOK_MARKS = {"email2address", "emaildisplayname", "emailtype", "givenyomi", "surnameyomi"}


_FAMILY_FIRST_LANGUAGES = {"ja"}


def header_key(name: str) -> str:
    """Normalise a column name for matching: case-folded letters and digits only."""
    return "".join(char for char in clean_line(name).casefold() if char.isalnum())


def header_keys(header: Sequence[str]) -> dict[str, int]:
    """Map each normalised column name to its first column; later duplicates are ignored.

    Localised names (German ``Vorname``, Japanese ``姓``...) are mapped to their English key.
    """
    keys: dict[str, int] = {}
    for index, name in enumerate(header):
        key = header_key(name)
        key = TRANSLATIONS.get(key, key)
        if key and key not in keys:
            keys[key] = index
    return keys


def header_language(header: Sequence[str]) -> str:
    """The language of a header's column names ("en" unless localised ones are found)."""
    return language_of([header_key(name) for name in header])


def fits(format: str, keys: dict[str, int]) -> bool:
    """Tell whether a header (as ``header_keys``) is plausibly an export of ``format``."""
    has_name = any(key in keys for key in ("firstname", "lastname", "givenname", "name"))
    if format == "linkedin":
        return "firstname" in keys and "connectedon" in keys
    if format == "outlook":
        return has_name and ("emailaddress" in keys or not _OUTLOOK_MARKS.isdisjoint(keys))
    if format == "google":
        return has_name and not _GOOGLE_MARKS.isdisjoint(keys)
    return any(key in keys for key in _GENERIC_IDENTITY)


def detect(keys: dict[str, int]) -> str | None:
    """Name the CSV format a header belongs to, or None when it fits none."""
    if fits("linkedin", keys):
        return "linkedin"
    if fits("outlook", keys) and not _OUTLOOK_MARKS.isdisjoint(keys):
        return "outlook"
    if fits("google", keys):
        return "google"
    if fits("csv", keys):
        return "csv"
    return None


def resolve(format: str, header: Sequence[str]) -> Columns:
    """Apply the layout of ``format`` to ``header``, giving the column indices of each field."""
    layout = LAYOUTS[format]
    keys = header_keys(header)

    def find(names: tuple[str, ...]) -> tuple[int, ...]:
        return tuple(keys[name] for name in names if name in keys)

    emails = list(find(layout.emails))
    markers: list[int | None] = [None] * len(emails)
    phones = list(find(layout.phones))
    if layout.numbered_emails:
        for key, index in keys.items():
            if match := layout.numbered_emails.fullmatch(key):
                emails.append(index)
                number = match.group(1)
                markers.append(keys.get(f"email{number}label", keys.get(f"email{number}type")))
    if layout.numbered_phones:
        phones.extend(index for key, index in keys.items() if layout.numbered_phones.fullmatch(key))
    return Columns(
        format=format,
        width=len(header),
        display_name=find(layout.display_name),
        full_name=find(layout.full_name),
        first_name=find(layout.first_name),
        middle_name=find(layout.middle_name),
        last_name=find(layout.last_name),
        emails=tuple(emails),
        email_markers=tuple(markers),
        company=find(layout.company),
        position=find(layout.position),
        phones=tuple(phones),
        notes=find(layout.notes),
        tags=find(layout.tags),
        url=find(layout.url),
        connected_on=find(layout.connected_on),
        email_separators=layout.email_separators,
        phone_separators=layout.phone_separators,
        tag_separators=layout.tag_separators,
        family_first=header_language(header) in _FAMILY_FIRST_LANGUAGES,
    )
