"""Notices on one line above the footer, forms kept between uses, a saved form drawn once."""

from __future__ import annotations

from textual.widgets import Input
from ui_support import press, screen_lines

from reltui.ui.screens.review import ReviewScreen
from reltui.ui.screens.touch_form import TouchForm
from reltui.ui.widgets.notice_line import NoticeLine


async def test_a_logged_touch_is_told_on_the_line_above_the_footer_until_it_expires(
    sample_store, make
):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "t", "c", "ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        line = app.screen.query_one(NoticeLine)
        assert line.region.y == 22 and line.region.width == 80
        assert screen_lines(app)[22].startswith(" Logged call; u undoes it")
        app.notify("[b]Ada[/b] \x1b[31mthe second", timeout=0.05)
        await pilot.pause()
        # Shown literally, control characters gone, only the newest.
        assert screen_lines(app)[22].startswith(" [b]Ada[/b] [31mthe second")
        await pilot.pause(0.2)
        assert line.notice is None
        assert line.region.y >= 24  # out of sight: the row under it shows again
        assert not screen_lines(app)[22].startswith(" [b]Ada")


async def test_the_touch_form_is_kept_and_starts_again_empty(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "t", "c")
        form = app.screen
        assert isinstance(form, TouchForm) and form.kind == "call"
        form.query_one("#touch-note", Input).value = "half typed"
        await press(pilot, "escape", "n", "t")
        assert app.screen is form
        assert form.kind == ""
        assert form.query_one("#touch-note", Input).value == ""
        # The heading names the contact now in front, not the one before.
        name = app.session.store.contact(app.session.current_id).name
        assert name in "\n".join(screen_lines(app))


async def test_a_saved_touch_reaches_the_screen_in_one_frame(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        # A touch first, so that the footer already offers undo and the card has its line for
        # the last touch: a footer with new keys, or a card that grows, takes a frame more.
        await press(pilot, "t", "c", "ctrl+s", "t", "c")
        review = next(s for s in app.screen_stack if isinstance(s, ReviewScreen))
        frames: list[int] = []
        original = review._compositor_refresh

        def counted() -> None:
            frames.append(1)
            original()

        review._compositor_refresh = counted  # type: ignore[method-assign]
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
        # The card (last touch), the notice and the form's closing, all in one frame.
        assert len(frames) == 1
