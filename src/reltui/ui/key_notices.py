"""A key that does nothing on a screen says why in one line (read-only, nothing to undo)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from reltui.ui.keymap import bound_keys

if TYPE_CHECKING:
    from reltui.ui.app import ReltuiApp


def _typing_into(widget: object) -> bool:
    """Whether ``widget`` takes typed text: an Input, or a TextArea (whose module, slow to
    import, is loaded by the forms that use one, so none can have the focus before)."""
    text_area = sys.modules.get("textual.widgets._text_area")
    return isinstance(widget, Input) or (
        text_area is not None and isinstance(widget, text_area.TextArea)
    )


READ_ONLY = (
    "Read-only: this review only looks; answers, notes, contacts and actions cannot change "
    "(opened with --read-only, or another reltui holds the database)"
)


class ExplainsKeys(Screen[None]):
    """A screen whose writing keys, hidden when read-only, say why they do nothing."""

    # The screen's actions that write: hidden from the footer when the database is read-only.
    WRITING_ACTIONS: ClassVar[frozenset[str]] = frozenset()

    @property
    def reltui(self) -> ReltuiApp:
        return cast("ReltuiApp", self.app)

    def on_key(self, event: events.Key) -> None:
        if _typing_into(self.focused):
            return  # typed into the field
        reason = self.why_key_does_nothing(event.key)
        if reason:
            event.stop()
            event.prevent_default()
            self.notify(reason, markup=False, timeout=3)

    def why_key_does_nothing(self, key: str) -> str | None:
        """Why ``key`` has no effect now, or ``None`` when it has one (or is no key of ours)."""
        if self.reltui.store.read_only and key in self.keys_of(self.WRITING_ACTIONS):
            return READ_ONLY
        return None

    def keys_of(self, actions: frozenset[str]) -> set[str]:
        """The keys, as the user has them, of this screen's bindings for ``actions``."""
        return {
            key
            for binding in self.BINDINGS
            if isinstance(binding, Binding) and binding.action.split("(", 1)[0] in actions
            for key in bound_keys(binding, self.reltui.keymap)
        }
