"""ReviewHeader: one line with the queue, progress and reviewer, and a read-only warning."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class ReviewHeader(Widget):
    """``reltui · 12 of 87 due · reviewer anna`` and ``READ-ONLY`` when nothing can be saved."""

    DEFAULT_CSS = """
    ReviewHeader {
        height: 1;
        padding: 0 1;
        background: $panel;
    }
    """

    progress: reactive[str] = reactive("")
    reviewer: reactive[str] = reactive("")
    read_only: reactive[bool] = reactive(False)
    announcement: reactive[str] = reactive("")

    def render(self) -> Content:
        parts: list[str | tuple[str, str]] = [
            ("reltui", "bold"),
            " · ",
            (self.progress, "bold"),
            " · reviewer ",
            self.reviewer,
        ]
        if self.announcement:
            parts.extend([" · ", (self.announcement, "italic $text-success")])
        if self.read_only:
            parts.extend(["  ", (" READ-ONLY ", "bold reverse $text-error")])
        return Content.assemble(*parts)
