"""The weekly rhythm read from a store: trend, at-risk clients, candidates' plans, blockers."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TypeVar

from reltui.domain.actions import DEFAULT_STUCK_WEEKS, closed_between
from reltui.domain.cooling import DEFAULT_TOUCH_DAYS, is_cooling
from reltui.domain.models import Contact, Review
from reltui.domain.questions import DEFAULT_QUESTIONS, Question
from reltui.domain.rhythm import (
    AtRiskContact,
    CandidatePlan,
    WeekChange,
    WeekEntry,
    count_blocking,
    find_at_risk,
    plan_candidates,
    week_changes,
    week_notes,
    week_skips,
)
from reltui.domain.rules import Movement, Split, Status
from reltui.domain.state import contact_state
from reltui.domain.touches import TOUCH_KINDS
from reltui.domain.trend import (
    WeekSplit,
    answered_until,
    first_review_day,
    iso_week,
    since_first_data,
    split_by_week,
)
from reltui.folding import fold
from reltui.review.actions import ActionRow, open_action_rows, stuck_candidates
from reltui.store.db import Store

MIN_TREND_WEEKS = 4
MAX_TREND_WEEKS = 52
REPORT_TREND_WEEKS = 12


def current_split(store: Store) -> Split:
    """The split of the whole database now; contacts never reviewed need no state of their own."""
    reviewed = store.reviewed_contact_ids()
    split = Split.of(store.state(contact_id).status for contact_id in reviewed)
    split.counts[Status.UNREVIEWED] += len(store) - len(reviewed)
    return split


def reviewed_histories(store: Store) -> list[tuple[Contact, list[Review]]]:
    """Each contact that has reviews, with its reviews (oldest first), in the store's order.

    A contact never reviewed is neither at risk, a candidate, blocked nor changed in a week, so
    those figures need not look at every contact of a large database. The contacts here carry
    their id and name only (from the store's index, so no contacts file is read): the figures
    sort by name, and ``with_contacts`` fills in the few that a result shows.
    """
    reviewed = set(store.reviewed_contact_ids())
    return [
        (Contact(contact_id, store.contact_name(contact_id)), store.reviews(contact_id))
        for contact_id in store.contact_ids()
        if contact_id in reviewed
    ]


_Found = TypeVar("_Found", AtRiskContact, CandidatePlan, WeekChange, WeekEntry)


def with_contacts(store: Store, found: list[_Found]) -> list[_Found]:
    """The results of a figure over ``reviewed_histories``, each with its whole contact."""
    return [_with_contact(item, store.contact(item.contact.id)) for item in found]


def _with_contact(item: _Found, contact: Contact) -> _Found:
    if isinstance(item, AtRiskContact | WeekEntry):  # named tuples
        return item._replace(contact=contact)
    return replace(item, contact=contact)


def all_review_lists(store: Store) -> Iterator[list[Review]]:
    """One review list per contact, empty for contacts never reviewed (for the weekly split)."""
    return map(store.reviews, store.contact_ids())


def weekly_split(store: Store, weeks: int, today: date) -> list[WeekSplit]:
    """The split at the end of each of the last ``weeks`` ISO weeks (4-52), oldest first.

    The last entry is the week holding ``today``; it counts reviews given so far. Weeks before
    the first complete review are left out.
    """
    if not MIN_TREND_WEEKS <= weeks <= MAX_TREND_WEEKS:
        raise ValueError(f"weeks must be {MIN_TREND_WEEKS}-{MAX_TREND_WEEKS}, not {weeks}")
    return _trend(store, weeks, today)


def _trend(store: Store, weeks: int, today: date) -> list[WeekSplit]:
    trend = split_by_week(all_review_lists(store), weeks, today)
    first = first_review_day(map(store.reviews, store.reviewed_contact_ids()))
    return since_first_data(trend, first)


def in_progress_count(store: Store) -> int:
    """How many contacts have a review in progress (some answers, not all four)."""
    return sum(
        1 for contact_id in store.reviewed_contact_ids() if store.state(contact_id).in_progress
    )


def at_risk_contacts(store: Store) -> list[AtRiskContact]:
    """``(contact, lost question ids, date of the review that lost them)`` per at-risk client.

    The most recently lost first, then by name.
    """
    return with_contacts(store, find_at_risk(reviewed_histories(store)))


def candidate_plans(
    store: Store, questions: Sequence[Question] = DEFAULT_QUESTIONS, today: date | None = None
) -> list[CandidatePlan]:
    """Each candidate's next actions, the day it became a candidate and its weeks since.

    The longest-waiting candidate comes first.
    """
    plans = plan_candidates(reviewed_histories(store), today or date.today(), questions)
    return with_contacts(store, plans)


def blocking_questions(store: Store) -> dict[str, int]:
    """Per question id, how many customers and candidates lack a yes on it (latest review)."""
    return count_blocking(map(store.reviews, store.reviewed_contact_ids()))


@dataclass(frozen=True, slots=True)
class WeekTouches:
    """The week's touches by kind, the clients cooling, and the clients never touched."""

    by_kind: dict[str, int]
    cooling: list[Contact]
    never_touched: int


@dataclass(frozen=True, slots=True)
class WeekActions:
    """What the week did with next actions, and what is left: for the report."""

    done: list[ActionRow]
    overdue: list[ActionRow]
    open: int
    stuck: list[Contact]


@dataclass(frozen=True, slots=True)
class WeeklyReport:
    """Everything the weekly report shows about one ISO week."""

    week: str
    start: date
    end: date
    changes: list[WeekChange]
    before: Split
    after: Split
    plans: list[CandidatePlan]
    blocking: dict[str, int]
    trend: list[WeekSplit]
    skipped: list[WeekEntry]
    noted: list[WeekEntry]
    actions: WeekActions = field(default_factory=lambda: WeekActions([], [], 0, []))
    touches: WeekTouches = field(default_factory=lambda: WeekTouches({}, [], 0))

    @property
    def reviewed(self) -> list[WeekChange]:
        return [change for change in self.changes if change.reviewed]

    @property
    def first_reviews(self) -> list[WeekChange]:
        return [change for change in self.changes if change.movement == Movement.FIRST]

    @property
    def promoted(self) -> list[WeekChange]:
        return [change for change in self.changes if change.promoted]

    @property
    def demoted(self) -> list[WeekChange]:
        return [change for change in self.changes if change.demoted]


def weekly_report(
    store: Store,
    start: date,
    today: date,
    questions: Sequence[Question] = DEFAULT_QUESTIONS,
    stuck_weeks: int = DEFAULT_STUCK_WEEKS,
    touch_days: Mapping[Status, int] = DEFAULT_TOUCH_DAYS,
) -> WeeklyReport:
    """The report of the ISO week beginning on Monday ``start``, as of its end (or ``today``).

    Its contacts carry their id and name from the store's index, which is all the report shows:
    no contacts file is read.
    """
    end = start + timedelta(days=6)
    as_of = min(end, today)
    contacts = reviewed_histories(store)
    trend = split_by_week(all_review_lists(store), REPORT_TREND_WEEKS, end)
    first = first_review_day(reviews for _, reviews in contacts)
    return WeeklyReport(
        week=iso_week(start),
        start=start,
        end=end,
        changes=week_changes(contacts, start, end),
        before=trend[-2].split,
        after=trend[-1].split,
        plans=plan_candidates(contacts, as_of, questions),
        blocking=count_blocking(answered_until(reviews, end) for _, reviews in contacts),
        trend=since_first_data(trend, first),
        skipped=week_skips(contacts, start, end),
        noted=week_notes(contacts, start, end),
        actions=week_actions(store, start, end, as_of, stuck_weeks),
        touches=week_touches(store, start, end, as_of, touch_days),
    )


def week_touches(
    store: Store, start: date, end: date, as_of: date, touch_days: Mapping[Status, int]
) -> WeekTouches:
    """Touches logged from ``start`` to ``end`` by kind (in the form's order); the clients
    cooling and the clients never touched as of ``as_of``."""
    counts = dict.fromkeys(TOUCH_KINDS, 0)
    for touch in store.all_touches():
        if start <= touch.on <= end:
            counts[touch.kind] += 1
    # Who was a client as the week stood, and the last touch each had by then.
    last: dict[int, date] = {}
    for touch in store.all_touches():
        if touch.on <= as_of and touch.on > last.get(touch.contact_id, date.min):
            last[touch.contact_id] = touch.on
    cooling, never = [], 0
    for contact, reviews in reviewed_histories(store):
        if contact_state(answered_until(reviews, as_of)).status != Status.CLIENT:
            continue
        touched = last.get(contact.id)
        if touched is None:
            never += 1
        elif is_cooling(Status.CLIENT, touched, as_of, touch_days):
            cooling.append(contact)  # its id and name, all the report shows
    cooling.sort(key=lambda contact: (fold(contact.name), contact.id))
    by_kind = {kind: count for kind, count in counts.items() if count}
    return WeekTouches(by_kind, cooling, never)


def week_actions(
    store: Store, start: date, end: date, as_of: date, stuck_weeks: int
) -> WeekActions:
    """Actions done from ``start`` to ``end``; open and overdue ones and stuck candidates as of
    ``as_of``."""
    done = [
        ActionRow(action, store.contact_name(action.contact_id), False)
        for action in closed_between(store.all_actions(), start, end)
    ]
    rows = open_action_rows(store, as_of)
    # Named from the store's index, as the report shows them: no contacts file is read.
    stuck = [
        Contact(contact_id, store.contact_name(contact_id))
        for contact_id in stuck_candidates(store, stuck_weeks, as_of)
    ]
    return WeekActions(done, [row for row in rows if row.overdue], len(rows), stuck)
