"""Touches, next actions and contact edits on disk: three journals beside the review log.

- ``activity/touches.jsonl``: every touch logged, one a line; an undo appends a line taking it
  back.
- ``activity/actions.jsonl``: next actions (see ``action_log``).
- ``activity/edits.jsonl``: every change made to a contact in reltui (added, edited, undone),
  each with the old and new value of every field it set. An edit is written here first; it
  counts once the contact's own file names it (see ``contact_edits``), so a crash between the
  two leaves a line that never shows.

Each is read once, when first asked for, and indexed by contact: opening a database and
showing its first contact reads them once, whatever their size.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

from reltui.domain.edits import ContactEdit
from reltui.domain.touches import Touch, last_touch
from reltui.memory import collector_paused
from reltui.store.action_log import ActionLog
from reltui.store.errors import CorruptDatabase, StoreError
from reltui.store.journal import Journal

ACTIVITY_DIR = "activity"
TOUCHES_FILE = "touches.jsonl"
EDITS_FILE = "edits.jsonl"


class Activity:
    """The touches and edits of one database, indexed by contact id once read."""

    def __init__(self, db_path: Path, *, read_only: bool) -> None:
        directory = db_path / ACTIVITY_DIR
        self.read_only = read_only
        self._touch_log = Journal(directory / TOUCHES_FILE)
        self._edit_log = Journal(directory / EDITS_FILE)
        self.actions = ActionLog(directory, read_only=read_only)
        self._raw: dict[int, list[dict[str, Any]]] | None = None
        # The touch log may be read in a worker thread while the screen asks for a touch.
        self._lock = threading.RLock()
        self._built: dict[int, list[Touch]] = {}
        self._last: dict[int, Touch] | None = None
        self._edits: dict[int, list[ContactEdit]] | None = None

    # ---- touches -------------------------------------------------------------------------

    def _touch_index(self) -> dict[int, list[dict[str, Any]]]:
        """Every touch's stored form, by contact; touches are built only when asked for."""
        with self._lock:
            return self._read_touches()

    @property
    def touches_read(self) -> bool:
        """True once the touch log has been read (so asking for a touch costs nothing)."""
        return self._raw is not None

    def _read_touches(self) -> dict[int, list[dict[str, Any]]]:
        if self._raw is None:
            index: dict[int, list[dict[str, Any]]] = {}
            with collector_paused():
                for document in self._touch_log.load(writable=not self.read_only):
                    contact_id = document.get("contact_id")
                    if type(contact_id) is not int or type(document.get("on")) is not str:
                        raise self._corrupt()
                    index.setdefault(contact_id, []).append(document)
            self._raw = index
        return self._raw

    def _corrupt(self) -> CorruptDatabase:
        return CorruptDatabase(f"{self._touch_log.path}: file is corrupt (bad touch)")

    def _build(self, document: dict[str, Any]) -> Touch:
        try:
            return Touch.from_document(document)
        except (TypeError, ValueError, KeyError, AttributeError):
            raise self._corrupt() from None

    def touches(self, contact_id: int) -> list[Touch]:
        """A contact's touches, oldest first."""
        built = self._built.get(contact_id)
        if built is None:
            documents = self._touch_index().get(contact_id, ())
            built = sorted(map(self._build, documents), key=lambda touch: touch.order)
            self._built[contact_id] = built
        return list(built)

    def all_touches(self) -> list[Touch]:
        """Every touch, contact by contact, oldest first within each."""
        return [touch for contact_id in self._touch_index() for touch in self.touches(contact_id)]

    def last_touches(self) -> dict[int, Touch]:
        """Each touched contact's most recent touch (the latest day, then the latest logged)."""
        with self._lock:
            if self._last is None:
                self._last = {
                    contact_id: self._build(max(documents, key=_stored_order))
                    for contact_id, documents in self._touch_index().items()
                    if documents
                }
            return self._last

    def add_touch(self, touch: Touch) -> None:
        """Append a touch and fsync it; ``StoreError`` when the disk refuses."""
        index = self._touch_index()
        document = touch.to_document()
        self._write(self._touch_log, document)
        index.setdefault(touch.contact_id, []).append(document)
        self._changed(touch.contact_id)

    def remove_touch(self, touch: Touch) -> None:
        """Take a touch back (an undo)."""
        index = self._touch_index()
        try:
            self._touch_log.take_back(touch.id)
        except OSError as error:
            raise StoreError(f"{self._touch_log.path}: could not save ({error.strerror})") from None
        documents = index.get(touch.contact_id, [])
        index[touch.contact_id] = [document for document in documents if document["id"] != touch.id]
        self._changed(touch.contact_id)

    def _changed(self, contact_id: int) -> None:
        self._built.pop(contact_id, None)
        if self._last is not None:
            touches = self.touches(contact_id)
            if touches:
                self._last[contact_id] = touches[-1]
            else:
                self._last.pop(contact_id, None)

    # ---- edits ---------------------------------------------------------------------------

    def _edit_index(self) -> dict[int, list[ContactEdit]]:
        if self._edits is None:
            index: dict[int, list[ContactEdit]] = {}
            path = self._edit_log.path
            for document in self._edit_log.load(writable=not self.read_only):
                try:
                    edit = ContactEdit.from_document(document)
                except (TypeError, ValueError, KeyError, AttributeError):
                    raise CorruptDatabase(f"{path}: file is corrupt (bad edit)") from None
                index.setdefault(edit.contact_id, []).append(edit)
            self._edits = index
        return self._edits

    def edits(self, contact_id: int, applied: list[str]) -> list[ContactEdit]:
        """A contact's edits that landed (their ids in ``applied``), oldest first."""
        landed = set(applied)
        return [edit for edit in self._edit_index().get(contact_id, ()) if edit.id in landed]

    def write_edit(self, edit: ContactEdit) -> int:
        """Append an edit ahead of its contact's write; returns the size to roll back to."""
        self._edit_index()
        size = self._edit_log.size
        self._write(self._edit_log, edit.to_document())
        return size

    def edit_landed(self, edit: ContactEdit) -> None:
        self._edit_index().setdefault(edit.contact_id, []).append(edit)

    def roll_back_edit(self, size: int) -> None:
        """Drop an edit whose contact could not be written."""
        # If the disk refuses, the line is harmless: no contact names it.
        with contextlib.suppress(OSError):
            self._edit_log.truncate_to(size)

    # ---- files ---------------------------------------------------------------------------

    def _write(self, journal: Journal, document: dict) -> None:
        if self.read_only:
            raise StoreError(f"{journal.path.parent.parent}: opened read-only")
        try:
            journal.append(document)
        except OSError as error:
            raise StoreError(f"{journal.path}: could not save ({error.strerror})") from None

    def check(self) -> None:
        """Read both journals whole: ``CorruptDatabase`` for a damaged one."""
        for documents in self._touch_index().values():
            for document in documents:
                self._build(document)
        self._edit_index()
        self.actions.check()

    def close(self) -> None:
        self._touch_log.close()
        self._edit_log.close()
        self.actions.close()


def _stored_order(document: dict[str, Any]) -> tuple[str, str]:
    """A stored touch's place in time, as ``Touch.order`` has it, without building the touch."""
    return document["on"], document.get("at") or ""


__all__ = ["ACTIVITY_DIR", "Activity", "last_touch"]
