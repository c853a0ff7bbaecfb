"""Which contacts a review session walks through, and in what order."""

from __future__ import annotations

from datetime import datetime

from reltui.config import Settings
from reltui.domain.rules import Status
from reltui.store.db import Store

QUEUES: tuple[str, ...] = (
    "due",
    "at-risk",
    "all",
    "unreviewed",
    "customers",
    "candidates",
    "clients",
)

_STATUS_QUEUES = {
    "unreviewed": Status.UNREVIEWED,
    "customers": Status.CUSTOMER,
    "candidates": Status.CANDIDATE,
    "clients": Status.CLIENT,
}

# In the due queue, at-risk clients come first, then the contacts closest to a decision.
_DUE_ORDER = {
    Status.CLIENT: 1,
    Status.CANDIDATE: 2,
    Status.CUSTOMER: 3,
    Status.UNREVIEWED: 4,
}


def build_queue(store: Store, name: str, now: datetime, settings: Settings) -> list[int]:
    """The contact ids of queue ``name``, in review order: by rank, then name, then id."""
    if name not in QUEUES:
        raise ValueError(f"unknown queue {name!r}; choose from {', '.join(QUEUES)}")
    if name == "all":
        # Every contact by name, with no state to look at: the first screen of a large
        # database waits for this.
        pairs = list(store.contact_names())
        folded = [contact_name.casefold() for _, contact_name in pairs]
        return [pairs[index][0] for index in sorted(range(len(pairs)), key=folded.__getitem__)]
    ids: list[int] = []
    names: list[str] = []
    ranks: list[int] = []
    reviewed = set(store.reviewed_contact_ids())
    # Most contacts of a large database were never reviewed: they are due and unreviewed
    # without asking for their state.
    never_reviewed_rank = {"due": _DUE_ORDER[Status.UNREVIEWED], "unreviewed": 0}.get(name)
    for contact_id, contact_name in store.contact_names():
        if contact_id not in reviewed:
            if never_reviewed_rank is None:
                continue
            rank = never_reviewed_rank
        else:
            state = store.state(contact_id)
            if name == "at-risk":
                if not state.at_risk:
                    continue
                rank = 0
            elif name == "due":
                if not state.is_due(now, settings.cadence_days):
                    continue
                rank = 0 if state.at_risk else _DUE_ORDER[state.status]
            else:
                if state.status != _STATUS_QUEUES[name]:
                    continue
                rank = 0
        ids.append(contact_id)
        names.append(contact_name.casefold())
        ranks.append(rank)
    # Two stable sorts on plain keys instead of one on (rank, name, id) tuples: a third of the
    # time for 100,000 contacts. Contacts come in id order, so equal names keep it.
    order = sorted(range(len(ids)), key=ids.__getitem__)
    order.sort(key=names.__getitem__)
    order.sort(key=ranks.__getitem__)
    return [ids[index] for index in order]
