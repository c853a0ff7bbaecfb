"""Moving between contacts repaints the panes without laying out the screen again, unless a
card needs more room; a long card still scrolls, and a short one after it does not."""

from __future__ import annotations

import pytest
from textual.content import Content
from textual.screen import Screen
from textual.visual import Visual
from ui_support import open_store, screen_text

from reltui.formats.records import ContactRecord
from reltui.ui.widgets.contact_card import ContactCard
from reltui.ui.widgets.lines import Unbroken
from reltui.ui.widgets.pane import Pane

LONG_NOTES = " ".join(f"word{number}" for number in range(400))


@pytest.fixture
def varied_store(tmp_path):
    with open_store(tmp_path / "db") as store:
        store.import_records(
            [
                ContactRecord(name="Amy Able", emails=["amy@example.com"], company="Acme"),
                ContactRecord(name="Bob Brief", emails=["bob@example.com"]),
                ContactRecord(
                    name="Zed Long", emails=["zed@example.com"], company="Co", notes=LONG_NOTES
                ),
                ContactRecord(name="Di Short", emails=["di@example.com"]),
            ]
        )
        yield store


def count_layouts(monkeypatch) -> list[int]:
    layouts = [0]
    original = Screen._refresh_layout

    def counted(self, *args, **kwargs):
        layouts[0] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    return layouts


async def test_the_next_contact_of_the_same_height_is_only_repainted(
    varied_store, make, monkeypatch
):
    app = make(varied_store, queue="all")
    async with app.run_test(size=(80, 24)) as pilot:
        # Amy's four questions show every question's text once: the panes have found their
        # height. Bob's card is a line shorter.
        await pilot.press(*"yyyy")
        await pilot.pause()
        assert "Bob Brief" in screen_text(app)
        layouts = count_layouts(monkeypatch)
        await pilot.press(*"yyyy")
        await pilot.pause()
        assert "Di Short" in screen_text(app)
        assert layouts == [0]
        # Zed's notes need more room than the pane has: a layout, and the card scrolls.
        await pilot.press(*"yyyy")
        await pilot.pause()
        assert "Zed Long" in screen_text(app)
        assert layouts[0] > 0


async def test_a_long_card_scrolls_and_the_next_short_one_fits_again(varied_store, make):
    app = make(varied_store, queue="all")
    async with app.run_test(size=(80, 24)) as pilot:
        card_pane = app.screen.query_one("#card-pane", Pane)
        await pilot.press(*"yyyy", *"yyyy", *"yyyy")
        await pilot.pause()
        assert "Zed Long" in screen_text(app)
        assert card_pane.max_scroll_y > 0
        await pilot.press(*["pagedown"] * 10)
        await pilot.pause()
        assert "word399" in screen_text(app)
        # Back to Di: the short card fits the pane again.
        await pilot.press("h")
        await pilot.pause()
        assert "Di Short" in screen_text(app)
        assert card_pane.max_scroll_y == 0
        card = app.screen.query_one(ContactCard)
        assert card.size.height <= card_pane.scrollable_content_region.height


async def test_a_card_drawn_line_by_line_is_as_tall_as_textual_draws_it_whole(tmp_path, make):
    with open_store(tmp_path / "db") as store:
        store.import_records(
            [
                ContactRecord(
                    name="王小明 Wang Xiaoming",
                    emails=["wang@example.com"],
                    company="長い会社名 Holdings " * 3,
                    notes="漢字 " * 40 + LONG_NOTES[:300] + "\tend",
                )
            ]
        )
        app = make(store, queue="all")
        async with app.run_test(size=(80, 24)):
            card = app.screen.query_one(ContactCard)
            for width in (9, 20, 37, 58, 200):
                # Every line in one Content, as Textual would wrap it; an email is cut instead.
                whole = Content("\n").join(
                    line.truncate(width, ellipsis=True)
                    if isinstance(line, Unbroken) and line.cell_length > width
                    else line
                    for line in card.content_lines()
                )
                strips = card.rendered_strips(width)
                assert len(strips) == whole.get_height(card.styles, width), width
                drawn_whole = Visual.to_strips(card, whole, width, None, card.visual_style)
                assert [strip.text for strip in strips] == [strip.text for strip in drawn_whole]


def colours(strips):
    return [
        [(segment.text, segment.style and segment.style.color) for segment in strip]
        for strip in strips
    ]


async def test_a_new_theme_redraws_the_lines_kept_from_the_old_one(varied_store, make):
    app = make(varied_store, queue="all")
    async with app.run_test(size=(80, 24)) as pilot:
        card = app.screen.query_one(ContactCard)
        width = card.size.width
        before = colours(card.rendered_strips(width))
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        after = colours(card.rendered_strips(width))
        whole = Visual.to_strips(card, card.render(), width, None, card.visual_style)
        assert after == colours(whole)
        assert after != before
