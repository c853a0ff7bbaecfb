"""Rotating backups of a database directory, and restoring from them.

Backups are real copies, not hard links: a file damaged in place (by a disk fault or another
program) must not take its backup down with it.
"""

from __future__ import annotations

import errno
import os
import shutil
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reltui.store.errors import StoreError
from reltui.store.files import (
    FILE_MODE,
    ensure_private_dir,
    fsync_dir,
    open_nofollow,
    write_bytes_atomic,
)

BACKUPS_DIR = "backups"
DATA_FILES = ("contacts.json",)
DATA_DIRS = ("reviews", "contacts", "activity")
COMPLETE_MARK = "complete"


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup directory."""

    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def complete(self) -> bool:
        return (self.path / COMPLETE_MARK).exists()


def backups_dir(db_path: Path) -> Path:
    return db_path / BACKUPS_DIR


def list_backups(db_path: Path) -> list[Backup]:
    """Complete backups, newest first."""
    directory = backups_dir(db_path)
    if not directory.is_dir():
        return []
    found = [
        Backup(entry)
        for entry in directory.iterdir()
        if not entry.name.startswith(".") and entry.is_dir() and not entry.is_symlink()
    ]
    return sorted((b for b in found if b.complete), key=lambda b: b.name, reverse=True)


def copy_private(source: Path, target: Path) -> None:
    """Copy a regular file, following no link, into a new owner-only file."""
    source_fd = open_nofollow(source)
    try:
        target_fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
        try:
            with (
                open(source_fd, "rb", closefd=False) as reader,
                open(target_fd, "wb", closefd=False) as writer,
            ):
                shutil.copyfileobj(reader, writer, 1 << 20)
            os.fsync(target_fd)
        finally:
            os.close(target_fd)
    finally:
        os.close(source_fd)


def data_files(root: Path) -> list[Path]:
    files = [root / name for name in DATA_FILES if (root / name).is_file()]
    for name in DATA_DIRS:
        directory = root / name
        if directory.is_dir():
            files.extend(sorted(p for p in directory.iterdir() if p.suffix in (".json", ".jsonl")))
    return files


def make_backup(
    db_path: Path, keep: int, now: datetime | None = None, label: str = ""
) -> Backup | None:
    """Snapshot the database into ``backups/`` and drop all but the newest ``keep``.

    Returns ``None`` when backups are turned off (``keep`` is 0) or there is nothing to save.
    """
    # Without the index too: the review log of a database that lost its index is worth keeping.
    if keep <= 0 or not data_files(db_path):
        return None
    remove_incomplete_backups(db_path)
    stamp = (now or datetime.now()).strftime("%Y%m%dT%H%M%S%f")
    target = backups_dir(db_path) / (f"{stamp}-{label}" if label else stamp)
    ensure_private_dir(target)
    for source in data_files(db_path):
        relative = source.relative_to(db_path)
        ensure_private_dir((target / relative).parent)
        copy_private(source, target / relative)
    write_bytes_atomic(target / COMPLETE_MARK, b"")
    fsync_dir(target.parent)
    for old in list_backups(db_path)[keep:]:
        # Out of the list in one rename first: a backup half deleted must never look complete.
        dropped = old.path.with_name(f".drop-{old.name}")
        os.rename(old.path, dropped)
        shutil.rmtree(dropped, ignore_errors=True)
    return Backup(target)


def remove_incomplete_backups(db_path: Path) -> None:
    """Drop backups whose copying was cut short (only the lock holder makes backups)."""
    directory = backups_dir(db_path)
    if directory.is_dir():
        for entry in directory.iterdir():
            if entry.is_symlink() or not entry.is_dir():
                continue
            if entry.name.startswith(".") or not Backup(entry).complete:
                shutil.rmtree(entry, ignore_errors=True)


class BackgroundBackup:
    """``make_backup`` in a thread, started when the caller says (or at the first ``wait``).

    The review starts it once its first screen is drawn: copying a large database beside the
    start-up slowed the start-up. Copying files releases the interpreter lock, so the copy
    runs on a second core while the user reads the first contact. Whoever holds the database
    must ``wait`` before writing to it.
    """

    def __init__(self, db_path: Path, keep: int) -> None:
        self.error: OSError | None = None
        self._thread = threading.Thread(
            target=self._run, args=(db_path, keep), name="reltui-backup", daemon=True
        )
        self._start_lock = threading.Lock()

    def start(self) -> None:
        """Begin copying, if not begun yet."""
        with self._start_lock:
            if self._thread.ident is None:
                self._thread.start()

    def _run(self, db_path: Path, keep: int) -> None:
        try:
            make_backup(db_path, keep)
        except OSError as error:
            self.error = error
        except StoreError as error:
            self.error = OSError(errno.EPERM, str(error))

    def wait(self) -> None:
        """Return once the backup is made (or has failed: see ``error``); starts it if need be."""
        self.start()
        self._thread.join()

    @property
    def started(self) -> bool:
        return self._thread.ident is not None

    def finish(self) -> None:
        """Wait for a backup that was started; one never started is never made."""
        if self.started:
            self._thread.join()
