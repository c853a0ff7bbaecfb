"""``reltui restore``: bring a database back from one of its rotating backups."""

from __future__ import annotations

from pathlib import Path

import click

from reltui.cli.context import Context, UserError, pass_context
from reltui.store.backup import Backup, list_backups
from reltui.store.db import CONTACTS_FILE, backup_is_readable, newest_good_backup
from reltui.store.files import check_private_tree
from reltui.store.lock import DatabaseLockedError, WriterLock
from reltui.store.restore import restore_backup, restore_pending
from reltui.store.storage import CorruptFileError


@click.command("restore")
@click.option("--from", "backup_name", metavar="BACKUP", help="Backup name (see --list).")
@click.option("--list", "list_only", is_flag=True, help="List the backups and exit.")
@pass_context
def restore_command(context: Context, backup_name: str | None, list_only: bool) -> None:
    """Restore the database from a backup (default: the newest good one).

    The current files are kept as a backup of their own first, so nothing is lost.
    """
    db_path = context.db_path
    if not list_only:
        check_private_tree(db_path)
    backups = list_backups(db_path)
    if list_only:
        if not backups:
            click.echo(f"no backups in {db_path}")
        for backup in backups:
            state = "ok" if backup_is_readable(backup) else "damaged"
            click.echo(f"{backup.name}  {state}")
        return
    chosen = _choose(db_path, backups, backup_name)
    lock = WriterLock(db_path)
    try:
        lock.acquire()
    except DatabaseLockedError as error:
        raise UserError(f"{error}; close it before restoring") from None
    except OSError as error:
        raise UserError(_cannot_restore(db_path, error)) from None
    try:
        kept = restore_backup(db_path, chosen, backup_is_readable)
    except CorruptFileError as error:
        raise UserError(f"restore failed: {error}") from None
    except OSError as error:
        if restore_pending(db_path):
            raise UserError(
                f"{db_path}: restored from backup {chosen.name}, but not every file is in place "
                f"yet ({error.strerror}); the next reltui command finishes it"
            ) from None
        raise UserError(_cannot_restore(db_path, error)) from None
    finally:
        lock.release()
    click.echo(f"restored {db_path / CONTACTS_FILE} from backup {chosen.name}")
    if kept is not None:
        click.echo(f"the replaced files are kept in backup {kept.name}")


def _cannot_restore(db_path: Path, error: OSError) -> str:
    where = error.filename or db_path
    return f"{where}: cannot restore ({error.strerror}); nothing was changed"


def _choose(db_path, backups: list[Backup], name: str | None) -> Backup:  # noqa: ANN001
    if name is None:
        chosen = newest_good_backup(db_path)
        if chosen is None:
            raise UserError(f"{db_path}: no good backup to restore from")
        return chosen
    for backup in backups:
        if backup.name == name or str(backup.path) == name:
            return backup
    raise UserError(f"{name}: no such backup (see 'reltui restore --list')")
