"""Every screen usable from 60x20 up: what the narrow and the wide layouts keep on screen."""

from __future__ import annotations

from ui_support import screen_lines, screen_text

from reltui.ui.screens.help import KEY_WIDTH, column_lines


async def settle(app, pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_narrow_review_shows_the_last_review_and_history_under_the_card(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
        assert "candidate · due since" in text
        assert "last 2026-11-10 by sample: candidate · said Went quiet" in text
        assert "history client → candidate" in text
        assert "Do I know them well enough" in text


async def test_narrow_footer_ends_with_the_palette_key_not_a_stray_letter(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(app, pilot)
        assert screen_lines(app)[-1].rstrip().endswith("▏^p palette")


async def test_wide_review_keeps_the_answers_and_the_note_apart(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
        assert "1 yes  2 no  3 yes  4 yes" in text
        assert "said Went quiet after the price change" in text


def test_help_descriptions_wrap_under_themselves_not_into_the_key_column():
    sections = [("Review", [("y", "Answer yes, go on"), ("pgdn pgup x", "Scroll the panes")])]
    lines = [line.plain for line in column_lines(sections, KEY_WIDTH + 10)]
    assert lines == [
        "Review",
        "y         Answer",
        "          yes, go on",
        "pgdn pgup x",
        "          Scroll the",
        "          panes",
    ]


async def test_narrow_help_is_one_column_with_whole_descriptions(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(app, pilot, "question_mark")
        text = screen_text(app)
        assert "y         Answer yes, go on" in text
        assert "⏎         Give this question last review's answer" in text
        assert "Everywhere" not in text  # the second column is below, not beside


async def test_roomy_review_shows_the_timeline_beside_the_card(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        lines = screen_lines(app)
        card_line = next(line for line in lines if line.startswith(" Isla McLeod"))
        assert "timeline · 6 events" in card_line
        assert "▶1 Know needs" in card_line
        # The last review follows the card instead of waiting at the foot of the screen.
        last = next(i for i, line in enumerate(lines) if " last 2026-11-10 by sample" in line)
        assert last < 25
        await settle(app, pilot, "y", "y", "y", "y")
        assert "timeline · 7 events" in screen_text(app)  # the next contact's, read anew


async def test_timeline_column_only_when_roomy(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "timeline ·" not in screen_text(app)
        assert app.screen.timeline is None  # not read at all while hidden


async def test_a_review_resized_under_another_screen_fits_its_new_width(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot, "L")
        await pilot.resize_terminal(60, 20)
        await settle(app, pilot, "escape")
        assert app.screen.id == "review"
        text = screen_text(app)
        assert "history client → candidate" in text
        assert "timeline ·" not in text


async def test_the_footer_shows_whole_keys_or_none_and_always_help(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        footer = screen_lines(app)[-1].rstrip()
        assert footer.endswith("s Skip o Note ? Help      ▏^p palette"), footer
        await pilot.resize_terminal(120, 24)
        await settle(app, pilot)
        assert "/ Search ? Help q Quit" in screen_lines(app)[-1]
        await pilot.resize_terminal(60, 20)
        await settle(app, pilot)
        footer = screen_lines(app)[-1].rstrip()
        assert footer == "y Yes n No m Unsure = All as before u Undo ? Help▏^p palette", footer
