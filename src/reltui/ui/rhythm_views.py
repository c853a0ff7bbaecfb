"""What the trend and summary screens show of the weekly rhythm, as plain frozen values.

Built in worker threads from ``reltui.review.insights``; every contact-derived string goes through
``safe`` here, once, so the widgets only draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual.content import Content

from reltui.domain.questions import Question
from reltui.domain.rhythm import most_blocking
from reltui.domain.rules import Status
from reltui.review.insights import blocking_questions, weekly_split
from reltui.store.db import Store
from reltui.ui.widgets.styles import MUTED

TREND_PERIODS = (12, 26, 52)
TREND_STATUSES = (
    (Status.CLIENT, "clients"),
    (Status.CANDIDATE, "candidates"),
    (Status.CUSTOMER, "customers"),
)


@dataclass(frozen=True, slots=True)
class StatusTrend:
    """One status's count at the end of each week, oldest first."""

    status: Status
    label: str
    counts: tuple[int, ...]

    @property
    def latest(self) -> int:
        return self.counts[-1] if self.counts else 0

    @property
    def change(self) -> int:
        """How far the count moved from the first week shown to the last."""
        return self.counts[-1] - self.counts[0] if self.counts else 0


@dataclass(frozen=True, slots=True)
class WeekRow:
    """One line of the per-week table."""

    week: str
    start: date
    counts: tuple[int, ...]
    changes: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class TrendView:
    """The trend over ``len(rows)`` weeks and how often each question is the missing yes."""

    series: tuple[StatusTrend, ...]
    rows: tuple[WeekRow, ...]
    blocking: tuple[tuple[str, int], ...]

    @property
    def first_week(self) -> str:
        return self.rows[0].week if self.rows else ""

    @property
    def last_week(self) -> str:
        return self.rows[-1].week if self.rows else ""


def trend_view(store: Store, weeks: int, today: date) -> TrendView:
    """Clients, candidates and customers per week for the last ``weeks`` weeks (slow: a worker)."""
    splits = weekly_split(store, weeks, today)
    series = tuple(
        StatusTrend(status, label, tuple(week.split.counts[status] for week in splits))
        for status, label in TREND_STATUSES
    )
    rows = []
    previous: tuple[int, ...] | None = None
    for week in splits:
        counts = tuple(week.split.counts[status] for status, _ in TREND_STATUSES)
        changes = tuple(
            now - before for now, before in zip(counts, previous or counts, strict=True)
        )
        rows.append(WeekRow(week.week, week.start, counts, changes))
        previous = counts
    return TrendView(series, tuple(rows), tuple(blocking_questions(store).items()))


def blocking_content(blocking: Sequence[tuple[str, int]], questions: Sequence[Question]) -> Content:
    """ "Most often missing: Ask referral (12)", then the other questions by count."""
    titles = {question.id: question.title for question in questions}
    counts = dict(blocking)
    top = most_blocking(counts)
    if top is None:
        return Content.assemble(("Most often missing: ", MUTED), "none")
    others = sorted(
        ((qid, count) for qid, count in blocking if qid != top),
        key=lambda item: -item[1],
    )
    rest = " · ".join(f"{titles.get(qid, qid)} {count:,}" for qid, count in others)
    return Content.assemble(
        ("Most often missing: ", MUTED),
        (f"{titles.get(top, top)} ({counts[top]:,})", "bold"),
        # The rest on a line of its own, so 80 columns never split a title from its count.
        (f"\n  then {rest}" if rest else "", MUTED),
    )
