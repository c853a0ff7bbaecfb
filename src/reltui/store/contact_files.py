"""Contacts on disk: a small index that opens fast, and shards read when a contact is wanted.

- ``contacts.json`` holds the schema version and the index: the database's own random id, the
  next contact id to give (ids are never reused), which file holds the review order and which
  holds each shard.
- ``contacts/order-GGGGGG.json`` holds every contact's id and name in review order (name
  regardless of case, then id), as written by generation ``GGGGGG``. It is written again only
  when a name changes or a contact is added: an edit of a million-contact database rewrites
  one shard and the small index, not twenty megabytes of names.
- ``contacts/NNNNNN-GGGGGG.json`` holds the contacts whose ids fall in shard ``NNNNNN``
  (``SHARD_SIZE`` ids each), as written by generation ``GGGGGG``. A shard file never changes
  once written.

Opening a database reads only the index, so the first contact of 100,000 is on screen after
reading one shard. An import writes new files for the shards it changes and then replaces
``contacts.json`` in one atomic rename: it lands whole or not at all. The files an import
replaced stay, listed as retired, until the import after it: a reader that read the index just
before still finds every shard it names. Shard files the index does not name (left by an
interrupted import, or retired twice over) are removed by the next writer.

Databases written before the index (schema 1) hold every contact inline in ``contacts.json``
under ``contacts``; they are read whole; schema 3 holds the review order in the index itself.
Older databases (schema 1 to 3) are rewritten in the current form by the first writer that
opens them.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import threading
import zlib
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from reltui.folding import fold, fold_all
from reltui.store.errors import CorruptDatabase
from reltui.store.files import (
    FILE_MODE,
    ensure_private_dir,
    fsync_dir,
    remove_own_file,
    write_bytes_atomic,
)
from reltui.store.shards import SHARD_SIZE, Document, documents_of, shard_of, shard_runs
from reltui.store.storage import (
    CorruptFileError,
    dumps_checked,
    parse_object,
    read_store_bytes,
)

SCHEMA_VERSION = 4
CONTACTS_FILE = "contacts.json"
CONTACTS_DIR = "contacts"
# Up to this many contacts written at once (an edit, a contact added by hand), only their
# shards are written again: see ``ContactFiles._write_few``.
FEW_CHANGES = 16
TABLE = "contacts"
INDEX_TABLE = "index"
_SHARD_NAME = re.compile(r"^(\d{6})-(\d{6})\.json$")
_ORDER_NAME = re.compile(r"^order-(\d{6})\.json$")


def review_order(
    documents: Mapping[int, Mapping[str, Any]], ids: list[int] | None = None
) -> tuple[list[int], list[str]]:
    """Ids and names ordered by name regardless of case and accents, then by id.

    ``ids`` is sorted already. The list, the queues and search order names the same way
    (``fold``): "Ángel" sorts with "Angel".
    """
    ids = sorted(documents) if ids is None else ids
    names = [documents[contact_id]["name"] for contact_id in ids]
    folded = fold_all(names)
    order = sorted(range(len(ids)), key=folded.__getitem__)
    return [ids[i] for i in order], [names[i] for i in order]


def _write_new_file(path: Path, payload: bytes) -> None:
    """Write a file under a name nothing refers to yet; durable once its directory is fsynced."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


class ContactFiles:
    """The contacts of one database: the index in memory, the shards read on demand.

    Shards may be read from a worker thread while the UI asks for a contact, so reading them
    is serialised; a shard's documents are published whole.
    """

    def __init__(self, db_path: Path) -> None:
        self.index_path = db_path / CONTACTS_FILE
        self.directory = db_path / CONTACTS_DIR
        # Review order: by name regardless of case, then id.
        self.ids: list[int] = []
        self.names: list[str] = []
        self.documents: dict[int, Document] = {}
        self._known: set[int] = set()
        self._by_id: list[int] | None = None
        self._names_by_id: dict[int, str] | None = None
        # Each shard's file, its number of contacts, and the CRC-32 of its bytes (``None`` for a
        # file written before shards were checked).
        self._files: dict[int, tuple[str, int, int | None]] = {}
        # The review order's file, its number of contacts and CRC-32 (``None`` before schema 4).
        self._order: tuple[str, int, int] | None = None
        self._generation = 0
        self._retired: list[str] = []
        self.next_id = 1
        # ``None`` for a database written before databases named themselves.
        self.database_id: str | None = None
        self.schema = SCHEMA_VERSION
        self._loaded: set[int] = set()
        self._lock = threading.Lock()

    # ---- reading -------------------------------------------------------------------------

    @staticmethod
    def empty_file() -> Document:
        """What ``contacts.json`` holds for a new database with no contacts."""
        return _index_file(
            {
                "database": new_database_id(),
                "next_id": 1,
                "generation": 0,
                "order": None,
                "shards": {},
            }
        )

    @property
    def needs_upgrade(self) -> bool:
        """True for a database in an older form, which the next writer rewrites."""
        return self.schema < SCHEMA_VERSION or self.database_id is None

    def load_index(self, data: Mapping[str, Any]) -> None:
        """Take the index from the parsed ``contacts.json``; raises ``CorruptDatabase``."""
        path = self.index_path
        if INDEX_TABLE not in data and TABLE in data:
            documents = documents_of(path, data[TABLE])
            self.documents = documents
            self.ids, self.names = review_order(documents)
            self._known = set(documents)
            self.next_id = max(documents, default=0) + 1
            self.schema = 1
            return
        try:
            index = next(iter(data[INDEX_TABLE].values()))
            order = index.get("order") if "ids" not in index else None
            ids, names = (
                self._read_order(order) if "ids" not in index else (index["ids"], index["names"])
            )
            shards = index["shards"]
            generation = index["generation"]
            retired = index.get("retired", [])
            database_id = index.get("database")
            next_id = index.get("next_id", max(ids, default=0) + 1)
            files = {
                int(number): (entry[0], entry[1], entry[2] if len(entry) > 2 else None)
                for number, entry in shards.items()
            }
            valid = (
                type(ids) is list
                and type(names) is list
                and len(ids) == len(names)
                and type(generation) is int
                and set(map(type, ids)) <= {int}
                and set(map(type, names)) <= {str}
                and all(
                    type(name) is str
                    and _SHARD_NAME.match(name)
                    and type(count) is int
                    and (crc is None or type(crc) is int)
                    for name, count, crc in files.values()
                )
                and sum(entry[1] for entry in files.values()) == len(ids)
                and type(retired) is list
                and all(
                    type(name) is str and (_SHARD_NAME.match(name) or _ORDER_NAME.match(name))
                    for name in retired
                )
                and (database_id is None or type(database_id) is str)
                and type(next_id) is int
                and next_id > max(ids, default=0)
            )
        except (KeyError, TypeError, ValueError, AttributeError, IndexError, StopIteration):
            valid = False
        if not valid:
            raise CorruptDatabase(f"{path}: file is corrupt (contact index)")
        known = set(ids)
        if len(known) != len(ids):
            raise CorruptDatabase(f"{path}: file is corrupt (contact index)")
        for name, _, _ in files.values():
            if not (self.directory / name).is_file():
                raise CorruptDatabase(f"{self.directory / name}: file is missing")
        self.ids, self.names, self._known = ids, names, known
        self._order = (order[0], order[1], order[2]) if order else None
        self._files, self._generation = files, generation
        self.next_id, self.database_id = next_id, database_id
        self._retired = retired
        self.schema = _schema_of(data)

    def _read_order(self, entry: Any) -> tuple[Any, Any]:
        """The ids and names of the review order file ``entry`` names (``[]`` when ``None``:
        a database without contacts); ``ValueError`` or ``KeyError`` when it is not right."""
        if entry is None:
            return [], []
        name, count, crc = entry
        if type(name) is not str or not _ORDER_NAME.match(name) or type(crc) is not int:
            raise ValueError(name)
        path = self.directory / name
        raw, order = self._read_file(path)
        if zlib.crc32(raw) != crc:
            raise CorruptDatabase(
                f"{path}: checksum mismatch (changed on disk after reltui wrote it)"
            )
        ids, names = order["ids"], order["names"]
        if type(ids) is not list or len(ids) != count:
            raise ValueError(name)
        return ids, names

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, contact_id: object) -> bool:
        return contact_id in self._known

    def name(self, contact_id: int) -> str:
        """A contact's name; ``KeyError`` if unknown."""
        return self._name_map()[contact_id]

    def _name_map(self) -> dict[int, str]:
        if self._names_by_id is None:
            self._names_by_id = dict(zip(self.ids, self.names, strict=True))
        return self._names_by_id

    def ids_by_id(self) -> list[int]:
        """Every contact id, lowest first (the order they were added)."""
        if self._by_id is None:
            self._by_id = sorted(self.ids)
        return self._by_id

    def document(self, contact_id: int) -> Document:
        """A contact's stored fields, reading its shard if need be; ``KeyError`` if unknown."""
        document = self.documents.get(contact_id)
        if document is None:
            if contact_id not in self._known:
                raise KeyError(contact_id)
            self._load_shard(shard_of(contact_id))
            document = self.documents[contact_id]
        return document

    def load_all(self) -> None:
        """Read every shard not read yet (an import, an export, the search index)."""
        for number in sorted(self._files):
            if number not in self._loaded:
                self._load_shard(number)

    def each_document(self, *, keep: bool) -> Iterator[tuple[int, Document]]:
        """``(id, stored fields)`` for every contact, shard by shard, lowest id first.

        Shards not read yet are checked as ``load_all`` checks them, and kept in memory only
        when ``keep``: a review that checks a million contacts in the background would
        otherwise hold a gigabyte of documents it never shows.
        """
        for number in sorted(self._files):
            with self._lock:
                loaded = number in self._loaded
                documents = (
                    {i: self.documents[i] for i in self._ids_of_shard(number)}
                    if loaded
                    else self._read_shard(number)
                )
                if keep and not loaded:
                    self.documents.update(documents)
                    self._loaded.add(number)
            yield from documents.items()

    def _ids_of_shard(self, number: int) -> list[int]:
        first = (number - 1) * SHARD_SIZE + 1
        documents = self.documents
        return [i for i in range(first, first + SHARD_SIZE) if i in documents]

    def _load_shard(self, number: int) -> None:
        with self._lock:
            if number in self._loaded or number not in self._files:
                return
            self.documents.update(self._read_shard(number))
            self._loaded.add(number)

    @staticmethod
    def _read_file(path: Path) -> tuple[bytes, dict[str, Any]]:
        """A shard's or the review order's bytes and the object they hold (its own checksum
        checked); ``CorruptDatabase`` when it is missing or damaged."""
        raw = read_store_bytes(path)
        if raw is None:
            raise CorruptDatabase(f"{path}: file is missing")
        try:
            return raw, parse_object(path, raw, "unexpected content")
        except CorruptFileError as error:
            raise CorruptDatabase(str(error)) from None

    def _read_shard(self, number: int) -> dict[int, Document]:
        """Shard ``number``'s documents, checked against its file's checksum and the index."""
        name, count, crc = self._files[number]
        path = self.directory / name
        raw, data = self._read_file(path)
        documents = documents_of(path, data.get(TABLE), number)
        if len(documents) != count or not self._known.issuperset(documents):
            raise CorruptDatabase(f"{path}: file does not match the contact index")
        if crc is not None and zlib.crc32(raw) != crc:
            raise CorruptDatabase(
                f"{path}: checksum mismatch (changed on disk after reltui wrote it)"
            )
        names = self._name_map()
        if [document["name"] for document in documents.values()] != [
            names.get(contact_id) for contact_id in documents
        ]:
            for contact_id, document in documents.items():
                if document["name"] != self.name(contact_id):
                    raise CorruptDatabase(
                        f"{path}: contact {contact_id}: name does not match the contact index"
                    )
        return documents

    # ---- writing -------------------------------------------------------------------------

    def write(self, changed: Mapping[int, Document]) -> None:
        """Store ``changed`` documents (new or replacing) in one atomic step.

        New shard files are written and fsynced first; replacing ``contacts.json`` then makes
        them the database. On any error the database on disk and in memory is as it was.
        """
        if len(changed) <= FEW_CHANGES and not self.needs_upgrade:
            self._write_few(changed)
            return
        self.load_all()
        documents = dict(self.documents)
        documents.update(changed)
        touched = {number for number, _, _ in shard_runs(sorted(changed))}
        ids = sorted(documents)
        by_shard: dict[int, dict[str, Document]] = {}
        for number, start, end in shard_runs(ids):
            # A schema 1 database has no shard files yet: every shard is written.
            if number in touched or number not in self._files:
                by_shard[number] = {str(i): documents[i] for i in ids[start:end]}
        ids, names = review_order(documents, ids)
        next_id = max(self.next_id, max(documents, default=0) + 1)
        files, generation, replaced, database_id, order = self._write_files(
            by_shard, ids, names, next_id, order_changed=True
        )
        gone = set(self._retired)
        with self._lock:
            self._order = order
            self.documents = documents
            self.ids, self.names, self._known = ids, names, set(ids)
            self._by_id = self._names_by_id = None
            self._files, self._generation = files, generation
            self.database_id, self.next_id, self.schema = database_id, next_id, SCHEMA_VERSION
            self._loaded = set(files)
            self._retired = replaced
        self._remove_retired(gone)

    def _write_few(self, changed: Mapping[int, Document]) -> None:
        """``write`` for a contact or a few: only their shards are read and written again, and
        the review order changes where their names go, so the cost hardly grows with the size
        of the database."""
        touched = sorted({shard_of(contact_id) for contact_id in changed})
        for number in touched:
            if number in self._files:
                self._load_shard(number)
        documents = self.documents
        by_shard: dict[int, dict[str, Document]] = {}
        for number in touched:
            first = (number - 1) * SHARD_SIZE + 1
            by_shard[number] = {
                str(i): changed[i] if i in changed else documents[i]
                for i in range(first, first + SHARD_SIZE)
                if i in changed or i in documents
            }
        # The review order changes only with a name or a new contact: most edits keep it, and
        # neither copy nor write it.
        reordered = [
            contact_id
            for contact_id in sorted(changed)
            if contact_id not in self._known or self.name(contact_id) != changed[contact_id]["name"]
        ]
        ids, names = (list(self.ids), list(self.names)) if reordered else (self.ids, self.names)
        for contact_id in reordered:
            name = changed[contact_id]["name"]
            if contact_id in self._known:
                place = ids.index(contact_id)
                del ids[place], names[place]
            # The place review_order would give it: by folded name, then by id.
            place = bisect_left(
                range(len(ids)), (fold(name), contact_id), key=lambda i: (fold(names[i]), ids[i])
            )
            ids.insert(place, contact_id)
            names.insert(place, name)
        next_id = max(self.next_id, max(changed) + 1)
        files, generation, replaced, database_id, order = self._write_files(
            by_shard, ids, names, next_id, order_changed=bool(reordered)
        )
        gone = set(self._retired)
        added = [contact_id for contact_id in sorted(changed) if contact_id not in self._known]
        with self._lock:
            self._order = order
            documents.update(changed)
            if self._names_by_id is not None:
                self._names_by_id.update((i, changed[i]["name"]) for i in changed)
            if self._by_id is not None and added:
                self._by_id = sorted([*self._by_id, *added])
            self._known.update(added)
            self.ids, self.names = ids, names
            self._files, self._generation = files, generation
            self.database_id, self.next_id = database_id, next_id
            self._loaded.update(touched)
            self._retired = replaced
        self._remove_retired(gone)

    def _write_files(
        self,
        by_shard: dict[int, dict[str, Document]],
        ids: list[int],
        names: list[str],
        next_id: int,
        *,
        order_changed: bool,
    ) -> tuple[dict[int, tuple[str, int, int | None]], int, list[str], str, tuple[str, int, int]]:
        """Write the shards in ``by_shard`` as new files (and the review order, when it changed
        or has no file yet), then the index naming them; returns the shard files, the
        generation, the files it retired, the database's id and the review order's file."""
        generation = self._generation + 1
        files = dict(self._files)
        written: list[Path] = []
        try:
            ensure_private_dir(self.directory)
            for number, table in by_shard.items():
                name = f"{number:06d}-{generation:06d}.json"
                path = self.directory / name
                # Left by an import that failed before its index was written.
                remove_own_file(path)
                payload = dumps_checked({TABLE: table})
                _write_new_file(path, payload)
                written.append(path)
                files[number] = (name, len(table), zlib.crc32(payload))
            order = self._order
            if order_changed or order is None:
                name = f"order-{generation:06d}.json"
                path = self.directory / name
                remove_own_file(path)
                payload = dumps_checked({"ids": ids, "names": names})
                _write_new_file(path, payload)
                written.append(path)
                order = (name, len(ids), zlib.crc32(payload))
            fsync_dir(self.directory)
            replaced = sorted(self._files[n][0] for n in by_shard if n in self._files)
            if self._order is not None and order != self._order:
                replaced.append(self._order[0])
            database_id = self.database_id or new_database_id()
            index = {
                "database": database_id,
                "next_id": next_id,
                "generation": generation,
                "order": list(order),
                "shards": {str(number): list(entry) for number, entry in sorted(files.items())},
                "retired": replaced,
            }
            write_bytes_atomic(self.index_path, dumps_checked(_index_file(index)))
        except BaseException:
            for path in written:
                with contextlib.suppress(OSError):
                    path.unlink()
            raise
        return files, generation, replaced, database_id, order

    def _remove_retired(self, gone: set[str]) -> None:
        for name in gone:
            with contextlib.suppress(OSError):
                remove_own_file(self.directory / name)

    def remove_unreferenced(self) -> None:
        """Delete shard files the index does not name (only the lock holder calls this)."""
        if not self.directory.is_dir() or self.directory.is_symlink():
            return
        referenced = {entry[0] for entry in self._files.values()}
        referenced.update(self._retired)
        if self._order is not None:
            referenced.add(self._order[0])
        for entry in self.directory.iterdir():
            if entry.name not in referenced and (
                _SHARD_NAME.match(entry.name)
                or _ORDER_NAME.match(entry.name)
                or entry.name.endswith(".tmp")
            ):
                with contextlib.suppress(OSError):
                    remove_own_file(entry)


def new_database_id() -> str:
    """A random id naming one database for good, recorded on each of its reviews."""
    return secrets.token_hex(8)


def _schema_of(data: Mapping[str, Any]) -> int:
    meta = data.get("meta") or {}
    versions = [doc.get("schema") for doc in meta.values() if isinstance(doc, dict)]
    return versions[0] if versions and type(versions[0]) is int else 0


def _index_file(index: Document) -> Document:
    return {"meta": {"1": {"schema": SCHEMA_VERSION}}, INDEX_TABLE: {"1": index}}
