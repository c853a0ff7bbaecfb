"""Text boxes that stay quiet on the wire: a blinking cursor sends bytes every half second."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


def quiet_input(*args: Any, **kwargs: Any) -> Input:
    """An ``Input`` whose cursor does not blink, so an idle box over SSH sends nothing."""
    text_box = Input(*args, **kwargs)
    text_box.cursor_blink = False
    return text_box
