"""LineForm: the look the small one-line forms share (a touch, a next action)."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

ResultT = TypeVar("ResultT")


class LineForm(ModalScreen[ResultT]):
    """A centred box of labelled one-line fields, a problem line and a hint.

    Subclasses compose a ``Vertical`` of ``Horizontal`` rows (a ``.field-label`` ``Label`` and an
    ``Input`` each), a ``Static`` with class ``problem`` and one with class ``hint``.
    """

    DEFAULT_CSS = """
    LineForm {
        align: center middle;
    }
    LineForm > Vertical {
        width: 70;
        max-width: 100%;
        height: auto;
        border: round $accent;
        padding: 0 1;
        background: $surface;
    }
    LineForm Horizontal {
        height: auto;
    }
    LineForm .field-label {
        width: 6;
    }
    LineForm Input {
        width: 1fr;
    }
    LineForm .problem {
        color: $text-error;
    }
    LineForm .hint {
        color: $text-muted;
    }
    """
