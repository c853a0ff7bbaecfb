"""A relationship's story: reviews, status changes, touches, edits and actions, newest first."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from reltui.domain.actions import Action
from reltui.domain.edits import ADDED, UNDONE, ContactEdit
from reltui.domain.models import Review
from reltui.domain.questions import DEFAULT_QUESTIONS, Question
from reltui.domain.rules import Status
from reltui.domain.touches import Touch

REVIEW, STATUS, TOUCH, EDIT, ACTION = "review", "status", "touch", "edit", "action"


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One event in a relationship: its day, a one-line title, detail lines, and plain data."""

    day: date
    kind: str
    title: str
    details: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)
    # Orders entries of one day: when each was recorded.
    at: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "kind": self.kind, "title": self.title, **self.data}


def _moment(at: datetime) -> str:
    """A time as a string that sorts as the time does, whatever precision it was stored with."""
    return at.isoformat(timespec="microseconds")


def _review_entry(review: Review, questions: Sequence[Question]) -> TimelineEntry:
    answered = [
        f"{question.title}: {review.answers.get(question.id) or '-'}" for question in questions
    ]
    # Two questions a line, so a review's answers fit an 80-column terminal.
    answer_lines = ["  ".join(answered[i : i + 2]) for i in range(0, len(answered), 2)]
    status = str(review.status)
    title = f"review by {review.reviewer or 'unknown'} · {status}"
    if review.decision:
        title += f" · {review.decision}"
    details = answer_lines
    if review.note.strip():
        details.extend(line for line in review.note.strip().splitlines())
    data = {
        "at": review.at.isoformat(timespec="seconds"),
        "reviewer": review.reviewer,
        "answers": dict(review.answers),
        "status": status,
        "decision": review.decision,
        "note": review.note,
    }
    return TimelineEntry(review.at.date(), REVIEW, title, tuple(details), data, _moment(review.at))


def _status_entries(reviews: Sequence[Review]) -> list[TimelineEntry]:
    entries = []
    before = str(Status.UNREVIEWED)
    for review in sorted(reviews, key=lambda review: review.at):
        now = str(review.status)
        if now != before and now != Status.UNREVIEWED:
            title = f"status {before} → {now}"
            data = {"at": review.at.isoformat(timespec="seconds"), "from": before, "to": now}
            entries.append(
                TimelineEntry(review.at.date(), STATUS, title, (), data, _moment(review.at) + "~")
            )
            before = now
    return entries


def _touch_entry(touch: Touch) -> TimelineEntry:
    title = touch.kind + (f' · "{touch.note}"' if touch.note else "")
    data = {"touch_kind": touch.kind, "note": touch.note}
    return TimelineEntry(touch.on, TOUCH, title, (), data, touch.order[1])


def _edit_entry(edit: ContactEdit) -> TimelineEntry:
    if edit.kind == ADDED:
        title = "added in reltui"
    elif edit.kind == UNDONE:
        title = "edit undone: " + ", ".join(edit.changes)
    else:
        title = "edited " + ", ".join(edit.changes)
    details = tuple(
        f"{name}: {old or '-'} → {new or '-'}"
        for name, (old, new) in edit.changes.items()
        if edit.kind != ADDED
    )
    data = {
        "at": edit.at.isoformat(timespec="seconds"),
        "edit": edit.kind,
        "changes": {name: {"old": old, "new": new} for name, (old, new) in edit.changes.items()},
    }
    return TimelineEntry(edit.at.date(), EDIT, title, details, data, _moment(edit.at))


def _action_entries(action: Action) -> list[TimelineEntry]:
    """An action's opening, and its closing once it is done or dropped."""
    data = {"action": action.id, "text": action.text, "due": action.due.isoformat()}
    opened_at = _moment(action.opened) if action.opened else ""
    opened_on = action.opened.date() if action.opened else action.due
    entries = [
        TimelineEntry(
            opened_on,
            ACTION,
            f"next action: {action.text} · due {action.due.isoformat()}",
            (),
            {**data, "state": "open"},
            opened_at,
        )
    ]
    if action.closed is not None:
        entries.append(
            TimelineEntry(
                action.closed,
                ACTION,
                f"action {action.state}: {action.text}",
                (),
                {**data, "state": action.state},
                # After the opening, when both fall on one day.
                opened_at + "~",
            )
        )
    return entries


def timeline(
    reviews: Iterable[Review],
    touches: Iterable[Touch],
    edits: Iterable[ContactEdit],
    questions: Sequence[Question] = DEFAULT_QUESTIONS,
    actions: Iterable[Action] = (),
) -> list[TimelineEntry]:
    """Every review, status change, touch, edit and next action of one contact, newest first."""
    reviews = list(reviews)
    entries = [_review_entry(review, questions) for review in reviews]
    entries.extend(_status_entries(reviews))
    entries.extend(_touch_entry(touch) for touch in touches)
    entries.extend(_edit_entry(edit) for edit in edits)
    for action in actions:
        entries.extend(_action_entries(action))
    # Of two entries recorded in the same second, the one given later is the newer.
    order = {id(entry): position for position, entry in enumerate(entries)}
    entries.sort(key=lambda entry: (entry.day, entry.at, order[id(entry)]), reverse=True)
    return entries
