"""What the review log says about lost clients, promotion plans and the question that blocks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from reltui.domain.models import Contact, Review
from reltui.domain.questions import DEFAULT_QUESTIONS, QUESTION_IDS, Question
from reltui.domain.rules import Status, lost_questions, missing_questions, next_actions
from reltui.domain.state import effective_answers, has_answers
from reltui.domain.trend import answered_until, review_day

History = tuple[Contact, Sequence[Review]]


@dataclass(frozen=True, slots=True)
class Standing:
    """A contact's latest answered review and the one before, as the status rule reads them.

    ``answers`` are the effective answers: a question left open in a review carries the
    previous review's answer, exactly as when its status was worked out.
    """

    status: Status
    answers: dict[str, str | None]
    reviewed_on: date | None
    previous_status: Status | None = None
    previous_answers: dict[str, str | None] | None = None


UNREVIEWED = Standing(Status.UNREVIEWED, dict.fromkeys(QUESTION_IDS), None)


def standing(history: Sequence[Review]) -> Standing:
    """Where a contact's answered reviews (oldest first) leave it."""
    if not history:
        return UNREVIEWED
    latest = history[-1]
    previous = history[-2] if len(history) > 1 else None
    before_previous = history[-3] if len(history) > 2 else None
    previous_answers = None
    if previous is not None:
        carried = before_previous.answers if before_previous else None
        previous_answers = effective_answers(previous.answers, carried)
    return Standing(
        status=Status(latest.status),
        answers=effective_answers(latest.answers, previous.answers if previous else None),
        reviewed_on=review_day(latest),
        previous_status=Status(previous.status) if previous else None,
        previous_answers=previous_answers,
    )


def answered(reviews: Sequence[Review]) -> list[Review]:
    """The reviews that count (any answer, or a promote or keep flag), oldest first."""
    return [review for review in reviews if has_answers(review)]


class AtRiskContact(NamedTuple):
    """A client the latest review no longer makes a client: which yeses went, and when."""

    contact: Contact
    lost: list[str]
    on: date


def lost_client(current: Standing) -> list[str] | None:
    """The questions that lost their yes when a client stopped being one; ``None`` if not."""
    if current.previous_status != Status.CLIENT or current.status in (
        Status.CLIENT,
        Status.UNREVIEWED,
    ):
        return None
    return lost_questions(current.previous_answers or {}, current.answers)


def find_at_risk(histories: Iterable[History]) -> list[AtRiskContact]:
    """Every at-risk contact, the most recently lost first, then by name."""
    found = []
    for contact, reviews in histories:
        current = standing(answered(reviews))
        lost = lost_client(current)
        if lost is not None and current.reviewed_on is not None:
            found.append(AtRiskContact(contact, lost, current.reviewed_on))
    found.sort(key=lambda item: (-item.on.toordinal(), item.contact.name.casefold()))
    return found


@dataclass(frozen=True, slots=True)
class CandidatePlan:
    """A candidate, the steps towards the missing yeses, and how long it has waited."""

    contact: Contact
    missing: list[str]
    actions: list[str]
    since: date
    weeks: int


def candidate_since(reviews: Sequence[Review]) -> date | None:
    """The day the current unbroken run of candidate reviews began; ``None`` if not one now."""
    since = None
    for review in reversed(answered(reviews)):
        if review.status != Status.CANDIDATE:
            break
        since = review_day(review)
    return since


def plan_candidates(
    histories: Iterable[History],
    today: date,
    questions: Sequence[Question] = DEFAULT_QUESTIONS,
) -> list[CandidatePlan]:
    """A plan per candidate as of ``today``, the longest waiting first, then by name."""
    plans = []
    for contact, reviews in histories:
        counted = answered_until(reviews, today)
        since = candidate_since(counted)
        if since is None:
            continue
        answers = standing(counted).answers
        plans.append(
            CandidatePlan(
                contact=contact,
                missing=missing_questions(answers),
                actions=next_actions(answers, questions),
                since=since,
                weeks=max((today - since).days // 7, 0),
            )
        )
    plans.sort(key=lambda plan: (plan.since, plan.contact.name.casefold()))
    return plans


def count_blocking(histories: Iterable[Sequence[Review]]) -> dict[str, int]:
    """How many customers and candidates miss a yes on each question (all four ids present)."""
    counts = dict.fromkeys(QUESTION_IDS, 0)
    for reviews in histories:
        current = standing(answered(reviews))
        if current.status not in (Status.CUSTOMER, Status.CANDIDATE):
            continue
        for question_id in missing_questions(current.answers):
            counts[question_id] += 1
    return counts


def most_blocking(counts: dict[str, int]) -> str | None:
    """The question missing most often (the first in question order on a tie); ``None`` if none."""
    best = max(QUESTION_IDS, key=lambda question_id: counts.get(question_id, 0))
    return best if counts.get(best, 0) else None


@dataclass(frozen=True, slots=True)
class WeekChange:
    """One contact's standing at the end of the week before and at the end of the week."""

    contact: Contact
    before: Status
    after: Status
    reviewed: bool
    lost: list[str]

    @property
    def promoted(self) -> bool:
        """Became a client, or became a candidate from customer or unreviewed."""
        if self.after == Status.CLIENT:
            return self.before != Status.CLIENT
        return self.after == Status.CANDIDATE and self.before in (
            Status.CUSTOMER,
            Status.UNREVIEWED,
        )

    @property
    def demoted(self) -> bool:
        """Was a client at the start of the week and is not one at its end."""
        return self.before == Status.CLIENT and self.after not in (
            Status.CLIENT,
            Status.UNREVIEWED,
        )


def week_changes(histories: Iterable[History], start: date, end: date) -> list[WeekChange]:
    """Contacts reviewed or changing status between ``start`` and ``end`` (inclusive), by name."""
    changes = []
    day_before = date.fromordinal(start.toordinal() - 1)
    for contact, reviews in histories:
        counted = answered_until(reviews, end)
        if not counted:
            continue
        before = standing([review for review in counted if review_day(review) <= day_before])
        after = standing(counted)
        reviewed = any(review_day(review) >= start for review in counted)
        if not reviewed and before.status == after.status:
            continue
        lost = []
        if before.status == Status.CLIENT and after.status != Status.CLIENT:
            lost = lost_questions(before.answers, after.answers)
        changes.append(WeekChange(contact, before.status, after.status, reviewed, lost))
    changes.sort(key=lambda change: (change.contact.name.casefold(), change.contact.id))
    return changes
