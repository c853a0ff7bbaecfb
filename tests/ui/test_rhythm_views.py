"""The weekly rhythm in the app: trend (T), blockers and at-risk details."""

from __future__ import annotations

import threading

from textual.widgets import DataTable, Sparkline
from ui_support import press, screen_lines, screen_text, settle

from reltui.ui.screens import trend as trend_module
from reltui.ui.screens.help import HelpScreen
from reltui.ui.screens.summary import SummaryScreen
from reltui.ui.screens.trend import TrendScreen
from reltui.ui.widgets.contact_card import ContactCard


def table_rows(screen: TrendScreen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[str(cell).strip() for cell in table.get_row_at(i)] for i in range(table.row_count)]


def plain(screen, selector: str) -> str:
    return screen.query_one(selector).render().plain


# ---- trend ---------------------------------------------------------------------------------


async def test_T_shows_the_sample_trend_over_12_weeks_and_T_closes(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "T")
        screen = app.screen
        assert isinstance(screen, TrendScreen)
        assert not screen.query_one("#trend-body").loading
        title = plain(screen, "#trend-title")
        assert title.startswith("Trend · last 12 weeks · 2026-W36 to 2026-W47")
        assert plain(screen, "#label-client").split() == ["clients", "8", "+8"]
        assert plain(screen, "#label-candidate").split() == ["candidates", "9", "+1"]
        assert plain(screen, "#label-customer").split() == ["customers", "11", "+5"]
        assert plain(screen, "#range-client") == "0–9"
        assert screen.query_one("#spark-client", Sparkline).data == [
            0, 0, 1, 1, 2, 3, 6, 7, 8, 9, 8, 8,
        ]  # fmt: skip
        assert screen.query_one("#spark-customer", Sparkline).data == [
            6, 6, 7, 7, 7, 8, 9, 9, 10, 11, 11, 11,
        ]  # fmt: skip
        rows = table_rows(screen)
        assert len(rows) == 12
        assert rows[0] == ["2026-W47", "2026-11-16", "8", "9", "11"]
        assert rows[1] == ["2026-W46", "2026-11-09", "8 -1", "9 +3", "11"]
        assert rows[-1] == ["2026-W36", "2026-08-31", "0", "8", "6"]
        text = screen_text(app)
        assert "Most often missing: Ask referral (16)" in text
        assert "then Use as reference 15 · Know needs 8 · Trust & respect 4" in text
        assert "2026-W36" in text and "2026-W47" in text
        await press(pilot, "T")
        assert app.screen.id == "review"


async def test_trend_switches_to_26_and_52_weeks_and_escape_closes(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "T", "2")
        screen = app.screen
        assert screen.weeks == 26
        assert len(table_rows(screen)) == 26
        assert plain(screen, "#trend-title").startswith("Trend · last 26 weeks · 2026-W22 to")
        assert len(screen.query_one("#spark-client", Sparkline).data) == 26
        assert plain(screen, "#label-client").split() == ["clients", "8", "+8"]
        await press(pilot, "3")
        rows = table_rows(screen)
        # A year is asked for; the table starts at the sample's first week with a review.
        assert len(rows) == 30
        assert rows[-1][0] == "2026-W18"
        # The first week already holds one customer; by now there are eleven.
        assert plain(screen, "#label-customer").split() == ["customers", "11", "+10"]
        await press(pilot, "1")
        assert len(table_rows(screen)) == 12
        await press(pilot, "escape")
        assert app.screen.id == "review"


async def test_trend_shows_loading_until_counted_and_drops_a_stale_count(
    sample_store, make, monkeypatch
):
    release = threading.Event()
    real_trend_view = trend_module.trend_view

    def slow_trend_view(store, weeks, today):
        if weeks == 12:
            release.wait(5)
        return real_trend_view(store, weeks, today)

    monkeypatch.setattr(trend_module, "trend_view", slow_trend_view)
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#trend-body").loading
        assert plain(screen, "#trend-title") == "Trend · counting the last 12 weeks…"
        # Choose 26 weeks while 12 are still being counted; the late 12-week count is dropped.
        await pilot.press("2")
        await pilot.pause()
        release.set()
        await settle(pilot)
        assert not screen.query_one("#trend-body").loading
        assert screen.weeks == 26
        assert len(table_rows(screen)) == 26
        assert plain(screen, "#trend-title").startswith("Trend · last 26 weeks")


# ---- summary, card, help -------------------------------------------------------------------


async def test_summary_names_the_lost_question_the_date_and_the_top_blocker(sample_store, make):
    app = make(sample_store, queue="clients")
    async with app.run_test(size=(80, 40)) as pilot:
        assert app.session.contact.name == "Amelia Hart"
        await press(pilot, *"nyyy", "q")
        assert isinstance(app.screen, SummaryScreen)
        text = screen_text(app)
        lines = [line.rstrip() for line in screen_lines(app)]
        at_risk = lines.index("  now at risk    1")
        assert lines[at_risk + 1 : at_risk + 3] == [
            "    Amelia Hart",
            "      lost Know needs on 2026-11-16",
        ]
        # A new candidate one yes short lists only the step for that yes.
        assert "      → book a needs conversation" in text
        assert "→ deliver a quick win" not in text
        # Amelia now misses Know needs as well: 8 + 1.
        assert "Most often missing: Ask referral (16)" in text
        assert "then Use as reference 15 · Know needs 9 · Trust & respect 4" in text


async def test_card_says_which_question_lost_its_yes_and_when(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)):
        assert app.session.contact.name == "Isla McLeod"
        card = plain(app.screen, "#contact-card")
        assert "⚠ AT RISK since 2026-11-10\nlost Ask referral" in card


async def test_card_grows_when_a_client_becomes_at_risk_mid_review(sample_store, make):
    app = make(sample_store, queue="clients", auto_advance=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n", "y", "y")
        card = app.screen.query_one(ContactCard)
        assert "AT RISK" not in card.render().plain  # a review in progress decides nothing
        await press(pilot, "y")
        assert "⚠ AT RISK since 2026-11-16\nlost Know needs" in card.render().plain
        # The lines below the new ones are still on screen, not cut off by the old height.
        text = screen_text(app)
        assert "lost Know needs" in text
        assert "contact notes Introduced by a mutual" in text


async def test_help_lists_trend_and_actions_keys(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "T         Statuses week by week" in text
        assert "P         Every open next action" in text
        assert "Trend (T)" in text
        assert "esc T     Back to where you were" in text
        assert "1 2 3     Last 12 / 26 / 52 weeks" in text
        assert "Next actions (P, A)" in text
        assert "⏎         Open the contact" in text
