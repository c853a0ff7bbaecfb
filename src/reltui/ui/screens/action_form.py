"""ActionForm: what to do and by when, for a new next action or one being changed."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from reltui.domain.actions import action_text
from reltui.domain.touches import parse_day
from reltui.ui.keymap import key_of
from reltui.ui.screens.line_form import LineForm
from reltui.ui.widgets.quiet_input import quiet_input

ACTION_FORM_BINDINGS: list[Binding] = [
    Binding("ctrl+s", "save", "Save", id="action-form-save", tooltip="Save the action"),
    Binding("escape", "cancel", "Cancel", id="action-form-cancel", tooltip="Close, saving nothing"),
]


class ActionEntry(NamedTuple):
    text: str
    due: date


class ActionForm(LineForm[ActionEntry | None]):
    """A one-line text and a due day (YYYY-MM-DD); returns them, or ``None`` when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [*ACTION_FORM_BINDINGS]

    def __init__(
        self, name: str, text: str, due: date, today: date, *, due_only: bool = False
    ) -> None:
        super().__init__()
        self.setup(name, text, due, today, due_only=due_only)

    def setup(
        self, name: str, text: str, due: date, today: date, *, due_only: bool = False
    ) -> None:
        """Start again for ``name`` (the app keeps the form between uses)."""
        self.contact_name = name
        self.text = text
        self.due = due
        self.today = today
        self.due_only = due_only

    def compose(self) -> ComposeResult:
        heading = "Next action for " if not self.text else "Change the action for "
        with Vertical():
            yield Static(Content.assemble(heading, (self.contact_name, "bold")))
            with Horizontal():
                yield Label("Do", classes="field-label")
                yield quiet_input(
                    value=self.text,
                    placeholder="what to do, one line",
                    id="action-text",
                    compact=True,
                )
            with Horizontal():
                yield Label("Due", classes="field-label")
                yield quiet_input(
                    value=self.due.isoformat(),
                    placeholder="YYYY-MM-DD",
                    id="action-due",
                    compact=True,
                )
            yield Static("", id="action-problem", classes="problem", markup=False)
            save = key_of(self.app, "action-form-save", "ctrl+s")
            cancel = key_of(self.app, "action-form-cancel", "escape")
            yield Static(f"enter or {save} saves · {cancel} cancels", classes="hint", markup=False)

    def on_screen_resume(self) -> None:
        self.query_one("#action-due" if self.due_only else "#action-text", Input).focus()

    @on(Input.Submitted)
    def submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        problem = self.query_one("#action-problem", Static)
        try:
            text = action_text(self.query_one("#action-text", Input).value)
        except ValueError as error:
            problem.update(str(error))
            self.query_one("#action-text", Input).focus()
            return
        try:
            due = parse_day(self.query_one("#action-due", Input).value, self.due)
        except ValueError as error:
            problem.update(str(error))
            self.query_one("#action-due", Input).focus()
            return
        self.dismiss(ActionEntry(text, due))

    def action_cancel(self) -> None:
        self.dismiss(None)
