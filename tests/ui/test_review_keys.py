"""Every review-screen key besides the answers: undo, skip, flags, questions, moving, notes."""

from __future__ import annotations

from ui_support import NOW, open_store, screen_lines, screen_text

from reltui.domain.rules import Decision, Status
from reltui.formats.records import ContactRecord
from reltui.ui.screens.note import NoteScreen
from reltui.ui.widgets.contact_card import ContactCard
from reltui.ui.widgets.questions import QuestionPanel
from reltui.ui.widgets.split_bar import SplitBar


def names(store) -> dict[str, int]:
    return {contact.name: contact.id for contact in store.contacts()}


async def test_undo_takes_back_several_steps_with_u_and_ctrl_z(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        session = app.session
        ada = names(small_store)["Ada Lovelace"]
        await pilot.press("y", "y", "y", "y")
        assert session.current_id != ada
        assert app.screen.query_one(SplitBar).view.counts == (1, 0, 0, 2)
        await pilot.press("u")
        assert session.current_id == ada
        assert session.question == 3
        assert session.draft.answers["trust_respect"] is None
        # Three answers of four: in progress, and the contact keeps its status (unreviewed).
        assert small_store.state(ada).status == Status.UNREVIEWED
        assert small_store.state(ada).answered == 3
        await pilot.press("ctrl+z", "u")
        assert session.draft.answers["ask_referral"] is None
        assert session.draft.answers["know_needs"] == "yes"
        assert session.question == 1
        await pilot.press("u")
        assert small_store.state(ada).status == Status.UNREVIEWED
        assert app.screen.query_one(SplitBar).view.counts == (0, 0, 0, 3)
        assert not session.can_undo
        assert app.screen.check_action("undo", ()) is None  # dimmed; pressed, it says why
        assert "▶1 Know needs" in app.screen.query_one(QuestionPanel).render().plain
    with open_store(small_store.path, read_only=True) as fresh:
        assert fresh.state(ada).status == Status.UNREVIEWED


async def test_skip_defers_to_next_week_says_until_when_and_moves_on(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        ada = names(small_store)["Ada Lovelace"]
        await pilot.press("s")
        assert app.session.current_id == names(small_store)["Brian Kernighan"]
        assert "2 of 3 due" in screen_lines(app)[0]
        notices = [notice.text for notice in app.notices]
        assert notices == ["Ada Lovelace: skipped, due again 2026-11-23"]
    with open_store(small_store.path, read_only=True) as fresh:
        latest = fresh.reviews(ada)[-1]
        assert latest.decision == Decision.SKIP
        assert latest.deferred_until == NOW.replace(day=23)
        assert not fresh.state(ada).is_due(NOW)


async def test_p_flags_a_promotion_candidate_and_toggles_off(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        ada = names(small_store)["Ada Lovelace"]
        await pilot.press("p")
        # The flag decides once the review is complete; until then the contact is unchanged.
        assert small_store.state(ada).status == Status.UNREVIEWED
        card = app.screen.query_one(ContactCard).render().plain
        assert "flagged: promote to candidate" in card
        assert app.screen.query_one(SplitBar).view.counts == (0, 0, 0, 3)
        await pilot.press("p")
        assert small_store.state(ada).status == Status.UNREVIEWED
        assert "flagged" not in app.screen.query_one(ContactCard).render().plain


async def test_k_keeps_a_three_yes_contact_as_customer(small_store, make):
    app = make(small_store, auto_advance=False)
    async with app.run_test(size=(80, 24)) as pilot:
        ada = names(small_store)["Ada Lovelace"]
        await pilot.press("y", "y", "y", "n")
        assert small_store.state(ada).status == Status.CANDIDATE
        await pilot.press("k")
        assert small_store.state(ada).status == Status.CUSTOMER
        assert "flagged: keep as customer" in app.screen.query_one(ContactCard).render().plain
        assert "result customer" in app.screen.query_one(QuestionPanel).render().plain
    with open_store(small_store.path, read_only=True) as fresh:
        assert fresh.reviews(ada)[-1].decision == Decision.KEEP


async def test_number_keys_go_to_a_question_to_change_it(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        for key, index in (("3", 2), ("1", 0), ("4", 3), ("2", 1)):
            await pilot.press(key)
            assert app.session.question == index
            panel = app.screen.query_one(QuestionPanel).render().plain
            assert f"▶{index + 1} " in panel
        await pilot.press("n")
        assert app.session.draft.answers == {
            "know_needs": None,
            "ask_referral": "no",
            "use_as_reference": None,
            "trust_respect": None,
        }
        assert app.session.question == 2


async def test_next_and_previous_contact_with_arrows_and_h_l(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        order = ["Ada Lovelace", "Brian Kernighan", "Grace Hopper"]
        ids = names(small_store)
        for key, expected in (("right", 1), ("l", 2), ("left", 1), ("h", 0)):
            await pilot.press(key)
            assert app.session.current_id == ids[order[expected]]
            assert f"{expected + 1} of 3 due" in screen_lines(app)[0]
            assert order[expected] in screen_text(app)
        assert app.screen.check_action("previous_contact", ()) is None
        assert small_store.reviews(ids["Ada Lovelace"]) == []


async def test_o_writes_a_note_saved_with_the_review(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        ada = names(small_store)["Ada Lovelace"]
        await pilot.press("o")
        assert isinstance(app.screen, NoteScreen)
        assert "Review note on Ada Lovelace" in screen_text(app)
        await pilot.press(*"Call in May", "ctrl+s")
        assert not isinstance(app.screen, NoteScreen)
        assert "review note Call in May" in app.screen.query_one(ContactCard).render().plain
        await pilot.press("o", "escape")
        assert app.session.draft.note == "Call in May"
    with open_store(small_store.path, read_only=True) as fresh:
        assert fresh.reviews(ada)[-1].note == "Call in May"


async def test_page_keys_scroll_a_long_card(small_store, make):
    small_store.import_records(
        [
            ContactRecord(
                name="Aaron Long",
                emails=["long@example.com"],
                notes="\n".join(f"note line {n}" for n in range(40)),
            )
        ]
    )
    app = make(small_store, queue="all")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.session.contact.name == "Aaron Long"
        pane = app.screen.query_one("#card-pane")
        assert pane.scroll_y == 0
        await pilot.press("pagedown")
        assert pane.scroll_y > 0
        await pilot.press("pageup")
        assert pane.scroll_y == 0


async def test_read_only_store_disables_answering(small_store, make):
    path = small_store.path
    small_store.close()
    with open_store(path, read_only=True) as store:
        app = make(store)
        async with app.run_test(size=(80, 24)) as pilot:
            assert "READ-ONLY" in screen_lines(app)[0]
            assert "read-only: answers cannot change" in screen_text(app)
            for action in ("answer", "undo", "toggle_promote", "toggle_keep", "skip", "note"):
                assert app.screen.check_action(action, ("yes",)) is False
            await pilot.press("y", "n", "p", "k", "s", "o")
            assert app.screen.id == "review"
            assert app.session.position == 0
            assert not app.session.answered_any
            await pilot.press("right")
            assert app.session.position == 1
            await pilot.press("q")
            await pilot.pause()
        assert app.return_code == 0
    with open_store(path, read_only=True) as fresh:
        assert all(fresh.reviews(cid) == [] for cid in fresh.contact_ids())


async def test_narrow_terminal_stacks_card_over_questions(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(60, 20)) as pilot:
        text = screen_text(app)
        assert "Ada Lovelace" in text
        assert "▶1 Know needs" in text
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        lines = screen_lines(app)
        assert "Ada Lovelace" in lines[3]
        assert "▶1 Know needs" in lines[3]
