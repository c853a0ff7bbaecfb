"""KeyFooter: Textual's compact footer, showing only the keys that fit whole."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets._footer import FooterKey

from reltui.ui.widgets.steady_footer import SteadyFooter

# The palette key's left border, and the space after each compact key.
PALETTE_BORDER = 1
KEY_MARGIN = 1


def key_width(key: FooterKey) -> int:
    """Cells a compact key takes: ``y Yes``, or ``?`` when it has no description."""
    width = cell_len(key.key_display)
    return width + 1 + cell_len(key.description) if key.description else width


def _cells(widget: Widget) -> int:
    """Cells a footer item takes with its margin (a group, if any, is counted as one cell)."""
    return key_width(widget) + KEY_MARGIN if isinstance(widget, FooterKey) else 1


def _is_help(widget: Widget) -> bool:
    return isinstance(widget, FooterKey) and widget.action.rpartition(".")[2] == "help"


class KeyFooter(SteadyFooter):
    """A footer that leaves out the keys that would be cut off, rather than showing half a word.

    Textual's footer scrolls what does not fit out of sight under the palette key, so a
    narrow terminal showed ``s Ski`` or a lone letter at the end of the line. The keys are
    counted as they are composed, so every frame (and snapshot) shows the same footer; like
    the steady footer, it composes again only when its keys or its width change.
    """

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._composed_width = 0

    def compose(self) -> ComposeResult:
        width = self.size.width or self.screen.size.width or self.app.size.width
        self._composed_width = width
        widgets = list(super().compose())
        palette = [
            w for w in widgets if isinstance(w, FooterKey) and w.has_class("-command-palette")
        ]
        # The last key needs no space after it: the palette key's border follows.
        room = width - sum(PALETTE_BORDER + key_width(key) for key in palette) + KEY_MARGIN
        # A user's own key moves its binding to the end of Textual's list: the footer keeps
        # the order the screen declares, so answering stays first and is never left out. The
        # focused widget's keys (the list's enter) are not the screen's, and stay in front.
        order = self._declared_order()
        keys = sorted(
            (w for w in widgets if w not in palette),
            key=lambda w: order.get(w.action, -1) if isinstance(w, FooterKey) else -1,
        )
        # When not every key fits, the help key stays: it lists all the others.
        if sum(_cells(w) for w in keys) > room:
            kept = {id(w) for w in keys if _is_help(w)}
            room -= sum(_cells(w) for w in keys if _is_help(w))
            for widget in keys:
                if id(widget) not in kept and _cells(widget) <= room:
                    kept.add(id(widget))
                    room -= _cells(widget)
                elif id(widget) not in kept:
                    room = -1  # keys stay in order: none after the first that did not fit
            keys = [w for w in keys if id(w) in kept]
        yield from keys
        yield from palette

    def _declared_order(self) -> dict[str, int]:
        """Each action's place in the screen's bindings, then the app's."""
        order: dict[str, int] = {}
        for binding in [*self.screen.BINDINGS, *self.app.BINDINGS]:
            if isinstance(binding, Binding):
                order.setdefault(binding.action, len(order))
        return order

    def _keys_shown(self) -> tuple[Any, ...]:
        return (*super()._keys_shown(), self.size.width)

    def on_resize(self) -> None:
        if self.size.width != self._composed_width and self.is_attached:
            self.refresh(recompose=True)
