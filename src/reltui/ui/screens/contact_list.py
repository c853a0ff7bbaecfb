"""ContactListScreen: every contact in a virtual table, filtered by status and text, sortable."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Input, Static

from reltui.ui.contact_actions import CONTACT_BINDINGS, CONTACT_WRITING_ACTIONS, ContactActions
from reltui.ui.contact_rows import COLUMNS, STATUS_FILTERS, ContactRow
from reltui.ui.keymap import key_of
from reltui.ui.one_frame import redraw_in_one_frame
from reltui.ui.widgets.contact_table import HEADERS, ContactTable
from reltui.ui.widgets.footer import KeyFooter
from reltui.ui.widgets.notice_line import NoticeLine
from reltui.ui.widgets.quiet_input import quiet_input

if TYPE_CHECKING:
    pass

LIST_BINDINGS: list[Binding] = [
    Binding("escape", "back", "Back", id="list-back", tooltip="Back to the review"),
    Binding("L", "back", "Review", show=False, id="list-close", tooltip="Back to the review"),
    Binding("slash", "focus_filter", "Filter", id="list-filter", tooltip="Type to filter"),
    Binding(
        "down", "focus_table", "Table", show=False, id="list-to-table", tooltip="Go to the table"
    ),
    Binding("f", "cycle_status", "Status", id="list-status", tooltip="Cycle the status filter"),
    *(
        Binding(
            str(number),
            f"sort('{column}')",
            f"Sort {HEADERS[column].lower()}",
            show=False,
            id=f"sort-{column}",
            tooltip=f"Sort by {HEADERS[column].lower()} (again: reverse)",
        )
        for number, column in enumerate(COLUMNS, start=1)
    ),
    *CONTACT_BINDINGS,
]


class ContactListScreen(ContactActions):
    """The table of all contacts; enter reviews the contact under the cursor."""

    AUTO_FOCUS = "#contact-table"
    BINDINGS: ClassVar[list[BindingType]] = [*LIST_BINDINGS]

    status_filter: reactive[str] = reactive("all", init=False)
    text_filter: reactive[str] = reactive("", init=False)
    sort_column: reactive[str] = reactive("name", init=False)
    sort_reverse: reactive[bool] = reactive(False, init=False)

    def __init__(self, current_id: int | None = None) -> None:
        super().__init__(id="contact-list")
        self.keep_id = current_id
        self.total = 0
        self.shown = 0
        self._generation = 0

    def compose(self) -> ComposeResult:
        yield Static("Loading contacts…", id="list-status-line")
        key = key_of(self.app, "list-filter", "/")
        yield quiet_input(placeholder=f"{key} filter by name, company or email", id="list-search")
        yield ContactTable(id="contact-table")
        yield NoticeLine()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_view()

    def on_screen_resume(self) -> None:
        # A form over this screen may have changed what it shows: one frame for all of it.
        redraw_in_one_frame(self)

    # ---- the view --------------------------------------------------------------------------

    def watch_status_filter(self) -> None:
        self.refresh_view()

    def watch_text_filter(self) -> None:
        self.refresh_view()

    def watch_sort_column(self) -> None:
        self.refresh_view()

    def watch_sort_reverse(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        self._generation += 1
        self._compute(
            self._generation,
            self.status_filter,
            self.text_filter,
            self.sort_column,
            self.sort_reverse,
        )

    @work(thread=True, exclusive=True, group="contact-list")
    def _compute(self, generation: int, status: str, text: str, column: str, reverse: bool) -> None:
        contact_rows = self.reltui.contact_rows()
        rows = contact_rows.view(status, text, column, reverse)
        self.app.call_from_thread(self._show, generation, rows, len(contact_rows.rows))

    def _show(self, generation: int, rows: list[ContactRow], total: int) -> None:
        # A slower, older computation must not overwrite a newer one.
        if generation != self._generation or not self.is_attached:
            return
        table = self.query_one(ContactTable)
        table.sort_column, table.sort_reverse = self.sort_column, self.sort_reverse
        current = table.current
        keep = (
            self.keep_id if self.keep_id is not None else (current.contact_id if current else None)
        )
        self.keep_id = None
        table.set_rows(rows, keep=keep)
        self.total, self.shown = total, len(rows)
        self._update_status_line()

    def _update_status_line(self) -> None:
        arrow = "▼" if self.sort_reverse else "▲"
        line = Content.assemble(
            (f"{self.shown:,}", "bold"),
            f" of {self.total:,} contacts · status ",
            (self.status_filter, "bold"),
            f" (f) · sort {self.sort_column} {arrow} (1-6) · ! at risk",
        )
        self.query_one("#list-status-line", Static).update(line)

    # ---- keys ------------------------------------------------------------------------------

    @on(Input.Changed, "#list-search")
    def filter_changed(self, event: Input.Changed) -> None:
        self.text_filter = event.value

    @on(Input.Submitted, "#list-search")
    def filter_submitted(self) -> None:
        self.query_one(ContactTable).focus()

    @on(ContactTable.Chosen)
    def open_contact(self, event: ContactTable.Chosen) -> None:
        self.reltui.open_contact(event.contact_id)

    def action_focus_table(self) -> None:
        self.query_one(ContactTable).focus()

    def action_focus_filter(self) -> None:
        self.query_one("#list-search", Input).focus()

    def action_cycle_status(self) -> None:
        index = STATUS_FILTERS.index(self.status_filter)
        self.status_filter = STATUS_FILTERS[(index + 1) % len(STATUS_FILTERS)]

    def action_sort(self, column: str) -> None:
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # False hides the key from the footer; pressed, it says why it does nothing.
        return not (action in CONTACT_WRITING_ACTIONS and self.reltui.store.read_only)

    def action_contact_id(self) -> int | None:
        current = self.query_one(ContactTable).current
        return current.contact_id if current is not None else None

    def contact_saved(self, contact_id: int, *, added: bool = False) -> None:
        self.keep_id = contact_id
        self.refresh_view()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one(ContactTable).focus()
        else:
            self.dismiss()
