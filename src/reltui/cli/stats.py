"""``reltui stats``: the split of clients, candidates, customers and unreviewed."""

from __future__ import annotations

import click
import orjson

from reltui.cli.context import Context, pass_context
from reltui.domain.rules import STATUS_ORDER, Split
from reltui.store.db import Store, now_local

_LABELS = {
    "client": "Clients",
    "candidate": "Candidates",
    "customer": "Customers",
    "unreviewed": "Unreviewed",
}


def compute_stats(store: Store, settings) -> dict[str, int]:  # noqa: ANN001
    """The figures ``stats --json`` prints."""
    now = now_local()
    split = Split()
    due = at_risk = 0
    for contact_id in store.contact_ids():
        state = store.state(contact_id)
        split.counts[state.status] += 1
        due += state.is_due(now, settings.cadence_days)
        at_risk += state.at_risk
    return {
        "total": split.total,
        "clients": split.counts["client"],
        "customers": split.counts["customer"],
        "candidates": split.counts["candidate"],
        "unreviewed": split.counts["unreviewed"],
        "due": due,
        "at_risk": at_risk,
    }


def format_stats(figures: dict[str, int]) -> str:
    total = figures["total"]
    lines = []
    for status in STATUS_ORDER:
        count = figures[f"{status}s" if status != "unreviewed" else "unreviewed"]
        percent = 100.0 * count / total if total else 0.0
        lines.append(f"{_LABELS[status]:<12}{count:>8}  {percent:5.1f}%")
    lines.append(f"{'Total':<12}{total:>8}")
    lines.append(f"{'Due now':<12}{figures['due']:>8}")
    lines.append(f"{'At risk':<12}{figures['at_risk']:>8}")
    return "\n".join(lines)


@click.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@pass_context
def stats_command(context: Context, as_json: bool) -> None:
    """Show the split of clients, candidates, customers and unreviewed contacts."""
    with context.open_store(read_only=True) as store:
        figures = compute_stats(store, context.settings)
    if as_json:
        click.echo(orjson.dumps(figures).decode())
    else:
        click.echo(format_stats(figures))
