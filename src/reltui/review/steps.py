"""The ways back a review session keeps: an answer's undo and a search jump's return."""

from __future__ import annotations

from dataclasses import dataclass

from reltui.domain.actions import Action
from reltui.domain.models import Review


@dataclass(frozen=True, slots=True)
class UndoStep:
    """How to put back one change: the review as it was before (``None``: it did not exist)."""

    contact_id: int
    review_id: str
    before: Review | None
    position: int
    question: int
    # What the change was, as the undo notice names it: "answer yes to Know needs".
    what: str = "a change"
    # What the change did to next actions, (before or None if opened, after): undone with it.
    actions: tuple[tuple[Action | None, Action], ...] = ()


@dataclass(frozen=True, slots=True)
class JumpBack:
    """Where a search jump left the review: the queue, the place in it and the question."""

    queue_name: str
    queue: list[int]
    position: int
    question: int
    contact_id: int | None
