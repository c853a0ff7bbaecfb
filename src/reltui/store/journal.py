"""An append-only journal of JSON lines: one record a line, appended and fsynced before a write
returns, owner-only, each line with its checksum; a link is never followed. The last line for
an id wins; a line ``{"id": ..., "deleted": true}`` takes a record back (an undo). A last line
cut short by a crash is dropped, as in the review log.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from reltui.store.errors import CorruptDatabase, StoreError, UnsafeDatabase
from reltui.store.files import (
    append_synced,
    ensure_private_dir,
    fsync_dir,
    open_nofollow,
    truncate_own_file,
)
from reltui.store.review_log import MAX_LINE, read_journal
from reltui.store.storage import CorruptFileError, dumps_checked

DELETED = "deleted"


def read_lines(path: Path) -> tuple[list[dict[str, Any]], int]:
    """The journal's records and the length of its whole lines, in bytes (see ``read_journal``:
    checksums checked, links refused, a last line cut short by a crash left out)."""
    return read_journal(path)


class Journal:
    """One journal file: its records by id once loaded, and the descriptor appends go to."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._bytes = 0

    def load(self, *, writable: bool) -> list[dict[str, Any]]:
        """The live records, in the order first written; ``CorruptDatabase`` for a bad file."""
        try:
            lines, whole = read_lines(self.path)
        except CorruptFileError as error:
            raise CorruptDatabase(str(error)) from None
        except OSError as error:
            raise StoreError(f"{self.path}: cannot read ({error.strerror})") from None
        if not all(type(line.get("id")) is str for line in lines):
            raise CorruptDatabase(f"{self.path}: file is corrupt (bad record)")
        if any(DELETED in line for line in lines):
            records: dict[str, dict[str, Any]] = {}
            for line in lines:
                if line.get(DELETED):
                    records.pop(line["id"], None)
                else:
                    records[line["id"]] = line
            lines = list(records.values())
        self._bytes = whole
        if writable and os.path.lexists(self.path) and self.path.stat().st_size != whole:
            fd = open_nofollow(self.path, os.O_WRONLY)
            try:
                truncate_own_file(fd, self.path, whole)
            finally:
                os.close(fd)
        return lines

    def append(self, document: dict[str, Any]) -> None:
        """Append one record and fsync it; ``OSError`` leaves the journal as it was."""
        line = dumps_checked(document) + b"\n"
        if len(line) > MAX_LINE:
            raise StoreError(f"{self.path.name}: record too long to save")
        append_synced(self._file(), self.path, line, self._bytes)
        self._bytes += len(line)

    def take_back(self, record_id: str) -> None:
        """Append the line that deletes record ``record_id`` (an undo)."""
        self.append({"id": record_id, DELETED: True})

    def truncate_to(self, size: int) -> None:
        """Drop what was appended after ``size`` bytes (undoes a step that failed half way)."""
        fd = self._file()
        truncate_own_file(fd, self.path, size)
        os.fsync(fd)
        self._bytes = size

    @property
    def size(self) -> int:
        return self._bytes

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _file(self) -> int:
        if self._fd is None:
            ensure_private_dir(self.path.parent)
            created = not os.path.lexists(self.path)
            fd = open_nofollow(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
            if os.fstat(fd).st_uid != os.geteuid():
                os.close(fd)
                raise UnsafeDatabase(f"{self.path}: not a file of yours; reltui leaves it alone")
            self._fd = fd
            if created:
                fsync_dir(self.path.parent)
        return self._fd
