"""Adding and editing contacts by hand, each in one atomic step, and finding one by what the
user typed.

An edit is written to the edit journal first, then the contact is rewritten naming the edit
(``edit_ids``) in one atomic replace. The contact's file is the truth: an edit line that no
contact names (a crash came between the two writes) never shows.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from reltui.domain.contact_rules import (
    ContactNotFound,
    duplicate_message,
    form_problems,
    resolve_contact,
)
from reltui.domain.edits import (
    ADDED,
    EDITABLE_FIELDS,
    UNDONE,
    ContactEdit,
    changes_between,
    with_values,
)
from reltui.domain.models import Contact
from reltui.store.errors import StoreError

if TYPE_CHECKING:
    from reltui.store.db import Store


class ContactRefused(StoreError):
    """A contact that cannot be saved as given: a bad value or a duplicate (one line)."""


def new_edit_id() -> str:
    return secrets.token_hex(8)


def _check(values: Mapping[str, str]) -> None:
    problems = form_problems(values)
    if problems:
        name, message = next(iter(problems.items()))
        raise ContactRefused(f"{name}: {message}")


def _emails(store: Store) -> Iterator[tuple[int, str, Sequence[str]]]:
    for contact in store.contacts():
        yield contact.id, contact.name, [*contact.all_emails, *contact.former_emails]


def resolve(store: Store, query: str) -> int:
    """The contact id ``query`` names (id, email or unique name); ``ContactRefused`` otherwise."""
    names = zip(store.contact_ids_by_name(), store.contact_names(), strict=True)
    try:
        return resolve_contact(query, store.known_ids(), names, _emails(store))
    except ContactNotFound as error:
        raise ContactRefused(str(error)) from None


def add_contact(store: Store, values: Mapping[str, str]) -> Contact:
    """Save a new contact from form values; refuses bad values and duplicates."""
    values = {name: value for name, value in values.items() if name in EDITABLE_FIELDS}
    _check({"name": "", **values})
    blank = Contact(store.next_contact_id(), "", source="reltui")
    changes = changes_between(blank, values)
    contact = with_values(blank, changes)
    duplicate = store.find_duplicate(contact.name, contact.email, contact.company)
    if duplicate is not None:
        raise ContactRefused(duplicate_message(duplicate))
    edit = ContactEdit(new_edit_id(), contact.id, store.clock(), ADDED, changes)
    _save(store, replace(contact, edit_ids=[edit.id]), edit)
    return store.contact(contact.id)


def edit_contact(store: Store, contact_id: int, values: Mapping[str, str]) -> ContactEdit | None:
    """Change a contact's fields by hand; ``None`` when nothing changes."""
    values = {name: value for name, value in values.items() if name in EDITABLE_FIELDS}
    _check(values)
    contact = store.contact(contact_id)
    changes = changes_between(contact, values)
    if not changes:
        return None
    changed = with_values(contact, changes)
    if "email" in changes or "name" in changes or "company" in changes:
        duplicate = store.find_duplicate(
            changed.name, changed.email, changed.company, exclude=contact_id
        )
        if duplicate is not None:
            raise ContactRefused(duplicate_message(duplicate))
    edit = ContactEdit(new_edit_id(), contact_id, store.clock(), changes=changes)
    _save(store, replace(changed, edit_ids=[*contact.edit_ids, edit.id]), edit)
    return edit


def undo_edit(store: Store, edit: ContactEdit) -> ContactEdit:
    """Put back the values an edit replaced; the fields it had marked hand-set are so no more."""
    contact = store.contact(edit.contact_id)
    back = {name: old for name, (old, _) in edit.changes.items()}
    changes = changes_between(contact, back)
    restored = with_values(contact, changes)
    newly_hand = [name for name in edit.changes if name not in _hand_before(store, edit)]
    restored.hand_set[:] = [name for name in restored.hand_set if name not in newly_hand]
    undo = ContactEdit(new_edit_id(), edit.contact_id, store.clock(), UNDONE, changes)
    _save(store, replace(restored, edit_ids=[*contact.edit_ids, undo.id]), undo)
    return undo


def _hand_before(store: Store, edit: ContactEdit) -> set[str]:
    """The fields hand-set by the contact's edits before ``edit``."""
    fields: set[str] = set()
    for earlier in store.edits(edit.contact_id):
        if earlier.id == edit.id:
            break
        fields.update(earlier.changes)
    return fields


def _save(store: Store, contact: Contact, edit: ContactEdit) -> None:
    store.ready_to_write()
    activity = store.activity
    size = activity.write_edit(edit)
    try:
        store.write_contact(contact)
    except BaseException:
        activity.roll_back_edit(size)
        raise
    activity.edit_landed(edit)
