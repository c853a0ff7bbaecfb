"""ISO weeks and the weekly split of statuses, rebuilt from the review log."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from reltui.domain.models import Review
from reltui.domain.rules import STATUS_ORDER, Split, Status
from reltui.domain.state import is_complete

_ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})")


def iso_week(day: date) -> str:
    """The ISO week holding ``day``, as ``YYYY-Www``."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def week_start(day: date) -> date:
    """The Monday of the ISO week holding ``day``."""
    return day - timedelta(days=day.weekday())


def parse_iso_week(text: str) -> date:
    """The Monday of the ISO week ``YYYY-Www``; ``ValueError`` for anything else."""
    match = _ISO_WEEK.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not an ISO week; expected YYYY-Www, for example 2025-W07")
    year, week = int(match[1]), int(match[2])
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO week; {year} has no week {week}") from None


def review_day(review: Review) -> date:
    """The calendar day a review was given, as the reviewer's clock recorded it."""
    return review.at.date()


def answered_until(reviews: Sequence[Review], last_day: date) -> list[Review]:
    """The complete reviews given on or before ``last_day`` (reviews oldest first)."""
    return [r for r in reviews if is_complete(r) and review_day(r) <= last_day]


@dataclass(frozen=True, slots=True)
class WeekSplit:
    """The split of all contacts as it stood at the end of one ISO week."""

    week: str
    start: date
    end: date
    split: Split


def split_by_week(
    histories: Iterable[Sequence[Review]], weeks: int, today: date
) -> list[WeekSplit]:
    """The split at the end of each of the ``weeks`` ISO weeks up to the one holding ``today``.

    ``histories`` holds one review list (oldest first) per contact, empty for contacts never
    reviewed. Each contact counts in every week: unreviewed until its first answered review,
    then with the status of its latest answered review given by the end of the week. Reviews
    dated after that week's Sunday are ignored. Each history is read once, so the cost is
    the number of reviews plus the number of weeks.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, not {weeks}")
    first_monday = week_start(today) - timedelta(weeks=weeks - 1)
    last_sunday = week_start(today) + timedelta(days=6)
    statuses = list(STATUS_ORDER)
    column = {status: index for index, status in enumerate(statuses)}
    unreviewed = column[Status.UNREVIEWED]
    # changes[week][status]: contacts entering (+1) or leaving (-1) a status in that week.
    changes = [[0] * len(statuses) for _ in range(weeks)]
    contacts = 0
    for reviews in histories:
        contacts += 1
        current = unreviewed
        for review in reviews:
            if not is_complete(review):
                continue
            day = review_day(review)
            if day > last_sunday:
                continue
            status = column[Status(review.status)]
            if status == current:
                continue
            week_index = max((day - first_monday).days // 7, 0)
            changes[week_index][current] -= 1
            changes[week_index][status] += 1
            current = status
    running = [0] * len(statuses)
    running[unreviewed] = contacts
    result = []
    for index in range(weeks):
        running = [count + change for count, change in zip(running, changes[index], strict=True)]
        start = first_monday + timedelta(weeks=index)
        split = Split(dict(zip(statuses, running, strict=True)))
        result.append(WeekSplit(iso_week(start), start, start + timedelta(days=6), split))
    return result


def since_first_data(weeks: Sequence[WeekSplit], first_day: date | None) -> list[WeekSplit]:
    """The weeks from the one holding the first complete review on; the last week always stays.

    A trend that starts before any data existed draws weeks of nothing but unreviewed contacts.
    """
    if first_day is None:
        return list(weeks[-1:])
    kept = [week for week in weeks if week.end >= first_day]
    return kept or list(weeks[-1:])


def first_review_day(histories: Iterable[Sequence[Review]]) -> date | None:
    """The day of the earliest complete review, or ``None`` when there is none."""
    days = [review_day(r) for reviews in histories for r in reviews if is_complete(r)]
    return min(days, default=None)
