"""Helpers for the UI tests: the fixed clock and settings, hostile names, reading the screen."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.app import App

from reltui.config import Settings
from reltui.store.db import Store

NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
REVIEWER = "tester"

HOSTILE_NAMES = (
    "[bold]Eve[/]",
    "[@click=app.quit]x[/]",
    "Mallory\x1b[31mRed",
    "Trent\x1b]0;title\x07",
)


def clock() -> datetime:
    return NOW


def settings(**changes: object) -> Settings:
    """Default settings with a fixed reviewer, so screens and files do not depend on the login."""
    return Settings(reviewer=REVIEWER).with_overrides(**changes)


def open_store(path: Path, *, read_only: bool = False) -> Store:
    return Store.open(path, read_only=read_only, clock=clock)


def screen_lines(app: App) -> list[str]:
    """The characters on screen, one string per terminal line."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


def screen_text(app: App) -> str:
    return "\n".join(screen_lines(app))


async def settle(pilot) -> None:
    """Let the app draw, and its workers finish, after a key."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)
