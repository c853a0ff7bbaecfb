"""``reltui stats``: the split, the clients at risk, the blocking question and the weekly trend."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Sequence
from typing import Any

import click
import orjson

from reltui.cli.context import Context, pass_context
from reltui.config import Settings
from reltui.domain.legend import ASCII_STATUS_GLYPHS, STATUS_GLYPHS
from reltui.domain.questions import QUESTION_IDS
from reltui.domain.rhythm import AtRiskContact, find_at_risk
from reltui.domain.rules import STATUS_ORDER, Split, Status
from reltui.domain.trend import WeekSplit
from reltui.review.cooling import cooling_ids
from reltui.review.insights import (
    MAX_TREND_WEEKS,
    MIN_TREND_WEEKS,
    blocking_questions,
    current_split,
    reviewed_histories,
    weekly_split,
)
from reltui.review.report import clean_text
from reltui.store.db import Store, now_local

_LABELS = {
    "client": "Clients",
    "candidate": "Candidates",
    "customer": "Customers",
    "unreviewed": "Unreviewed",
}
WIDTH = 79
AT_RISK_SHOWN = 10
# Bar glyphs for clients, candidates and customers, the sparkline ramp (lowest first), an arrow.
# Clients, candidates and customers in the legend the app uses, then the sparkline and arrow.
UNICODE_GLYPHS = (*(STATUS_GLYPHS[status] for status in STATUS_ORDER[:3]), "▁▂▃▄▅▆▇█", "→")
ASCII_GLYPHS = (*(ASCII_STATUS_GLYPHS[status] for status in STATUS_ORDER[:3]), "_.:-=+*#", "->")


def _json_key(status: Status) -> str:
    """The key ``stats --json`` uses for a status: ``clients``, ``unreviewed``..."""
    return "unreviewed" if status == Status.UNREVIEWED else f"{status.value}s"


def compute_stats(store: Store, settings: Settings) -> dict[str, int]:
    """The figures ``stats --json`` prints."""
    now = now_local()
    cooling = len(cooling_ids(store, settings.touch_days, now.date()))
    split = current_split(store)
    reviewed = store.reviewed_contact_ids()
    # A contact never reviewed is due now and not at risk: no state to look at.
    due, at_risk, in_progress = len(store) - len(reviewed), 0, 0
    for contact_id in reviewed:
        state = store.state(contact_id)
        due += state.is_due(now, settings.cadence_days)
        at_risk += state.at_risk
        in_progress += state.in_progress is not None
    return {
        "total": split.total,
        "clients": split.counts[Status.CLIENT],
        "customers": split.counts[Status.CUSTOMER],
        "candidates": split.counts[Status.CANDIDATE],
        "unreviewed": split.counts[Status.UNREVIEWED],
        "due": due,
        "at_risk": at_risk,
        "in_progress": in_progress,
        "cooling": cooling,
    }


def format_stats(figures: dict[str, int]) -> str:
    """The split, due and at-risk counts as a small table."""
    total = figures["total"]
    lines = []
    for status in STATUS_ORDER:
        count = figures[_json_key(status)]
        percent = 100.0 * count / total if total else 0.0
        lines.append(f"{_LABELS[status]:<12}{count:>8}  {percent:5.1f}%")
    lines.append(f"{'Total':<12}{total:>8}")
    lines.append(f"{'Due now':<12}{figures['due']:>8}")
    lines.append(f"{'At risk':<12}{figures['at_risk']:>8}")
    lines.append(f"{'In progress':<12}{figures['in_progress']:>8}")
    lines.append(f"{'Cooling':<12}{figures['cooling']:>8}")
    return "\n".join(lines)


def _fit(text: str, width: int, ellipsis: str) -> str:
    return text if len(text) <= width else text[: width - len(ellipsis)] + ellipsis


def format_at_risk(
    at_risk: Sequence[AtRiskContact], titles: dict[str, str], ascii_only: bool
) -> str:
    """Which clients lost a yes, which one and when (the most recent first)."""
    if not at_risk:
        return "At risk: no client has lost a yes."
    ellipsis = "..." if ascii_only else "…"
    lines = [f"At risk: {len(at_risk)} {'client' if len(at_risk) == 1 else 'clients'} lost a yes"]
    for item in at_risk[:AT_RISK_SHOWN]:
        name = _fit(clean_text(item.contact.name) or f"contact {item.contact.id}", 30, ellipsis)
        lost = ", ".join(titles[qid] for qid in item.lost) or "none recorded"
        line = f"{item.on.isoformat()}  {name}: lost {lost}"
        lines.append(textwrap.fill(line, WIDTH, initial_indent="  ", subsequent_indent=" " * 14))
    if len(at_risk) > AT_RISK_SHOWN:
        more = len(at_risk) - AT_RISK_SHOWN
        lines.append(f"  and {more} more: reltui review --queue at-risk")
    return "\n".join(lines)


def format_blocking(counts: dict[str, int], titles: dict[str, str], ascii_only: bool) -> str:
    """How often each question is the missing yes, with a bar per question."""
    block = (ASCII_GLYPHS if ascii_only else UNICODE_GLYPHS)[0]
    ellipsis = "..." if ascii_only else "…"
    top = max(counts.values(), default=0)
    lines = ["Missing yes among customers and candidates"]
    for qid in QUESTION_IDS:
        count = counts.get(qid, 0)
        bar = block * round(40 * count / top) if top else ""
        lines.append(f"  {_fit(titles[qid], 20, ellipsis):<20}{count:>8}  {bar}".rstrip())
    return "\n".join(lines)


def _stacked_bar(split: Split, scale: int, width: int, glyphs: Sequence[str]) -> str:
    """Clients, candidates and customers side by side, ``width`` columns for ``scale`` contacts."""
    bar, cumulative, drawn = [], 0, 0
    for status, glyph in zip(STATUS_ORDER[:3], glyphs, strict=True):
        cumulative += split.counts[status]
        edge = round(width * cumulative / scale) if scale else 0
        bar.append(glyph * (edge - drawn))
        drawn = edge
    return "".join(bar)


def sparkline(values: Sequence[int], ramp: str) -> str:
    """One character per value, scaled from zero to the largest value."""
    top = max(values, default=0)
    if not top:
        return ramp[0] * len(values)
    return "".join(ramp[round((len(ramp) - 1) * value / top)] for value in values)


def format_trend(trend: Sequence[WeekSplit], ascii_only: bool) -> str:
    """Per-week counts with a stacked bar, then a sparkline per status; fits 80 columns."""
    client, candidate, customer, ramp, arrow = ASCII_GLYPHS if ascii_only else UNICODE_GLYPHS
    legend = f"{client} clients  {candidate} candidates  {customer} customers"
    header = "Week     Clients Candidates Customers Unreviewed"
    bar_width = WIDTH - len(header) - 2
    scale = max(
        (week.split.total - week.split.counts[Status.UNREVIEWED] for week in trend), default=0
    )
    title = f"Split at the end of each week, last {len(trend)} weeks"
    lines = [title, f"Bars: {legend}", "", header]
    for week in trend:
        counts = [week.split.counts[status] for status in STATUS_ORDER]
        figures = f"{week.week:<8}{counts[0]:>8}{counts[1]:>11}{counts[2]:>10}{counts[3]:>11}"
        bar = _stacked_bar(week.split, scale, bar_width, (client, candidate, customer))
        lines.append(f"{figures}  {bar}".rstrip())
    lines.append("")
    for status in STATUS_ORDER[:3]:
        values = [week.split.counts[status] for week in trend]
        first, last = (values[0], values[-1]) if values else (0, 0)
        line = f"{_LABELS[status]:<11}{sparkline(values, ramp)}  {first}{arrow}{last}"
        lines.append(line)
    return "\n".join(lines)


def stdout_is_ascii() -> bool:
    """True when standard output cannot show the block characters (click re-encodes otherwise)."""
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "".join(UNICODE_GLYPHS).encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return True
    return False


def _trend_json(trend: Sequence[WeekSplit]) -> list[dict[str, Any]]:
    return [
        {
            "week": week.week,
            "start": week.start.isoformat(),
            "end": week.end.isoformat(),
            **{_json_key(status): week.split.counts[status] for status in STATUS_ORDER},
        }
        for week in trend
    ]


@click.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--trend", is_flag=True, help="Show the split at the end of each recent week.")
@click.option(
    "--weeks",
    type=click.IntRange(MIN_TREND_WEEKS, MAX_TREND_WEEKS),
    default=12,
    show_default=True,
    help="How many weeks --trend covers.",
)
@pass_context
def stats_command(context: Context, as_json: bool, trend: bool, weeks: int) -> None:
    """Show the split of clients, candidates, customers and unreviewed contacts."""
    settings = context.settings
    today = now_local().date()
    with context.open_store(read_only=True) as store:
        figures: dict[str, Any] = compute_stats(store, settings)
        # Only ids and names are shown: the index has them, so no contacts file is read.
        at_risk = find_at_risk(reviewed_histories(store))
        blocking = blocking_questions(store)
        weekly = weekly_split(store, weeks, today) if trend else []
    ascii_only = stdout_is_ascii()
    titles = {question.id: clean_text(question.title) for question in settings.questions}
    if as_json:
        figures["at_risk_contacts"] = [
            {"id": item.contact.id, "name": item.contact.name, "lost": item.lost, "on": item.on}
            for item in at_risk
        ]
        figures["blocking"] = blocking
        if trend:
            figures["trend"] = _trend_json(weekly)
        click.echo(orjson.dumps(figures).decode())
    elif trend:
        click.echo(format_trend(weekly, ascii_only))
    else:
        sections = [
            format_stats(figures),
            format_at_risk(at_risk, titles, ascii_only),
            format_blocking(blocking, titles, ascii_only),
        ]
        click.echo("\n\n".join(sections))
