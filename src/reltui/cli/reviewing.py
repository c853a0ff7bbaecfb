"""``reltui review`` and ``reltui demo``: open the review workstation."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import click

from reltui.cli.context import Context, UserError, pass_context
from reltui.queues import QUEUES


def run_review(context: Context, store_path: Path | None, queue: str, reviewer: str | None) -> None:
    """Open the store, build the app through its factory and run it."""
    from reltui.ui.app import make_app  # the UI loads only for the commands that need it

    store = context.open_store() if store_path is None else _open_at(context, store_path)
    with store:
        app = make_app(context.settings, store, queue=queue, reviewer=reviewer)
        app.run()


def _open_at(context: Context, path: Path):  # noqa: ANN202
    context.db_option = str(path)
    return context.open_store()


@click.command("review")
@click.option(
    "--queue",
    type=click.Choice(QUEUES),
    default="due",
    show_default=True,
    help="Which contacts to walk through.",
)
@click.option("--reviewer", help="Name recorded on each review (default: from the config).")
@pass_context
def review_command(context: Context, queue: str, reviewer: str | None) -> None:
    """Review contacts one at a time: four questions each, saved as you answer."""
    run_review(context, None, queue, reviewer)


@click.command("demo")
@click.option("--queue", type=click.Choice(QUEUES), default="due", show_default=True)
@pass_context
def demo_command(context: Context, queue: str) -> None:
    """Try the review on a throwaway copy of the sample data; your own data is never touched."""
    from reltui.sample import build_sample_database

    with tempfile.TemporaryDirectory(prefix="reltui-demo-") as temp:
        db_path = Path(temp) / "db"
        try:
            build_sample_database(db_path)
        except FileNotFoundError as error:
            raise UserError(f"sample data not found: {error.filename}") from None
        run_review(context, db_path, queue, None)
        shutil.rmtree(temp, ignore_errors=True)
