"""ContactTable: a virtual table drawn line by line, so 100,000 contacts cost one screenful."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reltui.ui.contact_rows import ContactRow

HEADERS = {
    "name": "Name",
    "company": "Company",
    "status": "Status",
    "reviewed": "Reviewed",
    "due": "Due",
}
FIXED_WIDTHS = {"status": 11, "reviewed": 10, "due": 10}


def fit(text: str, width: int) -> str:
    """``text`` padded or cut to exactly ``width`` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def column_widths(width: int) -> dict[str, int]:
    """How wide each column is in a table ``width`` cells wide (one space between columns)."""
    flexible = max(width - sum(FIXED_WIDTHS.values()) - (len(HEADERS) - 1), 20)
    name = flexible * 11 // 20
    return {"name": name, "company": flexible - name, **FIXED_WIDTHS}


TABLE_BINDINGS: list[Binding] = [
    Binding("up,k", "move(-1)", "Up", show=False, id="table-up"),
    Binding("down,j", "move(1)", "Down", show=False, id="table-down"),
    Binding("pageup", "page(-1)", "Page up", show=False, id="table-page-up"),
    Binding("pagedown", "page(1)", "Page down", show=False, id="table-page-down"),
    Binding("home", "move_to(0)", "First", show=False, id="table-first"),
    Binding("end", "move_to(-1)", "Last", show=False, id="table-last"),
    Binding("enter", "choose", "Open", id="table-open", tooltip="Review this contact"),
]


class ContactTable(ScrollView, can_focus=True):
    """A header line, then one line per row; only the visible lines are ever rendered."""

    DEFAULT_CSS = """
    ContactTable {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    ContactTable > .contact-table--header {
        text-style: bold;
        background: $panel;
    }
    ContactTable > .contact-table--cursor {
        background: $block-cursor-blurred-background;
    }
    ContactTable:focus > .contact-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    ContactTable > .contact-table--at-risk {
        color: $text-error;
        text-style: bold;
    }
    ContactTable > .contact-table--muted {
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES = {
        "contact-table--header",
        "contact-table--cursor",
        "contact-table--at-risk",
        "contact-table--muted",
    }

    BINDINGS: ClassVar[list[BindingType]] = [*TABLE_BINDINGS]

    cursor_row: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Chosen(Message):
        """The user chose a row (enter or double click)."""

        contact_id: int

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.rows: list[ContactRow] = []
        self.sort_column = "name"
        self.sort_reverse = False

    # ---- data ------------------------------------------------------------------------------

    def set_rows(self, rows: list[ContactRow], keep: int | None = None) -> None:
        """Show ``rows``, keeping the cursor on contact ``keep`` when it is among them."""
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        index = next((i for i, row in enumerate(rows) if row.contact_id == keep), 0)
        self.cursor_row = index
        self.refresh()

    @property
    def current(self) -> ContactRow | None:
        if 0 <= self.cursor_row < len(self.rows):
            return self.rows[self.cursor_row]
        return None

    # ---- moving ----------------------------------------------------------------------------

    def _visible_rows(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self.rows) - 1))

    def watch_cursor_row(self) -> None:
        top = round(self.scroll_y)
        visible = self._visible_rows()
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, immediate=True)
        self.refresh()

    def action_move(self, delta: int) -> None:
        self.cursor_row += delta

    def action_page(self, direction: int) -> None:
        self.cursor_row += direction * self._visible_rows()

    def action_move_to(self, index: int) -> None:
        self.cursor_row = index if index >= 0 else len(self.rows) - 1

    def action_choose(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Chosen(row.contact_id))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows) + 1)
        self.watch_cursor_row()

    def on_click(self, event: events.Click) -> None:
        if event.y < 1:
            return
        index = round(self.scroll_y) + event.y - 1
        if index < len(self.rows):
            self.cursor_row = index
            if event.chain >= 2:
                self.action_choose()

    # ---- drawing ---------------------------------------------------------------------------

    def _header(self, widths: dict[str, int]) -> str:
        cells = []
        for column, title in HEADERS.items():
            if column == self.sort_column:
                title += " ▼" if self.sort_reverse else " ▲"
            cells.append(fit(title, widths[column]))
        return " ".join(cells)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        widths = column_widths(width)
        base = self.rich_style
        if y == 0:
            header = base + self.get_component_rich_style("contact-table--header")
            return Strip([Segment(self._header(widths), header)]).adjust_cell_length(width, header)
        index = round(self.scroll_y) + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        style = base
        if index == self.cursor_row:
            style = base + self.get_component_rich_style("contact-table--cursor")
        status_style = muted = style
        if row.at_risk:
            status_style = style + self.get_component_rich_style("contact-table--at-risk")
        if index != self.cursor_row:
            muted = style + self.get_component_rich_style("contact-table--muted")
        segments = [
            Segment(fit(row.name, widths["name"]) + " ", style),
            Segment(fit(row.company, widths["company"]) + " ", style),
            Segment(fit(row.status_label, widths["status"]) + " ", status_style),
            Segment(fit(row.reviewed or "never", widths["reviewed"]) + " ", muted),
            Segment(fit(row.due, widths["due"]), style),
        ]
        return Strip(segments).adjust_cell_length(width, style)

    def refresh_rows(self) -> None:
        """Redraw after rows changed in place (a contact's status moved)."""
        self.refresh()
