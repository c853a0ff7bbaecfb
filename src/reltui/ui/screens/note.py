"""NoteScreen: write a note on the current review, over several lines; ctrl+s saves."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from reltui.ui.keymap import key_of

NOTE_BINDINGS: list[Binding] = [
    Binding("ctrl+s", "save", "Save", id="note-save", tooltip="Save the note"),
    Binding("escape", "cancel", "Cancel", id="note-cancel", tooltip="Close without saving"),
]


class NoteScreen(ModalScreen[str | None]):
    """A note of any number of lines; returns the text, or ``None`` when cancelled."""

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
    NoteScreen TextArea {
        height: 8;
    }
    NoteScreen .hint {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [*NOTE_BINDINGS]

    def __init__(self, name: str, note: str) -> None:
        super().__init__()
        self.setup(name, note)

    def setup(self, name: str, note: str) -> None:
        """Start again for ``name`` (the app keeps the form between uses)."""
        self.contact_name = name
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content.assemble("Review note on ", (self.contact_name, "bold")))
            area = TextArea(self.note, id="note-input", soft_wrap=True, compact=True)
            area.cursor_blink = False
            area.placeholder = "What to remember next time"
            yield area
            save, cancel = (
                key_of(self.app, "note-save", "ctrl+s"),
                key_of(self.app, "note-cancel", "escape"),
            )
            hint = f"enter starts a new line · {save} saves · {cancel} cancels"
            yield Static(hint, classes="hint", markup=False)

    def on_screen_resume(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
