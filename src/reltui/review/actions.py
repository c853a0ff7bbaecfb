"""Next actions across the database: which a review opens, the open ones in order, who is stuck."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from reltui.config import Settings
from reltui.domain.actions import (
    Action,
    actions_to_open,
    agenda_order,
    due_in,
    is_overdue,
    is_stuck,
    opens_actions,
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


def open_review_actions(
    store: Store, settings: Settings, review: Review, today: date
) -> list[Action]:
    """Open the actions a just-saved review calls for; the ones opened (none when complete
    reviews leave the contact neither a candidate nor at risk, or its actions are open)."""
    if not is_complete(review):
        return []
    contact_id = review.contact_id
    state = store.state(contact_id)
    if not opens_actions(state.status, state.at_risk):
        return []
    due = due_in(today, settings.action_days)
    return [
        store.open_action(contact_id, text, due, question_id)
        for question_id, text in actions_to_open(
            review.answers, store.actions(contact_id), settings.questions
        )
    ]


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


def contact_is_stuck(store: Store, settings: Settings, contact_id: int, today: date) -> bool:
    state = store.state(contact_id)
    if state.status != Status.CANDIDATE:
        return False
    return is_stuck(
        state.status,
        store.actions(contact_id),
        yes_counts(store.reviews(contact_id)),
        today,
        settings.stuck_weeks,
    )


def stuck_candidates(store: Store, settings: Settings, today: date) -> list[int]:
    """The ids of stuck candidates, by name."""
    with_actions = {action.contact_id for action in store.all_actions()}
    return [
        contact_id
        for contact_id in store.contact_ids_by_name()
        if contact_id in with_actions and contact_is_stuck(store, settings, contact_id, today)
    ]
