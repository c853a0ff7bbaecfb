"""SteadyHeight: a widget that asks for a new layout only when its height has to change."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from textual.content import Content
from textual.visual import visualize
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.css.styles import RulesMap


class SteadyHeight(Widget):
    """Shows a ``view``; a new view repaints it, and re-lays out the screen only if need be.

    A layout refresh makes Textual lay out the whole screen a frame or two later, and a change
    of a widget's size sets off one more: that was most of what a key cost at review speed.
    So the widget keeps the tallest height its views have needed, up to the height of the
    pane it scrolls in, as its minimum: the next contact nearly always fits and only needs
    repainting. A view taller than the pane still gets its full height, and scrolls.

    Subclasses declare ``view`` as a reactive that repaints but does not lay out.
    """

    DEFAULT_CSS = """
    SteadyHeight {
        height: auto;
    }
    """

    _floor = 0

    def watch_view(self) -> None:
        width, height = self.size
        if not width:
            return  # not laid out yet: the first layout sizes it
        # The new view's height: the watcher runs before the reactive's refresh, so the cached
        # render is still the old view's.
        wanted = self._content_height(width)
        floor = min(max(self._floor, wanted), self._pane_height())
        if max(wanted, floor) != height:
            self._set_floor(floor)
            self.refresh(layout=True)

    def _content_height(self, width: int) -> int:
        """Lines the current view needs at ``width``; only lines wider than that are wrapped."""
        rules = cast("RulesMap", self.styles)  # as Widget.get_content_height passes them
        content = self.render()
        if not isinstance(content, Content):
            return visualize(self, content).get_height(rules, width)
        # Lines wrap one by one, so a line that fits is one line: most lines do, and wrapping
        # every line of the view on each key was most of an answer's own time.
        return sum(
            1 if cell_len(line) <= width else Content(line).get_height(rules, width)
            for line in content.plain.split("\n")
        )

    def reset_floor(self) -> None:
        """Forget the tallest height so far (the terminal changed size)."""
        self._set_floor(0)

    def _pane_height(self) -> int:
        parent = self.parent
        if isinstance(parent, Widget):
            return parent.scrollable_content_region.height
        return self.container_size.height

    def _set_floor(self, floor: int) -> None:
        if floor != self._floor:
            self._floor = floor
            self.styles.min_height = floor or None
