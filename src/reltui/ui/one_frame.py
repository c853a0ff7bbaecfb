"""Draw every change a key made to a screen in one frame."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widget import Widget


def redraw_in_one_frame(screen: Screen[Any]) -> None:
    """Hand the screen, now, what its widgets would each ask for a message later.

    Call it at the end of a handler that changed several widgets (a list and the notice line),
    or of ``on_screen_resume`` after the widgets were brought up to date under a form. Each
    changed widget asks the screen to repaint or lay it out from its own message loop, once it
    is idle; a request that arrives after the screen drew its next frame makes another frame
    one or two frame slots later, and over a slow link that later frame is the one the user
    waits for. Collected here, the requests reach the screen's next frame together.

    This follows what ``Widget._check_refresh`` does with the same two flags in Textual 8.2.8
    (pinned): a widget whose size may change clears its ancestors' arrangement caches.
    """
    layout = False
    dirty = screen._dirty_widgets
    for widget in screen.walk_children(Widget):
        if widget._layout_required:
            widget._layout_required = False
            layout = True
            for ancestor in widget.ancestors:
                if not isinstance(ancestor, Widget):
                    break
                ancestor._clear_arrangement_cache()
                ancestor._layout_updates += 1
        if widget._repaint_required:
            widget._repaint_required = False
            if widget.display:
                dirty.add(widget)
    if layout:
        screen.refresh(repaint=False, layout=True)
    else:
        screen.check_idle()
