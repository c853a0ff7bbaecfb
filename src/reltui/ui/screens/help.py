"""HelpScreen: every key of every screen, generated from the bindings themselves."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widget import Widget

from reltui.ui.keymap import with_user_keys
from reltui.ui.widgets.pane import Pane

HELP_BINDINGS: list[Binding] = [
    Binding("escape,question_mark,q", "close", "Close", id="help-close", tooltip="Close help"),
    Binding("down,j", "scroll(1)", "Down", show=False, id="help-down"),
    Binding("up,k", "scroll(-1)", "Up", show=False, id="help-up"),
]
KEY_WIDTH = 10
# Bindings of one action share a line in the help, under this description.
GROUPED = {
    "go_to_question": "Go to question 1-4",
    "undo": "Undo (several steps)",
    "scroll_panes": "Scroll card and questions",
    "back": "Back to the review",
    "sort": "Sort (again: reverse)",
    "move": "Move up / down",
    "page": "Page up / down",
    "move_to": "First / last row",
    "weeks": "Last 12 / 26 / 52 weeks",
}


def action_name(binding: Binding) -> str:
    return binding.action.split("(", 1)[0]


def key_names(app: App, binding: Binding) -> list[str]:
    """How each key of ``binding`` is shown (the Footer's own key display)."""
    return [app.get_key_display(Binding(key.strip(), "")) for key in binding.key.split(",")]


def help_rows(app: App, bindings: Iterable[Binding]) -> list[tuple[str, str]]:
    """(keys, description) per line; bindings of a grouped action are merged into one line."""
    rows: list[tuple[str, str]] = []
    where: dict[str, int] = {}
    for binding in bindings:
        name = action_name(binding)
        keys = " ".join(key_names(app, binding))
        if name in GROUPED and name in where:
            index = where[name]
            rows[index] = (f"{rows[index][0]} {keys}", rows[index][1])
            continue
        if name in GROUPED:
            where[name] = len(rows)
            rows.append((keys, GROUPED[name]))
        else:
            rows.append((keys, binding.tooltip or binding.description))
    return [(_short_keys(keys), description) for keys, description in rows]


def _short_keys(keys: str) -> str:
    """A run of digit keys too long for the key column as a range: ``1-6``."""
    names = keys.split()
    if len(keys) >= KEY_WIDTH and all(name.isdigit() for name in names):
        return f"{names[0]}-{names[-1]}"
    return keys


HelpSection = tuple[str, list[tuple[str, str]]]


def column_lines(sections: list[HelpSection], width: int) -> list[Content]:
    """The sections at ``width``: a description wraps under itself, never into the key column."""
    lines: list[Content] = []
    text_width = max(width - KEY_WIDTH, 10)
    for index, (title, rows) in enumerate(sections):
        if index:
            lines.append(Content(""))
        lines.append(Content.styled(title, "bold $text-accent"))
        for keys, description in rows:
            # A key list wider than its column takes a line of its own.
            wrapped = Content(description).wrap(text_width)
            if len(keys) >= KEY_WIDTH:
                lines.append(Content.styled(keys, "bold"))
                first = [Content(" " * KEY_WIDTH + wrapped[0].plain)]
            else:
                first = [Content.assemble((keys.ljust(KEY_WIDTH), "bold"), wrapped[0])]
            lines.extend(first)
            lines.extend(Content(" " * KEY_WIDTH) + line for line in wrapped[1:])
    return lines


class HelpColumn(Widget):
    """A column of help sections, drawn for its own width."""

    DEFAULT_CSS = """
    HelpColumn {
        height: auto;
    }
    """

    def __init__(self, sections: list[HelpSection], *, id: str) -> None:
        super().__init__(id=id)
        self.sections = sections

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(column_lines(self.sections, width))

    def render(self) -> Content:
        width = self.content_region.width or KEY_WIDTH * 8
        return Content("\n").join(column_lines(self.sections, width))


class HelpScreen(ModalScreen[None]):
    """Two columns: review, summary and trend keys; general, list and actions keys."""

    # Below 76 columns two columns would wrap most descriptions: one column instead.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (76, "-wide")]

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
    HelpScreen HelpColumn {
        width: 1fr;
        padding: 0 1;
    }
    HelpScreen.-narrow Horizontal {
        layout: vertical;
    }
    HelpScreen.-narrow HelpColumn {
        width: 100%;
    }
    HelpScreen.-narrow #help-others {
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [*HELP_BINDINGS]

    def _section(self, title: str, bindings: Iterable[Binding]) -> HelpSection:
        return (title, help_rows(self.app, with_user_keys(self.app, bindings)))

    def compose(self) -> ComposeResult:
        from reltui.ui.app_bindings import APP_BINDINGS
        from reltui.ui.screens.actions import ACTIONS_BINDINGS
        from reltui.ui.screens.contact_list import LIST_BINDINGS
        from reltui.ui.screens.review import REVIEW_BINDINGS
        from reltui.ui.screens.summary import SUMMARY_BINDINGS
        from reltui.ui.screens.trend import TREND_BINDINGS
        from reltui.ui.widgets.action_list import ACTION_LIST_BINDINGS
        from reltui.ui.widgets.contact_table import TABLE_BINDINGS

        everywhere = APP_BINDINGS
        action_open = [b for b in ACTION_LIST_BINDINGS if b.id == "actions-open"]
        review = [
            self._section("Review", REVIEW_BINDINGS),
            # q is under Everywhere already; one line less keeps 80x24 unscrolled.
            self._section("Summary", SUMMARY_BINDINGS[1:2]),
            self._section("Trend (T)", TREND_BINDINGS),
        ]
        others = [
            self._section("Everywhere", everywhere),
            self._section("List (L)", [*LIST_BINDINGS, *TABLE_BINDINGS]),
            self._section("Next actions (P, A)", [*ACTIONS_BINDINGS, *action_open]),
        ]
        close = with_user_keys(self.app, HELP_BINDINGS[:1])[0]
        with Pane() as pane:
            pane.border_title = "Keys"
            pane.border_subtitle = f"{' '.join(key_names(self.app, close))} closes"
            with Horizontal():
                yield HelpColumn(review, id="help-review")
                yield HelpColumn(others, id="help-others")

    def action_close(self) -> None:
        self.dismiss()

    def action_scroll(self, direction: int) -> None:
        self.query_one(Pane).scroll_relative(y=direction * 3, animate=False)
