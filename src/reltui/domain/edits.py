"""Contacts changed by hand: which fields, from what, to what; hand-set fields outlive imports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from reltui.domain.models import Contact

# The fields a user edits, in the order the form shows them.
EDITABLE_FIELDS = ("name", "email", "company", "position", "phone", "tags", "notes")
ADDED, EDITED, UNDONE = "added", "edited", "undone"
EDIT_KINDS = (ADDED, EDITED, UNDONE)


@dataclass(frozen=True, slots=True)
class ContactEdit:
    """One change to a contact made in reltui: each field's old and new value, and when."""

    id: str
    contact_id: int
    at: datetime
    kind: str = EDITED
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)

    def to_document(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "contact_id": self.contact_id,
            "at": self.at.isoformat(timespec="microseconds"),
            "kind": self.kind,
            "changes": {name: [old, new] for name, (old, new) in self.changes.items()},
        }

    @classmethod
    def from_document(cls, data: dict[str, Any]) -> ContactEdit:
        """An edit from its stored form; a bad field raises ``TypeError``/``ValueError``."""
        kind = data.get("kind", EDITED)
        if kind not in EDIT_KINDS:
            raise ValueError(f"unknown edit kind {kind!r}")
        changes = {}
        for name, pair in dict(data.get("changes") or {}).items():
            old, new = pair
            changes[str(name)] = (str(old), str(new))
        return cls(
            str(data["id"]),
            int(data["contact_id"]),
            datetime.fromisoformat(data["at"]),
            kind,
            changes,
        )


def parse_tags(text: str) -> list[str]:
    """Tags typed as one line, split at commas; blanks and repeats dropped."""
    tags: list[str] = []
    for part in text.split(","):
        tag = " ".join(part.split())
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def field_text(contact: Contact, name: str) -> str:
    """A contact's editable field as the form shows it (tags joined by commas)."""
    if name == "tags":
        return ", ".join(contact.tags)
    return str(getattr(contact, name))


def clean_value(name: str, text: str) -> str:
    """A typed value as stored: notes keep their lines, other fields are one trimmed line."""
    if name == "notes":
        return text.strip()
    if name == "tags":
        return ", ".join(parse_tags(text))
    return " ".join(text.split())


def changes_between(contact: Contact, values: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """The fields ``values`` would change, each as ``(old, new)`` text."""
    changes = {}
    for name in EDITABLE_FIELDS:
        if name not in values:
            continue
        old, new = field_text(contact, name), clean_value(name, values[name])
        if old != new:
            changes[name] = (old, new)
    return changes


def with_values(contact: Contact, changes: Mapping[str, tuple[str, str]]) -> Contact:
    """A copy of ``contact`` with each changed field set to its new value, and marked hand-set."""
    updates: dict[str, Any] = {}
    for name, (_, new) in changes.items():
        updates[name] = parse_tags(new) if name == "tags" else new
    hand = list(contact.hand_set)
    hand.extend(name for name in changes if name not in hand)
    former = list(contact.former_emails)
    old_email = changes["email"][0] if "email" in changes else ""
    if old_email and old_email not in former:
        former.append(old_email)
    copies = {"emails": list(contact.emails), "phones": list(contact.phones)}
    copies["tags"] = list(contact.tags)
    return replace(contact, **{**copies, **updates}, hand_set=hand, former_emails=former)
