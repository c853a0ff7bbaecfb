"""The store's errors: each carries a one-line message meant for the user."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reltui.store.lock import LockHolder


class StoreError(Exception):
    """A database problem to report to the user in one line."""


class CorruptDatabase(StoreError):
    """A database file that does not parse; the message names it and the newest good backup."""


class UnsafeDatabase(StoreError):
    """A database other users could change, or holding a link: refused for writing."""


class ReadOnlyDatabase(StoreError):
    """A database this user may read but not write (a read-only directory or file system)."""


class DatabaseLocked(StoreError):
    """Another process holds the writer lock."""

    def __init__(self, message: str, holder: LockHolder | None) -> None:
        super().__init__(message)
        self.holder = holder
