"""The review log: append-only reviews in small TinyDB segments, so a save costs the same at
any size of database.

Segments are ``reviews/NNNNNN.json`` of at most ``SEGMENT_SIZE`` reviews. A new review goes into
the newest segment (a new one once it is full); a review still in progress is updated where it
is. Either way one small file is replaced atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb import TinyDB

from reltui.domain.models import Review
from reltui.store.errors import CorruptDatabase, StoreError
from reltui.store.files import ensure_private_dir
from reltui.store.storage import CorruptFileError, atomic_storage, open_tinydb, read_json_file

SEGMENT_SIZE = 128
REVIEWS_DIR = "reviews"
TABLE = "reviews"


class ReviewLog:
    """Where each review lives on disk, and the segments open for writing."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._location: dict[str, tuple[int, int]] = {}
        self._counts: dict[int, int] = {}
        self._open: dict[int, TinyDB] = {}
        self._newest = 0

    def load(self) -> list[Review]:
        """Every review in the log, oldest first; a damaged segment raises ``CorruptDatabase``."""
        loaded: list[Review] = []
        for number, path in self._segment_paths():
            try:
                data = read_json_file(path)
            except CorruptFileError as error:
                raise CorruptDatabase(str(error)) from None
            except OSError as error:
                raise StoreError(f"{path}: cannot read ({error.strerror})") from None
            table = (data or {}).get(TABLE, {})
            try:
                for doc_id, document in table.items():
                    review = Review.from_document(document)
                    self._location[review.id] = (number, int(doc_id))
                    loaded.append(review)
            except (TypeError, ValueError, KeyError, AttributeError):
                raise CorruptDatabase(f"{path}: file is corrupt (bad review record)") from None
            self._counts[number] = len(table)
            self._newest = max(self._newest, number)
        loaded.sort(key=lambda review: review.at)
        return loaded

    def save(self, document: dict[str, Any]) -> None:
        """Write one review document: update it where it is, or append it to the newest segment.

        Raises ``OSError`` when the disk refuses; the segment on disk is then as it was.
        """
        location = self._location.get(document["id"])
        if location is not None:
            number, doc_id = location
            self._segment(number).table(TABLE).update(document, doc_ids=[doc_id])
            return
        number = self._writable_segment()
        doc_id = self._segment(number).table(TABLE).insert(document)
        self._counts[number] = self._counts.get(number, 0) + 1
        self._location[document["id"]] = (number, doc_id)

    def bytes_written(self) -> int:
        """Bytes this process has written to the log (for the benchmark)."""
        return sum(atomic_storage(segment).bytes_written for segment in self._open.values())

    def close(self) -> None:
        for segment in self._open.values():
            segment.close()
        self._open.clear()

    def _segment_paths(self) -> list[tuple[int, Path]]:
        if not self.directory.is_dir():
            return []
        found = [
            (int(entry.stem), entry)
            for entry in self.directory.iterdir()
            if entry.suffix == ".json" and entry.stem.isdigit()
        ]
        return sorted(found)

    def _writable_segment(self) -> int:
        if self._newest == 0 or self._counts.get(self._newest, 0) >= SEGMENT_SIZE:
            self._newest += 1
            ensure_private_dir(self.directory)
        return self._newest

    def _segment(self, number: int) -> TinyDB:
        segment = self._open.get(number)
        if segment is None:
            segment = open_tinydb(self.directory / f"{number:06d}.json", read_only=False)
            self._open[number] = segment
        return segment
