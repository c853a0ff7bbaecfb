"""NoticeLine: what a key just did, on one line above the footer, for a few seconds."""

from __future__ import annotations

from typing import NamedTuple

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from reltui.ui.text import safe

# Below the foot of the screen (the line sits one row above its edge).
OUT_OF_SIGHT = 2
SEVERITY_STYLES = {"error": "bold $text-error", "warning": "bold $text-warning"}


class Notice(NamedTuple):
    """One notice: its text (shown literally), its severity and a title, if any."""

    text: str
    severity: str = "information"
    title: str = ""


class NoticeLine(Widget):
    """The newest notice across the screen's foot, over what is there; hidden when none.

    Textual's toasts mount a bordered box per notice and lay the screen out again as each one
    comes and goes, a few frames after the key that caused it; over a slow link each of those
    frames is sent in full. A line of the notice's own width over the foot of the screen is
    drawn in the same frame as the change it reports.
    """

    DEFAULT_CSS = """
    NoticeLine {
        layer: _toastrack;
        dock: bottom;
        margin-bottom: 1;
        width: 100%;
        height: 1;
        background: $panel-lighten-1;
        offset-y: 2;
    }
    """

    notice: reactive[Notice | None] = reactive(None)

    def on_mount(self) -> None:
        self.app.screen_change_signal.subscribe(self, self._screen_changed)
        self.notice = getattr(self.app, "current_notice", None)

    def _screen_changed(self, screen: object) -> None:
        # A notice given while a form covered this screen shows as the screen comes back.
        if screen is self.screen:
            self.notice = getattr(self.app, "current_notice", None)

    def watch_notice(self, notice: Notice | None) -> None:
        # Moved below the screen's edge rather than hidden or shrunk: Textual lays a widget
        # out twice, in two frames, when its size changes, and a hidden one has no size.
        self.styles.offset = (0, 0 if notice is not None else OUT_OF_SIGHT)

    def render(self) -> Content:
        notice = self.notice
        if notice is None:
            return Content("")
        text = safe(" ".join(notice.text.split()))
        style = SEVERITY_STYLES.get(notice.severity, "")
        title = f"{safe(notice.title)}: " if notice.title else ""
        return Content.assemble(" ", (title, "bold"), (text, style), " ")
