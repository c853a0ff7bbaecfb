"""KeyFooter: Textual's compact footer, showing only the keys that fit whole."""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    """A footer that hides the keys that would be cut off, rather than showing half a word.

    Textual's footer scrolls what does not fit out of sight under the palette key, so a
    narrow terminal showed ``s Ski`` or a lone letter at the end of the line.
    """

    def __init__(self) -> None:
        super().__init__(compact=True)

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self._fit_keys)

    def on_resize(self) -> None:
        # Every key again, then hide what a new width cannot hold once they are laid out.
        for key in self.query(FooterKey):
            key.display = True
        self.call_after_refresh(self._fit_keys)

    def _fit_keys(self) -> None:
        keys = list(self.query(FooterKey))
        palette = [key for key in keys if key.has_class("-command-palette")]
        room = self.size.width - sum(key.outer_size.width for key in palette)
        for key in keys:
            if key not in palette and key.display:
                region = key.virtual_region
                key.display = region.x + region.width <= room
