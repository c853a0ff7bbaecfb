"""The review log: an append-only journal in front of small TinyDB segments, so a save costs
the same at any size of database.

- ``reviews/journal.jsonl``: every saved review, one JSON document a line, appended and fsynced
  before the save returns. A review given one answer at a time is written once per answer; the
  last line for a review id wins.
- ``reviews/NNNNNN.json``: TinyDB segments of at most ``SEGMENT_SIZE`` reviews, where the
  journal is folded once it holds ``JOURNAL_LIMIT`` lines and when the writer closes.

Appending a line is a write and an fsync. Replacing a file costs far more on some file systems
(renaming over a file makes ext4 mounted with ``discard`` free the old blocks there and then),
which is why answers go to the journal rather than to their segment.

Folding writes the segments first, each replaced atomically, and only then empties the
journal: a crash in between leaves lines that repeat what the segments hold, which is harmless.
A line cut short by a crash while it was written is the last line, and is dropped.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Container, MutableMapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from reltui.domain.models import Review
from reltui.store.errors import CorruptDatabase, StoreError, UnsafeDatabase
from reltui.store.files import (
    append_synced,
    ensure_private_dir,
    fsync_dir,
    open_nofollow,
    truncate_own_file,
)
from reltui.store.storage import (
    CorruptFileError,
    atomic_storage,
    dumps_checked,
    open_tinydb,
    parse_object,
    read_store_file,
)
from reltui.store.validation import review_problem

SEGMENT_SIZE = 128
JOURNAL_LIMIT = 256
REVIEWS_DIR = "reviews"
JOURNAL_FILE = "journal.jsonl"
TABLE = "reviews"
MAX_LINE = 1 << 20
_READ_CHUNK = 1 << 20
_TOO_LONG = f"longer than {MAX_LINE >> 20} MiB, more than any save writes (file is corrupt)"


def read_journal(path: Path) -> tuple[list[dict[str, Any]], int]:
    """The journal's documents and the length of its whole lines, in bytes.

    A last line without its newline was cut short by a crash and is left out; any other line
    that does not parse raises ``CorruptFileError``, and so does a line longer than
    ``MAX_LINE`` (no save writes one), found before more than that is held in memory.
    """
    try:
        fd = open_nofollow(path)
    except FileNotFoundError:
        return [], 0
    documents: list[dict[str, Any]] = []
    whole = 0
    pending = b""
    with os.fdopen(fd, "rb", buffering=0) as handle:
        while chunk := handle.read(_READ_CHUNK):
            lines = (pending + chunk).split(b"\n")
            pending = lines.pop()
            for line in lines:
                where = f"line {len(documents) + 1}: "
                if len(line) > MAX_LINE:
                    raise CorruptFileError(path, f"{where}{_TOO_LONG}")
                documents.append(parse_object(path, line, "bad review record", where))
                whole += len(line) + 1
            if len(pending) > MAX_LINE:
                raise CorruptFileError(path, f"line {len(documents) + 1}: {_TOO_LONG}")
    return documents, whole


def _replace_from(
    documents: dict[int, dict[str, Any]],
) -> Callable[[MutableMapping[str, Any]], None]:
    """A TinyDB update that gives each stored review its newer version, matched by review id."""
    newer = {document["id"]: document for document in documents.values()}

    def replace(stored: MutableMapping[str, Any]) -> None:
        stored.update(newer[stored["id"]])

    return replace


class ReviewLog:
    """Where each review lives on disk, the segments open for writing, and the journal."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.journal_path = directory / JOURNAL_FILE
        self._location: dict[str, tuple[int, int]] = {}
        self._counts: dict[int, int] = {}
        self._open: dict[int, TinyDB] = {}
        self._newest = 0
        self._journal: dict[str, dict[str, Any]] = {}
        self._journal_fd: int | None = None
        self._journal_bytes = 0
        self._journal_lines = 0
        self._journal_written = 0

    def holds_reviews(self) -> bool:
        """True when the log holds any review on disk (read without parsing)."""
        try:
            journal = self.journal_path.lstat().st_size
        except FileNotFoundError:
            journal = 0
        return journal > 0 or bool(self._segment_paths())

    def load(
        self,
        *,
        writable: bool = False,
        database_id: str | None = None,
        known: Container[int] = (),
    ) -> list[Review]:
        """Every review in the log, oldest first; a damaged file raises ``CorruptDatabase``.

        Each review must name this database (``database_id``, when the review records one) and
        a contact in ``known``. The writer also drops a journal line cut short by a crash, so
        appends start clean.
        """
        # The journal before the segments: a writer folding it meanwhile writes the segments
        # first and empties the journal last, so a reader sees every review either way.
        try:
            journal, whole = read_journal(self.journal_path)
        except CorruptFileError as error:
            raise CorruptDatabase(str(error)) from None
        except OSError as error:
            raise StoreError(f"{self.journal_path}: cannot read ({error.strerror})") from None
        # Where each review was read from: its file, and the line (journal) or record (segment).
        documents: dict[str, tuple[dict[str, Any], Path, str]] = {}
        for number, path in self._segment_paths():
            table = self._read_segment(path)
            for doc_id, document in table.items():
                where = f"review {doc_id}"
                review_id = document.get("id") if type(document) is dict else None
                if type(review_id) is not str or not doc_id.isdigit():
                    raise CorruptDatabase(f"{path}: {where}: file is corrupt (bad review record)")
                documents[review_id] = (document, path, where)
                self._location[review_id] = (number, int(doc_id))
            self._counts[number] = len(table)
            self._newest = max(self._newest, number)
        for line, document in enumerate(journal, 1):
            review_id = document.get("id")
            if not isinstance(review_id, str):
                raise CorruptDatabase(
                    f"{self.journal_path}: line {line}: file is corrupt (bad review record)"
                )
            self._journal[review_id] = document
            documents[review_id] = (document, self.journal_path, f"line {line}")
        self._journal_lines = len(journal)
        loaded = []
        for document, path, where in documents.values():
            problem = review_problem(document)
            if problem is not None:
                raise CorruptDatabase(
                    f"{path}: {where}: file is corrupt (bad review record: {problem})"
                )
            try:
                review = Review.from_document(document)
            except (TypeError, ValueError, KeyError, AttributeError):
                raise CorruptDatabase(
                    f"{path}: {where}: file is corrupt (bad review record)"
                ) from None
            stored_database = document.get("database")
            if stored_database is not None and stored_database != database_id:
                raise CorruptDatabase(
                    f"{path}: {where}: review of another database (its contact index was replaced)"
                )
            if review.contact_id not in known:
                raise CorruptDatabase(
                    f"{path}: {where}: review of contact {review.contact_id}, which the "
                    "contact index does not hold"
                )
            loaded.append(review)
        self._journal_bytes = whole
        if writable and os.path.lexists(self.journal_path):
            fd = self._journal_file()
            if os.fstat(fd).st_size != whole:
                truncate_own_file(fd, self.journal_path, whole)
        loaded.sort(key=lambda review: review.at)
        return loaded

    def _read_segment(self, path: Path) -> dict[str, Any]:
        table = (read_store_file(path) or {}).get(TABLE, {})
        if not isinstance(table, dict):
            raise CorruptDatabase(f"{path}: file is corrupt (bad review record)")
        return table

    def save(self, document: dict[str, Any]) -> None:
        """Append one review document to the journal and fsync it.

        Raises ``OSError`` when the disk refuses; the journal is then as it was.
        """
        line = dumps_checked(document) + b"\n"
        if len(line) > MAX_LINE:
            raise StoreError(f"review too long to save (over {MAX_LINE >> 20} MiB)")
        append_synced(self._journal_file(), self.journal_path, line, self._journal_bytes)
        self._journal_bytes += len(line)
        self._journal_written += len(line)
        self._journal_lines += 1
        self._journal[document["id"]] = document
        if self._journal_lines >= JOURNAL_LIMIT:
            with contextlib.suppress(OSError):
                self.fold()  # the answer is saved; if the disk refuses, folding waits

    def fold(self) -> None:
        """Move the journal's reviews into the segments, then empty the journal.

        Raises ``OSError`` when the disk refuses; the journal still holds every review then.
        """
        if not self._journal_lines:
            return
        updates: dict[int, dict[int, dict[str, Any]]] = {}
        inserts: dict[int, list[dict[str, Any]]] = {}
        newest, count = self._newest, self._counts.get(self._newest, 0)
        for review_id, document in self._journal.items():
            location = self._location.get(review_id)
            if location is not None:
                number, doc_id = location
                updates.setdefault(number, {})[doc_id] = document
                continue
            if newest == 0 or count >= SEGMENT_SIZE:
                newest, count = newest + 1, 0
            inserts.setdefault(newest, []).append(document)
            count += 1
        ensure_private_dir(self.directory)
        for number in sorted(updates.keys() | inserts.keys()):
            table = self._segment(number).table(TABLE)
            if number in updates:
                # One write for the segment: each stored review takes its journal version.
                table.update(_replace_from(updates[number]), doc_ids=list(updates[number]))
            if number in inserts:
                new_ids = table.insert_multiple(inserts[number])
                for document, doc_id in zip(inserts[number], new_ids, strict=True):
                    self._location[document["id"]] = (number, doc_id)
                self._counts[number] = self._counts.get(number, 0) + len(new_ids)
                self._newest = max(self._newest, number)
        fd = self._journal_file()
        os.ftruncate(fd, 0)
        os.fsync(fd)
        self._journal.clear()
        self._journal_lines = 0
        self._journal_bytes = 0

    def bytes_written(self) -> int:
        """Bytes this process has written to the log (for the benchmark)."""
        segments = sum(atomic_storage(segment).bytes_written for segment in self._open.values())
        return segments + self._journal_written

    def close(self, *, fold: bool = False) -> None:
        """Close the files; the writer folds the journal first, so the next open reads less."""
        if fold:
            with contextlib.suppress(OSError):
                self.fold()  # if the disk refuses, the journal keeps every review
        for segment in self._open.values():
            segment.close()
        self._open.clear()
        if self._journal_fd is not None:
            os.close(self._journal_fd)
            self._journal_fd = None

    def _journal_file(self) -> int:
        if self._journal_fd is None:
            ensure_private_dir(self.directory)
            created = not os.path.lexists(self.journal_path)
            fd = open_nofollow(self.journal_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
            if os.fstat(fd).st_uid != os.geteuid():
                os.close(fd)
                raise UnsafeDatabase(
                    f"{self.journal_path}: not a file of yours; reltui leaves it alone"
                )
            self._journal_fd = fd
            if created:
                fsync_dir(self.directory)
        return self._journal_fd

    def _segment_paths(self) -> list[tuple[int, Path]]:
        if not self.directory.is_dir():
            return []
        found = [
            (int(entry.stem), entry)
            for entry in self.directory.iterdir()
            if entry.suffix == ".json" and entry.stem.isdigit() and len(entry.stem) == 6
        ]
        return sorted(found)

    def _segment(self, number: int) -> TinyDB:
        segment = self._open.get(number)
        if segment is None:
            segment = open_tinydb(self.directory / f"{number:06d}.json", read_only=False)
            self._open[number] = segment
        return segment
