"""The ``reltui`` command: global options, then one subcommand per job."""

from __future__ import annotations

import gc
import importlib
import os
import sys

import click

from reltui import __version__
from reltui.cli.context import Context, UserError
from reltui.store.errors import StoreError

# Each subcommand's module, the name of its command there, and the first paragraph of its
# help: a subcommand's module is imported only when it runs, so ``reltui --help`` and every
# command start without the others' imports (tests/unit/test_cli_start.py keeps these in step).
LAZY_COMMANDS: dict[str, tuple[str, str, str]] = {
    "actions": (
        "reltui.cli.actions",
        "actions_command",
        "The open next actions: overdue first, then by due day.",
    ),
    "add": (
        "reltui.cli.contacts",
        "add_command",
        "Add a contact by hand and print its id; a duplicate is refused.",
    ),
    "agenda": (
        "reltui.cli.agenda",
        "agenda_command",
        "Next actions due, contacts coming due for review, and clients about to cool.",
    ),
    "demo": (
        "reltui.cli.reviewing",
        "demo_command",
        "Try the review on a throwaway copy of the sample data; your own data is never touched.",
    ),
    "edit": (
        "reltui.cli.contacts",
        "edit_command",
        "Change a contact's fields; an import never overwrites what is set here.",
    ),
    "export": (
        "reltui.cli.exporting",
        "export_command",
        "Export contacts and their latest review (or every review) as CSV, or as vCards.",
    ),
    "import": (
        "reltui.cli.importing",
        "import_command",
        "Import contacts from CSV (generic, Google, LinkedIn, Outlook), vCard or LDIF files.",
    ),
    "report": (
        "reltui.cli.report",
        "report_command",
        "Write the weekly report: reviewed, promoted, demoted, split, plans and trend.",
    ),
    "restore": (
        "reltui.cli.restore",
        "restore_command",
        "Restore the database from a backup (default: the newest good one).",
    ),
    "review": (
        "reltui.cli.reviewing",
        "review_command",
        "Review contacts one at a time: four questions each, saved as you answer.",
    ),
    "show": (
        "reltui.cli.contacts",
        "show_command",
        "Print a contact's timeline, newest first: reviews, status changes, touches and edits.",
    ),
    "stats": (
        "reltui.cli.stats",
        "stats_command",
        "Show the split of clients, candidates, customers and unreviewed contacts.",
    ),
    "touch": (
        "reltui.cli.touching",
        "touch_command",
        "Log a touch with a contact: a call, meeting, email, message, event or other.",
    ),
}


class ReltuiGroup(click.Group):
    """Subcommands whose store problems end in one line, wherever they surface.

    Contacts are read on demand, so a damaged file can be found after the store opened.
    Subcommands in ``LAZY_COMMANDS`` are imported when they run (or their own help is asked
    for); commands added with ``add_command`` are used as they are.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = self.commands.get(cmd_name)
        if command is None and cmd_name in LAZY_COMMANDS:
            module, attribute, _ = LAZY_COMMANDS[cmd_name]
            command = getattr(importlib.import_module(module), attribute)
            self.commands[cmd_name] = command
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of subcommands, from the table for those not imported yet."""
        limit = formatter.width - 6 - max(map(len, self.list_commands(ctx)))
        rows: list[tuple[str, str]] = []
        for name in self.list_commands(ctx):
            # A stand-in carrying the help of a command not imported yet shortens it alike.
            command = self.commands.get(name) or click.Command(name, help=LAZY_COMMANDS[name][2])
            if not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except StoreError as error:
            raise UserError(str(error)) from None
        except OSError as error:
            raise UserError(describe_os_error(error)) from None


@click.group(
    cls=ReltuiGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--db",
    "db_path",
    # Not checked here: a database that cannot be read is reported in one line when opened.
    type=click.Path(dir_okay=True, file_okay=True, readable=False, path_type=str),
    envvar="RELTUI_DB",
    help="Database directory (env RELTUI_DB; default: your data directory).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=str),
    envvar="RELTUI_CONFIG",
    help="Config file (env RELTUI_CONFIG; default: config.yaml in your config directory).",
)
@click.version_option(__version__, prog_name="reltui")
@click.pass_context
def cli(click_context: click.Context, db_path: str | None, config_path: str | None) -> None:
    """The weekly relationship review: who is a client, who is a customer, who is next."""
    click_context.obj = Context(db_option=db_path, config_option=config_path)


def describe_os_error(error: OSError) -> str:
    """An operating system error as one line: the file, then what went wrong."""
    where = f"{error.filename}: " if error.filename else ""
    reason = (error.strerror or str(error)).lower()
    if isinstance(error, PermissionError):
        reason += " (the database belongs to someone else?)"
    return f"{where}{reason}"


def main() -> None:
    """Console entry point: one clear line for any failure, never a traceback."""
    os.umask(0o077)
    # Loading a database makes objects by the hundred thousand, and the cyclic collector would
    # walk them again and again (about 25 ms of a first screen); reference counting frees what
    # loading drops. A command runs to its end without it; the review turns it back on once
    # the first screen is drawn and what it loaded is frozen (ReltuiApp._read_all_contacts).
    gc.disable()
    if "RELTUI_LOG" in os.environ:
        import logging

        logging.basicConfig(level=os.environ["RELTUI_LOG"].upper())
    try:
        cli.main(prog_name="reltui", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("reltui: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - last line of defence: no traceback for users
        if os.environ.get("RELTUI_DEBUG"):
            raise
        click.echo(f"reltui: unexpected error: {error.__class__.__name__}: {error}", err=True)
        sys.exit(1)
