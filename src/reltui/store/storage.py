"""Reading and writing the database's JSON files, each carrying a checksum of itself.

Every JSON object reltui writes (a file, or a journal line) ends with a ``checksum`` member: the
CRC-32 of the bytes before it. A byte changed on disk that still parses, such as a name edited
in the index, is caught by it. Files written before checksums are read without one. Also here:
a TinyDB storage that keeps the file in memory and replaces it atomically on each write.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from reltui.store.errors import CorruptDatabase, StoreError
from reltui.store.files import open_nofollow, write_bytes_atomic


class CorruptFileError(Exception):
    """A database file that is not valid JSON of the expected shape."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


MAX_FILE = 512 << 20


def read_file(path: Path) -> bytes | None:
    """A database file's bytes, never through a link; ``None`` when it does not exist.

    A file larger than ``MAX_FILE`` (far beyond what reltui writes) raises ``CorruptFileError``
    before it is read.
    """
    try:
        fd = open_nofollow(path)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if os.fstat(fd).st_size > MAX_FILE:
            raise CorruptFileError(path, f"file is larger than {MAX_FILE >> 20} MiB (corrupt)")
        raw = handle.read()  # sized from the file's length, which was just checked
    if len(raw) > MAX_FILE:
        raise CorruptFileError(path, f"file is larger than {MAX_FILE >> 20} MiB (corrupt)")
    return raw


def read_json_file(path: Path) -> dict[str, Any] | None:
    """Parse a database file; ``None`` when it does not exist."""
    raw = read_file(path)
    if raw is None:
        return None
    if not raw.strip():
        raise CorruptFileError(path, "file is empty or truncated")
    return parse_object(path, raw, "unexpected content")


CHECKSUM = "checksum"
_CHECKSUM_HEAD = b',"checksum":"'
_CHECKSUM_TAIL = b'"}'
_CHECKSUM_LENGTH = len(_CHECKSUM_HEAD) + 8 + len(_CHECKSUM_TAIL)


def with_checksum(payload: bytes) -> bytes:
    """A JSON object's bytes (not ``{}``) with the CRC-32 of what precedes it as last member."""
    head = payload[:-1]
    return b"%s%s%08x%s" % (head, _CHECKSUM_HEAD, zlib.crc32(head), _CHECKSUM_TAIL)


def dumps_checked(data: Any) -> bytes:
    """``orjson.dumps`` of a non-empty object, with its checksum."""
    return with_checksum(orjson.dumps(data))


def _checksum_matches(raw: bytes) -> bool | None:
    """True or False when ``raw`` ends with a checksum; ``None`` when it carries none."""
    tail = raw[-_CHECKSUM_LENGTH:]
    if not (tail.startswith(_CHECKSUM_HEAD) and tail.endswith(_CHECKSUM_TAIL)):
        return None
    try:
        expected = int(tail[len(_CHECKSUM_HEAD) : -len(_CHECKSUM_TAIL)], 16)
    except ValueError:
        return False
    return zlib.crc32(raw[:-_CHECKSUM_LENGTH]) == expected


def parse_object(path: Path, raw: bytes, not_an_object: str, where: str = "") -> dict[str, Any]:
    """One JSON object read from ``path``, its checksum checked and removed.

    ``CorruptFileError`` names the file (and ``where`` in it, e.g. ``line 3: ``) otherwise.
    """
    matches = _checksum_matches(raw)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise CorruptFileError(path, f"{where}file is corrupt (not valid JSON)") from None
    if not isinstance(data, dict):
        raise CorruptFileError(path, f"{where}file is corrupt ({not_an_object})")
    stored = data.pop(CHECKSUM, None)
    if matches is False or (stored is not None and matches is None):
        raise CorruptFileError(
            path, f"{where}checksum mismatch (changed on disk after reltui wrote it)"
        )
    return data


def read_store_bytes(path: Path) -> bytes | None:
    """``read_file``, its failures turned into the store's one-line errors."""
    try:
        return read_file(path)
    except CorruptFileError as error:
        raise CorruptDatabase(str(error)) from None
    except OSError as error:
        raise StoreError(f"{path}: cannot read ({error.strerror})") from None


def read_store_file(path: Path) -> dict[str, Any] | None:
    """``read_json_file``, its failures turned into the store's one-line errors."""
    try:
        return read_json_file(path)
    except CorruptFileError as error:
        raise CorruptDatabase(str(error)) from None
    except OSError as error:
        raise StoreError(f"{path}: cannot read ({error.strerror})") from None


class AtomicJSONStorage(Storage):
    """TinyDB storage: read once, then serve from memory; every write is atomic and fsynced.

    reltui holds the database lock while it writes, so no other process changes the file under
    it. If a write fails the cache is dropped, so memory never claims what the disk lacks.
    """

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._cache: dict[str, Any] | None = None
        self.bytes_written = 0

    def read(self) -> dict[str, Any] | None:
        if self._cache is None:
            self._cache = read_json_file(self.path)
        return self._cache

    def write(self, data: dict[str, Any]) -> None:
        if self.read_only:
            raise PermissionError(f"{self.path}: opened read-only")
        payload = dumps_checked(data)
        try:
            write_bytes_atomic(self.path, payload)
        except BaseException:
            self._cache = None
            raise
        self._cache = data
        self.bytes_written += len(payload)

    def close(self) -> None:
        self._cache = None


def open_tinydb(path: Path, read_only: bool) -> TinyDB:
    """A TinyDB over one atomically written file."""
    return TinyDB(path, storage=AtomicJSONStorage, read_only=read_only)


def atomic_storage(database: TinyDB) -> AtomicJSONStorage:
    """The storage of a database opened by ``open_tinydb``."""
    storage = database.storage
    assert isinstance(storage, AtomicJSONStorage)
    return storage
