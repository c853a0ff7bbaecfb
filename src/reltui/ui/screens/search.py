"""SearchScreen: fuzzy search by name, company or email; enter opens the highlighted contact."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reltui.ui.text import safe
from reltui.ui.widgets.quiet_input import quiet_input
from reltui.ui.widgets.styles import status_style

if TYPE_CHECKING:
    from reltui.ui.app import ReltuiApp

RESULTS = 20
SEARCH_BINDINGS: list[Binding] = [
    Binding("escape", "cancel", "Cancel", id="search-cancel", tooltip="Close the search"),
    Binding("down", "move(1)", "Next", show=False, id="search-down", tooltip="Next result"),
    Binding("up", "move(-1)", "Previous", show=False, id="search-up", tooltip="Previous result"),
]


class SearchScreen(ModalScreen[int | None]):
    """Type to search; returns the chosen contact id, or ``None`` when cancelled."""

    DEFAULT_CSS = """
    SearchScreen {
        align: center top;
    }
    SearchScreen > Vertical {
        width: 90%;
        max-width: 100;
        height: auto;
        max-height: 90%;
        margin-top: 1;
        border: round $accent;
        background: $surface;
    }
    SearchScreen Input, SearchScreen Input:focus {
        border: none;
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    SearchScreen OptionList {
        height: auto;
        max-height: 16;
        border: none;
    }
    SearchScreen #search-status {
        color: $text-muted;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [*SEARCH_BINDINGS]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield quiet_input(placeholder="Name, company or email", id="search-input")
            yield Static("Type to search", id="search-status")
            yield OptionList(id="search-results")

    @property
    def reltui(self) -> ReltuiApp:
        return cast("ReltuiApp", self.app)

    @on(Input.Changed)
    def query_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        app = self.reltui
        hits = app.contact_search().search(query, RESULTS)
        if get_current_worker().is_cancelled:
            return
        options = []
        # Emails make a result wrap at 80 columns; show them when the user searches by one.
        with_email = "@" in query
        for hit in hits:
            contact = app.store.contact(hit.contact_id)
            status = app.store.state(hit.contact_id).status
            prompt = Content.assemble(
                (safe(contact.name) or "(no name)", "bold"),
                "  ",
                (safe(contact.company), "$text-muted"),
                "  ",
                (str(status), status_style(status)),
            )
            if with_email:
                prompt = Content.assemble(prompt, "  ", (safe(contact.email), "$text-muted"))
            options.append(Option(prompt, id=str(hit.contact_id)))
        self.app.call_from_thread(self._show, query, options)

    def _show(self, query: str, options: list[Option]) -> None:
        # A search for an earlier prefix can finish after a later one on a busy machine: only
        # the results for what the box holds now are shown.
        if not self.is_attached or query != self.query_one("#search-input", Input).value:
            return
        results = self.query_one(OptionList)
        results.clear_options()
        results.add_options(options)
        if options:
            results.highlighted = 0
        status = self.query_one("#search-status", Static)
        if not query.strip():
            status.update("Type to search")
        else:
            count = len(options)
            status.update(Content(f"{count} match{'es' if count != 1 else ''} · enter opens"))

    def action_move(self, delta: int) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            current = results.highlighted if results.highlighted is not None else -delta
            results.highlighted = max(0, min(current + delta, results.option_count - 1))

    @on(Input.Submitted)
    def open_highlighted(self) -> None:
        results = self.query_one(OptionList)
        if results.highlighted is not None:
            option = results.get_option_at_index(results.highlighted)
            self.dismiss(int(option.id or 0))

    @on(OptionList.OptionSelected)
    def open_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)
