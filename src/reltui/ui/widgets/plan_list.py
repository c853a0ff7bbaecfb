"""PlanList: candidates and their next actions, drawn line by line so thousands cost a screenful."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reltui.ui.rhythm_views import PlanRow
from reltui.ui.widgets.contact_table import fit

WAITING_WIDTH = 9
SINCE_WIDTH = 10
# Actions start under the "since" column, which leaves them 60 columns at 80.
ACTION_INDENT = WAITING_WIDTH + 2
HEADER = f"{'Waiting':>{WAITING_WIDTH}}  {'Since':<{SINCE_WIDTH}}  Candidate · next actions"
# The cursor's colours must survive on the name, so under the cursor it is only made bold.
BOLD = Style(bold=True)
EMPTY_TEXT = "No candidates: nobody is one yes short of being a client."


PLAN_LIST_BINDINGS: list[Binding] = [
    Binding("up,k", "move(-1)", "Up", show=False, id="plans-up"),
    Binding("down,j", "move(1)", "Down", show=False, id="plans-down"),
    Binding("pageup", "page(-1)", "Page up", show=False, id="plans-page-up"),
    Binding("pagedown", "page(1)", "Page down", show=False, id="plans-page-down"),
    Binding("home", "move_to(0)", "First", show=False, id="plans-first"),
    Binding("end", "move_to(-1)", "Last", show=False, id="plans-last"),
    Binding("enter", "choose", "Review", id="plans-open", tooltip="Review this candidate"),
]


class PlanList(ScrollView, can_focus=True):
    """A header line, then per candidate one line for who and since when, one per action."""

    DEFAULT_CSS = """
    PlanList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    PlanList > .plan-list--header {
        text-style: bold;
        background: $panel;
    }
    PlanList > .plan-list--cursor {
        background: $block-cursor-blurred-background;
    }
    PlanList:focus > .plan-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    PlanList > .plan-list--name {
        text-style: bold;
    }
    PlanList > .plan-list--muted {
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES = {
        "plan-list--header",
        "plan-list--cursor",
        "plan-list--name",
        "plan-list--muted",
    }

    BINDINGS: ClassVar[list[BindingType]] = [*PLAN_LIST_BINDINGS]

    cursor_row: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Chosen(Message):
        """The user chose a candidate (enter or double click)."""

        contact_id: int

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.rows: list[PlanRow] = []
        self.loaded = False
        # _tops[i] is the first line of row i; _tops[-1] is the number of lines.
        self._tops: list[int] = [0]

    def set_rows(self, rows: list[PlanRow]) -> None:
        """Show ``rows`` with the cursor on the first."""
        self.rows = rows
        self.loaded = True
        self._tops = list(accumulate((row.height for row in rows), initial=0))
        self.virtual_size = Size(self.size.width, self._tops[-1] + 1)
        self.cursor_row = 0

    @property
    def current(self) -> PlanRow | None:
        if 0 <= self.cursor_row < len(self.rows):
            return self.rows[self.cursor_row]
        return None

    def _row_at(self, line: int) -> int:
        """The row drawn on body line ``line`` (0 = the first line under the header)."""
        return bisect_right(self._tops, line) - 1

    # ---- moving ----------------------------------------------------------------------------

    def _visible_lines(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self.rows) - 1))

    def watch_cursor_row(self) -> None:
        if not self.rows:
            return
        top, visible = round(self.scroll_y), self._visible_lines()
        start, end = self._tops[self.cursor_row], self._tops[self.cursor_row + 1]
        if start < top:
            self.scroll_to(y=start, animate=False, immediate=True)
        elif end > top + visible:
            self.scroll_to(y=min(start, end - visible), animate=False, immediate=True)
        self.refresh()

    def action_move(self, delta: int) -> None:
        self.cursor_row += delta

    def action_page(self, direction: int) -> None:
        if not self.rows:
            return
        line = self._tops[self.cursor_row] + direction * self._visible_lines()
        self.cursor_row = self._row_at(max(0, min(line, self._tops[-1] - 1)))

    def action_move_to(self, index: int) -> None:
        self.cursor_row = index if index >= 0 else len(self.rows) - 1

    def action_choose(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Chosen(row.contact_id))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self._tops[-1] + 1)
        self.watch_cursor_row()

    def on_click(self, event: events.Click) -> None:
        line = round(self.scroll_y) + event.y - 1
        if event.y < 1 or line >= self._tops[-1]:
            return
        self.cursor_row = self._row_at(line)
        if event.chain >= 2:
            self.action_choose()

    # ---- drawing ---------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"plan-list--{name}")

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            header = base + self._style("header")
            return Strip([Segment(fit(HEADER, width), header)])
        line = round(self.scroll_y) + y - 1
        if line >= self._tops[-1]:
            text = EMPTY_TEXT if self.loaded and not self.rows and line == 0 else ""
            return Strip([Segment(fit(text, width), base + self._style("muted"))])
        index = self._row_at(line)
        row, part = self.rows[index], line - self._tops[index]
        chosen = index == self.cursor_row
        style = base + self._style("cursor") if chosen else base
        muted = style if chosen else style + self._style("muted")
        if part:
            action = fit(f"{' ' * ACTION_INDENT}→ {row.actions[part - 1]}", width)
            return Strip([Segment(action, style)])
        lead = f"{row.waiting:>{WAITING_WIDTH}}  {row.since:<{SINCE_WIDTH}}  "
        room = max(width - len(lead), 0)
        name = fit(row.name, room) if cell_len(row.name) > room else row.name
        company = fit(f" · {row.company}", room - cell_len(name)) if row.company else ""
        segments = [
            Segment(lead, muted),
            Segment(name, style + (BOLD if chosen else self._style("name"))),
            Segment(company, muted),
        ]
        return Strip(segments).crop(0, width).adjust_cell_length(width, style)
