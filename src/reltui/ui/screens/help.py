"""HelpScreen: every key of every screen, generated from the bindings themselves."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reltui.ui.widgets.pane import Pane

HELP_BINDINGS: list[Binding] = [
    Binding("escape,question_mark,q", "close", "Close", id="help-close", tooltip="Close help"),
    Binding("down,j", "scroll(1)", "Down", show=False, id="help-down"),
    Binding("up,k", "scroll(-1)", "Up", show=False, id="help-up"),
]
KEY_WIDTH = 9


class HelpScreen(ModalScreen[None]):
    """Two columns: the review keys, then the list, search, summary and general keys."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > Pane {
        width: 100%;
        max-width: 110;
        height: auto;
        max-height: 100%;
        border: round $accent;
        border-title-align: center;
        background: $surface;
    }
    HelpScreen Horizontal {
        height: auto;
    }
    HelpScreen Static {
        width: 1fr;
        padding: 0 1;
    }
    """

    BINDINGS = HELP_BINDINGS

    def _section(self, title: str, bindings: Iterable[Binding]) -> Content:
        lines = [Content.styled(title, "bold $text-accent")]
        for binding in bindings:
            keys = " ".join(
                self.app.get_key_display(Binding(key.strip(), "")) for key in binding.key.split(",")
            )
            lines.append(
                Content.assemble(
                    (keys.ljust(KEY_WIDTH), "bold"), binding.tooltip or binding.description
                )
            )
        return Content("\n").join(lines)

    def compose(self) -> ComposeResult:
        from reltui.ui.app import APP_BINDINGS
        from reltui.ui.screens.contact_list import LIST_BINDINGS
        from reltui.ui.screens.review import REVIEW_BINDINGS
        from reltui.ui.screens.summary import SUMMARY_BINDINGS
        from reltui.ui.widgets.contact_table import ContactTable

        palette = Binding(self.app.COMMAND_PALETTE_BINDING, "", "Commands", tooltip="Commands")
        everywhere = [*APP_BINDINGS, palette]
        review = self._section("Review", REVIEW_BINDINGS)
        others = Content("\n\n").join(
            [
                self._section("Everywhere", everywhere),
                self._section("List (L)", [*LIST_BINDINGS, *ContactTable.BINDINGS]),
                self._section("Summary", SUMMARY_BINDINGS[:2]),
            ]
        )
        with Pane() as pane:
            pane.border_title = "Keys"
            with Horizontal():
                yield Static(review, id="help-review")
                yield Static(others, id="help-others")

    def action_close(self) -> None:
        self.dismiss()

    def action_scroll(self, direction: int) -> None:
        self.query_one(Pane).scroll_relative(y=direction * 3, animate=False)
