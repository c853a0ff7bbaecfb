"""Who is cooling across the database: one function for the queue, stats, summary and report."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from reltui.domain.cooling import cools_within, is_cooling
from reltui.domain.rules import Status
from reltui.folding import fold
from reltui.store.db import Store


def cooling_ids(
    store: Store, touch_days: Mapping[Status, int], today: date, status: Status | None = None
) -> list[int]:
    """The ids of cooling contacts (of ``status`` only, if given), by name.

    Only touched contacts can be cooling, so only the touch log's contacts are looked at.
    """
    if not touch_days:
        return []
    found = []
    for contact_id, touch in store.last_touches().items():
        contact_status = store.state(contact_id).status
        if status is not None and contact_status != status:
            continue
        if contact_id in store.known_ids() and is_cooling(
            contact_status, touch.on, today, touch_days
        ):
            found.append(contact_id)
    found.sort(key=lambda contact_id: (fold(store.contact_name(contact_id)), contact_id))
    return found


def about_to_cool(
    store: Store, touch_days: Mapping[Status, int], today: date, days: int
) -> list[tuple[date, int]]:
    """``(first cooling day, contact id)`` for contacts who start cooling within ``days``,
    soonest first."""
    last = store.last_touches()
    found = []
    for contact_id, touch in last.items():
        if contact_id not in store.known_ids():
            continue
        status = store.state(contact_id).status
        first_day = cools_within(status, touch.on, today, days, touch_days)
        if first_day is not None:
            found.append((first_day, contact_id))
    found.sort(key=lambda item: (item[0], fold(store.contact_name(item[1])), item[1]))
    return found
