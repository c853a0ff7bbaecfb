"""SteadyHeight: a widget that asks for a new layout only when its height has to change."""

from __future__ import annotations

from textual.widget import Widget

from reltui.ui.widgets.lines import LineCached


class SteadyHeight(LineCached):
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
        # The new view's lines are drawn here (most from the line cache) to count them; the
        # frame then reuses them.
        wanted = len(self.rendered_strips(width))
        floor = min(max(self._floor, wanted), self._pane_height())
        if max(wanted, floor) != height:
            self._set_floor(floor)
            self.refresh(layout=True)

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
