"""The plain pieces behind the widgets: split bar arithmetic, list rows, progress text."""

from __future__ import annotations

import pytest
from ui_support import clock, settings

from reltui.domain.rules import Split, Status
from reltui.review.session import ReviewSession
from reltui.ui.contact_rows import ContactRows
from reltui.ui.views import progress_text
from reltui.ui.widgets.contact_table import HEADERS, column_widths, fit
from reltui.ui.widgets.split_bar import SplitView, bar_widths


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


def test_fit_pads_and_cuts_by_cells():
    assert fit("abc", 5) == "abc  "
    assert fit("abcdef", 4) == "abc…"
    assert fit("日本語", 4) == "日 …" or fit("日本語", 4) == "日…" + " "
    assert sum(column_widths(78).values()) + len(HEADERS) - 1 == 78


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
