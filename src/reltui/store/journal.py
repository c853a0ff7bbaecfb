"""An append-only journal of JSON lines: one record a line, appended and fsynced before a write
returns, owner-only. The last line for an id wins; a line ``{"id": ..., "deleted": true}`` takes
a record back (an undo). A last line cut short by a crash is dropped, as in the review log.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import orjson

from reltui.store.errors import CorruptDatabase, StoreError
from reltui.store.files import FILE_MODE, ensure_private_dir, fsync_dir
from reltui.store.storage import CorruptFileError, parse_object

DELETED = "deleted"


def read_lines(path: Path) -> tuple[list[dict[str, Any]], int]:
    """The journal's records and the length of its whole lines, in bytes.

    A last line without its newline was cut short by a crash and is left out; any other line
    that does not parse raises ``CorruptFileError``.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [], 0
    whole = raw.rfind(b"\n") + 1
    lines = raw[:whole].splitlines()
    try:
        # One parse for the whole journal: a long touch log reads several times faster so.
        records = orjson.loads(b"[" + b",".join(lines) + b"]")
    except orjson.JSONDecodeError:
        records = None
    if records is None or not all(type(record) is dict for record in records):
        # Find the line at fault, to name it.
        records = [parse_object(path, line, "bad record") for line in lines]
    return records, whole


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
        if writable and self.path.exists() and self.path.stat().st_size != whole:
            os.truncate(self.path, whole)
        return lines

    def append(self, document: dict[str, Any]) -> None:
        """Append one record and fsync it; ``OSError`` leaves the journal as it was."""
        line = orjson.dumps(document) + b"\n"
        fd = self._file()
        try:
            written = os.write(fd, line)
            if written != len(line):
                raise OSError(28, "No space left on device")
            os.fsync(fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, self._bytes)
            raise
        self._bytes += len(line)

    def take_back(self, record_id: str) -> None:
        """Append the line that deletes record ``record_id`` (an undo)."""
        self.append({"id": record_id, DELETED: True})

    def truncate_to(self, size: int) -> None:
        """Drop what was appended after ``size`` bytes (undoes a step that failed half way)."""
        fd = self._file()
        os.ftruncate(fd, size)
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
            created = not self.path.exists()
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
            if created:
                fsync_dir(self.path.parent)
        return self._fd
