"""``reltui export``: every decision as CSV."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reltui.cli.context import Context, UserError, pass_context
from reltui.store.export import export_to_file, write_export

STATUS_CHOICES = ("client", "customer", "candidate", "unreviewed")


@click.command("export")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (created owner-only) instead of standard output.",
)
@click.option(
    "--status",
    "statuses",
    type=click.Choice(STATUS_CHOICES),
    multiple=True,
    help="Only contacts with this status; repeat for several.",
)
@click.option("--history", is_flag=True, help="One row per review instead of per contact.")
@pass_context
def export_command(
    context: Context, output: Path | None, statuses: tuple[str, ...], history: bool
) -> None:
    """Export contacts and their latest review (or every review) as CSV."""
    with context.open_store(read_only=True) as store:
        questions = context.settings.questions
        if output is None:
            sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
            write_export(store, sys.stdout, statuses, history, questions)
            return
        try:
            count = export_to_file(store, output, statuses, history, questions)
        except OSError as error:
            raise UserError(f"{output}: cannot write ({error.strerror})") from None
    click.echo(f"{count} rows written to {output}", err=True)
