"""The keys behind the review's rules: confirm as before, flags refused on clients, the empty
queue, the jump back from a search, and no jump on when a complete review is edited."""

from __future__ import annotations

from ui_support import screen_text

from reltui.domain.rules import Status
from reltui.ui.widgets.contact_card import ContactCard
from reltui.ui.widgets.questions import QuestionPanel
from reltui.ui.widgets.review_header import ReviewHeader


def notices(app) -> list[str]:
    return [notice.text for notice in app.notices]


async def test_enter_keeps_last_times_answer_and_equals_keeps_the_rest(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        isla = app.session.current_id
        was = sample_store.state(isla).latest.answers
        await pilot.press("enter")
        assert app.session.draft.answers["know_needs"] == was["know_needs"]
        assert app.session.question == 1
        await pilot.press("equals_sign")
        await pilot.pause()
        # Complete: the next contact comes up, and Isla's review holds last time's answers.
        assert app.session.current_id != isla
        assert sample_store.state(isla).latest.answers == was
        assert "saved Isla McLeod" in app.screen.query_one(ReviewHeader).announcement


async def test_a_never_reviewed_contact_says_there_is_nothing_to_keep(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "equals_sign")
        assert app.session.draft.answers == dict.fromkeys(app.session.draft.answers)
        assert notices(app)[0].startswith("Never reviewed: there is no answer from last time")
        assert small_store.reviews(app.session.current_id) == []


async def test_p_and_k_on_a_client_record_nothing_and_say_why(sample_store, make):
    app = make(sample_store, queue="clients")
    async with app.run_test(size=(80, 24)) as pilot:
        client = app.session.current_id
        before = sample_store.reviews(client)
        await pilot.press("p", "k")
        assert sample_store.reviews(client) == before
        refused = "Nothing recorded: a client needs no promote or keep flag; they are a client"
        assert notices(app) == [f"{refused} already"] * 2
        assert "flagged" not in app.screen.query_one(ContactCard).render().plain


async def test_the_header_forgets_a_saved_result_once_anything_else_changes(small_store, make):
    app = make(small_store, auto_advance=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"yyyn")
        header = app.screen.query_one(ReviewHeader)
        assert header.announcement == "saved Ada Lovelace: candidate"
        await pilot.press("k")
        assert header.announcement == ""
        await pilot.press(*"yyyn")  # edits of a complete review announce nothing
        assert header.announcement == ""
        await pilot.press("u", "u", "u", "u", "u", "u", "u", "u", "u")
        assert header.announcement == ""
        assert "saved" not in screen_text(app).splitlines()[0]


async def test_changing_one_answer_of_a_finished_contact_stays_on_it(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        ada = app.session.current_id
        await pilot.press(*"yyyy")
        assert app.session.current_id != ada
        await pilot.press("h", "2", "n")
        assert app.session.current_id == ada
        assert small_store.state(ada).status == Status.CANDIDATE
        assert "result candidate" in app.screen.query_one(QuestionPanel).render().plain


async def test_the_card_shows_a_review_in_progress(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y", "n")
        card = app.screen.query_one(ContactCard).render().plain
        assert "░ unreviewed · due now\nin progress 2/4" in card


async def test_a_finished_queue_says_so_and_offers_no_answer_keys(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"yyyy", *"nnnn", *"yyyn")
        await pilot.pause()
        assert app.screen.id == "summary"
        await pilot.press("escape")
        await pilot.pause()
        text = screen_text(app)
        done = app.screen.query_one(ContactCard).render().plain
        assert done.startswith("The due queue is done: 3 contacts, 3 reviewed in this session.")
        assert "ctrl+p switches queue, L lists every contact" in done
        assert "Know needs" not in text
        assert "no earlier review" not in text
        footer = text.splitlines()[-1]
        assert "Yes" not in footer and "Skip" not in footer
        for action in ("answer", "confirm", "skip", "toggle_keep", "go_to_question"):
            assert app.screen.check_action(action, ()) is False
        await pilot.press("y")
        assert app.screen.id == "review"
        await pilot.press("h")
        assert app.session.current_id is not None
        assert "Know needs" in screen_text(app)


async def test_an_empty_queue_says_nobody_is_waiting(sample_store, make):
    app = make(sample_store, queue="at-risk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"yyyy")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        done = app.screen.query_one(ContactCard).render().plain
        assert done.startswith("The at risk queue is done: 1 contact, 1 reviewed in this session.")


async def test_b_returns_from_a_search_jump_to_where_the_review_was(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "y")
        where, question = app.session.current_id, app.session.question
        assert app.screen.check_action("jump_back", ()) is False
        await pilot.press("slash", *"amelia", "enter")
        await pilot.pause()
        assert app.session.contact.name == "Amelia Hart"
        assert "b goes back to where you were" in notices(app)
        await pilot.press("b")
        assert (app.session.current_id, app.session.question) == (where, question)
        assert app.screen.check_action("jump_back", ()) is False


async def test_the_list_shows_a_review_in_progress(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y", "n", "L")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        row = next(line for line in screen_text(app).splitlines() if "Ada Lovelace" in line)
        assert "unreviewed  in progress 2/4 now" in row
