"""The store's side of a relationship beyond reviews: touches, actions, hand edits, lookups."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Container, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import reltui.store.contact_edits as contact_edits
from reltui.domain.actions import Action, action_text
from reltui.domain.edits import ContactEdit
from reltui.domain.models import Contact
from reltui.domain.touches import TOUCH_KINDS, Touch, one_line
from reltui.store.activity import Activity
from reltui.store.duplicates import DuplicateIndex
from reltui.store.errors import StoreError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from datetime import datetime

    from reltui.store.contact_files import ContactFiles


# Up to this many contacts a review keeps every document it checked (about 250 MB at most), so
# that the list and search open at once; beyond, it keeps none (a million would take a gigabyte).
KEEP_CHECKED_UP_TO = 250_000


class RelationshipStore:
    """Mixed into ``Store``: what it needs from it is declared here."""

    activity: Activity
    _files: ContactFiles
    _contacts: dict[int, Contact]
    _duplicates: DuplicateIndex | None = None
    # Held while the duplicate index is built or a contact written, so neither sees half of
    # the other (the review builds the index in a worker thread).
    _duplicates_lock: threading.Lock

    if TYPE_CHECKING:
        clock: Callable[[], datetime]

        def _ready_to_write(self) -> None: ...
        def contact(self, contact_id: int) -> Contact: ...
        def contact_documents(self) -> Iterator[tuple[int, Mapping[str, Any]]]: ...

    # ---- finding and writing contacts ----------------------------------------------------

    def known_ids(self) -> Container[int]:
        return self._files

    def contact_names(self) -> list[str]:
        """Every contact's name, in the order of ``contact_ids_by_name``."""
        return list(self._files.names)

    def next_contact_id(self) -> int:
        return self._files.next_id

    def ready_to_write(self) -> None:
        self._ready_to_write()

    def write_contact(self, contact: Contact) -> None:
        """Store one new or changed contact in one atomic step; ``StoreError`` if refused."""
        with self._duplicates_lock:
            before = self._files.documents.get(contact.id) if contact.id in self._files else None
            document = contact.to_document()
            try:
                self._files.write({contact.id: document})
            except OSError as error:
                raise StoreError(
                    f"{self._files.index_path.parent}: not saved ({error.strerror})"
                ) from None
            self._contacts[contact.id] = contact
            if self._duplicates is not None:
                if before is not None:
                    self._duplicates.remove(contact.id, before)
                self._duplicates.add(contact.id, document)

    def index_duplicates(self) -> None:
        """Build the index ``find_duplicate`` looks in, if not built yet (reads every contact)."""
        with self._duplicates_lock:
            if self._duplicates is None:
                self._duplicates = DuplicateIndex(self.contact_documents())

    def _check_contacts(self) -> None:
        """Read and check every contact once, and build the duplicate index as they go by.

        What a review does in the background: a damaged shard is found before the user reaches
        it, and the first edit finds duplicates at once. The documents are kept for the list
        and search up to ``KEEP_CHECKED_UP_TO`` contacts (about a kilobyte each); a larger
        database keeps only the index, and the list reads them as it opens.
        """
        keep = len(self._files) <= KEEP_CHECKED_UP_TO
        with self._duplicates_lock:
            documents = self._files.each_document(keep=keep)
            if self._duplicates is None:
                self._duplicates = DuplicateIndex(documents)
            else:
                for _ in documents:
                    pass

    def find_duplicate(
        self, name: str, email: str, company: str, exclude: int | None = None
    ) -> Contact | None:
        """What ``contact_rules.find_duplicate`` finds among every contact, from an index built
        once (reading every contact), so each edit after the first costs the same at any size."""
        self.index_duplicates()
        with self._duplicates_lock:
            assert self._duplicates is not None
            found = self._duplicates.first_match(
                name, email, company, exclude, self._files.document
            )
        return None if found is None else self.contact(found)

    def resolve(self, query: str) -> int:
        """The id of the contact ``query`` names: an id, an email, or a unique name."""
        return contact_edits.resolve(self, query)  # type: ignore[arg-type]

    def add_contact(self, values: Mapping[str, str]) -> Contact:
        return contact_edits.add_contact(self, values)  # type: ignore[arg-type]

    def edit_contact(self, contact_id: int, values: Mapping[str, str]) -> ContactEdit | None:
        return contact_edits.edit_contact(self, contact_id, values)  # type: ignore[arg-type]

    def undo_edit(self, edit: ContactEdit) -> ContactEdit:
        return contact_edits.undo_edit(self, edit)  # type: ignore[arg-type]

    def edits(self, contact_id: int) -> list[ContactEdit]:
        """The contact's edits made in reltui, oldest first."""
        return self.activity.edits(contact_id, self.contact(contact_id).edit_ids)

    # ---- touches -------------------------------------------------------------------------

    def touches(self, contact_id: int) -> list[Touch]:
        """A contact's touches, oldest first."""
        return self.activity.touches(contact_id)

    def all_touches(self) -> list[Touch]:
        return self.activity.all_touches()

    def last_touch(self, contact_id: int) -> Touch | None:
        return self.activity.last_touches().get(contact_id)

    def touches_read(self) -> bool:
        """True once the touch log is in memory (the review reads it after its first screen)."""
        return self.activity.touches_read

    def last_touches(self) -> dict[int, Touch]:
        """Each touched contact's most recent touch (read once, then kept)."""
        return self.activity.last_touches()

    def add_touch(self, contact_id: int, kind: str, on: date, note: str = "") -> Touch:
        """Log a touch, durable before this returns."""
        if kind not in TOUCH_KINDS:
            raise StoreError(f"unknown kind {kind!r}; choose one of {', '.join(TOUCH_KINDS)}")
        self._ready_to_write()
        if contact_id not in self._files:
            raise StoreError(f"no contact with id {contact_id}")
        touch = Touch(secrets.token_hex(8), contact_id, kind, on, one_line(note), self.clock())
        self.activity.add_touch(touch)
        return touch

    def remove_touch(self, touch: Touch) -> None:
        """Take back a touch (undo)."""
        self._ready_to_write()
        self.activity.remove_touch(touch)

    # ---- next actions ----------------------------------------------------------------------

    def actions(self, contact_id: int) -> list[Action]:
        """A contact's actions, open and closed, in the order each was opened."""
        return self.activity.actions.of(contact_id)

    def load_actions(self) -> None:
        """Read the actions now (``CorruptDatabase`` for a damaged log)."""
        self.activity.actions.check()

    def actions_read(self) -> bool:
        """True once the actions are in memory (the review reads them after its first screen)."""
        return self.activity.actions.read

    def all_actions(self) -> list[Action]:
        return self.activity.actions.all()

    def find_action(self, key: str) -> Action:
        """The action whose id is ``key`` or starts with it; ``StoreError`` naming the problem."""
        key = key.strip().lower()
        exact = self.activity.actions.get(key)
        if exact is not None:
            return exact
        found = [action for action in self.all_actions() if key and action.id.startswith(key)]
        if not found:
            raise StoreError(f"no action with id {key!r}; `reltui actions` lists them")
        if len(found) > 1:
            raise StoreError(f"{key!r} names {len(found)} actions; give more of the id")
        return found[0]

    def open_action(
        self,
        contact_id: int,
        text: str,
        due: date,
        question: str | None = None,
        at: datetime | None = None,
    ) -> Action:
        """Open an action for a contact (at ``at``, default now), durable before this returns."""
        self._ready_to_write()
        if contact_id not in self._files:
            raise StoreError(f"no contact with id {contact_id}")
        try:
            line = action_text(text)
        except ValueError as error:
            raise StoreError(str(error)) from None
        action_id = secrets.token_hex(4)
        while self.activity.actions.get(action_id) is not None:
            action_id = secrets.token_hex(4)
        action = Action(action_id, contact_id, line, due, question, opened=at or self.clock())
        self.activity.actions.save(action)
        return action

    def save_action(self, action: Action) -> None:
        """Record an action's new state (its text, due day, done or dropped)."""
        self._ready_to_write()
        self.activity.actions.save(action)

    def take_back_action(self, action: Action) -> None:
        """Forget an action just opened (undo)."""
        self._ready_to_write()
        self.activity.actions.take_back(action)
