"""Next actions: the work a review decides on, one per missing yes, each with a due day.

When a review completes as a candidate, or leaves a client at risk, each question not yet
answered yes opens an action worded from that question's ``next_action``. An action is open
until the user marks it done or drops it; closed actions stay, for the timeline and the report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from reltui.domain.questions import QUESTION_IDS, Question
from reltui.domain.rules import Answer, Status

OPEN, DONE, DROPPED = "open", "done", "dropped"
ACTION_STATES = (OPEN, DONE, DROPPED)
DEFAULT_ACTION_DAYS = 7
DEFAULT_STUCK_WEEKS = 8
MAX_ACTION_TEXT = 200


@dataclass(frozen=True, slots=True)
class Action:
    """One next action for one contact: what to do, by when, and whether it is done."""

    id: str
    contact_id: int
    text: str
    due: date
    # The question it works towards a yes on; ``None`` for one the user wrote.
    question: str | None = None
    state: str = OPEN
    opened: datetime | None = None
    # The day it was marked done or dropped.
    closed: date | None = None

    @property
    def is_open(self) -> bool:
        return self.state == OPEN

    def to_document(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "contact_id": self.contact_id,
            "text": self.text,
            "due": self.due.isoformat(),
            "question": self.question,
            "state": self.state,
            "opened": self.opened.isoformat(timespec="microseconds") if self.opened else None,
            "closed": self.closed.isoformat() if self.closed else None,
        }

    @classmethod
    def from_document(cls, data: Mapping[str, Any]) -> Action:
        """An action from its stored form; a bad field raises ``TypeError``/``ValueError``."""
        state = data["state"]
        if state not in ACTION_STATES:
            raise ValueError(f"unknown state {state!r}")
        text = data["text"]
        if type(text) is not str or type(data["contact_id"]) is not int:
            raise TypeError("bad action")
        question = data.get("question")
        if question is not None and type(question) is not str:
            raise TypeError("bad question")
        opened = data.get("opened")
        closed = data.get("closed")
        return cls(
            str(data["id"]),
            data["contact_id"],
            text,
            date.fromisoformat(data["due"]),
            question,
            state,
            datetime.fromisoformat(opened) if opened else None,
            date.fromisoformat(closed) if closed else None,
        )


def action_text(text: str) -> str:
    """An action's text as stored: one line, trimmed, at most ``MAX_ACTION_TEXT`` characters.

    ``ValueError`` for an empty one.
    """
    line = " ".join(text.split())
    if not line:
        raise ValueError("an action needs some text")
    return line[:MAX_ACTION_TEXT]


def opens_actions(status: Status, at_risk: bool) -> bool:
    """Whether a complete review leaving a contact here opens actions: candidates and at risk."""
    return status == Status.CANDIDATE or at_risk


def actions_to_open(
    answers: Mapping[str, str | None],
    open_actions: Iterable[Action],
    questions: Sequence[Question],
) -> list[tuple[str, str]]:
    """``(question id, text)`` for each question not answered yes that has no open action yet.

    Called for a complete review that ``opens_actions``: an action already open for a question is
    kept, never doubled.
    """
    already = {action.question for action in open_actions if action.is_open}
    return [
        (question.id, question.next_action)
        for question in questions
        if answers.get(question.id) != Answer.YES and question.id not in already
    ]


def reached(answers: Mapping[str, str | None], actions: Iterable[Action]) -> list[Action]:
    """Open actions whose question a complete review now answers yes: their goal is reached."""
    return [
        action
        for action in actions
        if action.is_open
        and action.question is not None
        and answers.get(action.question) == Answer.YES
    ]


def due_in(today: date, action_days: int) -> date:
    return today + timedelta(days=action_days)


def is_overdue(action: Action, today: date) -> bool:
    return action.is_open and action.due < today


def close(action: Action, state: str, today: date) -> Action:
    """The action marked done or dropped on ``today``."""
    if state not in (DONE, DROPPED):
        raise ValueError(f"an action is closed as done or dropped, not {state!r}")
    return replace(action, state=state, closed=today)


def moved(action: Action, due: date) -> Action:
    return replace(action, due=due)


def agenda_order(
    action: Action, name_key: str, today: date
) -> tuple[bool, date, str, int, str, str]:
    """Open actions' order in the actions view: overdue first, then by due day, then name;
    one contact's actions of a day in question order, then by text."""
    question = QUESTION_IDS.index(action.question) if action.question in QUESTION_IDS else 99
    return (not is_overdue(action, today), action.due, name_key, question, action.text, action.id)


def is_stuck(
    status: Status,
    actions: Sequence[Action],
    yes_counts: Sequence[tuple[date, int]],
    today: date,
    stuck_weeks: int,
) -> bool:
    """A candidate whose actions are all done but who gained no yes in ``stuck_weeks``.

    ``yes_counts`` holds each complete review's day and number of yeses, oldest first. A
    candidate with no action done, or with one still open, is not stuck: there is work to do.
    Nor is one whose reviews do not reach back ``stuck_weeks``: there has not been time.
    """
    if status != Status.CANDIDATE or not actions:
        return False
    if any(action.is_open for action in actions) or not any(
        action.state == DONE for action in actions
    ):
        return False
    since = today - timedelta(weeks=stuck_weeks)
    before = [count for day, count in yes_counts if day <= since]
    if not before or not yes_counts:
        return False
    return yes_counts[-1][1] <= before[-1]


def actions_summary(actions: Iterable[Action], today: date) -> tuple[int, int]:
    """(open, overdue) among ``actions``: one count for the card, stats and the report."""
    open_count = overdue = 0
    for action in actions:
        if action.is_open:
            open_count += 1
            overdue += action.due < today
    return open_count, overdue


def closed_between(
    actions: Iterable[Action], start: date, end: date, state: str = DONE
) -> list[Action]:
    """Actions closed as ``state`` on a day from ``start`` to ``end``, both included."""
    return [
        action
        for action in actions
        if action.state == state and action.closed is not None and start <= action.closed <= end
    ]
