"""Snapshots of every screen at 60x20 (the smallest usable), 80x24 (the SSH terminal) and
200x50 (a desktop), on the sample data."""

from __future__ import annotations

import pytest

SIZES = [
    pytest.param((60, 20), id="60x20"),
    pytest.param((80, 24), id="80x24"),
    pytest.param((200, 50), id="200x50"),
]


async def ready(pilot) -> None:
    """Wait for what the app reads after its first screen (touches, actions): a snapshot taken
    before would show the card with or without them, as the machine's load decides."""
    await pilot.app.loaded.wait()
    await pilot.pause()


async def open_list(pilot) -> None:
    await ready(pilot)
    await pilot.press("L")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def press_and_wait(*keys: str):
    """Press ``keys``, then let the screens' workers finish before the snapshot."""

    async def run(pilot) -> None:
        await ready(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", SIZES)
def test_review_screen(snap_compare, sample_store, make, size):
    assert snap_compare(make(sample_store), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_review_screen_at_risk_contact_mid_review(snap_compare, sample_store, make, size):
    app = make(sample_store, queue="at-risk")
    assert snap_compare(app, terminal_size=size, run_before=press_and_wait("y", "n", "p"))


@pytest.mark.parametrize("size", SIZES)
def test_list_view(snap_compare, sample_store, make, size):
    assert snap_compare(make(sample_store), terminal_size=size, run_before=open_list)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, sample_store, make, size):
    assert snap_compare(
        make(sample_store), terminal_size=size, run_before=press_and_wait("question_mark")
    )


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare, sample_store, make, size):
    app = make(sample_store, queue="candidates", auto_advance=False)
    keys = ["y", "y", "y", "y", "right", "n", "n", "y", "y", "right", "k", "q"]
    assert snap_compare(app, terminal_size=size, run_before=press_and_wait(*keys))


@pytest.mark.parametrize("size", SIZES)
def test_trend(snap_compare, sample_store, make, size):
    assert snap_compare(make(sample_store), terminal_size=size, run_before=press_and_wait("T"))


@pytest.mark.parametrize("size", SIZES)
def test_trend_52_weeks(snap_compare, sample_store, make, size):
    run_before = press_and_wait("T", "3")
    assert snap_compare(make(sample_store), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_actions_view(snap_compare, sample_store, make, size):
    assert snap_compare(make(sample_store), terminal_size=size, run_before=press_and_wait("P"))


@pytest.mark.parametrize("size", SIZES)
def test_contact_actions(snap_compare, sample_store, make, size):
    assert snap_compare(make(sample_store), terminal_size=size, run_before=press_and_wait("A"))


@pytest.mark.parametrize("size", SIZES)
def test_action_form(snap_compare, sample_store, make, size):
    run_before = press_and_wait("A", "a", *"call about the renewal")
    assert snap_compare(make(sample_store), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_search(snap_compare, sample_store, make, size):
    run_before = press_and_wait("slash", "h", "a")
    assert snap_compare(make(sample_store), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_note_form(snap_compare, sample_store, make, size):
    keys = ["o", *"asked about the renewal"]
    assert snap_compare(make(sample_store), terminal_size=size, run_before=press_and_wait(*keys))


@pytest.mark.parametrize("size", SIZES)
def test_contact_form(snap_compare, sample_store, make, size):
    """The edit form over the review, with a refused email named beside its field."""
    keys = ["e", "tab", "ctrl+a", "ctrl+k", *"not-an-email", "ctrl+s"]
    assert snap_compare(make(sample_store), terminal_size=size, run_before=press_and_wait(*keys))


@pytest.mark.parametrize("size", SIZES)
def test_touch_form(snap_compare, sample_store, make, size):
    assert snap_compare(make(sample_store), terminal_size=size, run_before=press_and_wait("t", "c"))


@pytest.mark.parametrize("size", SIZES)
def test_timeline(snap_compare, sample_store, make, size):
    from datetime import date

    contact_id = make(sample_store).session.current_id
    sample_store.add_touch(contact_id, "call", date(2026, 11, 4), "asked about renewal")
    sample_store.add_touch(contact_id, "meeting", date(2026, 10, 20), "lunch at [bold]Rio[/]")
    sample_store.edit_contact(contact_id, {"position": "Head of Operations"})
    app = make(sample_store)
    assert snap_compare(app, terminal_size=size, run_before=press_and_wait("H"))
