"""Owner-only, crash-safe file access inside a database that no one else can change.

Writes go to a temporary file, fsync, rename, fsync of the directory. Nothing inside a database
follows a symbolic link: files open with ``O_NOFOLLOW``, directories are checked with ``lstat``,
and only regular files the user owns are ever deleted or truncated. A database directory, or
any directory in it, that another user owns or can write is refused for writing, as ssh refuses
a loose ``~/.ssh``: whoever can write a directory can plant a link in it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import pwd
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from reltui.store.errors import UnsafeDatabase

FILE_MODE = 0o600
DIR_MODE = 0o700
_NOFOLLOW = os.O_NOFOLLOW | os.O_CLOEXEC
_LINK_REFUSED = "is a symbolic link; reltui never follows links inside a database (remove it)"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) as owner-only directories; leave existing parents alone.

    An existing ``path`` must be a directory itself, not a link to one.
    """
    missing = []
    current = path
    while not os.path.lexists(current):
        missing.append(current)
        current = current.parent
    for directory in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(directory, DIR_MODE)
        os.chmod(directory, DIR_MODE, follow_symlinks=False)
    if os.path.islink(path):
        raise UnsafeDatabase(f"{path}: {_LINK_REFUSED}")
    return path


def _owner_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def check_private_dir(path: Path, status: os.stat_result | None = None) -> None:
    """Refuse ``path`` unless it is a directory (not a link) of the user's that no one else
    can write; the one-line message says how to fix it."""
    if status is None:
        try:
            status = os.lstat(path)
        except FileNotFoundError:
            return
    if stat.S_ISLNK(status.st_mode):
        raise UnsafeDatabase(f"{path}: {_LINK_REFUSED}")
    if not stat.S_ISDIR(status.st_mode):
        raise UnsafeDatabase(f"{path}: not a directory; reltui expected its own directory here")
    if status.st_uid != os.geteuid():
        raise UnsafeDatabase(
            f"{path}: belongs to {_owner_name(status.st_uid)}, not you; refusing to write to a "
            "database another user controls (use your own with --db)"
        )
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise UnsafeDatabase(
            f"{path}: other users can write this directory; refusing to use it until you run "
            f"'chmod 700 {path}'"
        )


def check_private_tree(root: Path) -> None:
    """``check_private_dir`` for ``root`` and every directory in it; any link is refused."""
    check_private_dir(root)
    pending = [root]
    while pending:
        directory = pending.pop()
        try:
            entries = list(os.scandir(directory))
        except FileNotFoundError:
            continue
        for entry in entries:
            if entry.is_symlink():
                raise UnsafeDatabase(f"{entry.path}: {_LINK_REFUSED}")
            if entry.is_dir(follow_symlinks=False):
                check_private_dir(Path(entry.path), entry.stat(follow_symlinks=False))
                pending.append(Path(entry.path))


def open_nofollow(path: Path, flags: int = os.O_RDONLY, mode: int = FILE_MODE) -> int:
    """``os.open`` that refuses a symbolic link and anything but a regular file.

    Raises ``FileNotFoundError`` as ``os.open`` does, and ``UnsafeDatabase`` for a link or a
    special file (a FIFO would block, a device would read forever).
    """
    try:
        fd = os.open(path, flags | _NOFOLLOW | os.O_NONBLOCK, mode)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafeDatabase(f"{path}: {_LINK_REFUSED}") from None
        raise
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise UnsafeDatabase(f"{path}: not a regular file; reltui expected its own file here")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def truncate_own_file(fd: int, path: Path, length: int) -> None:
    """Truncate the open file ``fd`` to ``length``, if it is a regular file the user owns."""
    status = os.fstat(fd)
    if not stat.S_ISREG(status.st_mode) or status.st_uid != os.geteuid():
        raise UnsafeDatabase(f"{path}: not a file of yours; reltui leaves it alone")
    os.ftruncate(fd, length)


def append_synced(fd: int, path: Path, line: bytes, size: int) -> None:
    """Append ``line`` to the journal open as ``fd`` (``size`` bytes long) and fsync it.

    On any failure the journal is cut back to ``size``, as it was, and the error propagates.
    """
    try:
        written = os.write(fd, line)
        if written != len(line):
            raise OSError(28, "No space left on device")
        os.fsync(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            truncate_own_file(fd, path, size)
        raise


def remove_own_file(path: Path) -> bool:
    """Delete ``path`` if it is a regular file the user owns (never a link's target)."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(status.st_mode) or status.st_uid != os.geteuid():
        return False
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    return True


def fsync_dir(directory: Path) -> None:
    """Make a rename inside ``directory`` durable."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_writer(path: Path, mode: str = "wb", **open_kwargs) -> Iterator[IO]:
    """Write a file so that readers see either the old version or the complete new one.

    The temporary file is created 0600 beside the target, fsynced, renamed over it, and the
    directory is fsynced; on any error the temporary file is removed and the target untouched.
    Renaming replaces a link at ``path`` itself, never the file it points to.
    """
    directory = path.parent
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    temp_path = Path(temp_name)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, mode, **open_kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_path, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp_path.unlink()
        raise
    fsync_dir(directory)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically and durably."""
    with atomic_writer(path, "wb") as handle:
        handle.write(data)


def others_can_write(path: Path) -> bool:
    """True when group or other users may write ``path``."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IWGRP | stat.S_IWOTH))


def remove_stale_temp_files(directory: Path) -> int:
    """Delete temporary files left by a write that was killed before its rename.

    Only the writer-lock holder calls this, so no live write is in progress.
    """
    removed = 0
    if not directory.is_dir() or directory.is_symlink():
        return removed
    for entry in directory.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            removed += remove_own_file(entry)
    return removed
