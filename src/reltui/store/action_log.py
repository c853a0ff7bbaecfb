"""Next actions on disk: ``activity/actions.jsonl``, one action's whole state a line.

Every change (opened, text edited, moved, done, dropped) appends the action as it now is; the
last line for an id wins, and an undo of an opening appends the line that takes it back. The
journal is read when first asked for and indexed by contact.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reltui.domain.actions import Action
from reltui.store.errors import CorruptDatabase, StoreError
from reltui.store.journal import Journal

ACTIONS_FILE = "actions.jsonl"


class ActionLog:
    """The actions of one database, by id and by contact once read."""

    def __init__(self, directory: Path, *, read_only: bool) -> None:
        self.read_only = read_only
        self._log = Journal(directory / ACTIONS_FILE)
        self._by_id: dict[str, Action] | None = None
        self._by_contact: dict[int, dict[str, Action]] | None = None
        # The review reads the log in a worker thread while the screen may ask for an action.
        self._lock = threading.RLock()

    @property
    def read(self) -> bool:
        """True once the log is in memory (so asking for an action costs nothing)."""
        return self._by_contact is not None

    @property
    def path(self) -> Path:
        return self._log.path

    def _index(self) -> dict[str, Action]:
        with self._lock:
            return self._read()

    def _read(self) -> dict[str, Action]:
        if self._by_id is None:
            by_id: dict[str, Action] = {}
            for document in self._log.load(writable=not self.read_only):
                try:
                    action = Action.from_document(document)
                except (TypeError, ValueError, KeyError, AttributeError):
                    raise CorruptDatabase(f"{self.path}: file is corrupt (bad action)") from None
                # A later line for the same id is the action's newer state.
                by_id.pop(action.id, None)
                by_id[action.id] = action
            self._by_id = by_id
        return self._by_id

    def all(self) -> list[Action]:
        """Every action, open and closed, in the order each was opened."""
        return list(self._index().values())

    def get(self, action_id: str) -> Action | None:
        return self._index().get(action_id)

    def _contact_index(self) -> dict[int, dict[str, Action]]:
        with self._lock:
            return self._read_contacts()

    def _read_contacts(self) -> dict[int, dict[str, Action]]:
        if self._by_contact is None:
            by_contact: dict[int, dict[str, Action]] = {}
            for action in self._index().values():
                by_contact.setdefault(action.contact_id, {})[action.id] = action
            self._by_contact = by_contact
        return self._by_contact

    def of(self, contact_id: int) -> list[Action]:
        """A contact's actions, open and closed, in the order each was opened."""
        return list(self._contact_index().get(contact_id, {}).values())

    def save(self, action: Action) -> None:
        """Append the action's state and fsync it; ``StoreError`` when refused."""
        index = self._index()
        self._append(action.to_document())
        # An updated action keeps its place: the order in which actions were opened.
        index[action.id] = action
        self._contact_index().setdefault(action.contact_id, {})[action.id] = action

    def take_back(self, action: Action) -> None:
        """Forget an action that was just opened (an undo)."""
        index = self._index()
        if self.read_only:
            raise StoreError(f"{self.path.parent.parent}: opened read-only")
        try:
            self._log.take_back(action.id)
        except OSError as error:
            raise StoreError(f"{self.path}: could not save ({error.strerror})") from None
        index.pop(action.id, None)
        self._contact_index().get(action.contact_id, {}).pop(action.id, None)

    def _append(self, document: dict) -> None:
        if self.read_only:
            raise StoreError(f"{self.path.parent.parent}: opened read-only")
        try:
            self._log.append(document)
        except OSError as error:
            raise StoreError(f"{self.path}: could not save ({error.strerror})") from None

    def check(self) -> None:
        self._contact_index()

    def close(self) -> None:
        self._log.close()
