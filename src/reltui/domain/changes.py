"""What a review session changed, from each touched contact's standing before and after it.

The session line, the summary and the live split all read this one function, so they always
agree: changes that cancel out show as no change, and undoing back to the start shows none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from reltui.domain.rules import STATUS_ORDER, Movement, Split, Status, movement
from reltui.domain.state import ContactState


@dataclass(frozen=True, slots=True)
class SessionChanges:
    """Contact ids per kind of change, and the split before the session and now."""

    split_before: Split
    split_after: Split
    reviewed: tuple[int, ...] = ()
    first_reviews: tuple[int, ...] = ()
    new_clients: tuple[int, ...] = ()
    new_candidates: tuple[int, ...] = ()
    demoted: tuple[int, ...] = ()
    now_at_risk: tuple[int, ...] = ()
    in_progress: tuple[int, ...] = ()
    skipped: tuple[int, ...] = ()
    noted: tuple[int, ...] = ()
    moves: dict[Status, int] = field(default_factory=dict)

    @property
    def any(self) -> bool:
        """True when the session changed anything a user would see."""
        return bool(self.reviewed or self.in_progress or self.skipped or self.noted or self.moves)


def _same_review(before: ContactState, after: ContactState) -> bool:
    old, new = before.latest, after.latest
    if old is None or new is None:
        return old is new
    return (old.id, old.answers, old.decision) == (new.id, new.answers, new.decision)


def session_changes(
    before: Mapping[int, ContactState],
    after: Mapping[int, ContactState],
    split_before: Split,
) -> SessionChanges:
    """Compare the contacts a session touched, as they stood when it started and as they stand.

    ``before`` and ``after`` hold the same contact ids; ``split_before`` is the whole database's
    split when the session started.
    """
    lists: dict[str, list[int]] = {name: [] for name in _KINDS}
    split_after = split_before.copy()
    for contact_id, old in before.items():
        new = after[contact_id]
        split_after.move(old.status, new.status)
        if new.latest is not None and not _same_review(old, new):
            lists["reviewed"].append(contact_id)
        moved = movement(old.status, new.status)
        if moved == Movement.FIRST:
            lists["first_reviews"].append(contact_id)
        if moved is not None and new.status == Status.CLIENT:
            lists["new_clients"].append(contact_id)
        if moved is not None and new.status == Status.CANDIDATE:
            lists["new_candidates"].append(contact_id)
        if moved == Movement.DEMOTED:
            lists["demoted"].append(contact_id)
        if new.at_risk and not old.at_risk:
            lists["now_at_risk"].append(contact_id)
        if new.in_progress is not None and new.in_progress is not old.in_progress:
            lists["in_progress"].append(contact_id)
        if new.deferred_until is not None and new.deferred_until != old.deferred_until:
            lists["skipped"].append(contact_id)
        if _new_note(old, new):
            lists["noted"].append(contact_id)
    moves = {
        status: split_after.counts[status] - split_before.counts[status]
        for status in STATUS_ORDER
        if split_after.counts[status] != split_before.counts[status]
    }
    return SessionChanges(
        split_before.copy(),
        split_after,
        moves=moves,
        **{name: tuple(ids) for name, ids in lists.items()},
    )


_KINDS = (
    "reviewed",
    "first_reviews",
    "new_clients",
    "new_candidates",
    "demoted",
    "now_at_risk",
    "in_progress",
    "skipped",
    "noted",
)


def _new_note(before: ContactState, after: ContactState) -> bool:
    note = after.newest.note.strip() if after.newest else ""
    if not note:
        return False
    if before.newest is None or before.newest.id != after.newest.id:  # type: ignore[union-attr]
        return True
    return before.newest.note.strip() != note
