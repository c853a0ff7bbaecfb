"""Finding contacts: the / search, the L list view (filter, sort, open) and the palette jump."""

from __future__ import annotations

from ui_support import screen_lines, screen_text

from reltui.ui.screens.contact_list import ContactListScreen
from reltui.ui.screens.search import SearchScreen
from reltui.ui.widgets.contact_table import ContactTable


async def settle(app, pilot) -> None:
    """Let a new screen mount and start its workers, then wait for them and for their output."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_slash_searches_fuzzily_and_enter_jumps(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"kowalsky")
        await settle(app, pilot)
        text = screen_text(app)
        assert "Elena Kowalski  Kowalski Architects  client" in text
        assert "elena.kowalski@" not in text
        await pilot.press("enter")
        assert not isinstance(app.screen, SearchScreen)
        assert app.session.contact.name == "Elena Kowalski"
        assert "Elena Kowalski" in screen_text(app)


async def test_search_by_company_and_email_and_arrow_to_second_hit(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"cedar")
        await settle(app, pilot)
        results = app.screen.query_one("#search-results")
        prompts = [results.get_option_at_index(i).prompt.plain for i in range(2)]
        assert [prompt.split("  ")[0] for prompt in prompts] == ["Farid Haddad", "Yara Haddad"]
        await pilot.press("down", "enter")
        assert app.session.contact.name == "Yara Haddad"
        await pilot.press("slash", *"bruno.silva@")
        await settle(app, pilot)
        text = screen_text(app)
        assert "bruno.silva@" in text.splitlines()[2]
        assert "Bruno Silva  Silva & Sons Joinery  client" in text
        assert "bruno.silva@silva.example.com" in text
        await pilot.press("enter")
        assert app.session.contact.name == "Bruno Silva"


async def test_escape_closes_search_without_moving(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        before = app.session.current_id
        await pilot.press("slash", *"nils", "escape")
        await settle(app, pilot)
        assert app.screen.id == "review"
        assert app.session.current_id == before


async def test_list_view_shows_filters_sorts_and_opens(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("L")
        await settle(app, pilot)
        assert isinstance(app.screen, ContactListScreen)
        table = app.screen.query_one(ContactTable)
        assert len(table.rows) == 40
        lines = screen_lines(app)
        assert lines[0].startswith(" 40 of 40 contacts · status all (f) · sort name ▲")
        assert lines[2].split() == [
            "Name",
            "▲",
            "Company",
            "Status",
            "Reviewed",
            "Due",
            "Touch",
        ]
        assert lines[3].startswith("Aaron Blake")
        assert lines[3].split("  ")[0] == "Aaron Blake"
        assert "Blake Insurance" in lines[3]
        assert lines[3].rstrip().endswith("customer    2026-09-17      2026-12-17")
        # f cycles the status filter: all -> client.
        await pilot.press("f")
        await settle(app, pilot)
        assert {row.status for row in table.rows} == {"client"}
        assert len(table.rows) == 8
        assert screen_lines(app)[0].startswith(" 8 of 40 contacts · status client")
        # 2 sorts by company, again reverses.
        await pilot.press("2")
        await settle(app, pilot)
        companies = [row.company for row in table.rows]
        assert companies == sorted(companies, key=str.casefold)
        await pilot.press("2")
        await settle(app, pilot)
        assert [row.company for row in table.rows] == companies[::-1]
        assert "Company ▼" in screen_lines(app)[2]
        # / types into the filter box.
        await pilot.press("slash", *"tanaka")
        await settle(app, pilot)
        assert [row.name for row in table.rows] == ["Hiro Tanaka"]
        await pilot.press("enter", "enter")
        assert app.screen.id == "review"
        assert app.session.contact.name == "Hiro Tanaka"


async def test_list_sort_keys_and_cursor_movement(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("L")
        await settle(app, pilot)
        table = app.screen.query_one(ContactTable)
        await pilot.press("3")
        await settle(app, pilot)
        # At-risk contacts first, then clients, candidates, customers, unreviewed.
        assert table.rows[0].name == "Isla McLeod"
        assert table.rows[0].status_label == "candidate !"
        assert table.rows[-1].status == "unreviewed"
        await pilot.press("4")
        await settle(app, pilot)
        assert table.rows[0].reviewed == ""
        await pilot.press("5")
        await settle(app, pilot)
        assert table.rows[0].due == "now"
        await pilot.press("1")
        await settle(app, pilot)
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("down", "down")
        assert table.current.name == "Bea Lindqvist"
        await pilot.press("end")
        assert table.cursor_row == 39
        assert table.scroll_y > 0
        assert "Zoë Fischer" in screen_text(app)
        await pilot.press("home", "pagedown")
        assert table.cursor_row == table.scrollable_content_region.height - 1
        await pilot.press("escape")
        assert app.screen.id == "review"


async def test_list_opens_at_the_current_contact(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        current = app.session.contact.name
        await pilot.press("L")
        await settle(app, pilot)
        table = app.screen.query_one(ContactTable)
        assert table.current.name == current
        await pilot.press("L")
        assert app.screen.id == "review"


async def test_list_reflects_answers_given_after_it_was_built(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("L")
        await settle(app, pilot)
        await pilot.press("escape", "y", "y", "y", "y", "L")
        await settle(app, pilot)
        table = app.screen.query_one(ContactTable)
        ada = next(row for row in table.rows if row.name == "Ada Lovelace")
        assert ada.status == "client"
        assert ada.reviewed == "2026-11-16"
        assert ada.due == "2026-12-14"
