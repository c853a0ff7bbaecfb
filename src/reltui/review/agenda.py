"""The week ahead as plain text: actions due, contacts coming due for review, clients cooling.

Built as a list of sections, each from one small function, so ``reltui agenda`` prints what a
user can paste into a mail to themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from reltui.config import Settings
from reltui.review.actions import actions_due_between
from reltui.review.cooling import about_to_cool
from reltui.review.report import clean_text
from reltui.store.db import Store

MIN_DAYS, MAX_DAYS = 1, 90


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    lines: list[str]
    empty: str


def _day(day: date) -> str:
    return f"{day:%a} {day.isoformat()}"


def _name(store: Store, contact_id: int) -> str:
    return clean_text(store.contact_name(contact_id)) or f"contact {contact_id}"


def actions_section(store: Store, settings: Settings, today: date, end: date) -> Section:
    lines = []
    for row in actions_due_between(store, today, end):
        when = (
            f"overdue since {row.action.due.isoformat()}" if row.overdue else _day(row.action.due)
        )
        lines.append(f"{when}  {clean_text(row.name)}: {clean_text(row.action.text)}")
    return Section("Next actions due", lines, "No next actions due.")


def reviews_section(store: Store, settings: Settings, today: date, end: date) -> Section:
    """Contacts due now (a count) and those coming due by ``end``, by day."""
    start_of_today = datetime.combine(today, time.min).astimezone()
    due_now = len(store) - len(store.reviewed_contact_ids())
    coming: list[tuple[date, int]] = []
    for contact_id in store.reviewed_contact_ids():
        due = store.state(contact_id).next_due(settings.cadence_days)
        if due is None or due < start_of_today + timedelta(days=1):
            due_now += 1
        elif due.date() <= end:
            coming.append((due.date(), contact_id))
    coming.sort(key=lambda item: (item[0], _name(store, item[1]).casefold()))
    lines = [f"Due now: {due_now:,} contact{'s' if due_now != 1 else ''} (reltui review)"]
    lines += [f"{_day(day)}  {_name(store, contact_id)}" for day, contact_id in coming]
    return Section("Reviews", lines, "")


def cooling_section(store: Store, settings: Settings, today: date, end: date) -> Section:
    days = (end - today).days
    lines = [
        f"{_day(day)}  {_name(store, contact_id)} ({store.state(contact_id).status})"
        for day, contact_id in about_to_cool(store, settings.touch_days, today, days)
    ]
    return Section("About to cool (no touch for too long)", lines, "Nobody is about to cool.")


SECTIONS: tuple[Callable[[Store, Settings, date, date], Section], ...] = (
    actions_section,
    reviews_section,
    cooling_section,
)


def agenda_text(store: Store, settings: Settings, today: date, days: int) -> str:
    """The agenda of ``days`` days from ``today`` (both included) as plain text."""
    end = today + timedelta(days=days - 1)
    lines = [f"reltui agenda: {_day(today)} to {_day(end)}"]
    for build in SECTIONS:
        section = build(store, settings, today, end)
        lines += ["", section.title, "-" * len(section.title)]
        lines += section.lines or [section.empty]
    return "\n".join(lines) + "\n"
