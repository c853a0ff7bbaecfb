"""The ``reltui`` command: global options, then one subcommand per job."""

from __future__ import annotations

import logging
import os
import sys

import click

from reltui import __version__
from reltui.cli.actions import actions_command
from reltui.cli.agenda import agenda_command
from reltui.cli.contacts import add_command, edit_command, show_command
from reltui.cli.context import Context, UserError
from reltui.cli.exporting import export_command
from reltui.cli.importing import import_command
from reltui.cli.report import report_command
from reltui.cli.restore import restore_command
from reltui.cli.reviewing import demo_command, review_command
from reltui.cli.stats import stats_command
from reltui.cli.touching import touch_command
from reltui.store.errors import StoreError


class ReltuiGroup(click.Group):
    """Subcommands whose store problems end in one line, wherever they surface.

    Contacts are read on demand, so a damaged file can be found after the store opened.
    """

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


cli.add_command(import_command)
cli.add_command(export_command)
cli.add_command(stats_command)
cli.add_command(review_command)
cli.add_command(demo_command)
cli.add_command(restore_command)
cli.add_command(report_command)
cli.add_command(add_command)
cli.add_command(edit_command)
cli.add_command(touch_command)
cli.add_command(show_command)
cli.add_command(actions_command)
cli.add_command(agenda_command)


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
    logging.basicConfig(level=os.environ.get("RELTUI_LOG", "WARNING").upper())
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
