"""PlanList: candidates and their next actions, drawn line by line so thousands cost a screenful."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.strip import Strip

from reltui.ui.rhythm_views import PlanRow
from reltui.ui.widgets.contact_table import fit
from reltui.ui.widgets.cursor_list import CursorList, cursor_bindings

WAITING_WIDTH = 9
SINCE_WIDTH = 10
# Actions start under the "since" column, which leaves them 60 columns at 80.
ACTION_INDENT = WAITING_WIDTH + 2
HEADER = f"{'Waiting':>{WAITING_WIDTH}}  {'Since':<{SINCE_WIDTH}}  Candidate · next actions"
# The cursor's colours must survive on the name, so under the cursor it is only made bold.
BOLD = Style(bold=True)
EMPTY_TEXT = "No candidates: nobody is one yes short of being a client."


PLAN_LIST_BINDINGS: list[Binding] = cursor_bindings("plans", "Review", "Review this candidate")


class PlanList(CursorList[PlanRow]):
    """A header line, then per candidate one line for who and since when, one per action."""

    DEFAULT_CSS = """
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

    class Chosen(CursorList.Chosen):
        """The user chose a candidate (enter or double click)."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.loaded = False
        # _tops[i] is the first line of row i; _tops[-1] is the number of lines.
        self._tops: list[int] = [0]

    def set_rows(self, rows: list[PlanRow]) -> None:
        """Show ``rows`` with the cursor on the first."""
        self.rows = rows
        self.loaded = True
        self._tops = list(accumulate((row.height for row in rows), initial=0))
        self._fit_virtual_size(self.size.width)
        self.cursor_row = 0

    def _line_count(self) -> int:
        return self._tops[-1]

    def _row_lines(self, row: int) -> tuple[int, int]:
        return self._tops[row], self._tops[row + 1]

    def _row_at(self, line: int) -> int:
        return bisect_right(self._tops, line) - 1

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
        if line >= self._line_count():
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
