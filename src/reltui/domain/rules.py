"""Classification, at-risk detection, due dates and next actions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from reltui.domain.questions import DEFAULT_QUESTIONS, QUESTION_IDS, Question


class Answer(StrEnum):
    """An answer to one question; only ``yes`` counts towards being a client."""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


class Decision(StrEnum):
    """The user's flag on a contact in a review."""

    PROMOTE = "promote"
    KEEP = "keep"
    SKIP = "skip"


class Status(StrEnum):
    """Where a contact stands after its latest review."""

    CLIENT = "client"
    CANDIDATE = "candidate"
    CUSTOMER = "customer"
    UNREVIEWED = "unreviewed"


STATUS_ORDER: tuple[Status, ...] = (
    Status.CLIENT,
    Status.CANDIDATE,
    Status.CUSTOMER,
    Status.UNREVIEWED,
)

DEFAULT_CADENCE_DAYS: Mapping[Status, int] = {
    Status.CANDIDATE: 7,
    Status.CLIENT: 28,
    Status.CUSTOMER: 91,
}
DEFAULT_CANDIDATE_MIN_YES = 3


def yes_count(answers: Mapping[str, str | None]) -> int:
    """How many of the four questions are answered yes."""
    return sum(1 for question_id in QUESTION_IDS if answers.get(question_id) == Answer.YES)


def is_complete(answers: Mapping[str, str | None]) -> bool:
    """True when all four questions have an answer."""
    return all(answers.get(question_id) for question_id in QUESTION_IDS)


def classify(
    answers: Mapping[str, str | None],
    decision: str | None = None,
    candidate_min_yes: int = DEFAULT_CANDIDATE_MIN_YES,
) -> Status:
    """The status that a set of answers and the user's flag give.

    Four yeses make a client. Otherwise a contact the user flagged to promote, or one with at
    least ``candidate_min_yes`` yeses, is a candidate unless the user chose to keep it as a
    customer. Anything else is a customer.
    """
    yeses = yes_count(answers)
    if yeses == len(QUESTION_IDS):
        return Status.CLIENT
    if decision == Decision.KEEP:
        return Status.CUSTOMER
    if decision == Decision.PROMOTE or yeses >= candidate_min_yes:
        return Status.CANDIDATE
    return Status.CUSTOMER


class Movement(StrEnum):
    """How a contact's status moved between two moments."""

    FIRST = "first review"
    PROMOTED = "promoted"
    DEMOTED = "demoted"


# Client above candidate above customer; unreviewed is not on the ladder.
_LADDER = {Status.CLIENT: 0, Status.CANDIDATE: 1, Status.CUSTOMER: 2}


def movement(before: str, after: str) -> Movement | None:
    """A first classification, a move up or down the ladder, or ``None`` for no move."""
    if after == Status.UNREVIEWED or before == after:
        return None
    if before == Status.UNREVIEWED:
        return Movement.FIRST
    up = _LADDER[Status(after)] < _LADDER[Status(before)]
    return Movement.PROMOTED if up else Movement.DEMOTED


def lost_questions(
    previous_answers: Mapping[str, str | None], latest_answers: Mapping[str, str | None]
) -> list[str]:
    """Question ids answered yes in the previous review but not in the latest."""
    return [
        question_id
        for question_id in QUESTION_IDS
        if previous_answers.get(question_id) == Answer.YES
        and latest_answers.get(question_id) != Answer.YES
    ]


def missing_questions(answers: Mapping[str, str | None]) -> list[str]:
    """Question ids not (yet) answered yes, in question order."""
    return [qid for qid in QUESTION_IDS if answers.get(qid) != Answer.YES]


def next_actions(
    answers: Mapping[str, str | None], questions: Sequence[Question] = DEFAULT_QUESTIONS
) -> list[str]:
    """The configured step for each question not yet answered yes."""
    by_id = {question.id: question for question in questions}
    return [by_id[qid].next_action for qid in missing_questions(answers) if qid in by_id]


def next_due(
    last_reviewed: datetime | None,
    status: str,
    cadence_days: Mapping[Status, int] = DEFAULT_CADENCE_DAYS,
    deferred_until: datetime | None = None,
) -> datetime | None:
    """When a contact is next due for review; ``None`` means due now (never reviewed)."""
    if last_reviewed is None:
        return deferred_until
    days = cadence_days.get(Status(status), DEFAULT_CADENCE_DAYS[Status.CUSTOMER])
    due = last_reviewed + timedelta(days=days)
    if deferred_until is not None and deferred_until > due:
        return deferred_until
    return due


def is_due(
    last_reviewed: datetime | None,
    status: str,
    now: datetime,
    cadence_days: Mapping[Status, int] = DEFAULT_CADENCE_DAYS,
    deferred_until: datetime | None = None,
) -> bool:
    """Unreviewed contacts are always due; others once their status's cadence has passed."""
    due = next_due(last_reviewed, status, cadence_days, deferred_until)
    return due is None or due <= now


@dataclass(slots=True)
class Split:
    """Counts of contacts by status."""

    counts: dict[Status, int] = field(default_factory=lambda: dict.fromkeys(STATUS_ORDER, 0))

    @classmethod
    def of(cls, statuses: Iterable[str]) -> Split:
        split = cls()
        for status in statuses:
            split.counts[Status(status)] += 1
        return split

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def percent(self, status: Status) -> float:
        total = self.total
        return 100.0 * self.counts[status] / total if total else 0.0

    def move(self, old: str, new: str) -> None:
        """Move one contact from one status to another."""
        if old == new:
            return
        self.counts[Status(old)] -= 1
        self.counts[Status(new)] += 1

    def copy(self) -> Split:
        return Split(dict(self.counts))
