"""ContactForm: add or edit a contact; ctrl+s saves, a bad value is named beside its field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from reltui.domain.contact_rules import form_problems
from reltui.domain.edits import EDITABLE_FIELDS
from reltui.ui.keymap import key_of
from reltui.ui.widgets.quiet_input import quiet_input

LABELS = {
    "name": "Name",
    "email": "Email",
    "company": "Company",
    "position": "Position",
    "phone": "Phone",
    "tags": "Tags",
    "notes": "Notes",
}
PLACEHOLDERS = {"name": "required", "tags": "separated by commas"}

FORM_BINDINGS: list[Binding] = [
    Binding("ctrl+s", "save", "Save", id="form-save", tooltip="Save the form"),
    Binding("escape", "cancel", "Cancel", id="form-cancel", tooltip="Close without saving"),
]

# Saves the values; returns a message for each field it refused (empty when saved).
Submit = Callable[[dict[str, str]], Mapping[str, str]]


class ContactForm(ModalScreen[bool]):
    """Name, email, company, position, phone, tags and notes; returns True once saved."""

    DEFAULT_CSS = """
    ContactForm {
        align: center middle;
    }
    ContactForm > Vertical {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        padding: 0 1;
        background: $surface;
    }
    ContactForm Horizontal {
        height: auto;
    }
    ContactForm .field-label {
        width: 10;
        padding-top: 0;
    }
    ContactForm Input {
        width: 1fr;
    }
    ContactForm TextArea {
        width: 1fr;
        height: 5;
    }
    ContactForm .problem {
        color: $text-error;
        padding-left: 10;
        display: none;
    }
    ContactForm .problem.-shown {
        display: block;
    }
    ContactForm .hint {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [*FORM_BINDINGS]

    @property
    def hint(self) -> str:
        """The keys of the form, as the user has them."""
        save, cancel = (
            key_of(self.app, "form-save", "ctrl+s"),
            key_of(self.app, "form-cancel", "escape"),
        )
        return f"tab next field · {save} saves · {cancel} cancels"

    def __init__(self, heading: Content, values: Mapping[str, str], submit: Submit) -> None:
        super().__init__()
        self.setup(heading, values, submit)

    def setup(self, heading: Content, values: Mapping[str, str], submit: Submit) -> None:
        """Start again with ``values`` (the app keeps the form between uses)."""
        self.heading = heading
        self.values = dict(values)
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, id="form-heading")
            for name in EDITABLE_FIELDS:
                with Horizontal():
                    yield Label(LABELS[name], classes="field-label")
                    value = self.values.get(name, "")
                    if name == "notes":
                        area = TextArea(value, id="field-notes", soft_wrap=True, compact=True)
                        area.cursor_blink = False
                        yield area
                    else:
                        yield quiet_input(
                            value,
                            placeholder=PLACEHOLDERS.get(name, ""),
                            id=f"field-{name}",
                            compact=True,
                        )
                yield Static("", id=f"problem-{name}", classes="problem", markup=False)
            yield Static(self.hint, id="form-hint", classes="hint", markup=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Which field takes what is typed next, for a user typing ahead over a slow link.
        name = (event.widget.id or "").removeprefix("field-")
        if name in LABELS:
            self.query_one("#form-hint", Static).update(f"{LABELS[name]} · {self.hint}")

    def form_values(self) -> dict[str, str]:
        """What each field holds now."""
        values = {}
        for name in EDITABLE_FIELDS:
            if name == "notes":
                values[name] = self.query_one("#field-notes", TextArea).text
            else:
                values[name] = self.query_one(f"#field-{name}", Input).value
        return values

    def show_problems(self, problems: Mapping[str, str]) -> None:
        """A message beside each refused field; the first of them takes the focus."""
        for name in EDITABLE_FIELDS:
            line = self.query_one(f"#problem-{name}", Static)
            line.update(problems.get(name, ""))
            line.set_class(name in problems, "-shown")
        first = next((name for name in EDITABLE_FIELDS if name in problems), None)
        if first is not None:
            self.query_one(f"#field-{first}").focus()

    @on(Input.Submitted)
    def submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        values = self.form_values()
        problems = form_problems(values) or self.submit(values)
        if problems:
            self.show_problems(problems)
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
