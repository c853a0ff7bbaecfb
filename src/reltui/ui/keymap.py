"""Your own keys: the config's ``keys:`` in Textual's names, and the keys shown back to the user."""

from __future__ import annotations

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


def normalize(keys: str) -> str:
    """Keys as Textual names them: ``?`` is ``question_mark``, ``J`` stays ``J``."""
    names = (key.strip() for key in keys.split(","))
    return ",".join(_character_to_key(key) if len(key) == 1 else key for key in names)


def user_keymap(keys: Mapping[str, str]) -> dict[str, str]:
    """The config's keys, in Textual's names, ready for ``App.set_keymap``."""
    return {binding_id: normalize(value) for binding_id, value in keys.items()}


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
