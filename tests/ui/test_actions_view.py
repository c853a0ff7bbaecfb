"""Next actions in the app: the actions view (P), a contact's actions (A), and every key on them."""

from __future__ import annotations

from datetime import date

from ui_support import press, screen_lines, screen_text

from reltui.domain.actions import DONE, DROPPED, OPEN
from reltui.store.db import Store
from reltui.ui.screens.actions import ActionsScreen
from reltui.ui.widgets.action_list import ActionList

REFERRAL = "ask for a testimonial after the next delivery"
REFERENCE = "ask what they would tell a prospect about working with you"
NEEDS = "book a needs conversation"
# The sample database's open actions at the fixed clock (Monday 2026-11-16).
SAMPLE_ACTIONS = [
    ("2026-11-03", "overdue", "Olivia Brown", REFERRAL),
    ("2026-11-08", "overdue", "Nils Andersen", REFERENCE),
    ("2026-11-11", "overdue", "Maya Cohen", REFERRAL),
    ("2026-11-13", "overdue", "Luca Romano", REFERENCE),
    ("2026-11-14", "overdue", "Kemi Adeyemi", REFERRAL),
    ("2026-11-15", "overdue", "Quinn Murphy", NEEDS),
    ("2026-11-15", "overdue", "Quinn Murphy", REFERRAL),
    ("2026-11-17", "", "Isla McLeod", REFERRAL),
    ("2026-11-18", "", "Pablo Ortega", REFERENCE),
    ("2026-11-20", "", "Jonas Berg", REFERENCE),
]


def rows(app) -> list[tuple[str, str, str, str]]:
    return [
        (row.action.due.isoformat(), row.label, row.name, row.text)
        for row in app.screen.query_one(ActionList).rows
    ]


def notices(app) -> list[str]:
    return [notice.text for notice in app.notices]


def current(app):
    return app.screen.query_one(ActionList).current.action


def stored(store: Store, action_id: str):
    return store.find_action(action_id)


async def test_P_lists_every_open_action_overdue_first_then_by_due_day(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "P")
        assert isinstance(app.screen, ActionsScreen)
        assert rows(app) == SAMPLE_ACTIONS
        lines = [line.rstrip() for line in screen_lines(app)]
        assert lines[0].startswith(" Next actions · 10 open · 7 overdue · ⏎ opens the contact")
        assert lines[1].startswith("Due                  Contact · next action")
        assert lines[2].startswith("2026-11-03  overdue  Olivia Brown · ask for a testimonial")
        await press(pilot, "escape")
        assert app.screen.id == "review"


async def test_enter_opens_the_contact_of_the_action_on_the_review(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "P", "down", "down", "enter")
        assert app.screen.id == "review"
        assert app.session.contact.name == "Maya Cohen"


async def test_x_marks_done_it_leaves_the_view_and_u_brings_it_back(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "P")
        first = current(app)
        await press(pilot, "x")
        assert stored(sample_store, first.id).state == DONE
        assert stored(sample_store, first.id).closed == date(2026, 11, 16)
        assert rows(app) == SAMPLE_ACTIONS[1:]
        assert notices(app)[-1].startswith("Done: ask for a testimonial")
        await press(pilot, "u")
        assert stored(sample_store, first.id).state == OPEN
        assert rows(app) == SAMPLE_ACTIONS
        assert notices(app)[-1].startswith("Undid: marking 'ask for a testimonial")
        assert notices(app)[-1].endswith(" done for Olivia Brown")


async def test_d_drops_an_action(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "P", "down")
        chosen = current(app)
        await press(pilot, "d")
        assert stored(sample_store, chosen.id).state == DROPPED
        assert len(rows(app)) == len(SAMPLE_ACTIONS) - 1


async def test_plus_minus_and_angle_brackets_move_the_due_day(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "P", "end")
        last = current(app)
        assert last.due == date(2026, 11, 20)
        await press(pilot, "plus")
        assert stored(sample_store, last.id).due == date(2026, 11, 21)
        await press(pilot, "greater_than_sign")
        assert stored(sample_store, last.id).due == date(2026, 11, 28)
        await press(pilot, "less_than_sign", "minus", "minus")
        assert stored(sample_store, last.id).due == date(2026, 11, 19)
        # The cursor stays on the action it moved.
        assert current(app).id == last.id


async def test_D_types_a_due_day_and_a_bad_one_is_named(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "P")
        first = current(app)
        await press(pilot, "D", *["ctrl+u"])
        await press(pilot, *"2026-13-01", "enter")
        assert "is not a date" in screen_text(app)
        await press(pilot, "ctrl+u", *"2026-12-24", "enter")
        assert stored(sample_store, first.id).due == date(2026, 12, 24)
        assert isinstance(app.screen, ActionsScreen)


async def test_e_changes_the_text_and_an_empty_one_is_refused(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "P")
        first = current(app)
        await press(pilot, "e", "ctrl+u", "enter")
        assert "needs some text" in screen_text(app)
        await press(pilot, *"call Olivia", "enter")
        assert stored(sample_store, first.id).text == "call Olivia"
        await press(pilot, "escape")


async def test_A_shows_one_contacts_actions_and_a_adds_one(sample_store, make):
    app = make(sample_store, queue="all")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "slash", *"quinn", "enter")
        assert app.session.contact.name == "Quinn Murphy"
        await press(pilot, "A")
        assert isinstance(app.screen, ActionsScreen)
        assert [row[3] for row in rows(app)] == [NEEDS, REFERRAL]
        assert "Next actions for Quinn Murphy · 2 open · 2 overdue" in screen_text(app)
        await press(pilot, "a", *"send the brochure", "enter")
        added = [row for row in rows(app) if row[3] == "send the brochure"]
        assert added == [("2026-11-23", "", "Quinn Murphy", "send the brochure")]
        # Done ones stay on a contact's own list, marked.
        await press(pilot, "home", "x")
        assert ("2026-11-15", "done", "Quinn Murphy", NEEDS) in rows(app)
        await press(pilot, "escape")
        assert app.screen.id == "review"
        card = app.screen.query_one("#contact-card").render().plain
        assert "2 actions · 1 overdue · next 11-15 · A" in card, card


async def test_read_only_refuses_every_writing_key(sample_path, make):
    with Store.open(sample_path, read_only=True) as store:
        app = make(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "P")
            before = rows(app)
            await press(pilot, "x", "d", "plus", "greater_than_sign", "a")
            assert rows(app) == before
            assert isinstance(app.screen, ActionsScreen)


async def test_the_palette_opens_the_actions_view(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+p")
        await press(pilot, *"next actions")
        await press(pilot, "enter")
        assert isinstance(app.screen, ActionsScreen)


async def test_hostile_names_and_texts_are_shown_literally(hostile_store, make):
    ids = hostile_store.contact_ids_by_name()
    for contact_id in ids:
        hostile_store.open_action(contact_id, "[bold]not bold[/] \x1b[31mred", date(2026, 11, 20))
    app = make(hostile_store, queue="all")
    async with app.run_test(size=(120, 30)) as pilot:
        await press(pilot, "P")
        text = screen_text(app)
        assert "[bold]not bold[/] [31mred" in text
        assert "[@click=app.quit]x[/]" in text
        await press(pilot, "enter")
        assert app.is_running


# ---- cooling ---------------------------------------------------------------------------------


async def test_a_cooling_client_is_marked_on_the_card_and_in_the_list(sample_store, make):
    # The sample logs Bruno Silva's last touch 45 days before the fixed clock.
    app = make(sample_store, queue="clients")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "slash", *"bruno", "enter")
        card = app.screen.query_one("#contact-card").render().plain
        assert "❄ cooling · last touch 45 days ago · meeting" in card
        await press(pilot, "L")
        text = screen_text(app)
        bruno = next(line for line in text.splitlines() if "Bruno Silva" in line)
        assert bruno.rstrip().endswith("45d❄")
        amelia = next(line for line in text.splitlines() if "Amelia Hart" in line)
        assert amelia.rstrip().endswith("6d")
