"""Your own keys checked: every screen's bindings, the ids a ``keys:`` entry may name, and the
one-line problem with a keymap (an unknown id, a clash, a key typed into a text field)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from textual.app import App
from textual.binding import Binding, BindingType
from textual.keys import format_key, key_to_character
from textual.screen import Screen

from reltui.ui.keymap import bound_keys, is_key, user_keymap


def screens() -> dict[str, list[Binding]]:
    """Each screen's name and the bindings active on it together (the app's keys included)."""
    from textual.widgets import Input, TextArea

    from reltui.ui.app_bindings import APP_BINDINGS
    from reltui.ui.screens.action_form import ACTION_FORM_BINDINGS
    from reltui.ui.screens.actions import ACTIONS_BINDINGS
    from reltui.ui.screens.contact_form import FORM_BINDINGS
    from reltui.ui.screens.contact_list import LIST_BINDINGS
    from reltui.ui.screens.help import HELP_BINDINGS
    from reltui.ui.screens.note import NOTE_BINDINGS
    from reltui.ui.screens.review import REVIEW_BINDINGS
    from reltui.ui.screens.search import SEARCH_BINDINGS
    from reltui.ui.screens.summary import SUMMARY_BINDINGS
    from reltui.ui.screens.timeline import TIMELINE_BINDINGS
    from reltui.ui.screens.touch_form import TOUCH_BINDINGS
    from reltui.ui.screens.trend import TREND_BINDINGS
    from reltui.ui.widgets.action_list import ACTION_LIST_BINDINGS
    from reltui.ui.widgets.contact_table import TABLE_BINDINGS

    builtin = builtin_bindings()
    # A text field's own keys (ctrl+w, ctrl+a, home) come first while it has the focus.
    field, area = textual_bindings(Input.BINDINGS), textual_bindings(TextArea.BINDINGS)
    app = [*builtin, *APP_BINDINGS]
    # Dialogs (help, search, forms, the note) take only the app's priority keys (the palette).
    dialog = [*builtin, *(binding for binding in APP_BINDINGS if binding.priority)]
    return {
        "review": [*app, *REVIEW_BINDINGS],
        "list": [*app, *LIST_BINDINGS, *TABLE_BINDINGS],
        "list filter": [*app, *LIST_BINDINGS, *field],
        "summary": [*app, *SUMMARY_BINDINGS],
        "trend": [*app, *TREND_BINDINGS],
        "actions": [*app, *ACTIONS_BINDINGS, *ACTION_LIST_BINDINGS],
        "timeline": [*app, *TIMELINE_BINDINGS],
        "help": [*dialog, *HELP_BINDINGS],
        "search": [*dialog, *SEARCH_BINDINGS, *field],
        "contact form": [*dialog, *FORM_BINDINGS, *field],
        "touch form": [*dialog, *TOUCH_BINDINGS, *field],
        "action form": [*dialog, *ACTION_FORM_BINDINGS, *field],
        "note": [*dialog, *NOTE_BINDINGS, *area],
    }


# Screens where letters go into a text field: a key moved there must not be one that is typed.
TYPING_SCREENS = frozenset({"search", "contact form", "touch form", "action form", "note"})


def builtin_bindings() -> list[Binding]:
    """Textual's own keys (ctrl+q, tab, ctrl+c): they hold on every screen and have no id."""
    return textual_bindings([*App.BINDINGS, *Screen.BINDINGS])


def textual_bindings(bindings: Iterable[BindingType]) -> list[Binding]:
    """Bindings of Textual's classes, which may be written as tuples."""
    return [binding if isinstance(binding, Binding) else Binding(*binding) for binding in bindings]


def _name(binding: Binding) -> str:
    """How a clash names a binding: its id, or what Textual's own key does."""
    if binding.id:
        return binding.id
    return f"Textual's {binding.action.split('.')[-1].replace('_', ' ')}"


def binding_ids() -> list[str]:
    """Every id a ``keys:`` entry may name, each once, in screen order."""
    ids: dict[str, None] = {}
    for bindings in screens().values():
        ids.update((binding.id, None) for binding in bindings if binding.id)
    return list(ids)


def keymap_problem(keys: Mapping[str, str]) -> str | None:
    """One line naming an unknown id or two bindings on one key of a screen; None if fine."""
    known = binding_ids()
    for binding_id in keys:
        if binding_id not in known:
            close = difflib.get_close_matches(binding_id, known, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            return f"keys.{binding_id}: no key has this id{hint}; the README lists them"
    for binding_id, value in keys.items():
        for key in value.split(","):
            if not is_key(key.strip()):
                return (
                    f"keys.{binding_id}: {key.strip()!r} is not a key; keys look like "
                    "j, J, ctrl+j, f5, enter, pagedown"
                )
    keymap = user_keymap(keys)
    for screen, bindings in screens().items():
        holders: dict[str, Binding] = {}
        for binding in bindings:
            for key in bound_keys(binding, keymap):
                typed = key_to_character(key)
                if (
                    screen in TYPING_SCREENS
                    and binding.id in keymap
                    and typed is not None
                    and typed.isprintable()
                ):
                    return (
                        f"keys: {binding.id} uses {format_key(key)}, which is typed into the "
                        f"text of the {screen}"
                    )
                other = holders.setdefault(key, binding)
                if other is binding or (other.id is not None and other.id == binding.id):
                    continue
                # A priority key (the palette's) wins over a text field's own: no clash.
                if (other.id is None and binding.priority) or (
                    binding.id is None and other.priority
                ):
                    continue
                # Keys the app shares with a screen on purpose (q, ?) are not the user's doing.
                if binding.id in keymap or other.id in keymap:
                    return (
                        f"keys: {_name(other)} and {_name(binding)} both use {format_key(key)} "
                        f"on the {screen} screen"
                    )
    return None
