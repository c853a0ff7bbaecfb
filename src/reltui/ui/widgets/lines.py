"""LineCached: a widget drawn from lines of Content, each line drawn once per width."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.cache import LRUCache
from textual.content import Content
from textual.reactive import reactive
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.geometry import Size

# A line is drawn once per (text, spans, width, kept unbroken).
LineKey = tuple[str, tuple[object, ...], int, bool]


class Unbroken(Content):
    """A line never wrapped, cut with an ellipsis when too wide: an email address broken
    across two lines reads as two wrong addresses."""

    __slots__ = ()


class LineCached(Widget):
    """Shows ``content_lines()``; a line already drawn at this width is taken from a cache.

    Textual draws the whole of a widget whenever it refreshes: every line wrapped, styled and
    cut into strips again. A key changes a line or two of the card or the questions, and the
    question rows of one contact look like those of the next, so each line's strips are kept
    (by its text, styles and width) and a redraw builds only the lines that are new.

    Subclasses declare a ``view`` reactive, a value that is replaced rather than changed, and
    implement ``content_lines`` from it: the lines are drawn again when ``view`` is another
    object or the width changes, and then mostly come from the cache.
    """

    # Text in these panes is read, not selected: selection would need each line's position.
    ALLOW_SELECT = False
    LINE_CACHE_SIZE = 256

    view: Any
    # A narrow terminal's shorter form of the same view; each widget decides what it leaves out.
    compact: reactive[bool] = reactive(False, layout=True)
    _strips: list[Strip] | None = None
    _strips_view: object = None
    _strips_width = 0
    _line_cache: LRUCache[LineKey, list[Strip]] | None = None

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        # Contact text is shown literally, so there are no links to style; skipping them
        # saves a pass over every strip.
        self.set_reactive(Widget.auto_links, False)

    def watch_compact(self) -> None:
        self._strips = None

    def content_lines(self) -> list[Content]:
        """The lines to show, each drawn on its own (wrapped if wider than the widget).

        Subclasses return their view's lines; the base widget shows none.
        """
        return []

    def lines_at(self, width: int) -> list[Content]:
        """The lines for ``width``: ``content_lines()``, unless a widget wraps them its own way."""
        return self.content_lines()

    def render(self) -> Content:
        return Content("\n").join(self.content_lines())

    def rendered_strips(self, width: int) -> list[Strip]:
        """The strips of the current lines at ``width``, drawing only lines not seen before."""
        view = self.view
        if self._strips is not None and self._strips_view is view and self._strips_width == width:
            return self._strips
        cache = self._line_cache
        if cache is None:
            cache = self._line_cache = LRUCache(self.LINE_CACHE_SIZE)
        style = self.visual_style
        strips: list[Strip] = []
        for line in self.lines_at(width):
            unbroken = isinstance(line, Unbroken)
            key = (line.plain, tuple(line.spans), width, unbroken)
            line_strips = cache.get(key)
            if line_strips is None:
                if unbroken and line.cell_length > width:
                    line = line.truncate(width, ellipsis=True)
                line_strips = Visual.to_strips(self, line, width, None, style)
                cache[key] = line_strips
            strips.extend(line_strips)
        self._strips, self._strips_view, self._strips_width = strips, view, width
        return strips

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        strips = self.rendered_strips(width)
        if y < len(strips):
            return strips[y]
        return Strip.blank(width, self.visual_style.rich_style)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.rendered_strips(width)) if width else 0

    def notify_style_update(self) -> None:
        # A new theme or stylesheet changes what every line looks like.
        super().notify_style_update()
        self._strips = None
        if self._line_cache is not None:
            self._line_cache.clear()
