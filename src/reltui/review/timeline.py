"""One contact's timeline as the screen and ``reltui show`` present it: one function for both."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reltui.domain.models import Contact
from reltui.domain.questions import DEFAULT_QUESTIONS, Question
from reltui.domain.timeline import TimelineEntry, timeline
from reltui.store.db import Store

DETAIL_FIELDS = ("email", "company", "position", "phone")


def contact_timeline(
    store: Store, contact_id: int, questions: Sequence[Question] = DEFAULT_QUESTIONS
) -> list[TimelineEntry]:
    """Every review, status change, touch, edit and next action of a contact, newest first."""
    return timeline(
        store.reviews(contact_id),
        store.touches(contact_id),
        store.edits(contact_id),
        questions,
        store.actions(contact_id),
    )


def contact_heading(contact: Contact) -> str:
    """The contact's name and details on one line: ``Ada (id 1) · ada@x · Engines``."""
    parts = [f"{contact.name} (id {contact.id})"]
    parts.extend(value for name in DETAIL_FIELDS if (value := getattr(contact, name)))
    return " · ".join(parts)


def timeline_json(
    store: Store, contact_id: int, questions: Sequence[Question] = DEFAULT_QUESTIONS
) -> dict[str, Any]:
    """The contact and its timeline as plain data."""
    contact = store.contact(contact_id)
    details = {name: getattr(contact, name) for name in ("name", *DETAIL_FIELDS)}
    details["tags"] = list(contact.tags)
    details["notes"] = contact.notes
    return {
        "id": contact.id,
        **details,
        "status": str(store.state(contact_id).status),
        "timeline": [entry.to_json() for entry in contact_timeline(store, contact_id, questions)],
    }
