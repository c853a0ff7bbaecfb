"""The keys that work on every screen of the app, shared by the app and its help screen."""

from __future__ import annotations

from textual.binding import Binding

APP_BINDINGS: list[Binding] = [
    Binding("question_mark", "help", "Help", id="help", tooltip="Show every key"),
    Binding("q", "quit_review", "Quit", id="quit", tooltip="End: summary, then quit"),
    # Not in the footer: the review footer is full at 80 columns; help and palette list them.
    Binding("T", "trend", "Trend", show=False, id="trend", tooltip="Statuses week by week"),
    Binding("P", "actions", "Actions", show=False, id="actions", tooltip="Every open next action"),
    # Textual's own palette key, given an id so that it can be moved too.
    Binding(
        "ctrl+p",
        "command_palette",
        "palette",
        show=False,
        priority=True,
        id="palette",
        tooltip="Command palette",
    ),
]
