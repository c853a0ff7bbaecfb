"""Contact text is shown literally everywhere and never acts: markup, action links, escapes."""

from __future__ import annotations

import pytest
from ui_support import HOSTILE_NAMES, screen_text

from reltui.ui.screens.search import SearchScreen
from reltui.ui.text import safe
from reltui.ui.widgets.contact_card import ContactCard
from reltui.ui.widgets.review_header import ReviewHeader

# What each hostile name looks like on screen: markup as typed, control characters gone.
SHOWN = ("[bold]Eve[/]", "[@click=app.quit]x[/]", "Mallory[31mRed", "Trent]0;title")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("[bold]Eve[/]", "[bold]Eve[/]"),
        ("a\x1b[31mb", "a[31mb"),
        ("t\x1b]0;x\x07", "t]0;x"),
        ("tab\there", "tab here"),
        ("one\ntwo\r\nthree", "one two three"),
        ("c1\x9bcontrol\x85", "c1control"),
        ("bidi\u202eevil", "bidievil"),
        ("Zoë 🎉", "Zoë 🎉"),
    ],
)
def test_safe_removes_control_characters(raw: str, shown: str):
    assert safe(raw) == shown


def test_safe_keeps_newlines_only_when_multiline():
    assert safe("one\r\ntwo\x1b[0m", multiline=True) == "one\ntwo[0m"
    assert safe(None) == ""


async def test_hostile_names_render_literally_and_do_nothing(hostile_store, make):
    app = make(hostile_store, queue="all", auto_advance=True)
    async with app.run_test(size=(100, 30)) as pilot:
        seen = []
        for index in range(len(HOSTILE_NAMES)):
            card = app.screen.query_one(ContactCard).render().plain
            seen.append(card.splitlines()[0])
            assert "contact notes first line\nsecond ]0;ownedline" in card
            await pilot.click(ContactCard, offset=(2, 0))
            if index < len(HOSTILE_NAMES) - 1:
                await pilot.press("right")
        assert sorted(seen) == sorted(SHOWN)
        assert app.is_running
        assert app.screen.id == "review"

        # List view: every name as typed.
        await pilot.press("L")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        for shown in SHOWN:
            assert shown in text
        assert "[/bold] & [red]Co" in text
        await pilot.press("escape")

        # Search results.
        await pilot.press("slash", *"eve")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert "[bold]Eve[/]  [/bold] & [red]Co" in screen_text(app)
        await pilot.press("enter")
        assert app.session.contact.name == "[bold]Eve[/]"

        # Answer every contact: notifications and the summary show the names as typed.
        while app.session.position:
            await pilot.press("h")
        announced = []
        for _ in HOSTILE_NAMES:
            await pilot.press("y", "y", "y", "y")
            if app.screen.id == "review":
                announced.append(app.screen.query_one(ReviewHeader).announcement)
        await pilot.pause()
        assert "saved [@click=app.quit]x[/]: client" in announced
        if app.screen.id != "summary":
            await pilot.press("q")
            await pilot.pause()
        text = screen_text(app)
        assert app.screen.id == "summary"
        assert "new clients    4" in text
        for shown in SHOWN:
            assert f"  {shown}" in text
        assert app.is_running


async def test_palette_shows_hostile_names_literally(hostile_store, make):
    app = make(hostile_store, queue="all")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"click")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Jump to [@click=app.quit]x[/] · Acme" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        assert app.session.contact.name == "[@click=app.quit]x[/]"
