"""NoteScreen: write a note on the current review; enter saves, escape cancels."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reltui.ui.widgets.quiet_input import quiet_input

NOTE_BINDINGS: list[Binding] = [
    Binding("escape", "cancel", "Cancel", id="note-cancel", tooltip="Close without saving"),
]


class NoteScreen(ModalScreen[str | None]):
    """A one-line note; returns the text, or ``None`` when cancelled."""

    DEFAULT_CSS = """
    NoteScreen {
        align: center middle;
    }
    NoteScreen > Vertical {
        width: 70;
        max-width: 100%;
        height: auto;
        border: round $accent;
        padding: 0 1;
        background: $surface;
    }
    NoteScreen .hint {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [*NOTE_BINDINGS]

    def __init__(self, name: str, note: str) -> None:
        super().__init__()
        self.contact_name = name
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content.assemble("Note on ", (self.contact_name, "bold")))
            yield quiet_input(self.note, placeholder="What to remember next time", id="note-input")
            yield Static("enter saves · escape cancels", classes="hint")

    @on(Input.Submitted)
    def save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
