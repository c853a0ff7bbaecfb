"""What the review log says about lost clients, promotion plans and the question that blocks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from reltui.domain.models import Contact, Review
from reltui.domain.questions import DEFAULT_QUESTIONS, QUESTION_IDS, Question
from reltui.domain.rules import Movement, Status, missing_questions, movement, next_actions
from reltui.domain.state import contact_state, is_complete
from reltui.domain.trend import answered_until, review_day

History = tuple[Contact, Sequence[Review]]


@dataclass(frozen=True, slots=True)
class Standing:
    """A contact's latest complete review, as the status rule reads it."""

    status: Status
    answers: dict[str, str | None]
    reviewed_on: date | None


UNREVIEWED = Standing(Status.UNREVIEWED, dict.fromkeys(QUESTION_IDS), None)


def standing(history: Sequence[Review]) -> Standing:
    """Where a contact's complete reviews (oldest first) leave it."""
    if not history:
        return UNREVIEWED
    latest = history[-1]
    return Standing(Status(latest.status), dict(latest.answers), review_day(latest))


def answered(reviews: Sequence[Review]) -> list[Review]:
    """The reviews that count (the complete ones), oldest first."""
    return [review for review in reviews if is_complete(review)]


class AtRiskContact(NamedTuple):
    """A client no longer a client: which yeses went, and since when."""

    contact: Contact
    lost: list[str]
    on: date


def find_at_risk(histories: Iterable[History]) -> list[AtRiskContact]:
    """Every at-risk contact, the most recently lost first, then by name."""
    found = []
    for contact, reviews in histories:
        state = contact_state(reviews)
        if state.at_risk_since is not None:
            found.append(AtRiskContact(contact, list(state.lost), state.at_risk_since.date()))
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
    first: bool = False

    @property
    def movement(self) -> Movement | None:
        return movement(self.before, self.after)

    @property
    def promoted(self) -> bool:
        """Moved up: customer to candidate or client, candidate to client."""
        return self.movement == Movement.PROMOTED

    @property
    def demoted(self) -> bool:
        """Moved down: client to candidate or customer, candidate to customer."""
        return self.movement == Movement.DEMOTED


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
            lost = list(contact_state(counted).lost)
        first = before.status == Status.UNREVIEWED
        changes.append(WeekChange(contact, before.status, after.status, reviewed, lost, first))
    changes.sort(key=lambda change: (change.contact.name.casefold(), change.contact.id))
    return changes


class WeekEntry(NamedTuple):
    """A skip or a note given in a week: the contact and the date or the note's text."""

    contact: Contact
    text: str


def week_skips(histories: Iterable[History], start: date, end: date) -> list[WeekEntry]:
    """Contacts skipped in the week, each with the day they come back, by name."""
    found = []
    for contact, reviews in histories:
        for review in reversed(reviews):
            if start <= review_day(review) <= end and review.deferred_until is not None:
                found.append(WeekEntry(contact, review.deferred_until.date().isoformat()))
                break
    found.sort(key=lambda entry: (entry.contact.name.casefold(), entry.contact.id))
    return found


def week_notes(histories: Iterable[History], start: date, end: date) -> list[WeekEntry]:
    """The notes written on reviews given in the week, by name then review time."""
    found = [
        (contact.name.casefold(), contact.id, review.at, WeekEntry(contact, review.note))
        for contact, reviews in histories
        for review in reviews
        if review.note.strip() and start <= review_day(review) <= end
    ]
    found.sort(key=lambda item: item[:3])
    return [item[3] for item in found]
