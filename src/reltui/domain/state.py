"""What a contact's review history says about it now: status, at risk, in progress, due."""

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
    lost_questions,
    next_due,
)
from reltui.domain.rules import (
    is_complete as all_answered,
)

SKIP_DAYS = 7
# A flag the user sets only on contacts who are not clients: it ends an at-risk spell.
USER_DECISIONS = frozenset({Decision.PROMOTE, Decision.KEEP})


def answered_count(review: Review) -> int:
    """How many of the four questions this review has an answer for."""
    return sum(map(bool, map(review.answers.get, QUESTION_IDS)))


def is_complete(review: Review) -> bool:
    """A review is complete when each of the four questions has an answer in it.

    Only a complete review decides anything: status, due date, at risk. Nothing is carried over
    from an earlier review.
    """
    return all_answered(review.answers)


def is_in_progress(review: Review) -> bool:
    """Some, but not all, of the four questions answered."""
    return 0 < answered_count(review) < len(QUESTION_IDS)


def review_status(review: Review, carried: Status, candidate_min_yes: int) -> Status:
    """The status a review gives its contact: classified once complete, else ``carried``.

    ``carried`` is the status of the contact's last complete review (unreviewed if none), which
    a review in progress leaves as it was.
    """
    if not is_complete(review):
        return carried
    return classify(review.answers, review.decision, candidate_min_yes)


def decision_allowed(status: Status, decision: str | None) -> bool:
    """``p`` and ``k`` apply to contacts who are not clients; a client carries no decision."""
    return decision not in USER_DECISIONS or status != Status.CLIENT


class ContactState(NamedTuple):
    """A contact's standing, derived from its reviews (oldest first).

    A named tuple rather than a frozen dataclass: one is built for every reviewed contact when
    a database opens, and a tuple is built in a quarter of the time.
    """

    status: Status
    latest: Review | None  # the newest complete review
    newest: Review | None  # the newest review of any kind
    in_progress: Review | None  # the newest review, while some of its answers are missing
    last_reviewed: datetime | None
    deferred_until: datetime | None
    at_risk_since: datetime | None
    lost: tuple[str, ...]  # the questions that lost their yes since the contact was a client

    @property
    def at_risk(self) -> bool:
        return self.at_risk_since is not None

    @property
    def answered(self) -> int:
        """How many questions the review in progress has answered (0 when none is)."""
        return answered_count(self.in_progress) if self.in_progress else 0

    def next_due(
        self, cadence_days: Mapping[Status, int] = DEFAULT_CADENCE_DAYS
    ) -> datetime | None:
        """When the contact is (or was) due; ``None`` means due now, never reviewed.

        A review in progress or an at-risk client is due since it began; anyone else when their
        status's cadence has passed since the last complete review. A skip moves the date to the
        day the skip ends. The card, the list, the queue and the skip notice all read this.
        """
        if self.last_reviewed is None:
            due = None
        elif self.at_risk_since is not None:
            due = self.at_risk_since
        elif self.in_progress is not None:
            due = self.in_progress.at
        else:
            due = next_due(self.last_reviewed, self.status, cadence_days)
        deferred = self.deferred_until
        if deferred is not None and (due is None or deferred > due):
            return deferred
        return due

    def is_due(
        self, now: datetime, cadence_days: Mapping[Status, int] = DEFAULT_CADENCE_DAYS
    ) -> bool:
        """Due now: never reviewed, in progress, an at-risk client, or past its cadence."""
        due = self.next_due(cadence_days)
        return due is None or due <= now


UNREVIEWED_STATE = ContactState(Status.UNREVIEWED, None, None, None, None, None, None, ())


def contact_state(reviews: Sequence[Review]) -> ContactState:
    """Fold a contact's reviews (oldest first) into its current standing.

    At risk starts with the first complete review after a client's that is not a client's, and
    lasts through later reviews until the contact is a client again or the user decides to
    promote or keep them.
    """
    if not reviews:
        return UNREVIEWED_STATE
    latest = last_client = risk_start = None
    # Every review of a database is folded as it opens: the answers are looked at in C.
    for review in reviews:
        if not all(map(review.answers.get, QUESTION_IDS)):
            continue
        latest = review
        if review.status == Status.CLIENT:
            last_client, risk_start = review, None
        elif last_client is not None:
            if review.decision in USER_DECISIONS:
                last_client = risk_start = None
            elif risk_start is None:
                risk_start = review
    newest = reviews[-1]
    lost: tuple[str, ...] = ()
    if risk_start is not None and last_client is not None and latest is not None:
        lost = tuple(lost_questions(last_client.answers, latest.answers))
    return ContactState(
        _as_status(latest.status) if latest else Status.UNREVIEWED,
        latest,
        newest,
        newest if is_in_progress(newest) else None,
        latest.at if latest else None,
        newest.deferred_until,
        risk_start.at if risk_start else None,
        lost,
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
    "answered_count",
    "contact_state",
    "decision_allowed",
    "is_complete",
    "is_in_progress",
    "review_status",
    "skip_until",
]
