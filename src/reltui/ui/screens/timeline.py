"""TimelineScreen: a contact's whole story, newest first, scrolled with the page keys."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from reltui.domain.timeline import TimelineEntry
from reltui.ui.text import safe
from reltui.ui.widgets.footer import KeyFooter
from reltui.ui.widgets.notice_line import NoticeLine
from reltui.ui.widgets.pane import Pane
from reltui.ui.widgets.styles import MUTED
from reltui.ui.widgets.timeline_panel import TimelinePanel

TIMELINE_BINDINGS: list[Binding] = [
    Binding("escape,H", "close", "Close", id="timeline-close", tooltip="Back to where you were"),
    Binding("down,j", "scroll(1)", "Down", show=False, id="timeline-down"),
    Binding("up,k", "scroll(-1)", "Up", show=False, id="timeline-up"),
    Binding("pagedown", "page(1)", "Page down", show=False, id="timeline-page-down"),
    Binding("pageup", "page(-1)", "Page up", show=False, id="timeline-page-up"),
]


class TimelineScreen(Screen[None]):
    """Every review, status change, touch and edit of one contact."""

    AUTO_FOCUS = None
    BINDINGS: ClassVar[list[BindingType]] = [*TIMELINE_BINDINGS]

    DEFAULT_CSS = """
    TimelineScreen #timeline-heading {
        background: $panel;
        text-style: bold;
        padding: 0 1;
    }
    TimelineScreen #timeline-pane {
        padding: 0 1;
    }
    """

    def __init__(self, heading: str, entries: list[TimelineEntry]) -> None:
        super().__init__(id="timeline")
        self.heading = heading
        self.entries = entries

    def compose(self) -> ComposeResult:
        count = len(self.entries)
        heading = Content.assemble(
            safe(self.heading), (f" · {count} event{'s' if count != 1 else ''}", MUTED)
        )
        yield Static(heading, id="timeline-heading")
        with Pane(id="timeline-pane"):
            # Drawn like the review's timeline column: wrapped lines keep under their text.
            body = TimelinePanel(id="timeline-body", counted=False)
            body.set_reactive(TimelinePanel.view, tuple(self.entries))
            yield body
        yield NoticeLine()
        yield KeyFooter()

    def action_close(self) -> None:
        self.dismiss()

    def action_scroll(self, direction: int) -> None:
        self.query_one(Pane).scroll_relative(y=direction, animate=False)

    def action_page(self, direction: int) -> None:
        pane = self.query_one(Pane)
        if direction > 0:
            pane.scroll_page_down(animate=False)
        else:
            pane.scroll_page_up(animate=False)
