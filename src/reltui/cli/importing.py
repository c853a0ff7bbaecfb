"""``reltui import``: bring contacts in from CSV and vCard exports."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from reltui.cli.context import Context, UserError, pass_context
from reltui.formats.reader import FORMATS, read_contacts
from reltui.formats.records import ImportFormatError, ParsedFile
from reltui.store.db import ImportResult, StoreError, database_exists
from reltui.store.merge import merge_records

MAX_SKIP_LINES = 20
PROGRESS_MIN_BYTES = 2_000_000


def _progress_reporter(path: Path) -> tuple[Callable[[int], None] | None, Callable[[], None]]:
    """A rows-read counter on stderr for big files on a terminal; nothing otherwise."""
    try:
        big = path.stat().st_size >= PROGRESS_MIN_BYTES
    except OSError:
        big = False
    if not (big and sys.stderr.isatty()):
        return None, lambda: None
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    progress = Progress(
        SpinnerColumn(),
        TextColumn("Reading {task.description}: {task.completed:,} rows"),
        console=Console(stderr=True),
        transient=True,
    )
    task = progress.add_task(path.name, total=None)
    progress.start()
    return (lambda rows: progress.update(task, completed=rows)), progress.stop


def _parse(path: Path, file_format: str) -> ParsedFile:
    report, stop = _progress_reporter(path)
    try:
        return read_contacts(path, file_format, progress=report)
    finally:
        stop()


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "file_format",
    type=click.Choice(FORMATS),
    default="auto",
    show_default=True,
    help="The kind of export; auto detects it from the file's content.",
)
@click.option("--dry-run", is_flag=True, help="Show what would change without saving anything.")
@pass_context
def import_command(
    context: Context, files: tuple[Path, ...], file_format: str, dry_run: bool
) -> None:
    """Import contacts from CSV (generic, Google, LinkedIn, Outlook), vCard or LDIF files.

    A directory of .vcf files (khard, vdirsyncer) is read as one source. Every file is read
    before anything is saved: if one cannot be read, nothing is imported. Re-importing updates
    contact details and never touches answers.
    """
    parsed: list[tuple[Path, ParsedFile]] = []
    for path in files:
        try:
            parsed.append((path, _parse(path, file_format)))
        except ImportFormatError as error:
            raise UserError(str(error)) from None
    records = [record for _, result in parsed for record in result.records]
    skipped = [(path, row.row, row.reason) for path, result in parsed for row in result.skipped]
    if dry_run and not database_exists(context.db_path):
        outcome, _ = merge_records({}, records)
    else:
        with context.open_store(read_only=dry_run) as store:
            try:
                outcome = store.import_records(records, dry_run=dry_run)
            except StoreError as error:
                raise UserError(str(error)) from None
    if dry_run:
        for path, result in parsed:
            _describe(path, result)
    else:
        warnings = [(path, warning) for path, result in parsed for warning in result.warnings]
        for path, warning in warnings[:MAX_SKIP_LINES]:
            click.echo(f"warning {path.name}: {warning}", err=True)
        if len(warnings) > MAX_SKIP_LINES:
            click.echo(f"... and {len(warnings) - MAX_SKIP_LINES} more warnings", err=True)
    for path, row, reason in skipped[:MAX_SKIP_LINES]:
        click.echo(f"skipped {path.name} row {row}: {reason}", err=True)
    if len(skipped) > MAX_SKIP_LINES:
        click.echo(f"... and {len(skipped) - MAX_SKIP_LINES} more skipped rows", err=True)
    prefix = "dry run: would import " if dry_run else ""
    click.echo(prefix + summary_line(outcome, len(skipped)))


def _describe(path: Path, result: ParsedFile) -> None:
    """How a file was read, for --dry-run: format, encoding, language, then every warning."""
    language = result.language or "-"
    click.echo(
        f"{path}: {result.format}, encoding {result.encoding or '-'}, language {language},"
        f" {len(result.records)} contacts, {len(result.skipped)} skipped"
    )
    for warning in result.warnings:
        click.echo(f"  warning: {warning}")


def summary_line(outcome: ImportResult, skipped: int) -> str:
    """What happened to every record of an import, in one line."""
    line = (
        f"{outcome.added} added, {outcome.updated} updated,"
        f" {outcome.merged} merged as duplicates, {outcome.unchanged} unchanged, {skipped} skipped"
    )
    if outcome.kept:
        line += f", {outcome.kept} hand edit{'s' if outcome.kept != 1 else ''} kept"
    return line
