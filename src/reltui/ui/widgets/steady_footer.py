"""SteadyFooter: a Footer that rebuilds its keys only when the keys it would show change."""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer


class SteadyFooter(Footer):
    """Textual's Footer, which mounts its keys anew whenever its screen's bindings are
    refreshed: on every return from a form or a modal, even when nothing it shows changed.
    Mounting a score of keys and styling them took longer than a frame; this one keeps them
    while the keys, their labels and whether each is enabled stay the same.
    """

    _shown: tuple[Any, ...] | None = None

    def _keys_shown(self) -> tuple[Any, ...]:
        """What the composed keys depend on: every binding shown, and the palette's key."""
        active = self.screen.active_bindings
        shown = tuple(
            (binding, enabled, tooltip)
            for (_, binding, enabled, tooltip) in active.values()
            if binding.show
        )
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        palette_shown = palette[1:] if palette is not None else None
        return shown, palette_shown, self.show_command_palette, self._bindings_ready

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        shown = self._keys_shown()
        if shown == self._shown:
            return
        self._shown = shown
        await super().recompose()
