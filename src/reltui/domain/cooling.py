"""Cooling: a client or candidate nobody has been in touch with for too long.

Trust erodes quietly: a client whose last touch is older than ``touch_days`` for their status is
**cooling**, a warning that comes before a yes is lost. A contact with no touch logged is not
cooling (nothing says when the last contact was); the report counts such clients instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from reltui.domain.rules import Status

# Days without a touch before a contact cools, by status; a status left out never cools.
DEFAULT_TOUCH_DAYS: Mapping[Status, int] = {Status.CLIENT: 30, Status.CANDIDATE: 14}


def cools_on(
    status: Status, last_touch: date | None, touch_days: Mapping[Status, int]
) -> date | None:
    """The first day the contact counts as cooling, or ``None`` if it cannot cool."""
    limit = touch_days.get(status)
    if not limit or last_touch is None:
        return None
    return last_touch + timedelta(days=limit + 1)


def is_cooling(
    status: Status, last_touch: date | None, today: date, touch_days: Mapping[Status, int]
) -> bool:
    """Whether the last touch is older than ``touch_days`` for the contact's status."""
    first_day = cools_on(status, last_touch, touch_days)
    return first_day is not None and first_day <= today


def cools_within(
    status: Status,
    last_touch: date | None,
    today: date,
    days: int,
    touch_days: Mapping[Status, int],
) -> date | None:
    """The day the contact starts cooling if that is after today and within ``days``."""
    first_day = cools_on(status, last_touch, touch_days)
    if first_day is None or not today < first_day <= today + timedelta(days=days):
        return None
    return first_day
