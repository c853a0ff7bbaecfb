"""``reltui agenda``: what the coming days hold, as plain text to paste or mail."""

from __future__ import annotations

import click

from reltui.cli.context import Context, pass_context
from reltui.review.agenda import MAX_DAYS, MIN_DAYS, agenda_text
from reltui.store.db import now_local


@click.command("agenda")
@click.option(
    "--days",
    type=click.IntRange(MIN_DAYS, MAX_DAYS),
    default=7,
    show_default=True,
    help="How many days ahead, today included.",
)
@pass_context
def agenda_command(context: Context, days: int) -> None:
    """Next actions due, contacts coming due for review, and clients about to cool."""
    today = now_local().date()
    with context.open_store(read_only=True) as store:
        text = agenda_text(store, context.settings, today, days)
    click.echo(text, nl=False)
