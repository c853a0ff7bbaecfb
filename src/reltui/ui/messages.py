"""Messages the screens send up to the app."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class ReviewChanged(Message):
    """A review of ``contact_id`` was saved or undone; cached rows of it are now stale."""

    contact_id: int
