"""The keys the review and the list share for a contact: add, edit, touch, timeline, actions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual.binding import Binding
from textual.content import Content

from reltui.domain.edits import EDITABLE_FIELDS, field_text
from reltui.review import relationship
from reltui.review.timeline import contact_heading, contact_timeline
from reltui.store.errors import StoreError
from reltui.ui.key_notices import ExplainsKeys
from reltui.ui.keymap import key_of
from reltui.ui.text import safe

CONTACT_BINDINGS: list[Binding] = [
    Binding("a", "add_contact", "Add", show=False, id="contact-add", tooltip="Add a contact"),
    Binding("e", "edit_contact", "Edit", show=False, id="contact-edit", tooltip="Edit the contact"),
    Binding("t", "log_touch", "Touch", show=False, id="contact-touch", tooltip="Log a touch"),
    Binding(
        "H", "timeline", "Timeline", show=False, id="contact-timeline", tooltip="Contact's timeline"
    ),
    Binding("c", "copy_email", "Copy email", show=False, id="copy-email", tooltip="Copy the email"),
    Binding(
        "A",
        "contact_actions",
        "Actions",
        show=False,
        id="contact-actions",
        tooltip="The contact's next actions",
    ),
]
# Actions that write; disabled when the database is open read-only.
CONTACT_WRITING_ACTIONS = frozenset({"add_contact", "edit_contact", "log_touch"})


def _problem_of(error: StoreError) -> dict[str, str]:
    """A store refusal as a message beside the field it is about."""
    message = str(error)
    name, _, rest = message.partition(": ")
    if name in EDITABLE_FIELDS and rest:
        return {name: rest}
    return {"name" if "already in the database" in message else "notes": message}


class ContactActions(ExplainsKeys):
    """Mixed into a screen with a current contact: ``a``, ``e``, ``t``, ``H``, ``A`` and ``c``."""

    WRITING_ACTIONS: ClassVar[frozenset[str]] = CONTACT_WRITING_ACTIONS

    def undo_key(self) -> str:
        """The key that undoes, as the user has it (the review's, also from the list)."""
        return key_of(self.app, "undo", "u")

    def action_contact_id(self) -> int | None:
        """The contact the keys act on; each screen names its current one (none here)."""
        return None

    def contact_saved(self, contact_id: int, *, added: bool = False) -> None:
        """Show what was saved; each screen redraws its rows or card (nothing to redraw here)."""

    def _saved(self, contact_id: int, added: bool = False) -> None:
        self.reltui.contact_changed(contact_id)
        self.contact_saved(contact_id, added=added)

    def action_add_contact(self) -> None:
        from reltui.ui.screens.contact_form import ContactForm

        added: list[int] = []

        def submit(values: dict[str, str]) -> Mapping[str, str]:
            try:
                added.append(relationship.add_contact(self.reltui.session, values).id)
            except StoreError as error:
                return _problem_of(error)
            return {}

        def closed(saved: bool | None) -> None:
            if saved and added:
                self._saved(added[0], added=True)
                name = safe(self.reltui.store.contact(added[0]).name)
                self.notify(f"Added {name}", markup=False, timeout=3)

        self.reltui.push_form(
            ContactForm, Content.styled("New contact", "bold"), {}, submit, callback=closed
        )

    def action_edit_contact(self) -> None:
        from reltui.ui.screens.contact_form import ContactForm

        contact_id = self.action_contact_id()
        if contact_id is None:
            return
        contact = self.reltui.store.contact(contact_id)
        values = {name: field_text(contact, name) for name in EDITABLE_FIELDS}
        changed: list[bool] = []

        def submit(new_values: dict[str, str]) -> Mapping[str, str]:
            try:
                edit = relationship.edit_contact(self.reltui.session, contact_id, new_values)
            except StoreError as error:
                return _problem_of(error)
            changed.append(edit is not None)
            return {}

        def closed(saved: bool | None) -> None:
            if saved and changed and changed[0]:
                self._saved(contact_id)
                self.notify(f"Saved; {self.undo_key()} undoes it", markup=False, timeout=3)

        heading = Content.assemble("Edit ", (safe(contact.name), "bold"))
        self.reltui.push_form(ContactForm, heading, values, submit, callback=closed)

    def action_log_touch(self) -> None:
        from reltui.ui.screens.touch_form import TouchEntry, TouchForm

        contact_id = self.action_contact_id()
        if contact_id is None:
            return
        session = self.reltui.session

        def closed(entry: TouchEntry | None) -> None:
            if entry is None:
                return
            try:
                relationship.log_touch(session, contact_id, entry.kind, entry.on, entry.note)
            except StoreError as error:
                self.notify(f"Not saved: {error}", severity="error", markup=False)
                return
            self._saved(contact_id)
            self.notify(
                f"Logged {entry.kind}; {self.undo_key()} undoes it", markup=False, timeout=3
            )

        name = safe(self.reltui.store.contact(contact_id).name)
        self.reltui.push_form(TouchForm, name, session.clock().date(), callback=closed)

    def action_copy_email(self) -> None:
        """Put the contact's email on the clipboard, through the terminal (OSC 52)."""
        contact_id = self.action_contact_id()
        if contact_id is None:
            return
        contact = self.reltui.store.contact(contact_id)
        email = safe(contact.email)
        if not email:
            self.notify(f"{safe(contact.name)} has no email to copy", markup=False, timeout=3)
            return
        self.app.copy_to_clipboard(email)
        self.notify(f"Copied {email}", markup=False, timeout=3)

    def action_contact_actions(self) -> None:
        from reltui.ui.screens.actions import ActionsScreen

        contact_id = self.action_contact_id()
        if contact_id is None:
            return
        self.app.push_screen(ActionsScreen(contact_id))

    def action_timeline(self) -> None:
        from reltui.ui.screens.timeline import TimelineScreen

        contact_id = self.action_contact_id()
        if contact_id is None:
            return
        store = self.reltui.store
        entries = contact_timeline(store, contact_id, self.reltui.settings.questions)
        heading = contact_heading(store.contact(contact_id))
        self.app.push_screen(TimelineScreen(heading, entries))
