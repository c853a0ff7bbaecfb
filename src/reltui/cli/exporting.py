"""``reltui export``: every decision as CSV, or the contacts as vCard 4.0."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reltui.cli.context import Context, NamesChoice, UserError, pass_context
from reltui.review.queues import QUEUE_ALIASES
from reltui.store.export import export_to_file, write_export
from reltui.store.touch_export import touches_to_file, write_touches
from reltui.store.vcard_export import vcards_to_file, write_vcards

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
    type=NamesChoice(STATUS_CHOICES, QUEUE_ALIASES),
    multiple=True,
    help="Only contacts with this status; repeat for several.",
)
@click.option("--history", is_flag=True, help="One row per review instead of per contact.")
@click.option("--touches", is_flag=True, help="Every touch logged, one row each, as CSV.")
@click.option(
    "--format",
    "file_format",
    type=click.Choice(("csv", "vcard")),
    default="csv",
    show_default=True,
    help="csv: decisions; vcard: the contacts as vCard 4.0, status as a reltui- category.",
)
@pass_context
def export_command(
    context: Context,
    output: Path | None,
    statuses: tuple[str, ...],
    history: bool,
    touches: bool,
    file_format: str,
) -> None:
    """Export contacts and their latest review (or every review) as CSV, or as vCards."""
    if touches:
        if history or statuses or file_format != "csv":
            raise UserError("--touches takes no --history, --status or --format")
        _export_touches(context, output)
        return
    if file_format == "vcard":
        if history:
            raise UserError("--history is for CSV; a vCard export holds one card per contact")
        _export_vcards(context, output, statuses)
        return
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


def _export_touches(context: Context, output: Path | None) -> None:
    with context.open_store(read_only=True) as store:
        if output is None:
            sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
            write_touches(store, sys.stdout)
            return
        try:
            count = touches_to_file(store, output)
        except OSError as error:
            raise UserError(f"{output}: cannot write ({error.strerror})") from None
    click.echo(f"{count} touches written to {output}", err=True)


def _export_vcards(context: Context, output: Path | None, statuses: tuple[str, ...]) -> None:
    with context.open_store(read_only=True) as store:
        if output is None:
            sys.stdout.reconfigure(encoding="utf-8", newline="")  # type: ignore[union-attr]
            write_vcards(store, sys.stdout, statuses)
            return
        try:
            count = vcards_to_file(store, output, statuses)
        except OSError as error:
            raise UserError(f"{output}: cannot write ({error.strerror})") from None
    click.echo(f"{count} contacts written to {output}", err=True)
