"""a adds, e edits, t logs a touch, H opens the timeline: in the review and in the list."""

from __future__ import annotations

from datetime import date

from ui_support import open_store, screen_text, settle

from reltui.domain.rules import Status
from reltui.ui.screens.contact_form import ContactForm
from reltui.ui.screens.contact_list import ContactListScreen
from reltui.ui.screens.note import NoteScreen
from reltui.ui.screens.review import ReviewScreen
from reltui.ui.screens.timeline import TimelineScreen
from reltui.ui.screens.touch_form import TouchForm
from reltui.ui.widgets.contact_card import ContactCard
from reltui.ui.widgets.contact_table import ContactTable


def card(app) -> str:
    return app.screen.query_one(ContactCard).render().plain


async def test_a_adds_a_contact_and_the_review_moves_to_it(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, ContactForm)
        await pilot.press(*"Linus Torvalds", "tab", *"linus@example.org", "tab", *"Linux")
        await pilot.press("tab", "tab", "tab", *"kernel, git", "tab", *"met at FOSDEM")
        await pilot.press("enter", *"second line", "ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        assert app.session.contact.name == "Linus Torvalds"
        assert "Linus Torvalds" in card(app) and "tags kernel · git" in card(app)
        split = app.session.split
        assert (split.total, split.counts[Status.UNREVIEWED]) == (4, 4)
        await pilot.press("b")  # back to where the review was
        assert app.session.contact.name == "Ada Lovelace"
    with open_store(small_store.path, read_only=True) as fresh:
        linus = fresh.contact(4)
        assert (linus.email, linus.company, linus.tags) == (
            "linus@example.org",
            "Linux",
            ["kernel", "git"],
        )
        assert linus.notes == "met at FOSDEM\nsecond line"


async def test_a_bad_email_or_no_name_is_named_beside_the_field_and_nothing_is_saved(
    small_store, make
):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "tab", *"not-an-email", "ctrl+s")
        assert isinstance(app.screen, ContactForm)
        text = screen_text(app)
        assert "a name is required" in text
        assert "not an email address" in text
        assert app.screen.focused.id == "field-name"
        await pilot.press(*"Ada Lovelace", "tab", "ctrl+a", "ctrl+k", *"ADA@example.com", "ctrl+s")
        assert isinstance(app.screen, ContactForm)
        assert "already in the database: Ada Lovelace" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
    assert len(small_store) == 3


async def test_e_edits_the_current_contact_and_u_puts_it_back(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.form_values()["email"] == "ada@example.com"
        await pilot.press("tab", "tab", "ctrl+a", "ctrl+k", *"Analytical Engines", "ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        assert "Analytical Engines" in card(app)
        assert small_store.contact(1).company == "Analytical Engines"
        await pilot.press("u")
        assert small_store.contact(1).company == "Engines"
        assert "Analytical" not in card(app)
    with open_store(small_store.path, read_only=True) as fresh:
        assert fresh.contact(1).company == "Engines"
        assert [edit.kind for edit in fresh.edits(1)] == ["edited", "undone"]


async def test_t_logs_a_touch_shown_on_the_card_and_u_takes_it_back(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, TouchForm)
        await pilot.press("c", *"asked about renewal", "enter")
        assert isinstance(app.screen, ReviewScreen)
        assert 'last touch today · call · "asked about renewal"' in card(app)
        await pilot.press("t", "m", "shift+tab", *"2026-11-04", "ctrl+s")
        assert 'last touch today · call · "asked about renewal"' in card(app)
        assert [t.kind for t in small_store.touches(1)] == ["meeting", "call"]
        assert small_store.touches(1)[0].on == date(2026, 11, 4)
        await pilot.press("u", "u")
        assert small_store.touches(1) == []
        assert "last touch" not in card(app)


async def test_each_kind_has_its_key_and_a_bad_date_is_refused(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        for key, kind in (
            ("m", "meeting"),
            ("e", "email"),
            ("s", "message"),
            ("v", "event"),
            ("o", "other"),
            ("c", "call"),
        ):
            await pilot.press("t", key)
            assert app.screen.kind == kind
            await pilot.press("escape")
        await pilot.press("t", "ctrl+s")
        assert "choose a kind" in screen_text(app)
        await pilot.press("v", "shift+tab", *"31/12/2026", "ctrl+s")
        assert isinstance(app.screen, TouchForm)
        assert "is not a date; write it as YYYY-MM-DD" in screen_text(app)
        await pilot.press("escape")
    assert small_store.touches(1) == []


async def test_the_card_says_how_long_since_the_last_touch(small_store, make):
    small_store.add_touch(1, "call", date(2026, 11, 4), "asked about renewal")
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        # The touch log is read once the first screen is drawn; then the card shows it.
        await settle(pilot)
        assert 'last touch 12 days ago · call · "asked about renewal"' in card(app)


async def test_capital_h_opens_the_timeline_newest_first_and_scrolls(small_store, make):
    for day in range(1, 29):
        small_store.add_touch(1, "email", date(2026, 10, day), f"mail {day}")
    small_store.edit_contact(1, {"position": "Analyst"})
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("H")
        assert isinstance(app.screen, TimelineScreen)
        text = screen_text(app)
        assert "Ada Lovelace (id 1) · ada@example.com · Engines · Analyst · 29 events" in text
        lines = text.splitlines()
        assert lines[1].strip().startswith("2026-11-16  edited position")
        assert '2026-10-28  email · "mail 28"' in text
        assert 'mail 1"' not in text
        await pilot.press("pagedown", "pagedown", "end", "down", "down")
        assert '2026-10-01  email · "mail 1"' in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_the_timeline_shows_the_review_and_note_lines(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o", *"first", "enter", *"second", "ctrl+s")
        await pilot.press("y", "n", "y", "y")
        await pilot.press("h", "H")
        await pilot.pause()
        text = screen_text(app)
        assert "2026-11-16  review by tester · candidate" in text
        assert "Know needs: yes  Ask referral: no" in text
        assert "Use as reference: yes  Trust & respect: yes" in text
        stripped = [line.strip() for line in text.splitlines()]
        assert stripped.index("first") + 1 == stripped.index("second")
        assert "status unreviewed → candidate" in text
        await pilot.press("H")
        assert isinstance(app.screen, ReviewScreen)


async def test_the_note_takes_several_lines_and_ctrl_s_saves(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"Call in May", "enter", *"about the renewal", "ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        assert app.session.draft.note == "Call in May\nabout the renewal"
        await pilot.press("o", *" more", "escape")
        assert app.session.draft.note == "Call in May\nabout the renewal"
    with open_store(small_store.path, read_only=True) as fresh:
        assert fresh.reviews(1)[-1].note == "Call in May\nabout the renewal"


async def test_the_list_adds_edits_touches_and_sorts_by_last_touch(small_store, make):
    small_store.add_touch(2, "call", date(2026, 11, 10))
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("L")
        await settle(pilot)
        assert isinstance(app.screen, ContactListScreen)
        table = app.screen.query_one(ContactTable)
        assert "6d" in screen_text(app)
        await pilot.press("down", "down")  # Grace Hopper
        assert table.current.name == "Grace Hopper"
        await pilot.press("t", "v", *"conference", "enter")
        await settle(pilot)
        assert small_store.last_touch(3).kind == "event"
        await pilot.press("6")
        await settle(pilot)
        assert [row.name for row in table.rows][:2] == ["Ada Lovelace", "Brian Kernighan"]
        await pilot.press("6")
        await settle(pilot)
        assert [row.name for row in table.rows][:2] == ["Grace Hopper", "Brian Kernighan"]
        assert table.current.name == "Grace Hopper"
        await pilot.press("e", "ctrl+a", "ctrl+k", *"Grace B. Hopper", "ctrl+s")
        await settle(pilot)
        assert table.current.name == "Grace B. Hopper"
        await pilot.press("a", *"Alan Turing", "tab", *"alan@example.org", "ctrl+s")
        await settle(pilot)
        assert table.current.name == "Alan Turing"
        assert app.screen.total == 4
        await pilot.press("H")
        assert isinstance(app.screen, TimelineScreen)
        assert "added in reltui" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, ContactListScreen)
        await pilot.press("slash", *"alan")
        await settle(pilot)
        assert app.screen.shown == 1


async def test_read_only_hides_the_writing_keys(small_store, make):
    path = small_store.path
    small_store.close()
    with open_store(path, read_only=True) as store:
        app = make(store)
        async with app.run_test(size=(80, 24)) as pilot:
            for key in ("a", "e", "t"):
                await pilot.press(key)
                assert isinstance(app.screen, ReviewScreen), key
            await pilot.press("H")
            assert isinstance(app.screen, TimelineScreen)


async def test_contact_text_in_the_forms_and_timeline_is_literal(hostile_store, make):
    app = make(hostile_store, queue="all")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ContactForm)
        await pilot.press("escape", "t")
        text = screen_text(app)
        assert "\x1b" not in text
        await pilot.press("escape", "H")
        assert "\x1b" not in screen_text(app)
        assert "\x07" not in screen_text(app)
