"""Touches: each time the user was in contact with someone (a call, a meeting, an email...)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

TOUCH_KINDS = ("call", "meeting", "email", "message", "event", "other")
# The key that picks each kind in the touch form.
TOUCH_KEYS = {"c": "call", "m": "meeting", "e": "email", "s": "message", "v": "event", "o": "other"}


@dataclass(slots=True)
class Touch:
    """One contact with a person: what kind, on which day, a one-line note, and when logged."""

    id: str
    contact_id: int
    kind: str
    on: date
    note: str = ""
    at: datetime | None = None

    def to_document(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "contact_id": self.contact_id,
            "kind": self.kind,
            "on": self.on.isoformat(),
            "note": self.note,
            "at": self.at.isoformat(timespec="microseconds") if self.at else None,
        }

    @classmethod
    def from_document(cls, data: dict[str, Any]) -> Touch:
        """A touch from its stored form; a bad field raises ``TypeError``/``ValueError``."""
        kind = data["kind"]
        if kind not in TOUCH_KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        at = data.get("at")
        return cls(
            str(data["id"]),
            int(data["contact_id"]),
            kind,
            date.fromisoformat(data["on"]),
            str(data.get("note") or ""),
            datetime.fromisoformat(at) if at else None,
        )

    @property
    def order(self) -> tuple[date, str]:
        """Sorts touches by day, then by when they were logged."""
        return self.on, self.at.isoformat(timespec="microseconds") if self.at else ""


def one_line(text: str) -> str:
    """A note as one line: line breaks and runs of spaces become single spaces."""
    return " ".join(text.split())


def parse_kind(text: str) -> str:
    """A touch kind from its name or its first letters; ``ValueError`` names the choices."""
    wanted = text.strip().casefold()
    matches = [kind for kind in TOUCH_KINDS if kind.startswith(wanted)] if wanted else []
    if wanted in TOUCH_KINDS:
        return wanted
    if len(matches) == 1:
        return matches[0]
    raise ValueError(f"unknown kind {text!r}; choose one of {', '.join(TOUCH_KINDS)}")


def parse_day(text: str, today: date) -> date:
    """A day typed as YYYY-MM-DD (empty means today); ``ValueError`` with a one-line reason."""
    text = text.strip()
    if not text:
        return today
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date; write it as YYYY-MM-DD") from None


def last_touch(touches: Iterable[Touch]) -> Touch | None:
    """The most recent touch: the latest day, and of one day the one logged last."""
    return max(touches, key=lambda touch: touch.order, default=None)


def days_ago(day: date, today: date) -> str:
    """How long ago ``day`` was, in words a card can hold."""
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days == -1:
        return "tomorrow"
    if days < 0:
        return f"in {-days} days"
    return f"{days} days ago"


def last_touch_line(touch: Touch | None, today: date) -> str:
    """The card's line: ``last touch 12 days ago · call · "asked about renewal"``."""
    if touch is None:
        return "no touch logged"
    line = f"last touch {days_ago(touch.on, today)} · {touch.kind}"
    if touch.note:
        line += f' · "{touch.note}"'
    return line
