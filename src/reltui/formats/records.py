"""What every importer produces: one record per usable row, and a reason per skipped row."""

from __future__ import annotations

from dataclasses import dataclass, field


class ImportFormatError(Exception):
    """A file that cannot be imported at all; the message is one line for the user."""


@dataclass(slots=True)
class ContactRecord:
    """A contact as read from a file, before merging into the database.

    ``emails`` holds every address, the preferred (or first) one first; ``row`` is the 1-based
    line or card number in the source file, for messages.
    """

    name: str
    emails: list[str] = field(default_factory=list)
    company: str = ""
    position: str = ""
    phones: list[str] = field(default_factory=list)
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    url: str = ""
    connected_on: str = ""
    row: int = 0


@dataclass(slots=True)
class SkippedRow:
    """A row that was not imported, and why."""

    row: int
    reason: str


@dataclass(slots=True)
class ParsedFile:
    """The result of reading one file (or one directory of vCards).

    ``warnings`` are one-line messages about data read with a guess or left out (a property,
    an email); ``encoding`` and ``language`` say how the file was read, for ``--dry-run``.
    """

    format: str
    records: list[ContactRecord] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encoding: str = ""
    language: str = ""
