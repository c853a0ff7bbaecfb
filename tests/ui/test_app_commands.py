"""App-wide keys and commands: help, quit and summary, the command palette, theme, animation."""

from __future__ import annotations

import csv
from pathlib import Path

from ui_support import screen_lines, screen_text

from reltui.store.export import HEADER
from reltui.ui.app import export_path
from reltui.ui.screens.help import HelpScreen, key_names
from reltui.ui.screens.review import REVIEW_BINDINGS
from reltui.ui.screens.summary import SummaryScreen
from reltui.ui.widgets.questions import QuestionPanel


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def run_command(app, pilot, text: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*text)
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)


async def test_question_mark_lists_every_review_key(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        review_help = app.screen.query_one("#help-review").render().plain
        shown_keys = {key for line in review_help.splitlines() for key in line[:10].split()}
        for binding in REVIEW_BINDINGS:
            assert set(key_names(app, binding)) <= shown_keys, binding
        assert "y         Answer yes, go on" in review_help
        assert "1 2 3 4   Go to question 1-4" in review_help
        assert "u ^z      Undo (several steps)" in review_help
        assert "→ l       Next" in review_help
        others = app.screen.query_one("#help-others").render().plain
        assert "Command palette" in others
        assert "1-6       Sort (again: reverse)" in others
        assert "End: summary, then quit" in others
        await pilot.press("escape")
        assert app.screen.id == "review"


async def test_q_without_answers_quits_at_once(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_q_after_an_answer_shows_summary_and_q_again_leaves(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y", "q")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        text = screen_text(app)
        assert "Session summary · everything is saved" in text
        # One answer of four: nothing is reviewed yet, the review is in progress.
        assert "reviewed       0" in text
        assert "in progress    1" in text
        assert "░ unreviewed        3 → 3" in text
        await pilot.press("escape")
        assert app.screen.id == "review"
        await pilot.press("q", "q")
        await pilot.pause()
    assert not app.is_running


async def test_palette_export_writes_a_csv_in_home(small_store, make, isolated_environment):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y", "y", "y", "y")
        await run_command(app, pilot, "export csv")
        path = isolated_environment / "reltui-export-2026-11-16.csv"
        assert path.exists()
        notices = [notice.text for notice in app.notices]
        assert f"Exported 3 contacts to {path}" in notices
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(HEADER)
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["Ada Lovelace"][4] == "client"
    assert by_name["Brian Kernighan"][4] == "unreviewed"


def test_export_path_never_overwrites(tmp_path: Path):
    first = export_path(tmp_path, "2026-11-16")
    first.write_text("x")
    assert export_path(tmp_path, "2026-11-16").name == "reltui-export-2026-11-16-2.csv"


async def test_palette_switches_queue(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "1 of 30 due" in screen_lines(app)[0]
        await run_command(app, pilot, "review clients at risk")
        assert app.session.queue_name == "at-risk"
        assert "1 of 1 at risk" in screen_lines(app)[0]
        assert app.session.contact.name == "Isla McLeod"
        text = screen_text(app)
        assert "⚠ AT RISK since 2026-11-10" in text
        assert "lost Ask referral" in text
        panel = app.screen.query_one(QuestionPanel).render().plain
        assert "▶1 Know needs       ·      was yes" in panel
        assert " 2 Ask referral     ·      was no" in panel


async def test_palette_jumps_to_a_contact(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_command(app, pilot, "nakamura")
        assert app.screen.id == "review"
        assert app.session.contact.name == "Kai Nakamura"


async def test_palette_opens_the_list(sample_store, make):
    app = make(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_command(app, pilot, "list contacts")
        assert app.screen.id == "contact-list"


async def test_theme_from_settings_with_fallback_and_no_animation(small_store, make):
    assert make(small_store, theme="nord").theme == "nord"
    fallback = make(small_store, theme="no-such-theme")
    assert fallback.theme == "textual-dark"
    assert fallback.animation_level == "none"
    assert make(small_store, animations=True).animation_level == "full"


async def test_a_damaged_contacts_file_found_after_the_first_screen_ends_in_one_line(
    tmp_path, make
):
    from ui_support import open_store

    from reltui.formats.records import ContactRecord
    from reltui.store.contact_files import SHARD_SIZE

    with open_store(tmp_path / "db") as store:
        store.import_records(
            [
                ContactRecord(name=f"Person {number:04d}", emails=[f"p{number}@example.com"])
                for number in range(SHARD_SIZE + 1)
            ]
        )
    with open_store(tmp_path / "db") as store:
        second = sorted((tmp_path / "db" / "contacts").glob("[0-9]*.json"))[1]
        second.write_bytes(b"{")
        app = make(store, queue="all")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "Person 0000" in screen_text(app)
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert app.return_code == 1
        # ``reltui review`` prints it as one line once the terminal is restored.
        assert app.store_error == (
            f"{second}: file is corrupt (not valid JSON); no backup to restore from"
        )


async def test_work_that_can_wait_runs_once_the_first_screen_is_drawn(small_store, make):
    app = make(small_store)
    seen: list[str] = []
    app.after_first_screen.append(lambda: seen.append(screen_text(app)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert len(seen) == 1
    assert "Ada Lovelace" in seen[0]
