"""A review session: the queue, the answer being given, undo, and the live split (no UI)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import cast

from reltui.config import Settings
from reltui.domain.changes import SessionChanges, session_changes
from reltui.domain.models import Contact, Review
from reltui.domain.questions import QUESTION_IDS, Question
from reltui.domain.rules import Answer, Decision, Split, Status, next_actions
from reltui.domain.state import (
    USER_DECISIONS,
    ContactState,
    contact_state,
    is_complete,
    is_in_progress,
    review_status,
    skip_until,
)
from reltui.review.actions import review_actions, undo_action_changes
from reltui.review.insights import current_split
from reltui.review.queues import build_queue, canonical_queue
from reltui.review.relationship import ActivityStep
from reltui.review.steps import JumpBack, UndoStep
from reltui.store.db import Store, new_review_id


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
        self.queue_name = canonical_queue(queue_name)
        self.queue: list[int] = build_queue(store, queue_name, self.clock(), settings)
        self.position = 0
        self.question = 0
        self.split_before = current_split(store)
        self._start_states: dict[int, ContactState] = {}
        self._changes: SessionChanges | None = None
        self._drafts: dict[int, Review] = {}
        self._undo: list[UndoStep | ActivityStep] = []
        self.jump_back: JumpBack | None = None
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
        return bool(self._start_states)

    @property
    def is_complete(self) -> bool:
        draft = self.draft
        return draft is not None and is_complete(draft)

    @property
    def split(self) -> Split:
        """The whole database's split now, with this session's changes."""
        return self.changes().split_after

    def changes(self) -> SessionChanges:
        """What this session changed so far: the one source of every count it shows."""
        if self._changes is None:
            after = {contact_id: self.store.state(contact_id) for contact_id in self._start_states}
            self._changes = session_changes(self._start_states, after, self.split_before)
        return self._changes

    def draft_for(self, contact_id: int) -> Review:
        """The review this reviewer is giving the contact, ready to change, or a new blank one.

        That is the contact's newest review when this reviewer gave it today, or when it is
        still in progress (answered in part, on any day): the review resumes where it stopped.
        """
        draft = self._drafts.get(contact_id)
        if draft is not None:
            return draft
        now = self.clock()
        reviews = self.store.reviews(contact_id)
        latest = reviews[-1] if reviews else None
        if (
            latest is not None
            and latest.reviewer == self.reviewer
            and (latest.at.date() == now.date() or is_in_progress(latest))
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
        """The last complete review before the one this session is giving."""
        return self._state_before_draft(contact_id).latest

    def _state_before_draft(self, contact_id: int) -> ContactState:
        """The contact's standing from its reviews other than the one being given."""
        draft_id = self.draft_for(contact_id).id
        reviews = self.store.reviews(contact_id)
        if not reviews or reviews[-1].id != draft_id:
            return self.store.state(contact_id)
        return contact_state([review for review in reviews if review.id != draft_id])

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

    def answer(self, value: Answer | str) -> bool:
        """Answer the current question, save, and move to the next open question.

        True when this answer completed the review (a complete review that is edited stays
        complete, and returns False).
        """
        question = self.question
        was_complete = self.is_complete
        self.set_answer(QUESTION_IDS[question], Answer(value))
        self.question = self._first_open_question(after=question)
        return self.is_complete and not was_complete

    def last_answers(self) -> dict[str, str | None] | None:
        """The answers of the contact's last complete review, ``None`` if it has none."""
        contact_id = self.current_id
        previous = None if contact_id is None else self.previous_review(contact_id)
        return dict(previous.answers) if previous is not None else None

    def confirm(self) -> bool | None:
        """Give the current question last time's answer; ``None`` if there was no last time.

        Returns what ``answer`` returns: whether the review is now complete.
        """
        last = self.last_answers()
        if last is None:
            return None
        # A complete review has an answer for every question.
        return self.answer(Answer(cast(str, last[QUESTION_IDS[self.question]])))

    def confirm_all(self) -> bool | None:
        """Give every question without an answer last time's answer, in one undoable step."""
        last = self.last_answers()
        if last is None:
            return None
        draft = self._require_draft()
        was_complete = is_complete(draft)

        def fill(review: Review) -> None:
            for qid in QUESTION_IDS:
                if not review.answers.get(qid):
                    review.answers[qid] = last[qid]

        self._change(draft, fill, "last review's answers")
        self.question = self._first_open_question()
        return self.is_complete and not was_complete

    def set_answer(self, question_id: str, value: Answer | None) -> None:
        draft = self._require_draft()
        titles = {question.id: question.title for question in self.questions}
        what = f"answer {value} to {titles.get(question_id, question_id)}"
        if value is None:
            what = f"clearing {titles.get(question_id, question_id)}"
        self._change(draft, lambda review: review.answers.__setitem__(question_id, value), what)

    def decision_refused(self) -> str | None:
        """Why ``p`` or ``k`` records nothing for the current contact, or ``None`` if it may."""
        draft = self.draft
        if draft is None:
            return "the queue is finished"
        if self.draft_status(draft) == Status.CLIENT:
            return "a client needs no promote or keep flag; they are a client already"
        return None

    def draft_status(self, draft: Review) -> Status:
        """The status the review being given would leave its contact with if saved now."""
        carried = self._state_before_draft(draft.contact_id).status
        return review_status(draft, carried, self.settings.candidate_min_yes)

    def toggle_promote(self) -> str | None:
        """Flag to develop as a candidate (again: unflag); the reason when refused."""
        return self._toggle_decision(Decision.PROMOTE)

    def toggle_keep(self) -> str | None:
        """Flag to keep as a customer (again: unflag); the reason when refused."""
        return self._toggle_decision(Decision.KEEP)

    def set_note(self, note: str) -> None:
        draft = self._require_draft()
        self._change(draft, lambda review: setattr(review, "note", note), "the review note")

    def skip(self) -> datetime:
        """Defer the current contact to next week and move on; returns the day it comes back.

        A promote or keep flag already given stays: skipping only defers.
        """
        draft = self._require_draft()
        until = skip_until(self.clock())

        def mark(review: Review) -> None:
            if review.decision not in USER_DECISIONS:
                review.decision = Decision.SKIP
            review.deferred_until = until

        self._change(draft, mark, "the skip")
        self.next_contact()
        return until

    def _toggle_decision(self, decision: Decision) -> str | None:
        refused = self.decision_refused()
        if refused is not None:
            return refused
        draft = self._require_draft()
        new = None if draft.decision == decision else decision

        def mark(review: Review) -> None:
            review.decision = new
            review.deferred_until = None

        flag = "promote" if decision == Decision.PROMOTE else "keep"
        self._change(draft, mark, f"the {flag} flag" if new else f"removing the {flag} flag")
        return None

    def _require_draft(self) -> Review:
        draft = self.draft
        if draft is None:
            raise LookupError("the queue is finished")
        return draft

    def _change(self, draft: Review, edit: Callable[[Review], None], what: str) -> None:
        contact_id = draft.contact_id
        exists = any(review.id == draft.id for review in self.store.reviews(contact_id))
        before = replace(draft, answers=dict(draft.answers)) if exists else None
        changed = replace(draft, answers=dict(draft.answers), at=self.clock())
        edit(changed)
        self._save(changed)
        actions = review_actions(self.store, self.settings, changed, changed.at.date())
        self._undo.append(
            UndoStep(
                contact_id,
                draft.id,
                before,
                self.position,
                self.question,
                what=what,
                actions=tuple(actions),
            )
        )

    def _save(self, review: Review) -> None:
        contact_id = review.contact_id
        self._start_states.setdefault(contact_id, self.store.state(contact_id))
        self._drafts[contact_id] = review
        review.status = self.draft_status(review)
        if review.status == Status.CLIENT and review.decision in USER_DECISIONS:
            review.decision = None  # a review that completes as a client carries no decision
        self.store.save_review(review)
        self._changes = None

    def undo_description(self) -> str | None:
        """What ``undo`` would put back, and for whom: "answer yes to Know needs for Ada"."""
        if not self._undo:
            return None
        step = self._undo[-1]
        return f"{step.what} for {self.store.contact(step.contact_id).name}"

    def undo(self) -> bool:
        """Put back the last change of this session; False when there is nothing to undo."""
        if not self._undo:
            return False
        step = self._undo.pop()
        if isinstance(step, ActivityStep):
            step.undo(self.store)
            return True
        undo_action_changes(self.store, step.actions)
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

    def contact_added(self) -> None:
        """A contact added in this session counts in the split, unreviewed, from the start."""
        self.split_before.counts[Status.UNREVIEWED] += 1
        self._changes = None

    def push_undo(self, step: ActivityStep) -> None:
        """Remember a touch or an edit, so ``undo`` can take it back."""
        self._undo.append(step)

    @property
    def last_step(self) -> UndoStep | ActivityStep | None:
        """The change ``undo`` would take back next."""
        return self._undo[-1] if self._undo else None

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

    def jump_to(self, contact_id: int, remember: bool = False) -> None:
        """Make ``contact_id`` the current contact, adding it to the queue if it is not there.

        With ``remember``, where the review was is kept for ``jump_back_to``.
        """
        if remember and self.jump_back is None:
            self.jump_back = JumpBack(
                self.queue_name, list(self.queue), self.position, self.question, self.current_id
            )
        if contact_id not in self.queue:
            self.queue.insert(min(self.position, len(self.queue)), contact_id)
        self.position = self.queue.index(contact_id)
        self.question = self._first_open_question()

    def jump_back_to(self) -> bool:
        """Go back to where the last remembered jump left; False when there is none."""
        back = self.jump_back
        if back is None:
            return False
        self.jump_back = None
        self.queue_name, self.queue = back.queue_name, list(back.queue)
        self.position = back.position
        if back.contact_id is not None and back.contact_id in self.queue:
            self.position = self.queue.index(back.contact_id)
        self.question = back.question if not self.done else 0
        return True

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

    def summary(self) -> SessionChanges:
        """What this session changed, for the end-of-session screen."""
        return self.changes()
