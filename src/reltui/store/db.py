"""The database: a directory holding the contacts and an append-only review log.

Layout of a database directory (all owner-only):

- ``contacts.json`` and ``contacts/``: the contact index and the contacts in shards read on
  demand (see ``contact_files``). Rewritten only by imports, each in one atomic step.
- ``reviews/``: the review log (see ``review_log``): an append-only journal folded into TinyDB
  segments of at most ``SEGMENT_SIZE`` reviews. Saving an answer appends one line, so its cost
  does not grow with the number of contacts or reviews.
- ``lock`` and ``lock.json``: the writer lock and who holds it.
"""

from __future__ import annotations

import errno
import os
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from reltui.domain.models import Contact, Review
from reltui.domain.state import UNREVIEWED_STATE, ContactState, contact_state
from reltui.memory import collector_paused
from reltui.store.activity import Activity
from reltui.store.backup import Backup, list_backups, remove_incomplete_backups
from reltui.store.contact_files import (
    CONTACTS_DIR,
    CONTACTS_FILE,
    SCHEMA_VERSION,
    ContactFiles,
)
from reltui.store.errors import CorruptDatabase, DatabaseLocked, ReadOnlyDatabase, StoreError
from reltui.store.files import (
    check_private_tree,
    ensure_private_dir,
    others_can_write,
    remove_stale_temp_files,
    write_bytes_atomic,
)
from reltui.store.import_result import ImportResult
from reltui.store.lock import DatabaseLockedError, WriterLock
from reltui.store.relationship import RelationshipStore
from reltui.store.restore import finish_restore, restore_pending
from reltui.store.review_log import REVIEWS_DIR, SEGMENT_SIZE, ReviewLog
from reltui.store.storage import dumps_checked, read_store_file

READ_ATTEMPTS = 5


def now_local() -> datetime:
    """The current time, aware of the local time zone."""
    return datetime.now().astimezone()


def new_review_id() -> str:
    """A random id for a new review."""
    return secrets.token_hex(8)


__all__ = [
    "CONTACTS_FILE",
    "SEGMENT_SIZE",
    "CorruptDatabase",
    "DatabaseLocked",
    "ImportResult",
    "Store",
    "StoreError",
    "database_exists",
    "new_review_id",
    "now_local",
]


class Store(RelationshipStore):
    """Contacts and their review history, held in memory and written through on every change."""

    def __init__(
        self,
        path: Path,
        *,
        read_only: bool = False,
        clock: Callable[[], datetime] = now_local,
    ) -> None:
        self.path = path
        self.read_only = read_only
        self.clock = clock
        self.warnings: list[str] = []
        self._lock = WriterLock(path) if not read_only else None
        # The stored documents are kept as parsed, shard by shard as they are needed; a Contact
        # is built when first asked for, so opening a large database pays for neither.
        self._files = ContactFiles(path)
        self._contacts: dict[int, Contact] = {}
        self._reviews: dict[int, list[Review]] = {}
        self._states: dict[int, ContactState] = {}
        self._log = ReviewLog(path / REVIEWS_DIR)
        self.activity = Activity(path, read_only=read_only)
        self._before_write: Callable[[], None] | None = None
        self._duplicates_lock = threading.Lock()
        self._mark: tuple[object, ...] = ()

    # ---- opening and closing -------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        read_only: bool = False,
        create: bool = True,
        clock: Callable[[], datetime] = now_local,
    ) -> Store:
        """Open (and, unless read-only, lock) the database at ``path``.

        Raises ``StoreError`` with a one-line message for a missing, corrupt, newer or locked
        database; files are never changed by a failed open.
        """
        path = Path(path).expanduser()
        if not read_only and os.path.lexists(path):
            check_private_tree(path)  # before anything in it is read or written
        if restore_pending(path):
            _settle_restore(path, locked=False)
        try:
            exists = (path / CONTACTS_FILE).exists()
            if path.exists() and not path.is_dir():
                raise StoreError(f"{path}: not a reltui database (expected a directory)")
            # Reviews without the index that names their contacts: the index was lost, and a new
            # one would give their contacts' ids to other people.
            orphaned = not exists and ReviewLog(path / REVIEWS_DIR).holds_reviews()
        except PermissionError:
            raise StoreError(
                f"{path}: permission denied (the database belongs to someone else?)"
            ) from None
        if orphaned:
            error = CorruptDatabase(f"{path / CONTACTS_FILE}: file is missing (reviews remain)")
            raise _with_backup_hint(error, path)
        if not exists:
            if read_only or not create:
                raise StoreError(f"{path}: no database here yet; run 'reltui import FILE' first")
            try:
                ensure_private_dir(path)
            except OSError as error:
                raise StoreError(f"{path}: cannot create database ({error.strerror})") from None
        if not read_only:
            check_private_tree(path)
        # A reader takes no lock: it checks that no writer replaced the index (or restored the
        # database) while it read, and reads again if one did, so it never mistakes a writer's
        # work for damage.
        for _attempt in range(1 if not read_only else READ_ATTEMPTS):
            mark = _write_mark(path)
            store = cls(path, read_only=read_only, clock=clock)
            try:
                store._acquire()
                with collector_paused():
                    store._load()
            except StoreError as error:
                store.close()
                if read_only and _write_mark(path) != mark:
                    continue
                if isinstance(error, CorruptDatabase):
                    raise _with_backup_hint(error, path) from None
                raise
            except BaseException:
                store.close()
                raise
            if not read_only or _write_mark(path) == mark:
                store._mark = mark
                return store
            store.close()
        raise StoreError(f"{path}: the database kept changing while it was read; run it again")

    def hold_writes_until(self, ready: Callable[[], None]) -> None:
        """Call ``ready`` (which may block) before the first write, e.g. to finish a backup."""
        self._before_write = ready

    def _ready_to_write(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        ready, self._before_write = self._before_write, None
        if ready is not None:
            ready()

    def _acquire(self) -> None:
        if self._lock is None:
            return
        try:
            self._lock.acquire()
        except DatabaseLockedError as error:
            raise DatabaseLocked(str(error), error.holder) from None
        except PermissionError as error:
            raise ReadOnlyDatabase(
                f"{self.path}: cannot write to this database ({error.strerror})"
            ) from None
        except OSError as error:
            if error.errno == errno.EROFS:
                raise ReadOnlyDatabase(
                    f"{self.path}: cannot write to this database ({error.strerror})"
                ) from None
            raise StoreError(f"{self.path}: cannot lock database ({error.strerror})") from None

    def _load(self) -> None:
        if not self.read_only:
            _settle_restore(self.path)  # clears what a restore stopped before its moment left
            remove_incomplete_backups(self.path)
            for directory in (self.path, self.path / REVIEWS_DIR, self.path / CONTACTS_DIR):
                remove_stale_temp_files(directory)
        if others_can_write(self.path) or others_can_write(self.path / CONTACTS_FILE):
            self.warnings.append(f"{self.path}: other users can write this database")
        contacts_path = self.path / CONTACTS_FILE
        data = read_store_file(contacts_path)
        if data is None:
            if self.read_only:
                raise StoreError(f"{self.path}: no database here yet")
            empty = ContactFiles.empty_file()
            try:
                ensure_private_dir(self.path / REVIEWS_DIR)
                write_bytes_atomic(contacts_path, dumps_checked(empty))
            except OSError as error:
                message = f"{self.path}: cannot create database ({error.strerror})"
                raise StoreError(message) from None
            self._files.load_index(empty)
        else:
            self._check_schema(contacts_path, data)
            self._files.load_index(data)
        self._load_reviews()
        if not self.read_only:
            self._files.remove_unreferenced()
            if self._files.needs_upgrade:
                self._upgrade()

    def _upgrade(self) -> None:
        """Rewrite an older database in the current form: its own id, an id counter, shards."""
        try:
            with collector_paused():
                self._files.write({})
        except OSError as error:
            raise StoreError(f"{self.path}: cannot upgrade database ({error.strerror})") from None

    @staticmethod
    def _check_schema(path: Path, data: dict[str, Any]) -> None:
        meta = data.get("meta") or {}
        versions = [doc.get("schema") for doc in meta.values() if isinstance(doc, dict)]
        version = versions[0] if versions else None
        if not isinstance(version, int):
            raise StoreError(f"{path}: not a reltui database (no schema version)")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{path}: written by a newer reltui (schema {version}, this one reads "
                f"{SCHEMA_VERSION}); upgrade reltui"
            )

    def _load_reviews(self) -> None:
        log = self._log.load(
            writable=not self.read_only, database_id=self._files.database_id, known=self._files
        )
        for review in log:
            self._reviews.setdefault(review.contact_id, []).append(review)

    def close(self) -> None:
        """Release the lock; everything is already on disk."""
        self._log.close(fold=not self.read_only)
        self.activity.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---- contacts ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._files)

    def contacts(self) -> Iterator[Contact]:
        """All contacts, in the order they were added."""
        self.load_all()
        return map(self.contact, self._files.ids_by_id())

    def contact(self, contact_id: int) -> Contact:
        """One contact; ``KeyError`` for an unknown id, ``CorruptDatabase`` for a bad shard."""
        contact = self._contacts.get(contact_id)
        if contact is None:
            try:
                document = self._files.document(contact_id)
            except CorruptDatabase as error:
                raise self._damage_or_change(error) from None
            contact = Contact.from_document(contact_id, document)
            self._contacts[contact_id] = contact
        return contact

    def contact_ids(self) -> list[int]:
        """Every contact id, in the order they were added."""
        return list(self._files.ids_by_id())

    def contact_name(self, contact_id: int) -> str:
        """A contact's name from the index, reading no contacts file."""
        return self._files.name(contact_id)

    def contact_ids_by_name(self) -> list[int]:
        """Every contact id by name regardless of case, then id: kept so, not sorted here."""
        return list(self._files.ids)

    def contact_documents(self) -> Iterator[tuple[int, Mapping[str, Any]]]:
        """``(id, stored fields)`` for every contact in the order they were added (read only)."""
        self.load_all()
        documents = self._files.documents
        return ((contact_id, documents[contact_id]) for contact_id in self._files.ids_by_id())

    def load_all(self) -> None:
        """Read every contact now (raises ``CorruptDatabase`` for a damaged shard)."""
        try:
            with collector_paused():
                self._files.load_all()
        except CorruptDatabase as error:
            raise self._damage_or_change(error) from None

    def check_contacts(self) -> None:
        """Check every contact now and index them for duplicates (``_check_contacts``); raises
        as ``load_all`` does."""
        try:
            with collector_paused():
                self._check_contacts()
        except CorruptDatabase as error:
            raise self._damage_or_change(error) from None

    def _damage_or_change(self, error: CorruptDatabase) -> StoreError:
        """A shard that failed to read: damage, unless writers replaced it since this opened."""
        if self.read_only and _write_mark(self.path) != self._mark:
            return StoreError(
                f"{self.path}: changed by another reltui while this one read it; run it again"
            )
        return _with_backup_hint(error, self.path)

    # ---- reviews -------------------------------------------------------------------------

    def reviews(self, contact_id: int) -> list[Review]:
        """A contact's reviews, oldest first."""
        return list(self._reviews.get(contact_id, ()))

    def all_reviews(self) -> Iterator[Review]:
        """Every review in the log, contact by contact, oldest first within each."""
        for reviews in self._reviews.values():
            yield from reviews

    def reviewed_contact_ids(self) -> list[int]:
        """The contacts with at least one review, in no particular order."""
        known = self._files
        return [contact_id for contact_id in self._reviews if contact_id in known]

    def state(self, contact_id: int) -> ContactState:
        """Where a contact stands now (cached; recomputed when its reviews change)."""
        cached = self._states.get(contact_id)
        if cached is None:
            reviews = self._reviews.get(contact_id)
            if not reviews:
                return UNREVIEWED_STATE
            cached = contact_state(reviews)
            self._states[contact_id] = cached
        return cached

    def save_review(self, review: Review) -> None:
        """Append a new review to the log, or update the same review while it is in progress.

        The review is appended to the log's journal and fsynced before this returns.
        """
        self._ready_to_write()
        if review.contact_id not in self._files:
            raise StoreError(f"no contact with id {review.contact_id}")
        document = review.to_document()
        if self._files.database_id is not None:
            document["database"] = self._files.database_id
        try:
            self._log.save(document)
        except OSError as error:
            raise StoreError(f"{self.path}: could not save ({error.strerror})") from None
        history = self._reviews.setdefault(review.contact_id, [])
        stored = Review.from_document(document)
        for index, existing in enumerate(history):
            if existing.id == review.id:
                history[index] = stored
                break
        else:
            history.append(stored)
        self._states.pop(review.contact_id, None)

    def bytes_written(self) -> int:
        """Bytes written to the review log by this process (for the benchmark)."""
        return self._log.bytes_written()

    # ---- import --------------------------------------------------------------------------

    def import_records(self, records: Iterable[Any], *, dry_run: bool = False) -> ImportResult:
        """Merge imported records into the contacts; answers are never touched.

        Records match an existing contact by any email (case and spaces ignored), else by
        profile URL, else by name and company. The changes land in one atomic step, so a failed
        import leaves the database as it was.
        """
        with collector_paused():
            return self._import(list(records), dry_run)

    def _import(self, records: list[Any], dry_run: bool) -> ImportResult:
        from reltui.store.merge import all_new, merge_records, new_contact_document

        if not len(self) and all_new({}, records):
            # The first import of a file of distinct people: each record is a new contact, so
            # its document is written without matching, or building the contact first.
            if dry_run:
                return ImportResult(added=len(records))
            self._ready_to_write()
            first = self._files.next_id
            documents = {
                contact_id: new_contact_document(record)
                for contact_id, record in enumerate(records, first)
            }
            try:
                self._files.write(documents)
            except OSError as error:
                raise StoreError(f"{self.path}: import not saved ({error.strerror})") from None
            self._duplicates = None
            return ImportResult(added=len(records))
        existing = {contact_id: self.contact(contact_id) for contact_id in self.contact_ids()}
        result, changed = merge_records(existing, records, first_id=self._files.next_id)
        if dry_run or not changed:
            return result
        self._ready_to_write()
        documents = {contact.id: contact.to_document() for contact in changed}
        try:
            self._files.write(documents)
        except OSError as error:
            raise StoreError(f"{self.path}: import not saved ({error.strerror})") from None
        for contact in changed:
            self._contacts[contact.id] = contact
        self._duplicates = None
        return result


def _write_mark(path: Path) -> tuple[object, ...]:
    """What changes when a writer replaces the index or restores: a reader compares it."""
    try:
        status = os.lstat(path / CONTACTS_FILE)
        index: object = (status.st_ino, status.st_mtime_ns, status.st_size)
    except OSError:
        index = None
    return index, restore_pending(path)


def _settle_restore(path: Path, *, locked: bool = True) -> None:
    """Finish a restore cut short (see ``restore``), taking the writer lock for it if need be."""
    lock = None if locked else WriterLock(path)
    try:
        if lock is not None:
            lock.acquire()
        finish_restore(path)
    except DatabaseLockedError:
        raise StoreError(
            f"{path}: a restore is in progress; run the command again once it ends"
        ) from None
    except OSError as error:
        raise StoreError(
            f"{path}: cannot finish the restore that was cut short ({error.strerror})"
        ) from None
    finally:
        if lock is not None:
            lock.release()


def backup_is_readable(backup: Backup) -> bool:
    """True when the backup validates as a whole database: every record, every checksum."""
    try:
        with Store.open(backup.path, read_only=True) as copy:
            copy.load_all()  # the database's own reading is the one check
            copy.activity.check()
    except (StoreError, OSError):
        return False
    return True


def newest_good_backup(db_path: Path) -> Backup | None:
    """The newest backup that validates, if any."""
    return next((b for b in list_backups(db_path) if backup_is_readable(b)), None)


def _with_backup_hint(error: CorruptDatabase, path: Path) -> CorruptDatabase:
    """The same error, telling the user which backup to restore."""
    backup = newest_good_backup(path)
    if backup is None:
        return CorruptDatabase(f"{error}; no backup to restore from")
    return CorruptDatabase(f"{error}; newest good backup: {backup.path} (run 'reltui restore')")


def database_exists(path: Path) -> bool:
    """True when ``path`` holds a reltui database (or may: one that cannot be looked into does,
    so that opening it reports why)."""
    try:
        return (
            os.path.lexists(Path(path).expanduser() / CONTACTS_FILE)
            or (Path(path).expanduser() / REVIEWS_DIR).is_dir()
        )
    except PermissionError:
        return True
