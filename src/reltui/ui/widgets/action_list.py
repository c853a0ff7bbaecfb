"""ActionList: next actions one a line (due day, contact, what to do), drawn line by line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.strip import Strip

from reltui.domain.actions import Action
from reltui.ui.widgets.contact_table import fit
from reltui.ui.widgets.cursor_list import CursorList, cursor_bindings

DUE_WIDTH = 10
STATE_WIDTH = 7
HEADER = f"{'Due':<{DUE_WIDTH}}  {'':<{STATE_WIDTH}}  Contact · next action"
BOLD = Style(bold=True)


@dataclass(frozen=True, slots=True)
class ActionLine:
    """One action as the list draws it; every string already made safe for the terminal."""

    action: Action
    name: str
    text: str
    # "overdue", "today", "done", "dropped" or "".
    label: str

    @property
    def contact_id(self) -> int:
        return self.action.contact_id


def label_of(action: Action, today: date) -> str:
    if not action.is_open:
        return action.state
    if action.due < today:
        return "overdue"
    return "today" if action.due == today else ""


ACTION_LIST_BINDINGS: list[Binding] = cursor_bindings("actions", "Open", "Open the contact")


class ActionList(CursorList[ActionLine]):
    """A header line, then one line per action; overdue ones marked, closed ones muted."""

    # No scrollbar: marking an action done changes the list's length, and Textual redraws a
    # scrollbar in a frame of its own after the rows (the title counts the actions instead).
    DEFAULT_CSS = """
    ActionList {
        scrollbar-size-vertical: 0;
    }
    ActionList > .action-list--header {
        text-style: bold;
        background: $panel;
    }
    ActionList > .action-list--cursor {
        background: $block-cursor-blurred-background;
    }
    ActionList:focus > .action-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    ActionList > .action-list--overdue {
        color: $text-warning;
        text-style: bold;
    }
    ActionList > .action-list--muted {
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES = {
        "action-list--header",
        "action-list--cursor",
        "action-list--overdue",
        "action-list--muted",
    }

    BINDINGS: ClassVar[list[BindingType]] = [*ACTION_LIST_BINDINGS]

    class Chosen(CursorList.Chosen):
        """The user chose an action's contact (enter or double click)."""

    def __init__(self, empty_text: str, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.empty_text = empty_text
        self.loaded = False

    def set_rows(self, rows: list[ActionLine], keep: str | None = None) -> None:
        """Show ``rows``; the cursor stays on the action with id ``keep`` if it is still there."""
        self.rows = rows
        self.loaded = True
        self._fit_virtual_size(self.size.width)
        ids = [row.action.id for row in rows]
        self.cursor_row = ids.index(keep) if keep in ids else min(self.cursor_row, len(rows) - 1)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"action-list--{name}")

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return Strip([Segment(fit(HEADER, width), base + self._style("header"))])
        line = round(self.scroll_y) + y - 1
        if line >= len(self.rows):
            text = self.empty_text if self.loaded and not self.rows and line == 0 else ""
            return Strip([Segment(fit(text, width), base + self._style("muted"))])
        row = self.rows[line]
        chosen = line == self.cursor_row
        style = base + self._style("cursor") if chosen else base
        muted = style if chosen else style + self._style("muted")
        closed = not row.action.is_open
        label_style = style + self._style("overdue") if row.label == "overdue" else muted
        lead = f"{row.action.due.isoformat():<{DUE_WIDTH}}  "
        label = f"{row.label:<{STATE_WIDTH}}  "
        room = max(width - len(lead) - len(label), 0)
        name = fit(row.name, room) if cell_len(row.name) > room else row.name
        text = f" · {row.text}"
        segments = [
            Segment(lead, muted),
            Segment(label, label_style),
            Segment(name, muted if closed else style + BOLD),
            Segment(fit(text, max(room - cell_len(name), 0)), muted if closed else style),
        ]
        return Strip(segments).crop(0, width).adjust_cell_length(width, style)
