"""Next actions across the database: which a review opens, the open ones in order, who is stuck."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from reltui.config import Settings
from reltui.domain.actions import (
    DONE,
    Action,
    actions_to_open,
    agenda_order,
    close,
    due_in,
    is_overdue,
    is_stuck,
    opens_actions,
    reached,
)
from reltui.domain.models import Review
from reltui.domain.rules import Status, yes_count
from reltui.domain.state import is_complete
from reltui.folding import fold
from reltui.store.db import Store


@dataclass(frozen=True, slots=True)
class ActionRow:
    """An open action with the name of its contact, as the actions view and CLI list it."""

    action: Action
    name: str
    overdue: bool


# One change a review made to an action: (the action before, or ``None`` if it opened it; after).
ActionChange = tuple[Action | None, Action]


def review_actions(
    store: Store, settings: Settings, review: Review, today: date
) -> list[ActionChange]:
    """Bring a contact's actions in line with its just-saved review, and say what changed.

    A complete review closes, as done, each open action whose question it answers yes; if it
    leaves the contact a candidate or at risk, each question without a yes and without an open
    action opens one, due in ``action_days``. A review in progress changes nothing.
    """
    if not is_complete(review):
        return []
    contact_id = review.contact_id
    changes: list[ActionChange] = []
    for action in reached(review.answers, store.actions(contact_id)):
        done = close(action, DONE, today)
        store.save_action(done)
        changes.append((action, done))
    state = store.state(contact_id)
    if opens_actions(state.status, state.at_risk):
        due = due_in(today, settings.action_days)
        for question_id, text in actions_to_open(
            review.answers, store.actions(contact_id), settings.questions
        ):
            opened = store.open_action(contact_id, text, due, question_id, review.at)
            changes.append((None, opened))
    return changes


def undo_action_changes(store: Store, changes: Iterable[ActionChange]) -> None:
    """Put actions back as they were before ``changes``, newest change first."""
    for before, after in reversed(list(changes)):
        if before is None:
            store.take_back_action(after)
        else:
            store.save_action(before)


def open_action_rows(
    store: Store, today: date, *, contact_id: int | None = None, overdue_only: bool = False
) -> list[ActionRow]:
    """Every open action (or one contact's), overdue first, then by due day, then by name."""
    actions: Iterable[Action] = (
        store.actions(contact_id) if contact_id is not None else store.all_actions()
    )
    rows = []
    for action in actions:
        if not action.is_open or (overdue_only and not is_overdue(action, today)):
            continue
        rows.append(
            ActionRow(action, store.contact_name(action.contact_id), is_overdue(action, today))
        )
    rows.sort(key=lambda row: agenda_order(row.action, fold(row.name), today))
    return rows


def actions_due_between(store: Store, start: date, end: date) -> list[ActionRow]:
    """Open actions due from ``start`` to ``end`` (both included), with the overdue ones before."""
    return [row for row in open_action_rows(store, start) if row.action.due <= end]


def yes_counts(reviews: Iterable[Review]) -> list[tuple[date, int]]:
    """Each complete review's day and number of yeses, oldest first."""
    return [
        (review.at.date(), yes_count(review.answers))
        for review in sorted(reviews, key=lambda review: review.at)
        if is_complete(review)
    ]


def contact_is_stuck(store: Store, stuck_weeks: int, contact_id: int, today: date) -> bool:
    state = store.state(contact_id)
    if state.status != Status.CANDIDATE:
        return False
    return is_stuck(
        state.status,
        store.actions(contact_id),
        yes_counts(store.reviews(contact_id)),
        today,
        stuck_weeks,
    )


def stuck_candidates(store: Store, stuck_weeks: int, today: date) -> list[int]:
    """The ids of stuck candidates, by name."""
    with_actions = {action.contact_id for action in store.all_actions()}
    return [
        contact_id
        for contact_id in store.contact_ids_by_name()
        if contact_id in with_actions and contact_is_stuck(store, stuck_weeks, contact_id, today)
    ]
