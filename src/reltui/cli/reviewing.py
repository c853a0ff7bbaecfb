"""``reltui review`` and ``reltui demo``: open the review workstation."""

from __future__ import annotations

import os
import select
import signal
import sys
import tempfile
import threading
from pathlib import Path

import click

from reltui.cli.context import Context, NamesChoice, UserError, pass_context
from reltui.review.queues import QUEUE_ALIASES, QUEUES
from reltui.store.backup import BackgroundBackup
from reltui.store.db import DatabaseLocked, Store, StoreError
from reltui.store.errors import ReadOnlyDatabase


def open_for_review(context: Context, read_only: bool) -> Store:
    """Open the database for writing; if another process holds it, offer read-only browsing."""
    if read_only:
        return context.open_store(read_only=True)
    try:
        store = context.open_store_or_raise(create=False)
    except DatabaseLocked as error:
        interactive = sys.stdin.isatty() and sys.stdout.isatty()
        if interactive and click.confirm(f"reltui: {error}. Browse it read-only?", default=True):
            return context.open_store(read_only=True)
        raise UserError(f"{error}; use --read-only to browse it") from None
    except ReadOnlyDatabase as error:
        raise UserError(f"{error}; use --read-only to browse it") from None
    except StoreError as error:
        raise UserError(str(error)) from None
    return store


def hang_up_when_the_terminal_goes() -> None:
    """Treat a terminal that closes as a hang-up, whether or not the kernel sends SIGHUP.

    A review in its own session (started through ``setsid``, say) gets no SIGHUP when its
    terminal closes; its input then reads end of file forever and it would hold the lock. A
    thread waits, taking no input, for the terminal to report a hang-up or an error.
    """
    try:
        terminal = sys.__stdin__.fileno() if sys.__stdin__ else -1
    except (OSError, ValueError):
        return
    if terminal < 0 or not os.isatty(terminal):
        return

    def watch() -> None:
        poller = select.poll()
        poller.register(terminal, 0)  # no events asked for: only hang-ups and errors wake it
        while True:
            for _, events in poller.poll():
                if events & (select.POLLHUP | select.POLLERR | select.POLLNVAL):
                    os.kill(os.getpid(), signal.SIGHUP)
                    return

    threading.Thread(target=watch, name="reltui-terminal-watch", daemon=True).start()


def check_keys(context: Context) -> None:
    """A ``keys:`` entry naming no binding, or two bindings on one key, stops here in one line."""
    if not context.settings.keys:
        return
    from reltui.ui.key_check import keymap_problem  # the bindings live in the UI

    problem = keymap_problem(context.settings.keys)
    if problem is not None:
        raise UserError(f"{context.config_file}: {problem}")


def run_review(context: Context, queue: str, reviewer: str | None, read_only: bool) -> None:
    """Open the store, back it up, build the app through its factory and run it."""
    check_keys(context)
    with open_for_review(context, read_only) as store:
        backup = None
        if not store.read_only:
            # Made before the session's first write, so a quick look that changes nothing
            # does not push an older backup out of the rotation.
            backup = BackgroundBackup(store.path, context.settings.backups)
            store.hold_writes_until(backup.wait)
        from reltui.ui.app import make_app  # the UI loads only for the commands that need it

        app = make_app(context.settings, store, queue=queue, reviewer=reviewer)
        hang_up_when_the_terminal_goes()
        try:
            app.run()
        finally:
            if backup is not None:
                backup.finish()  # before the lock is released
        if backup is not None and backup.error is not None:
            click.echo(f"reltui: warning: backup not made ({backup.error.strerror})", err=True)
    if app.store_error is not None:
        raise UserError(app.store_error)
    if app.return_code:
        sys.exit(app.return_code)


QUEUE_OPTION = click.option(
    "--queue",
    type=NamesChoice(QUEUES, QUEUE_ALIASES),
    default="due",
    show_default=True,
    help="Which contacts to walk through.",
)


@click.command("review")
@QUEUE_OPTION
@click.option("--reviewer", help="Name recorded on each review (default: from the config).")
@click.option("--read-only", is_flag=True, help="Browse without changing anything.")
@pass_context
def review_command(context: Context, queue: str, reviewer: str | None, read_only: bool) -> None:
    """Review contacts one at a time: four questions each, saved as you answer."""
    run_review(context, queue, reviewer, read_only)


@click.command("demo")
@QUEUE_OPTION
@pass_context
def demo_command(context: Context, queue: str) -> None:
    """Try the review on a throwaway copy of the sample data; your own data is never touched."""
    from reltui.sample import build_sample_database
    from reltui.ui.signals import remove_on_hangup

    with tempfile.TemporaryDirectory(prefix="reltui-demo-") as temp:
        remove_on_hangup(Path(temp))
        db_path = Path(temp) / "db"
        try:
            build_sample_database(db_path)
        except FileNotFoundError as error:
            raise UserError(f"sample data not found: {error.filename}") from None
        context.db_option = str(db_path)
        run_review(context, queue, None, read_only=False)
