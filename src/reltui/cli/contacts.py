"""``reltui add``, ``reltui edit`` and ``reltui show``: contacts by hand, and their story."""

from __future__ import annotations

import sys
from typing import Any

import click
import orjson

from reltui.cli.context import Context, pass_context
from reltui.review.report import clean_text
from reltui.review.timeline import contact_heading, contact_timeline, timeline_json
from reltui.store.db import Store

CONTACT_ARGUMENT = click.argument("contact", metavar="CONTACT")


def field_options(*, name_required: bool) -> Any:
    """The options that set a contact's fields, shared by add and edit."""
    options = [
        click.option("--name", required=name_required, help="Full name."),
        click.option("--email", help="Email address (checked for syntax only)."),
        click.option("--company", help="Company or organisation."),
        click.option("--position", help="Job title."),
        click.option("--phone", help="Phone number."),
        click.option("--tags", help="Tags, separated by commas."),
        click.option("--note", "notes", help="Notes about the contact."),
    ]

    def decorate(function: Any) -> Any:
        for option in reversed(options):
            function = option(function)
        return function

    return decorate


def _given(fields: dict[str, str | None]) -> dict[str, str]:
    return {name: value for name, value in fields.items() if value is not None}


def find(store: Store, contact: str) -> int:
    """The id ``contact`` names; one line listing the matches when it is ambiguous."""
    return store.resolve(contact)


@click.command("add")
@field_options(name_required=True)
@pass_context
def add_command(context: Context, **fields: str | None) -> None:
    """Add a contact by hand and print its id; a duplicate is refused."""
    with context.open_store() as store:
        contact = store.add_contact(_given(fields))
    click.echo(contact.id)


@click.command("edit")
@CONTACT_ARGUMENT
@field_options(name_required=False)
@pass_context
def edit_command(context: Context, contact: str, **fields: str | None) -> None:
    """Change a contact's fields; an import never overwrites what is set here.

    CONTACT is an id, an email, or a name that matches exactly one contact.
    """
    values = _given(fields)
    if not values:
        raise click.UsageError("nothing to change; give at least one of --name, --email, ...")
    with context.open_store() as store:
        contact_id = find(store, contact)
        edit = store.edit_contact(contact_id, values)
        name = clean_text(store.contact(contact_id).name)
    if edit is None:
        click.echo(f"{name} (id {contact_id}): nothing changed")
    else:
        click.echo(f"{name} (id {contact_id}): changed {', '.join(edit.changes)}")


@click.command("show")
@CONTACT_ARGUMENT
@click.option("--json", "as_json", is_flag=True, help="Print the contact and timeline as JSON.")
@pass_context
def show_command(context: Context, contact: str, as_json: bool) -> None:
    """Print a contact's timeline, newest first: reviews, status changes, touches and edits.

    CONTACT is an id, an email, or a name that matches exactly one contact.
    """
    questions = context.settings.questions
    with context.open_store(read_only=True) as store:
        contact_id = find(store, contact)
        if as_json:
            data = timeline_json(store, contact_id, questions)
            sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
            return
        click.echo(clean_text(contact_heading(store.contact(contact_id))))
        entries = contact_timeline(store, contact_id, questions)
    if not entries:
        click.echo("nothing recorded yet")
    for entry in entries:
        click.echo(f"{entry.day.isoformat()}  {clean_text(entry.title)}")
        for line in entry.details:
            click.echo(f"            {clean_text(line)}")
