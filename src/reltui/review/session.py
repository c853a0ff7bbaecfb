"""A review session: the queue, the answer being given, undo, and the live split (no UI)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from reltui.config import Settings
from reltui.domain.models import Contact, Review
from reltui.domain.questions import QUESTION_IDS, Question
from reltui.domain.rules import Answer, Decision, Split, Status, next_actions
from reltui.domain.state import ContactState, has_answers, review_status, skip_until
from reltui.review.insights import current_split
from reltui.review.queues import build_queue
from reltui.store.db import Store, new_review_id


@dataclass(frozen=True, slots=True)
class UndoStep:
    """How to put back one change: the review as it was before (``None``: it did not exist)."""

    contact_id: int
    review_id: str
    before: Review | None
    position: int
    question: int


@dataclass(slots=True)
class SessionSummary:
    """What this session changed, for the end-of-session screen."""

    reviewed: list[int] = field(default_factory=list)
    new_clients: list[int] = field(default_factory=list)
    new_candidates: list[int] = field(default_factory=list)
    at_risk: list[int] = field(default_factory=list)
    split_before: Split = field(default_factory=Split)
    split_after: Split = field(default_factory=Split)


class ReviewSession:
    """Walks a queue of contacts, saving every answer through the store before returning."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        queue_name: str = "due",
        reviewer: str | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.reviewer = reviewer or settings.reviewer
        self.clock = clock or store.clock
        self.queue_name = queue_name
        self.queue: list[int] = build_queue(store, queue_name, self.clock(), settings)
        self.position = 0
        self.question = 0
        self.split = current_split(store)
        self.split_before = self.split.copy()
        self._start_status: dict[int, Status] = {}
        self._drafts: dict[int, Review] = {}
        self._undo: list[UndoStep] = []
        if self.queue:
            self.question = self._first_open_question()

    # ---- where we are --------------------------------------------------------------------

    @property
    def questions(self) -> tuple[Question, ...]:
        return self.settings.questions

    @property
    def done(self) -> bool:
        """True when the queue is empty or every contact in it has been passed."""
        return self.position >= len(self.queue)

    @property
    def current_id(self) -> int | None:
        return None if self.done else self.queue[self.position]

    @property
    def contact(self) -> Contact | None:
        contact_id = self.current_id
        return None if contact_id is None else self.store.contact(contact_id)

    @property
    def state(self) -> ContactState | None:
        contact_id = self.current_id
        return None if contact_id is None else self.store.state(contact_id)

    @property
    def draft(self) -> Review | None:
        """The review of the current contact being given in this session."""
        contact_id = self.current_id
        return None if contact_id is None else self.draft_for(contact_id)

    @property
    def answered_any(self) -> bool:
        """True once this session has saved anything."""
        return bool(self._start_status)

    @property
    def is_complete(self) -> bool:
        draft = self.draft
        return draft is not None and all(draft.answers.get(qid) for qid in QUESTION_IDS)

    def draft_for(self, contact_id: int) -> Review:
        """Today's review by this reviewer, ready to change, or a new blank one."""
        draft = self._drafts.get(contact_id)
        if draft is not None:
            return draft
        now = self.clock()
        reviews = self.store.reviews(contact_id)
        latest = reviews[-1] if reviews else None
        if (
            latest is not None
            and latest.at.date() == now.date()
            and latest.reviewer == self.reviewer
        ):
            draft = replace(latest, answers=dict(latest.answers))
        else:
            draft = Review(
                id=new_review_id(), contact_id=contact_id, at=now, reviewer=self.reviewer
            )
            draft.status = self.store.state(contact_id).status
        self._drafts[contact_id] = draft
        return draft

    def previous_review(self, contact_id: int) -> Review | None:
        """The last answered review before the one this session is giving."""
        draft_id = self.draft_for(contact_id).id
        for review in reversed(self.store.reviews(contact_id)):
            if review.id != draft_id and has_answers(review):
                return review
        return None

    def next_actions(self) -> list[str]:
        """The steps for the current contact if it is (or would be) a candidate."""
        draft = self.draft
        if draft is None:
            return []
        return next_actions(draft.answers, self.questions)

    def progress(self) -> tuple[int, int]:
        """(1-based position, queue length) for "12 of 87"."""
        return (min(self.position + 1, len(self.queue)), len(self.queue))

    # ---- changing answers ----------------------------------------------------------------

    def answer(self, value: Answer | str) -> Status:
        """Answer the current question, save, and move to the next open question."""
        question = self.question
        self.set_answer(QUESTION_IDS[question], Answer(value))
        self.question = self._first_open_question(after=question)
        return self.store.state(self.queue[self.position]).status

    def set_answer(self, question_id: str, value: Answer | None) -> None:
        draft = self._require_draft()
        self._change(draft, lambda review: review.answers.__setitem__(question_id, value))

    def toggle_promote(self) -> None:
        self._toggle_decision(Decision.PROMOTE)

    def toggle_keep(self) -> None:
        self._toggle_decision(Decision.KEEP)

    def set_note(self, note: str) -> None:
        draft = self._require_draft()
        self._change(draft, lambda review: setattr(review, "note", note))

    def skip(self) -> None:
        """Defer the current contact to next week and move on."""
        draft = self._require_draft()
        until = skip_until(self.clock())

        def mark(review: Review) -> None:
            review.decision = Decision.SKIP
            review.deferred_until = until

        self._change(draft, mark)
        self.next_contact()

    def _toggle_decision(self, decision: Decision) -> None:
        draft = self._require_draft()
        new = None if draft.decision == decision else decision

        def mark(review: Review) -> None:
            review.decision = new
            review.deferred_until = None

        self._change(draft, mark)

    def _require_draft(self) -> Review:
        draft = self.draft
        if draft is None:
            raise LookupError("the queue is finished")
        return draft

    def _change(self, draft: Review, edit: Callable[[Review], None]) -> None:
        contact_id = draft.contact_id
        exists = any(review.id == draft.id for review in self.store.reviews(contact_id))
        before = replace(draft, answers=dict(draft.answers)) if exists else None
        changed = replace(draft, answers=dict(draft.answers), at=self.clock())
        edit(changed)
        self._save(changed)
        self._undo.append(UndoStep(contact_id, draft.id, before, self.position, self.question))

    def _save(self, review: Review) -> None:
        contact_id = review.contact_id
        old_status = self.store.state(contact_id).status
        self._start_status.setdefault(contact_id, old_status)
        review.status = review_status(
            review, self.previous_review(contact_id), self.settings.candidate_min_yes
        )
        self.store.save_review(review)
        self._drafts[contact_id] = review
        self.split.move(old_status, self.store.state(contact_id).status)

    def undo(self) -> bool:
        """Put back the last change of this session; False when there is nothing to undo."""
        if not self._undo:
            return False
        step = self._undo.pop()
        if step.before is not None:
            restored = replace(step.before, answers=dict(step.before.answers))
        else:
            restored = Review(
                id=step.review_id,
                contact_id=step.contact_id,
                at=self.clock(),
                reviewer=self.reviewer,
            )
        self._save(restored)
        if step.contact_id in self.queue:
            self.position = self.queue.index(step.contact_id)
        else:
            self.queue.insert(self.position, step.contact_id)
        self.question = step.question
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    # ---- moving ----------------------------------------------------------------------------

    def go_to_question(self, index: int) -> None:
        if not 0 <= index < len(QUESTION_IDS):
            raise IndexError(index)
        self.question = index

    def next_contact(self) -> None:
        if self.position < len(self.queue):
            self.position += 1
        self.question = self._first_open_question()

    def previous_contact(self) -> None:
        if self.position > 0:
            self.position -= 1
        self.question = self._first_open_question()

    def use_queue(self, name: str, queue: list[int]) -> None:
        """Walk another queue from its start; what was answered stays in this session."""
        self.queue_name = name
        self.queue = list(queue)
        self.position = 0
        self.question = self._first_open_question()

    def jump_to(self, contact_id: int) -> None:
        """Make ``contact_id`` the current contact, adding it to the queue if it is not there."""
        if contact_id not in self.queue:
            self.queue.insert(min(self.position, len(self.queue)), contact_id)
        self.position = self.queue.index(contact_id)
        self.question = self._first_open_question()

    def _first_open_question(self, after: int = -1) -> int:
        draft = self.draft
        if draft is None:
            return 0
        order = list(range(after + 1, len(QUESTION_IDS))) + list(range(0, after + 1))
        for index in order:
            if not draft.answers.get(QUESTION_IDS[index]):
                return index
        return max(after, 0) if after >= 0 else 0

    # ---- the end -------------------------------------------------------------------------

    def summary(self) -> SessionSummary:
        """Reviewed count, new clients and candidates, contacts now at risk, split before/after."""
        result = SessionSummary(
            split_before=self.split_before.copy(), split_after=self.split.copy()
        )
        for contact_id, started in self._start_status.items():
            state = self.store.state(contact_id)
            if state.latest is not None and state.latest.reviewer == self.reviewer:
                result.reviewed.append(contact_id)
            if state.status == Status.CLIENT and started != Status.CLIENT:
                result.new_clients.append(contact_id)
            if state.status == Status.CANDIDATE and started != Status.CANDIDATE:
                result.new_candidates.append(contact_id)
            if state.at_risk:
                result.at_risk.append(contact_id)
        return result
