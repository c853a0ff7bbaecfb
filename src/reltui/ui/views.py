"""What the review screen shows for the current contact, as plain values built from the session.

Widgets receive these frozen views through reactives, so a widget re-renders only when its own
view changed. Every contact-derived string goes through ``safe`` here, once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from reltui.domain.actions import actions_summary
from reltui.domain.cooling import is_cooling
from reltui.domain.questions import QUESTION_IDS
from reltui.domain.rules import Decision, Status
from reltui.domain.state import answered_count, is_complete
from reltui.domain.touches import last_touch_line
from reltui.review.actions import contact_is_stuck
from reltui.review.session import ReviewSession
from reltui.ui.text import safe

TIMELINE_LENGTH = 5
QUEUE_LABELS = {
    "due": "due",
    "at-risk": "at risk",
    "all": "contacts",
    "unreviewed": "unreviewed",
    "customer": "customers",
    "candidate": "candidates",
    "client": "clients",
}


def day(moment: datetime | None) -> str:
    """A date as the user reads it in a table: 2026-11-16."""
    return moment.date().isoformat() if moment is not None else ""


@dataclass(frozen=True, slots=True)
class CardView:
    """The contact card: who they are, where they stand, when they are due."""

    name: str
    company: str = ""
    position: str = ""
    email: str = ""
    phone: str = ""
    tags: tuple[str, ...] = ()
    notes: str = ""
    status: Status = Status.UNREVIEWED
    at_risk: bool = False
    lost: tuple[str, ...] = ()
    lost_on: str = ""
    due: str = ""
    flag: str = ""
    review_note: str = ""
    progress: str = ""
    last_touch: str = ""
    cooling: bool = False
    actions: str = ""
    stuck: str = ""


@dataclass(frozen=True, slots=True)
class HistoryView:
    """The last review before this one, and the status timeline."""

    date: str = ""
    reviewer: str = ""
    answers: tuple[str | None, ...] = ()
    status: str = ""
    note: str = ""
    timeline: tuple[str, ...] = ()
    more: bool = False
    has_contact: bool = True


@dataclass(frozen=True, slots=True)
class QuestionsView:
    """The four questions with this review's answers so far."""

    titles: tuple[str, ...]
    texts: tuple[str, ...]
    answers: tuple[str | None, ...]
    current: int
    complete: bool
    result: str = ""
    next_actions: tuple[str, ...] = ()
    read_only: bool = False
    previous: tuple[str | None, ...] = ()


def card_view(
    session: ReviewSession, key: Callable[[str, str], str] | None = None
) -> CardView | None:
    contact, state, draft = session.contact, session.state, session.draft
    if contact is None or state is None or draft is None:
        return None
    titles = {question.id: question.title for question in session.questions}
    now = session.clock()
    due_at = state.next_due(session.settings.cadence_days)
    if due_at is None:
        due = "due now"  # "unreviewed" before it says why
    elif due_at <= now:
        due = f"due since {day(due_at)}"
    else:
        due = f"next due {day(due_at)}"
    flag = ""
    if draft.decision == Decision.PROMOTE:
        flag = "flagged: promote to candidate"
    elif draft.decision == Decision.KEEP:
        flag = "flagged: keep as customer"
    if draft.deferred_until is not None and draft.deferred_until > now:
        skipped = f"skipped until {day(draft.deferred_until)}"
        flag = f"{flag} · {skipped}" if flag else skipped
    answered = answered_count(draft)
    store = session.store
    # The touch log is read after the first screen; the card shows the last touch from then on.
    touch = store.last_touch(contact.id) if store.touches_read() else None
    return CardView(
        name=safe(contact.name) or "(no name)",
        company=safe(contact.company),
        position=safe(contact.position),
        email=safe(contact.email),
        phone=safe(contact.phone),
        tags=tuple(safe(tag) for tag in contact.tags if tag),
        notes=safe(contact.notes, multiline=True).strip(),
        status=state.status,
        at_risk=state.at_risk,
        lost=tuple(titles.get(qid, qid) for qid in state.lost),
        lost_on=day(state.at_risk_since),
        due=due,
        flag=flag,
        review_note=safe(draft.note, multiline=True).strip(),
        progress=f"in progress {answered}/4" if 0 < answered < len(QUESTION_IDS) else "",
        last_touch=safe(last_touch_line(touch, now.date())) if touch is not None else "",
        cooling=touch is not None
        and is_cooling(state.status, touch.on, now.date(), session.settings.touch_days),
        **_action_lines(session, contact.id, key or default_key),
    )


def _action_lines(
    session: ReviewSession, contact_id: int, key: Callable[[str, str], str]
) -> dict[str, str]:
    """The card's line on open next actions, and the stuck warning (once actions are read)."""
    store = session.store
    if not store.actions_read():
        return {}
    today = session.clock().date()
    actions = store.actions(contact_id)
    open_count, overdue = actions_summary(actions, today)
    line = ""
    if open_count:
        soonest = min(action.due for action in actions if action.is_open)
        late = f" · {overdue} overdue" if overdue else ""
        plural = "s" if open_count > 1 else ""
        # Short enough for the card's 40 columns at 80x24.
        shortcut = key("contact-actions", "A")
        line = f"{open_count} action{plural}{late} · next {soonest:%m-%d} · {shortcut}"
    weeks = session.settings.stuck_weeks
    stuck = (
        f"stuck: actions done, no yes gained in {weeks} weeks"
        if contact_is_stuck(store, weeks, contact_id, today)
        else ""
    )
    return {"actions": line, "stuck": stuck}


def history_view(session: ReviewSession) -> HistoryView:
    contact_id = session.current_id
    if contact_id is None:
        return HistoryView(has_contact=False)
    previous = session.previous_review(contact_id)
    statuses: list[str] = []
    for review in session.store.reviews(contact_id):
        if is_complete(review) and (not statuses or statuses[-1] != review.status):
            statuses.append(str(review.status))
    if previous is None:
        return HistoryView(timeline=tuple(statuses[-TIMELINE_LENGTH:]))
    return HistoryView(
        date=day(previous.at),
        reviewer=safe(previous.reviewer),
        answers=tuple(previous.answers.get(qid) for qid in QUESTION_IDS),
        status=str(previous.status),
        note=safe(previous.note, multiline=True).strip(),
        timeline=tuple(statuses[-TIMELINE_LENGTH:]),
        more=len(statuses) > TIMELINE_LENGTH,
    )


def questions_view(session: ReviewSession) -> QuestionsView | None:
    draft = session.draft
    if draft is None:
        return None
    answers = tuple(draft.answers.get(qid) for qid in QUESTION_IDS)
    complete = session.is_complete
    result = str(draft.status) if complete else ""
    actions = tuple(session.next_actions()) if result == Status.CANDIDATE else ()
    contact_id = session.current_id
    before = session.previous_review(contact_id) if contact_id is not None else None
    return QuestionsView(
        titles=tuple(question.title for question in session.questions),
        texts=tuple(question.text for question in session.questions),
        answers=answers or (None,) * len(QUESTION_IDS),
        current=session.question,
        complete=complete,
        result=result,
        next_actions=actions,
        read_only=session.store.read_only,
        previous=tuple(before.answers.get(qid) for qid in QUESTION_IDS) if before else (),
    )


def progress_text(session: ReviewSession) -> str:
    """Where the user is in the queue: "12 of 87 due"."""
    position, total = session.progress()
    label = QUEUE_LABELS.get(session.queue_name, session.queue_name)
    if total == 0:
        return f"the {label} queue is empty"
    if session.done:
        return f"all {total:,} {label} done"
    return f"{position:,} of {total:,} {label}"


def default_key(binding_id: str, default: str) -> str:
    """A binding's key as shipped; the app passes the user's own keys instead."""
    return default


def done_text(session: ReviewSession, key: Callable[[str, str], str] = default_key) -> str:
    """What an empty or finished queue says: that it is done, what it covered, what next."""
    if not session.done:
        return ""
    label = QUEUE_LABELS.get(session.queue_name, session.queue_name)
    total = len(session.queue)
    changes = session.changes()
    if total == 0:
        covered = f"The {label} queue is empty: nobody is waiting."
    else:
        contacts = "contact" if total == 1 else "contacts"
        covered = (
            f"The {label} queue is done: {total:,} {contacts}, "
            f"{len(changes.reviewed):,} reviewed in this session."
        )
    back = f"{key('previous-contact', 'h')} back to the last contact, " if total else ""
    return (
        f"{covered}\n\n{back}{key('palette', 'ctrl+p')} switches queue, "
        f"{key('list-view', 'L')} lists every contact, {key('search', '/')} searches, "
        f"{key('quit', 'q')} finishes."
    )
