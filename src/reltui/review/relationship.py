"""Touches, hand edits and next actions changed during a review session, each undoable."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from reltui.domain.actions import Action
from reltui.domain.edits import ContactEdit
from reltui.domain.models import Contact
from reltui.domain.touches import Touch
from reltui.store.db import Store

if TYPE_CHECKING:
    from reltui.review.session import ReviewSession


@dataclass(frozen=True, slots=True)
class ActivityStep:
    """How to take back a touch, an edit or a change to an action made in this session."""

    contact_id: int
    touch: Touch | None = None
    edit: ContactEdit | None = None
    # An action as it was (``None``: this step opened it) and as the step left it.
    action: tuple[Action | None, Action] | None = None

    @property
    def what(self) -> str:
        """The change, as the undo notice names it: "the call logged", "the edit of email"."""
        if self.touch is not None:
            return f"the {self.touch.kind} logged"
        if self.edit is not None and self.edit.changes:
            return f"the edit of {', '.join(self.edit.changes)}"
        if self.action is not None:
            before, after = self.action
            if before is None:
                return f"adding the action {after.text!r}"
            if before.is_open and not after.is_open:
                return f"marking {after.text!r} {after.state}"
            return f"the change to {after.text!r}"
        return "the edit"

    def undo(self, store: Store) -> None:
        if self.touch is not None:
            store.remove_touch(self.touch)
        if self.edit is not None:
            store.undo_edit(self.edit)
        if self.action is not None:
            before, after = self.action
            if before is None:
                store.take_back_action(after)
            else:
                store.save_action(before)


def log_touch(session: ReviewSession, contact_id: int, kind: str, on: date, note: str) -> Touch:
    """Log a touch with ``contact_id`` (durable before this returns); ``u`` takes it back."""
    touch = session.store.add_touch(contact_id, kind, on, note)
    session.push_undo(ActivityStep(contact_id, touch=touch))
    return touch


def edit_contact(
    session: ReviewSession, contact_id: int, values: Mapping[str, str]
) -> ContactEdit | None:
    """Change a contact's fields by hand; ``u`` puts the old values back."""
    edit = session.store.edit_contact(contact_id, values)
    if edit is not None:
        session.push_undo(ActivityStep(contact_id, edit=edit))
    return edit


def add_contact(session: ReviewSession, values: Mapping[str, str]) -> Contact:
    """Add a contact by hand; the session's split counts it, unreviewed."""
    contact = session.store.add_contact(values)
    session.contact_added()
    return contact


def add_action(session: ReviewSession, contact_id: int, text: str, due: date) -> Action:
    """Open an action written by hand; ``u`` takes it back."""
    action = session.store.open_action(contact_id, text, due)
    session.push_undo(ActivityStep(contact_id, action=(None, action)))
    return action


def change_action(session: ReviewSession, before: Action, after: Action) -> Action:
    """Save an action's new text, due day or state; ``u`` puts it back as it was."""
    session.store.save_action(after)
    session.push_undo(ActivityStep(after.contact_id, action=(before, after)))
    return after
