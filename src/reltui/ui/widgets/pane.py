"""Pane: a scrolling column that never takes focus, so the screen's keys always reach it."""

from __future__ import annotations

from textual.containers import VerticalScroll


class Pane(VerticalScroll, can_focus=False):
    """A vertical scroll area moved by the screen's page keys, not by its own bindings."""
