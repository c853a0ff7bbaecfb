"""Your own keys: the config's ``keys:`` section checked against every binding, and shown back."""

from __future__ import annotations

import difflib
import string
from collections.abc import Iterable, Mapping
from functools import lru_cache

from textual.app import App
from textual.binding import Binding
from textual.keys import (
    KEY_ALIASES,
    KEY_NAME_REPLACEMENTS,
    KEY_TO_UNICODE_NAME,
    Keys,
    _character_to_key,
    format_key,
)
from textual.screen import Screen


def screens() -> dict[str, list[Binding]]:
    """Each screen's name and the bindings active on it together (the app's keys included)."""
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
    app = [*builtin, *APP_BINDINGS]
    # Dialogs (help, search, forms, the note) take only the app's priority keys (the palette).
    dialog = [*builtin, *(binding for binding in APP_BINDINGS if binding.priority)]
    return {
        "review": [*app, *REVIEW_BINDINGS],
        "list": [*app, *LIST_BINDINGS, *TABLE_BINDINGS],
        "summary": [*app, *SUMMARY_BINDINGS],
        "trend": [*app, *TREND_BINDINGS],
        "actions": [*app, *ACTIONS_BINDINGS, *ACTION_LIST_BINDINGS],
        "timeline": [*app, *TIMELINE_BINDINGS],
        "help": [*dialog, *HELP_BINDINGS],
        "search": [*dialog, *SEARCH_BINDINGS],
        "contact form": [*dialog, *FORM_BINDINGS],
        "touch form": [*dialog, *TOUCH_BINDINGS],
        "action form": [*dialog, *ACTION_FORM_BINDINGS],
        "note": [*dialog, *NOTE_BINDINGS],
    }


def builtin_bindings() -> list[Binding]:
    """Textual's own keys (ctrl+q, tab, ctrl+c): they hold on every screen and have no id."""
    return [
        binding if isinstance(binding, Binding) else Binding(*binding)
        for binding in [*App.BINDINGS, *Screen.BINDINGS]
    ]


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


def normalize(keys: str) -> str:
    """Keys as Textual names them: ``?`` is ``question_mark``, ``J`` stays ``J``."""
    names = (key.strip() for key in keys.split(","))
    return ",".join(_character_to_key(key) if len(key) == 1 else key for key in names)


def user_keymap(keys: Mapping[str, str]) -> dict[str, str]:
    """The config's keys, in Textual's names, ready for ``App.set_keymap``."""
    return {binding_id: normalize(value) for binding_id, value in keys.items()}


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
                other = holders.setdefault(key, binding)
                if other is binding or (other.id is not None and other.id == binding.id):
                    continue
                # Keys the app shares with a screen on purpose (q, ?) are not the user's doing.
                if binding.id in keymap or other.id in keymap:
                    return (
                        f"keys: {_name(other)} and {_name(binding)} both use {format_key(key)} "
                        f"on the {screen} screen"
                    )
    return None


MODIFIERS = ("ctrl+", "shift+", "alt+", "meta+", "super+", "hyper+")


@lru_cache(1)
def _key_names() -> frozenset[str]:
    names = {key.value for key in Keys}
    names.update(KEY_NAME_REPLACEMENTS, KEY_NAME_REPLACEMENTS.values(), KEY_TO_UNICODE_NAME)
    names.update(KEY_ALIASES, (_character_to_key(mark) for mark in string.punctuation))
    return frozenset(names)


def is_key(key: str) -> bool:
    """Whether Textual can ever report ``key``: a character or a key name, with modifiers."""
    base = key
    while base.startswith(MODIFIERS) and "+" in base[:-1]:
        base = base.split("+", 1)[1]
    return len(base) == 1 or base in _key_names()


def bound_keys(binding: Binding, keymap: Mapping[str, str]) -> list[str]:
    """The keys ``binding`` answers to under ``keymap`` (already normalized)."""
    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
    return [key.strip() for key in keys.split(",")]


def with_user_keys(app: App, bindings: Iterable[Binding]) -> list[Binding]:
    """``bindings`` as the user has them: keys from the app's keymap where it names them."""
    keymap: Mapping[str, str] = getattr(app, "keymap", {})
    return [
        binding.with_key(keymap[binding.id], key_display=None)
        if binding.id is not None and binding.id in keymap
        else binding
        for binding in bindings
    ]


def readable_key(key: str) -> str:
    """A key as a sentence names it: ``?``, ``/`` and ``=`` as typed, the others by name."""
    shown = format_key(key.strip())
    return shown if len(shown) == 1 and shown.isascii() else key.strip()


def key_of(app: App, binding_id: str, default: str) -> str:
    """The first key of binding ``binding_id`` as the user has it, for a line that names it."""
    keymap: Mapping[str, str] = getattr(app, "keymap", {})
    return readable_key(keymap.get(binding_id, default).split(",")[0])
