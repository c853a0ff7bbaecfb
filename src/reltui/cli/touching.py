"""``reltui touch``: log a call, a meeting, an email... with a contact, from a script too."""

from __future__ import annotations

import click

from reltui.cli.context import Context, UserError, pass_context
from reltui.domain.touches import TOUCH_KINDS, parse_day
from reltui.review.report import clean_text
from reltui.store.db import now_local


@click.command("touch")
@click.argument("contact", metavar="CONTACT")
@click.option("--kind", required=True, type=click.Choice(TOUCH_KINDS), help="What it was.")
@click.option("--date", "day", default="", metavar="YYYY-MM-DD", help="When (default: today).")
@click.option("--note", default="", help="One line about it.")
@pass_context
def touch_command(context: Context, contact: str, kind: str, day: str, note: str) -> None:
    """Log a touch with a contact: a call, meeting, email, message, event or other.

    CONTACT is an id, an email, or a name that matches exactly one contact.
    """
    try:
        on = parse_day(day, now_local().date())
    except ValueError as error:
        raise UserError(f"--date: {error}") from None
    with context.open_store() as store:
        contact_id = store.resolve(contact)
        touch = store.add_touch(contact_id, kind, on, note)
        name = clean_text(store.contact(contact_id).name)
    click.echo(f"logged {touch.kind} with {name} (id {contact_id}) on {touch.on.isoformat()}")
