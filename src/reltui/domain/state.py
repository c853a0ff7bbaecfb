"""What a contact's review history says about it now: status, at risk, last reviewed, due."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import NamedTuple

from reltui.domain.models import Review
from reltui.domain.questions import QUESTION_IDS
from reltui.domain.rules import (
    DEFAULT_CADENCE_DAYS,
    Answer,
    Decision,
    Status,
    classify,
    is_at_risk,
    lost_questions,
    next_due,
)

SKIP_DAYS = 7
_COUNTING_DECISIONS = frozenset({Decision.PROMOTE, Decision.KEEP})


def has_answers(review: Review) -> bool:
    """A review counts once any question has an answer or the user flagged promote or keep."""
    if review.decision in _COUNTING_DECISIONS:
        return True
    answers = review.answers
    return any(answers.get(qid) for qid in QUESTION_IDS)


def effective_answers(
    answers: Mapping[str, str | None], previous: Mapping[str, str | None] | None
) -> dict[str, str | None]:
    """This review's answers, with questions not yet answered carried over from the previous one.

    While a review is in progress the live split should not drop a client to customer just
    because three questions are still unanswered this week.
    """
    merged = {qid: answers.get(qid) for qid in QUESTION_IDS}
    if previous:
        for qid in QUESTION_IDS:
            if merged[qid] is None:
                merged[qid] = previous.get(qid)
    return merged


def review_status(
    review: Review,
    previous: Review | None,
    candidate_min_yes: int,
) -> Status:
    """The status a (possibly unfinished) review gives its contact."""
    if not has_answers(review):
        if previous is None:
            return Status.UNREVIEWED
        return Status(previous.status)
    answers = effective_answers(review.answers, previous.answers if previous else None)
    return classify(answers, review.decision, candidate_min_yes)


class ContactState(NamedTuple):
    """A contact's standing, derived from its reviews (oldest first).

    A named tuple rather than a frozen dataclass: one is built for every reviewed contact when
    a database opens, and a tuple is built in a quarter of the time.
    """

    status: Status
    previous_status: Status | None
    latest: Review | None
    previous: Review | None
    last_reviewed: datetime | None
    deferred_until: datetime | None

    @property
    def at_risk(self) -> bool:
        return is_at_risk(self.previous_status, self.status)

    @property
    def lost(self) -> list[str]:
        """The questions that lost their yes since the previous review (at-risk clients)."""
        if not self.at_risk or self.latest is None or self.previous is None:
            return []
        latest = effective_answers(self.latest.answers, self.previous.answers)
        return lost_questions(self.previous.answers, latest)

    def next_due(
        self, cadence_days: Mapping[Status, int] = DEFAULT_CADENCE_DAYS
    ) -> datetime | None:
        return next_due(self.last_reviewed, self.status, cadence_days, self.deferred_until)

    def is_due(
        self, now: datetime, cadence_days: Mapping[Status, int] = DEFAULT_CADENCE_DAYS
    ) -> bool:
        """Due now: never reviewed, past its status's cadence, or an at-risk client.

        An at-risk client is due at once (unless skipped this week): that is how clients are
        lost, so the due queue starts with them.
        """
        if self.at_risk and (self.deferred_until is None or self.deferred_until <= now):
            return True
        due = self.next_due(cadence_days)
        return due is None or due <= now


UNREVIEWED_STATE = ContactState(Status.UNREVIEWED, None, None, None, None, None)


def contact_state(reviews: Sequence[Review]) -> ContactState:
    """Fold a contact's reviews (oldest first) into its current standing."""
    if not reviews:
        return UNREVIEWED_STATE
    # The two newest reviews with answers, found from the end (this runs for every reviewed
    # contact when a database opens).
    latest = previous = None
    for review in reversed(reviews):
        if has_answers(review):
            if latest is None:
                latest = review
            else:
                previous = review
                break
    newest = reviews[-1]
    deferred = newest.deferred_until if newest.decision == Decision.SKIP else None
    return ContactState(
        _as_status(latest.status) if latest else Status.UNREVIEWED,
        _as_status(previous.status) if previous else None,
        latest,
        previous,
        latest.at if latest else None,
        deferred,
    )


_STATUSES = {status.value: status for status in Status}


def _as_status(value: str) -> Status:
    """``Status(value)``, faster for the values that are valid."""
    return _STATUSES.get(value) or Status(value)


def skip_until(now: datetime) -> datetime:
    """A skipped contact comes back next week."""
    return now + timedelta(days=SKIP_DAYS)


__all__ = [
    "Answer",
    "ContactState",
    "UNREVIEWED_STATE",
    "contact_state",
    "effective_answers",
    "has_answers",
    "review_status",
    "skip_until",
]
