"""TimelinePanel: the contact's timeline beside the card, on a terminal wide enough for it."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive

from reltui.domain.timeline import REVIEW, STATUS, TOUCH, TimelineEntry
from reltui.ui.text import safe
from reltui.ui.widgets.lines import LineCached
from reltui.ui.widgets.styles import MUTED

KIND_STYLES = {REVIEW: "bold", STATUS: "bold $text-accent", TOUCH: "$text-success"}
INDENT = " " * 12


def entry_lines(entry: TimelineEntry) -> list[Content]:
    """An entry as the screens show it: the day and title, then its details indented."""
    title = Content.styled(safe(entry.title), KIND_STYLES.get(entry.kind, ""))
    lines = [Content.assemble((f"{entry.day.isoformat()}  ", MUTED), title)]
    lines.extend(Content(INDENT + safe(line)) for line in entry.details)
    return lines


class TimelinePanel(LineCached):
    """Every review, status change, touch, edit and next action of the current contact."""

    DEFAULT_CSS = """
    TimelinePanel {
        height: auto;
    }
    """

    view: reactive[tuple[TimelineEntry, ...] | None] = reactive(None)

    def __init__(self, *, id: str | None = None, counted: bool = True) -> None:  # noqa: A002
        super().__init__(id=id)
        # The timeline screen counts the events in its heading; the review's column here.
        self.counted = counted

    def lines_at(self, width: int) -> list[Content]:
        # A column is narrower than the timeline screen: wrapped lines keep under their text,
        # so the dates stay alone at the left edge.
        inner = max(width - len(INDENT), 10)
        lines: list[Content] = []
        for line in self.content_lines():
            if line.plain.startswith(INDENT):
                lines.extend(Content(INDENT) + part for part in line[len(INDENT) :].wrap(inner))
                continue
            first = line.wrap(max(width, 1))[0]
            lines.append(first)
            rest = line[len(first.plain) :]
            if rest.plain.strip():
                rest = rest[len(rest.plain) - len(rest.plain.lstrip()) :]
                lines.extend(Content(INDENT) + part for part in rest.wrap(inner))
        return lines

    def content_lines(self) -> list[Content]:
        if self.view is None:
            return []  # no current contact: the queue is done
        count = len(self.view)
        lines: list[Content] = []
        if self.counted:
            lines.append(
                Content.styled(f"timeline · {count} event{'s' if count != 1 else ''}", MUTED)
            )
        for entry in self.view:
            lines.extend(entry_lines(entry))
        if not self.view:
            lines.append(Content.styled("Nothing recorded yet: no review, touch or edit.", MUTED))
        return lines
