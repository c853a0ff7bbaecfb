"""Restoring a database from a backup in one step that a kill cannot leave half done.

The backup is copied into ``.restore/`` beside the data, complete and fsynced, and only then
is ``restore.json`` written: that one atomic write is the moment the restore happens. Moving the
copies into place follows; if it is cut short, whoever opens the database next finishes it (the
moves are repeated until none is left), so the database is either as it was or as restored,
never a mixture. Before ``restore.json`` exists, a leftover ``.restore/`` is simply removed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from reltui.store.backup import (
    DATA_DIRS,
    DATA_FILES,
    Backup,
    copy_private,
    data_files,
    make_backup,
)
from reltui.store.files import ensure_private_dir, fsync_dir, remove_own_file, write_bytes_atomic
from reltui.store.storage import CorruptFileError

STAGING_DIR = ".restore"
REPLACED_DIR = ".restore-replaced"
MARK_FILE = "restore.json"


def restore_backup(
    db_path: Path,
    backup: Backup,
    readable: Callable[[Backup], bool],
    now: datetime | None = None,
) -> Backup | None:
    """Put ``backup`` back in place; what was there is first kept as a backup of its own.

    ``readable`` validates the backup first (the store's own reading, which sits above this
    module). The caller holds the writer lock. Returns the backup made of the replaced state.
    On an error before the restore's moment, the database is as it was and nothing is left.
    """
    if not readable(backup):
        raise CorruptFileError(backup.path, "backup is incomplete or corrupt")
    finish_restore(db_path)  # one cut short earlier, so the backup below is of a whole state
    kept = make_backup(db_path, keep=1_000_000, now=now, label="before-restore")
    staging = db_path / STAGING_DIR
    try:
        _remove_tree(staging)
        ensure_private_dir(staging)
        for name in DATA_DIRS:
            ensure_private_dir(staging / name)  # every part is replaced, present or not
        for source in data_files(backup.path):
            relative = source.relative_to(backup.path)
            copy_private(source, staging / relative)
        for name in DATA_DIRS:
            fsync_dir(staging / name)
        fsync_dir(staging)
        write_bytes_atomic(db_path / MARK_FILE, b'{"staging": ".restore"}')
    except BaseException:
        if not os.path.lexists(db_path / MARK_FILE):
            _remove_tree(staging)
        raise
    finish_restore(db_path)
    return kept


def restore_pending(db_path: Path) -> bool:
    """True when a restore has happened but its files are not all in place yet."""
    return os.path.lexists(db_path / MARK_FILE)


def finish_restore(db_path: Path) -> None:
    """Complete a restore cut short, or clear one that never reached its moment.

    Only the writer-lock holder calls this. Each step can be repeated, so a kill while this
    runs is finished by the next call.
    """
    staging = db_path / STAGING_DIR
    replaced = db_path / REPLACED_DIR
    if not restore_pending(db_path):
        _remove_tree(staging)
        _remove_tree(replaced)
        return
    ensure_private_dir(replaced)
    for name in (*DATA_DIRS, *DATA_FILES):
        source = staging / name
        if not os.path.lexists(source):
            continue  # moved into place already
        target = db_path / name
        if os.path.lexists(target):
            _remove_tree(replaced / name)
            os.rename(target, replaced / name)
        os.rename(source, target)
    fsync_dir(db_path)
    remove_own_file(db_path / MARK_FILE)
    fsync_dir(db_path)
    _remove_tree(staging)
    _remove_tree(replaced)


def _remove_tree(path: Path) -> None:
    """Delete a directory of reltui's own (``rmtree`` never follows a link inside it)."""
    if os.path.islink(path):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
    elif os.path.isdir(path):
        shutil.rmtree(path)
