"""CursorList: a header line over rows drawn line by line, with a keyboard and mouse cursor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView


class ChoosableRow(Protocol):
    """A row that stands for one contact, whose id ``Chosen`` carries."""

    @property
    def contact_id(self) -> int: ...


RowT = TypeVar("RowT", bound=ChoosableRow)


def cursor_bindings(prefix: str, choose: str, choose_tooltip: str) -> list[Binding]:
    """The movement and choose keys of a cursor list, with ids ``{prefix}-up`` and so on."""
    return [
        Binding("up,k", "move(-1)", "Up", show=False, id=f"{prefix}-up"),
        Binding("down,j", "move(1)", "Down", show=False, id=f"{prefix}-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id=f"{prefix}-page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id=f"{prefix}-page-down"),
        Binding("home", "move_to(0)", "First", show=False, id=f"{prefix}-first"),
        Binding("end", "move_to(-1)", "Last", show=False, id=f"{prefix}-last"),
        Binding("enter", "choose", choose, id=f"{prefix}-open", tooltip=choose_tooltip),
    ]


class CursorList(Generic[RowT], ScrollView, can_focus=True):
    """Line 0 is a header; below it each row takes one line unless a subclass says otherwise.

    Subclasses draw with ``render_line`` and, for rows taller than a line, override
    ``_line_count``, ``_row_lines`` and ``_row_at``. Each nests its own ``Chosen`` subclass,
    because screens tell the lists apart by message class and handler name.
    """

    DEFAULT_CSS = """
    CursorList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    """

    cursor_row: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Chosen(Message):
        """The user chose a row (enter or double click)."""

        contact_id: int

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.rows: list[RowT] = []

    @property
    def current(self) -> RowT | None:
        if 0 <= self.cursor_row < len(self.rows):
            return self.rows[self.cursor_row]
        return None

    # ---- layout hooks ----------------------------------------------------------------------

    def _line_count(self) -> int:
        """How many lines the rows take under the header."""
        return len(self.rows)

    def _row_lines(self, row: int) -> tuple[int, int]:
        """The body lines row ``row`` takes, as a half-open range."""
        return row, row + 1

    def _row_at(self, line: int) -> int:
        """The row drawn on body line ``line`` (0 = the first line under the header)."""
        return line

    def _fit_virtual_size(self, width: int) -> None:
        self.virtual_size = Size(width, self._line_count() + 1)

    # ---- moving ----------------------------------------------------------------------------

    def _visible_lines(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self.rows) - 1))

    def watch_cursor_row(self) -> None:
        top, visible = round(self.scroll_y), self._visible_lines()
        # An emptied list keeps its cursor on line 0, so it scrolls back to the top.
        start, end = self._row_lines(self.cursor_row) if self.rows else (0, 0)
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
        line = self._row_lines(self.cursor_row)[0] + direction * self._visible_lines()
        self.cursor_row = self._row_at(max(0, min(line, self._line_count() - 1)))

    def action_move_to(self, index: int) -> None:
        self.cursor_row = index if index >= 0 else len(self.rows) - 1

    def action_choose(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Chosen(row.contact_id))

    def on_resize(self, event: events.Resize) -> None:
        self._fit_virtual_size(event.size.width)
        self.watch_cursor_row()

    def on_click(self, event: events.Click) -> None:
        line = round(self.scroll_y) + event.y - 1
        if event.y < 1 or line >= self._line_count():
            return
        self.cursor_row = self._row_at(line)
        if event.chain >= 2:
            self.action_choose()
