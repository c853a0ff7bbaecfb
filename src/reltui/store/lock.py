"""One writer per database: an OS file lock plus a note of who holds it."""

from __future__ import annotations

import contextlib
import fcntl
import getpass
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import orjson

from reltui.store.errors import UnsafeDatabase
from reltui.store.files import open_nofollow, remove_own_file, write_bytes_atomic

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
        fd = open_nofollow(directory / HOLDER_NAME)
        try:
            raw = os.read(fd, 4096)
        finally:
            os.close(fd)
        data = orjson.loads(raw)
        return LockHolder(
            str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"])
        )
    except (OSError, ValueError, KeyError, TypeError, UnsafeDatabase):
        return None


class WriterLock:
    """An exclusive, non-blocking lock on a database directory.

    The kernel releases the lock when the holding process dies, however it dies, so a lock left
    behind by a crashed or killed process is simply taken over by the next one. The lock file
    is opened without following a link and never truncated.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock; ``DatabaseLockedError`` if another process holds it."""
        fd = open_nofollow(self.directory / LOCK_NAME, os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise DatabaseLockedError(self.directory, read_holder(self.directory)) from None
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        holder = {
            "user": _current_user(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        try:
            write_bytes_atomic(self.directory / HOLDER_NAME, orjson.dumps(holder))
        except BaseException:
            self.release()
            raise

    def release(self) -> None:
        """Let go of the lock (the lock file stays, for the next holder)."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                remove_own_file(self.directory / HOLDER_NAME)
            os.close(self._fd)
            self._fd = None

    @property
    def is_locked(self) -> bool:
        return self._fd is not None
