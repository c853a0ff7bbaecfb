"""Open next actions as iCalendar to-dos (``VTODO``) that a calendar or task app imports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import IO

from reltui.review.actions import ActionRow
from reltui.review.report import clean_text
from reltui.store.files import atomic_writer

PRODID = "-//reltui//next actions//EN"


def calendar_text(rows: Sequence[ActionRow], stamp: datetime) -> str:
    """The to-dos as one iCalendar text: a ``VTODO`` per action, due on its day, named with
    the contact's name; every contact-derived string on one line, control characters removed."""
    import vobject  # only for this export: it costs start-up time everywhere else
    from dateutil import tz

    calendar = vobject.iCalendar()
    calendar.add("prodid").value = PRODID
    utc_stamp = stamp.astimezone(tz.tzutc())
    for row in rows:
        action = row.action
        todo = calendar.add("vtodo")
        todo.add("uid").value = f"{action.id}@reltui"
        todo.add("dtstamp").value = utc_stamp
        todo.add("summary").value = f"{clean_text(row.name)}: {clean_text(action.text)}"
        todo.add("due").value = action.due
        todo.add("status").value = "NEEDS-ACTION"
        todo.add("categories").value = ["reltui"]
    return str(calendar.serialize())


def write_calendar(rows: Sequence[ActionRow], stamp: datetime, handle: IO[str]) -> int:
    handle.write(calendar_text(rows, stamp))
    return len(rows)


def calendar_to_file(rows: Sequence[ActionRow], stamp: datetime, path: Path) -> int:
    """Write the to-dos to ``path`` atomically, owner-only."""
    text = calendar_text(rows, stamp)
    with atomic_writer(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    return len(rows)
