"""One writer per database: an OS file lock plus a note of who holds it."""

from __future__ import annotations

import contextlib
import getpass
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import filelock
import orjson

from reltui.store.files import FILE_MODE, write_bytes_atomic

LOCK_NAME = "lock"
HOLDER_NAME = "lock.json"


@dataclass(frozen=True, slots=True)
class LockHolder:
    """Who holds a database: enough for the second user to know whom to ask."""

    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        return f"{self.user} on {self.host} (process {self.pid}) since {self.since}"


class DatabaseLockedError(Exception):
    """Another process is writing to this database."""

    def __init__(self, path: Path, holder: LockHolder | None) -> None:
        who = holder.describe() if holder else "another process"
        super().__init__(f"{path} is in use by {who}")
        self.path = path
        self.holder = holder


def _current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no passwd entry in some containers
        return str(os.getuid())


def read_holder(directory: Path) -> LockHolder | None:
    """The holder recorded by the process that took the lock, if readable."""
    try:
        data = orjson.loads((directory / HOLDER_NAME).read_bytes())
        return LockHolder(
            str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


class WriterLock:
    """An exclusive, non-blocking lock on a database directory.

    The kernel releases the lock when the holding process dies, however it dies, so a lock left
    behind by a crashed or killed process is simply taken over by the next one.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._lock = filelock.FileLock(
            directory / LOCK_NAME, timeout=0, mode=FILE_MODE, thread_local=False
        )

    def acquire(self) -> None:
        try:
            self._lock.acquire(timeout=0)
        except filelock.Timeout:
            raise DatabaseLockedError(self.directory, read_holder(self.directory)) from None
        holder = {
            "user": _current_user(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        write_bytes_atomic(self.directory / HOLDER_NAME, orjson.dumps(holder))

    def release(self) -> None:
        if self._lock.is_locked:
            with contextlib.suppress(OSError):
                (self.directory / HOLDER_NAME).unlink()
            self._lock.release()

    @property
    def is_locked(self) -> bool:
        return self._lock.is_locked
