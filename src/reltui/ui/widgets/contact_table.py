"""ContactTable: a virtual table drawn line by line, so 100,000 contacts cost one screenful."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual.binding import Binding, BindingType
from textual.strip import Strip

from reltui.ui.contact_rows import ContactRow
from reltui.ui.widgets.cursor_list import CursorList, cursor_bindings

HEADERS = {
    "name": "Name",
    "company": "Company",
    "status": "Status",
    "reviewed": "Reviewed",
    "due": "Due",
    "touched": "Touch",
}
FIXED_WIDTHS = {"status": 11, "reviewed": 15, "due": 10, "touched": 5}


def fit(text: str, width: int) -> str:
    """``text`` padded or cut to exactly ``width`` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def column_widths(width: int) -> dict[str, int]:
    """How wide each column is in a table ``width`` cells wide (one space between columns).

    A narrow table first gives the reviewed column only a date's width, then drops the company
    (width 0) so a name stays readable.
    """
    fixed = dict(FIXED_WIDTHS)
    gaps = len(HEADERS) - 1
    flexible = width - sum(fixed.values()) - gaps
    if flexible < 30:
        fixed["reviewed"] = 10
        flexible = width - sum(fixed.values()) - gaps
    if flexible < 30:
        return {"name": max(flexible + 1, 10), "company": 0, **fixed}
    name = flexible // 2
    return {"name": name, "company": flexible - name, **fixed}


TABLE_BINDINGS: list[Binding] = cursor_bindings("table", "Open", "Review this contact")


class ContactTable(CursorList[ContactRow]):
    """A header line, then one line per row; only the visible lines are ever rendered."""

    DEFAULT_CSS = """
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

    class Chosen(CursorList.Chosen):
        """The user chose a row (enter or double click)."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.sort_column = "name"
        self.sort_reverse = False

    def set_rows(self, rows: list[ContactRow], keep: int | None = None) -> None:
        """Show ``rows``, keeping the cursor on contact ``keep`` when it is among them."""
        self.rows = rows
        self._fit_virtual_size(self.size.width)
        index = next((i for i, row in enumerate(rows) if row.contact_id == keep), 0)
        self.cursor_row = index
        self.refresh()

    # ---- drawing ---------------------------------------------------------------------------

    def _header(self, widths: dict[str, int]) -> str:
        cells = []
        for column, title in HEADERS.items():
            if column == self.sort_column:
                title += " ▼" if self.sort_reverse else " ▲"
            if widths[column]:
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
            Segment(fit(row.company, widths["company"]) + " " if widths["company"] else "", style),
            Segment(fit(row.status_label, widths["status"]) + " ", status_style),
            Segment(fit(row.reviewed or "never", widths["reviewed"]) + " ", muted),
            Segment(fit(row.due, widths["due"]) + " ", style),
            Segment(fit(row.touched, widths["touched"]), muted),
        ]
        return Strip(segments).adjust_cell_length(width, style)

    def refresh_rows(self) -> None:
        """Redraw after rows changed in place (a contact's status moved)."""
        self.refresh()
