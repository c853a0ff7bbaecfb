"""Which contacts a review session walks through, and in what order."""

from __future__ import annotations

from datetime import datetime

from reltui.config import Settings
from reltui.domain.rules import Status
from reltui.review.cooling import cooling_ids
from reltui.store.db import Store

# A queue of one status is named as ``export --status`` names the status: one vocabulary.
QUEUES: tuple[str, ...] = (
    "due",
    "at-risk",
    "all",
    "unreviewed",
    "customer",
    "candidate",
    "client",
)
# Earlier names, still accepted so that nobody's scripts break.
QUEUE_ALIASES = {"customers": "customer", "candidates": "candidate", "clients": "client"}

# Each queue as a sentence names it: the palette's title and what it holds.
QUEUE_PHRASES: dict[str, tuple[str, str]] = {
    "due": (
        "Review the due queue",
        "Reviews in progress, clients at risk, cooling clients, then everyone past their cadence",
    ),
    "at-risk": ("Review clients at risk", "Clients who lost a yes, whenever they are due"),
    "all": ("Review every contact", "All contacts, by name"),
    "unreviewed": ("Review contacts never reviewed", "Everyone without a complete review"),
    "customer": ("Review customers", "Every customer, due or not"),
    "candidate": ("Review candidates", "Every promotion candidate, due or not"),
    "client": ("Review clients", "Every client, due or not"),
}

_STATUS_QUEUES = {
    "unreviewed": Status.UNREVIEWED,
    "customer": Status.CUSTOMER,
    "candidate": Status.CANDIDATE,
    "client": Status.CLIENT,
}


def canonical_queue(name: str) -> str:
    """The queue's name today, for a name given on the command line or in a script."""
    return QUEUE_ALIASES.get(name, name)


# In the due queue, reviews in progress come first (the session resumes where it stopped), then
# at-risk clients, then cooling clients, then the contacts closest to a decision.
_IN_PROGRESS_RANK = -2
_AT_RISK_RANK = -1
_COOLING_RANK = 0
_DUE_ORDER = {
    Status.CLIENT: 1,
    Status.CANDIDATE: 2,
    Status.CUSTOMER: 3,
    Status.UNREVIEWED: 4,
}


def build_queue(store: Store, name: str, now: datetime, settings: Settings) -> list[int]:
    """The contact ids of queue ``name``, in review order: by rank, then name, then id."""
    name = canonical_queue(name)
    if name not in QUEUES:
        raise ValueError(f"unknown queue {name!r}; choose from {', '.join(QUEUES)}")
    if name == "all":
        # The store keeps its contacts in this order: the first screen of a large database
        # waits for nothing.
        return store.contact_ids_by_name()
    ids: list[int] = []
    ranks: list[int] = []
    reviewed = set(store.reviewed_contact_ids())
    # Most contacts of a large database were never reviewed: they are due and unreviewed
    # without asking for their state.
    never_reviewed_rank = {"due": _DUE_ORDER[Status.UNREVIEWED], "unreviewed": 0}.get(name)
    # Read from the touch log only when a due client needs ranking: most sessions start
    # before it is read, and a queue without one never reads it.
    cooling: set[int] | None = None
    for contact_id in store.contact_ids_by_name():
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
                if state.in_progress is not None:
                    rank = _IN_PROGRESS_RANK
                elif state.at_risk:
                    rank = _AT_RISK_RANK
                elif state.status == Status.CLIENT:
                    if cooling is None:
                        today = now.date()
                        cooling = set(cooling_ids(store, settings.touch_days, today, Status.CLIENT))
                    rank = _COOLING_RANK if contact_id in cooling else _DUE_ORDER[Status.CLIENT]
                else:
                    rank = _DUE_ORDER[state.status]
            else:
                if state.status != _STATUS_QUEUES[name]:
                    continue
                rank = 0
        ids.append(contact_id)
        ranks.append(rank)
    # Contacts come by name, then id: one stable sort by rank keeps that order within a rank.
    order = sorted(range(len(ids)), key=ranks.__getitem__)
    return [ids[index] for index in order]
