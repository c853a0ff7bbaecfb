"""TouchForm: log a touch; one key picks the kind, the date is today unless typed."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import DescendantFocus, Key
from textual.widgets import Input, Label, Static

from reltui.domain.touches import TOUCH_KEYS, one_line, parse_day
from reltui.ui.keymap import key_of
from reltui.ui.screens.line_form import LineForm
from reltui.ui.widgets.quiet_input import quiet_input

TOUCH_BINDINGS: list[Binding] = [
    Binding("ctrl+s", "save", "Save", id="touch-save", tooltip="Log the touch"),
    Binding("escape", "cancel", "Cancel", id="touch-cancel", tooltip="Close without saving"),
]


class TouchEntry(NamedTuple):
    kind: str
    on: date
    note: str


def kinds_line(chosen: str) -> Content:
    """``c call  m meeting ...`` with the chosen kind highlighted."""
    parts: list[Content] = []
    for key, kind in TOUCH_KEYS.items():
        style = "reverse bold" if kind == chosen else ""
        parts.append(Content.assemble((key, "bold $text-accent"), " ", (kind, style)))
    return Content("  ").join(parts)


class TouchForm(LineForm[TouchEntry | None]):
    """Kind (one key), date and a one-line note; returns them, or ``None`` when cancelled."""

    # No text box has the focus as the form opens, so the kind keys reach the form.
    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[BindingType]] = [*TOUCH_BINDINGS]

    @property
    def saves(self) -> str:
        return f"enter or {key_of(self.app, 'touch-save', 'ctrl+s')} saves"

    @property
    def cancel(self) -> str:
        return key_of(self.app, "touch-cancel", "escape")

    def __init__(self, name: str, today: date) -> None:
        super().__init__()
        self.setup(name, today)

    def setup(self, name: str, today: date) -> None:
        """Start again for ``name`` (the app keeps the form between uses)."""
        self.contact_name = name
        self.today = today
        self.kind = ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content.assemble("Touch with ", (self.contact_name, "bold")))
            yield Static(kinds_line(""), id="touch-kinds")
            with Horizontal():
                yield Label("Date", classes="field-label")
                yield quiet_input(
                    placeholder=f"today, {self.today.isoformat()} (YYYY-MM-DD)",
                    id="touch-date",
                    compact=True,
                )
            with Horizontal():
                yield Label("Note", classes="field-label")
                yield quiet_input(placeholder="one line", id="touch-note", compact=True)
            yield Static("", id="touch-problem", classes="problem", markup=False)
            yield Static(
                f"a key picks the kind · {self.saves} · {self.cancel}",
                id="touch-hint",
                classes="hint",
                markup=False,
            )

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # Which box takes what is typed next, for a user typing ahead over a slow link.
        label = {"touch-date": "Date", "touch-note": "Note"}.get(event.widget.id or "")
        if label:
            self.query_one("#touch-hint", Static).update(f"{label} · {self.saves}")

    def on_key(self, event: Key) -> None:
        # The kind keys work while no text box has the focus (as the form opens).
        if isinstance(self.focused, Input) or event.character not in TOUCH_KEYS:
            return
        event.stop()
        event.prevent_default()
        self.choose(TOUCH_KEYS[event.character])

    def choose(self, kind: str) -> None:
        self.kind = kind
        self.query_one("#touch-kinds", Static).update(kinds_line(kind))
        self.query_one("#touch-problem", Static).update("")
        self.query_one("#touch-note", Input).focus()

    @on(Input.Submitted)
    def submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        problem = self.query_one("#touch-problem", Static)
        if not self.kind:
            self.set_focus(None)
            problem.update("choose a kind: " + ", ".join(f"{k} {v}" for k, v in TOUCH_KEYS.items()))
            return
        try:
            on = parse_day(self.query_one("#touch-date", Input).value, self.today)
        except ValueError as error:
            problem.update(str(error))
            self.query_one("#touch-date", Input).focus()
            return
        note = one_line(self.query_one("#touch-note", Input).value)
        self.dismiss(TouchEntry(self.kind, on, note))

    def action_cancel(self) -> None:
        self.dismiss(None)
