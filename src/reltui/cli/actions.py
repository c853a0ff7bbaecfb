"""``reltui actions``: list the open next actions, close one, or write them as iCalendar to-dos."""

from __future__ import annotations

import json
from pathlib import Path

import click

from reltui.cli.context import Context, UserError, pass_context
from reltui.domain.actions import DONE, DROPPED, close
from reltui.review.action_export import calendar_text, calendar_to_file
from reltui.review.actions import ActionRow, open_action_rows
from reltui.review.report import clean_text
from reltui.store.db import now_local


@click.group("actions", invoke_without_command=True)
@click.option("--overdue", is_flag=True, help="Only actions past their due day.")
@click.option("--contact", metavar="CONTACT", help="Only this contact's actions.")
@click.option("--json", "as_json", is_flag=True, help="As JSON, one object per action.")
@click.option("--ics", is_flag=True, help="As iCalendar to-dos (VTODO) for a calendar app.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --ics: write to this file (owner-only) instead of standard output.",
)
@click.pass_context
def actions_command(
    click_context: click.Context,
    overdue: bool,
    contact: str | None,
    as_json: bool,
    ics: bool,
    output: Path | None,
) -> None:
    """The open next actions: overdue first, then by due day.

    `reltui actions done ID` and `reltui actions drop ID` close one (the first letters of the
    id are enough).
    """
    if click_context.invoked_subcommand is not None:
        if overdue or contact or as_json or ics or output:
            raise UserError("done and drop take only an action id")
        return
    if as_json and ics:
        raise UserError("choose one of --json and --ics")
    if output is not None and not ics:
        raise UserError("-o is for --ics; redirect the list to keep it")
    context = click_context.ensure_object(Context)
    now = now_local()
    with context.open_store(read_only=True) as store:
        contact_id = store.resolve(contact) if contact else None
        rows = open_action_rows(store, now.date(), contact_id=contact_id, overdue_only=overdue)
    if ics:
        _write_ics(rows, output)
    elif as_json:
        click.echo(json.dumps([_as_json(row) for row in rows], ensure_ascii=False, indent=2))
    elif not rows:
        click.echo("no open actions" + (" overdue" if overdue else ""))
    else:
        for row in rows:
            click.echo(_as_line(row))


def _as_line(row: ActionRow) -> str:
    action = row.action
    late = "  overdue" if row.overdue else ""
    return (
        f"{action.id}  {action.due.isoformat()}  {clean_text(row.name)}: "
        f"{clean_text(action.text)}{late}"
    )


def _as_json(row: ActionRow) -> dict[str, object]:
    action = row.action
    return {
        "id": action.id,
        "contact_id": action.contact_id,
        "name": row.name,
        "text": action.text,
        "due": action.due.isoformat(),
        "question": action.question,
        "overdue": row.overdue,
    }


def _write_ics(rows: list[ActionRow], output: Path | None) -> None:
    stamp = now_local()
    if output is None:
        click.echo(calendar_text(rows, stamp), nl=False)
        return
    target = output.expanduser()
    try:
        count = calendar_to_file(rows, stamp, target)
    except OSError as error:
        raise UserError(f"{target}: cannot write ({error.strerror})") from None
    click.echo(f"{count} to-dos written to {target}", err=True)


def _close(context: Context, key: str, state: str) -> None:
    today = now_local().date()
    with context.open_store() as store:
        action = store.find_action(key)
        if not action.is_open:
            raise UserError(f"action {action.id} is {action.state} already")
        store.save_action(close(action, state, today))
        name = clean_text(store.contact_name(action.contact_id))
    click.echo(f"{state}: {clean_text(action.text)} ({name}, action {action.id})")


@actions_command.command("done")
@click.argument("action_id", metavar="ID")
@pass_context
def done_command(context: Context, action_id: str) -> None:
    """Mark an action done; it stays in the contact's timeline."""
    _close(context, action_id, DONE)


@actions_command.command("drop")
@click.argument("action_id", metavar="ID")
@pass_context
def drop_command(context: Context, action_id: str) -> None:
    """Drop an action that no longer fits; it stays in the contact's timeline."""
    _close(context, action_id, DROPPED)
