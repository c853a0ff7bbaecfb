"""Answering on the review screen: y/n/m, the four-answer result, and what reaches the disk."""

from __future__ import annotations

from ui_support import REVIEWER, open_store, screen_lines, screen_text

from reltui.domain.rules import Status
from reltui.ui.screens.review import ReviewScreen
from reltui.ui.widgets.questions import QuestionPanel
from reltui.ui.widgets.split_bar import SplitBar


def review(app) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def test_review_screen_shows_first_due_contact(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)):
        lines = screen_lines(app)
        assert "1 of 3 due" in lines[0]
        assert "reviewer tester" in lines[0]
        text = screen_text(app)
        assert "Ada Lovelace" in text
        assert "Engines" in text
        assert "ada@example.com" in text
        assert "░ unreviewed · due now" in text
        assert "▶1 Know needs" in text
        assert "Do I know them well enough" in text


async def test_yes_no_unsure_answer_and_move_to_next_question(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        session = app.session
        ada = session.current_id
        await pilot.press("y")
        assert session.draft.answers["know_needs"] == "yes"
        assert session.question == 1
        await pilot.press("n")
        assert session.draft.answers["ask_referral"] == "no"
        await pilot.press("m")
        assert session.draft.answers["use_as_reference"] == "unsure"
        assert session.question == 3
        assert session.current_id == ada
        panel = app.screen.query_one(QuestionPanel).render().plain
        assert " 1 Know needs       yes" in panel
        assert " 2 Ask referral     no" in panel
        assert " 3 Use as reference unsure" in panel
        assert "▶4 Trust & respect  ·" in panel


async def test_four_yeses_make_a_client_saved_to_disk_before_moving_on(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        ada = app.session.current_id
        await pilot.press("y", "y", "y")
        # Three answers are already on disk before the fourth.
        with open_store(small_store.path, read_only=True) as fresh:
            assert fresh.reviews(ada)[-1].answers["use_as_reference"] == "yes"
            assert fresh.state(ada).status == Status.UNREVIEWED
            assert fresh.state(ada).answered == 3
        await pilot.press("y")
        await pilot.pause()
        assert app.session.current_id != ada
        assert "2 of 3 due" in screen_lines(app)[0]
        split = app.screen.query_one(SplitBar)
        assert split.view.counts == (1, 0, 0, 2)
        bar = split.render().plain
        assert "client 1 33%" in bar
        assert "unreviewed 2 67%" in bar
        assert "this session: 1 reviewed, +1 client, -1 unreviewed" in bar
        assert screen_lines(app)[0].rstrip().endswith("· saved Ada Lovelace: client")
        assert list(app.notices) == []
    with open_store(small_store.path, read_only=True) as fresh:
        saved = fresh.reviews(ada)[-1]
        assert saved.answers == dict.fromkeys(saved.answers, "yes")
        assert saved.reviewer == REVIEWER
        assert fresh.state(ada).status == Status.CLIENT


async def test_without_auto_advance_the_result_stays_on_screen(small_store, make):
    app = make(small_store, auto_advance=False)
    async with app.run_test(size=(80, 24)) as pilot:
        ada = app.session.current_id
        await pilot.press("y", "y", "y", "n")
        assert app.session.current_id == ada
        panel = app.screen.query_one(QuestionPanel).render().plain
        assert "result candidate" in panel
        assert "• deliver a quick win and follow up in person" in panel
        await pilot.press("right")
        assert app.session.position == 1


async def test_reopening_a_contact_reviewed_today_shows_its_answers(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y", "n", "y", "y")
        await pilot.press("left")
        panel = app.screen.query_one(QuestionPanel).render().plain
        assert " 2 Ask referral     no" in panel
        assert "result candidate" in panel
        await pilot.press("2", "y")
        await pilot.pause()
    with open_store(small_store.path, read_only=True) as fresh:
        ada = next(c.id for c in fresh.contacts() if c.name == "Ada Lovelace")
        assert len(fresh.reviews(ada)) == 1
        assert fresh.state(ada).status == Status.CLIENT


async def test_answering_the_whole_queue_opens_the_summary(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"yyyy", *"nnnn", *"yyyn")
        await pilot.pause()
        assert app.screen.id == "summary"
        text = screen_text(app)
        assert "reviewed       3" in text
        assert "new clients    1" in text
        assert "  Ada Lovelace" in text
        assert "new candidates 1" in text
        assert "  Grace Hopper" in text
        assert "    → deliver a quick win and follow up in person" in text
        assert "█ client            0 → 1 (+1)" in text
        assert "░ unreviewed        3 → 0 (-3)" in text
