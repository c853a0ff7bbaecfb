"""ISO weeks, the one-pass split against a brute-force count, and the layer the code keeps to."""

import subprocess
import sys
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_trend import N, U, Y, at

from reltui.domain.models import Review
from reltui.domain.questions import QUESTION_IDS
from reltui.domain.rules import Split, Status
from reltui.domain.state import is_complete, review_status
from reltui.domain.trend import iso_week, parse_iso_week, split_by_week, week_start
from reltui.store.db import new_review_id


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (date(2026, 11, 16), "2026-W47"),
        (date(2026, 11, 22), "2026-W47"),
        (date(2027, 1, 1), "2026-W53"),
        (date(2024, 12, 30), "2025-W01"),
    ],
)
def test_iso_week_and_back(day, week):
    assert iso_week(day) == week
    assert parse_iso_week(week) == week_start(day)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-W60", "'2026-W60' is not an ISO week; 2026 has no week 60"),
        ("2025-W53", "'2025-W53' is not an ISO week; 2025 has no week 53"),
        ("2026-47", "'2026-47' is not an ISO week; expected YYYY-Www, for example 2025-W07"),
        ("", "'' is not an ISO week; expected YYYY-Www, for example 2025-W07"),
    ],
)
def test_parse_iso_week_refuses(text, message):
    with pytest.raises(ValueError) as caught:
        parse_iso_week(text)
    assert str(caught.value) == message


# ---- the one-pass split agrees with the obvious weeks x contacts x reviews computation -------

answers_strategy = st.tuples(*[st.sampled_from([Y, N, U, None])] * 4)
decision_strategy = st.sampled_from([None, None, "promote", "keep", "skip"])
entry_strategy = st.tuples(st.integers(0, 120), answers_strategy, decision_strategy)


def make_history(contact_id, entries):
    history, answered = [], []
    for days, values, decision in sorted(entries, key=lambda entry: entry[0]):
        review = Review(
            id=new_review_id(),
            contact_id=contact_id,
            at=at(date(2026, 8, 1) + timedelta(days=days), 12),
            reviewer="me",
            answers=dict(zip(QUESTION_IDS, values, strict=True)),
            decision=decision,
        )
        review.status = review_status(
            review, answered[-1].status if answered else Status.UNREVIEWED, 3
        )
        history.append(review)
        if is_complete(review):
            answered.append(review)
    return history


def slow_split(histories, end):
    statuses = []
    for history in histories:
        counted = [r for r in history if is_complete(r) and r.at.date() <= end]
        statuses.append(counted[-1].status if counted else Status.UNREVIEWED)
    return Split.of(statuses)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(entry_strategy, max_size=6), max_size=8), st.integers(0, 150))
def test_one_pass_split_matches_a_brute_force_count(contacts, today_offset):
    histories = [make_history(index, entries) for index, entries in enumerate(contacts)]
    today = date(2026, 8, 1) + timedelta(days=today_offset)
    trend = split_by_week(histories, 20, today)
    assert [week.end for week in trend] == [
        week_start(today) + timedelta(days=6 - 7 * back) for back in range(19, -1, -1)
    ]
    for week in trend:
        assert week.split.counts == slow_split(histories, week.end).counts
        assert week.split.total == len(histories)


def test_rhythm_modules_keep_to_their_layer():
    code = (
        "import sys, reltui.domain.trend, reltui.domain.rhythm; "
        "print('textual' in sys.modules, 'tinydb' in sys.modules); "
        "import reltui.review.insights, reltui.review.report, reltui.cli.report, reltui.cli.stats; "
        "print('textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False", "False"]
