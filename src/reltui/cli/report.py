"""``reltui report``: the weekly report as Markdown, to stdout or a file."""

from __future__ import annotations

from pathlib import Path

import click

from reltui.cli.context import Context, UserError, pass_context
from reltui.domain.trend import parse_iso_week, week_start
from reltui.review.insights import weekly_report
from reltui.review.report import render_report
from reltui.store.db import now_local
from reltui.store.files import atomic_writer


@click.command("report")
@click.option("--week", metavar="YYYY-Www", help="ISO week to report on (default: this week).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the report to FILE (owner-only) instead of standard output.",
)
@pass_context
def report_command(context: Context, week: str | None, output: Path | None) -> None:
    """Write the weekly report: reviewed, promoted, demoted, split, plans and trend."""
    today = now_local().date()
    if week is None:
        start = week_start(today)
    else:
        try:
            start = parse_iso_week(week)
        except ValueError as error:
            raise UserError(f"--week: {error}") from None
    with context.open_store(read_only=True) as store:
        settings = context.settings
        report = weekly_report(
            store, start, today, settings.questions, settings.stuck_weeks, settings.touch_days
        )
    text = render_report(report, context.settings.questions)
    if output is None:
        click.echo(text, nl=False)
        return
    target = output.expanduser()
    try:
        with atomic_writer(target, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as error:
        raise UserError(f"{target}: cannot write report ({error.strerror})") from None
    click.echo(f"Wrote the report of {report.week} to {target}", err=True)
