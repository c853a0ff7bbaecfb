"""The plain pieces behind the widgets: split bar arithmetic, list rows, progress text."""

from __future__ import annotations

import pytest
from ui_support import clock, settings

from reltui.domain.rules import Split, Status
from reltui.review.session import ReviewSession
from reltui.ui.contact_rows import ContactRows
from reltui.ui.views import progress_text
from reltui.ui.widgets.contact_table import HEADERS, column_widths, fit
from reltui.ui.widgets.split_bar import SplitBar, SplitView, bar_width_for, bar_widths, change_lines


@pytest.mark.parametrize(
    ("counts", "width", "expected"),
    [
        ((8, 9, 11, 12), 40, [8, 9, 11, 12]),
        ((1, 0, 0, 99_999), 20, [1, 0, 0, 19]),
        ((0, 0, 0, 0), 20, [0, 0, 0, 0]),
        ((1, 1, 1, 1), 2, [1, 1, 0, 0]),
    ],
)
def test_bar_widths_fill_exactly_and_keep_small_statuses_visible(counts, width, expected):
    assert bar_widths(counts, width) == expected
    assert sum(bar_widths(counts, width)) == (width if any(counts) else 0)


def test_split_changes_in_words():
    before = Split.of(["client", "customer", "customer", "unreviewed"])
    after = Split.of(["client", "client", "client", "candidate"])
    view = SplitView.of(after, before, at_risk=1)
    assert view.changes() == "+2 clients, +1 candidate, -2 customers, -1 unreviewed, 1 at risk"
    assert SplitView.of(before, before).changes() == "no changes yet"


BUSY_SESSION = SplitView(
    counts=(10, 11, 13, 6),
    before=(8, 9, 11, 12),
    at_risk=2,
    reviewed=6,
    demoted=2,
    in_progress=1,
    skipped=3,
)


def test_split_changes_fit_their_room_in_words_then_glyphs_then_two_lines():
    assert [line.plain for line in change_lines(BUSY_SESSION, 140)] == [
        " this session: 6 reviewed, +2 clients, +2 candidates, +2 customers, -6 unreviewed,"
        " 2 demoted, 2 at risk, 1 in progress, 3 skipped"
    ]
    lines = [line.plain for line in change_lines(BUSY_SESSION, 52)]
    assert lines == [
        " session: 6 reviewed █+2 ▓+2 ▒+2 ░-6 2 demoted",
        "          2 at risk 1 in progress 3 skipped",
    ]
    assert all(len(line) <= 52 for line in lines)
    quiet = SplitView(counts=(1, 1, 1, 1), before=(1, 1, 1, 1))
    assert [line.plain for line in change_lines(quiet, 30)] == [" this session: no changes yet"]


@pytest.mark.parametrize("width", [38, 58, 78, 198])
def test_split_bar_keeps_its_width_as_the_session_grows(width):
    bar_cells = set()
    for view in (SplitView(counts=(8, 9, 11, 12), before=(8, 9, 11, 12)), BUSY_SESSION):
        split_bar = SplitBar()
        split_bar.set_reactive(SplitBar.view, view)
        lines = split_bar._bar_lines(width)
        bar_cells.add(len(lines[0].plain) - len(lines[0].plain.lstrip("█▓▒░")))
        assert all(line.cell_length <= width for line in lines)
    assert bar_cells == {bar_width_for(width)}
    assert 10 <= bar_width_for(width) <= width // 2


def test_fit_pads_and_cuts_by_cells():
    assert fit("abc", 5) == "abc  "
    assert fit("abcdef", 4) == "abc…"
    assert fit("日本語", 4) == "日 …" or fit("日本語", 4) == "日…" + " "
    assert sum(column_widths(78).values()) + len(HEADERS) - 1 == 78


@pytest.mark.parametrize("width", [59, 66, 78, 120, 198])
def test_list_columns_fill_the_width_and_keep_every_date_whole(width):
    widths = column_widths(width)
    shown = [column for column, cells in widths.items() if cells]
    assert sum(widths.values()) + len(shown) - 1 == width
    assert widths["due"] == 10
    assert widths["reviewed"] >= 10
    assert widths["name"] >= 15


def test_a_narrow_list_drops_the_company_before_the_name():
    assert column_widths(59)["company"] == 0
    assert column_widths(78)["company"] > 0


def test_contact_rows_filter_sort_and_refresh(sample_store):
    rows = ContactRows(sample_store, settings().cadence_days)
    assert len(rows.view()) == 40
    assert [row.name for row in rows.view(query="HADDAD")] == ["Farid Haddad", "Yara Haddad"]
    assert [row.name for row in rows.view(query="chloe")] == ["Chloé Martin"]
    assert len(rows.view(status="client")) == 8
    assert [row.name for row in rows.view(status="at risk")] == ["Isla McLeod"]
    by_due = rows.view(sort="due", reverse=True)
    assert by_due[-1].due == "now"
    session = ReviewSession(sample_store, settings(), "unreviewed", clock=clock)
    contact_id = session.current_id
    for _ in range(4):
        session.answer("yes")
    assert rows.by_id[contact_id].status == Status.UNREVIEWED
    rows.refresh(contact_id)
    assert rows.by_id[contact_id].status == Status.CLIENT
    assert rows.by_id[contact_id].reviewed == "2026-11-16"


def test_progress_text(sample_store):
    session = ReviewSession(sample_store, settings(), "due", clock=clock)
    assert progress_text(session) == "1 of 30 due"
    empty = ReviewSession(sample_store, settings(), "at-risk", clock=clock)
    empty.queue.clear()
    assert progress_text(empty) == "the at risk queue is empty"
    session.position = len(session.queue)
    assert progress_text(session) == "all 30 due done"
