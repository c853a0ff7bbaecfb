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
    """The contact ids of queue ``name``, in review order."""
    if name not in QUEUES:
        raise ValueError(f"unknown queue {name!r}; choose from {', '.join(QUEUES)}")
    if name == "all":
        # Every contact by name: no contact's state is needed.
        ordered = sorted(
            (contact_name.casefold(), contact_id)
            for contact_id, contact_name in store.contact_names()
        )
        return [contact_id for _, contact_id in ordered]
    keyed: list[tuple[int, str, int]] = []
    reviewed = set(store.reviewed_contact_ids())
    # Most contacts of a large database were never reviewed: they are due and unreviewed
    # without asking for their state.
    never_reviewed_rank = {"due": _DUE_ORDER[Status.UNREVIEWED], "unreviewed": 0}.get(name)
    for contact_id, contact_name in store.contact_names():
        if contact_id not in reviewed:
            if never_reviewed_rank is not None:
                keyed.append((never_reviewed_rank, contact_name.casefold(), contact_id))
            continue
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
        keyed.append((rank, contact_name.casefold(), contact_id))
    keyed.sort()
    return [contact_id for _, _, contact_id in keyed]
