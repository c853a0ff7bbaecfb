"""Snapshots of the main screens at 80x24 (the SSH terminal) and 120x40, on the sample data."""

from __future__ import annotations

import pytest

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def open_list(pilot) -> None:
    await pilot.press("L")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def press_and_wait(*keys: str):
    """Press ``keys``, then let the screens' workers finish before the snapshot."""

    async def run(pilot) -> None:
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", SIZES)
def test_review_screen(snap_compare, sample_store, make, size):
    assert snap_compare(make(sample_store), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_review_screen_at_risk_contact_mid_review(snap_compare, sample_store, make, size):
    app = make(sample_store, queue="at-risk")
    assert snap_compare(app, terminal_size=size, press=["y", "n", "p"])


@pytest.mark.parametrize("size", SIZES)
def test_list_view(snap_compare, sample_store, make, size):
    assert snap_compare(make(sample_store), terminal_size=size, run_before=open_list)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, sample_store, make, size):
    assert snap_compare(make(sample_store), terminal_size=size, press=["question_mark"])


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


def test_contact_form(snap_compare, sample_store, make):
    """The edit form over the review at 80x24, with a refused email named beside its field."""
    keys = ["e", "tab", "ctrl+a", "ctrl+k", *"not-an-email", "ctrl+s"]
    assert snap_compare(make(sample_store), terminal_size=(80, 24), press=keys)


def test_touch_form(snap_compare, sample_store, make):
    assert snap_compare(make(sample_store), terminal_size=(80, 24), press=["t", "c"])


def test_timeline(snap_compare, sample_store, make):
    from datetime import date

    contact_id = make(sample_store).session.current_id
    sample_store.add_touch(contact_id, "call", date(2026, 11, 4), "asked about renewal")
    sample_store.add_touch(contact_id, "meeting", date(2026, 10, 20), "lunch at [bold]Rio[/]")
    sample_store.edit_contact(contact_id, {"position": "Head of Operations"})
    app = make(sample_store)
    assert snap_compare(app, terminal_size=(80, 24), run_before=press_and_wait("H"))
