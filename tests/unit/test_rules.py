"""Classification, at risk, due dates and next actions."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reltui.domain.questions import DEFAULT_QUESTIONS, QUESTION_IDS
from reltui.domain.rules import (
    Split,
    Status,
    classify,
    is_due,
    lost_questions,
    next_actions,
)

Y, N, U = "yes", "no", "unsure"
NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def answers(*values):
    return dict(zip(QUESTION_IDS, values, strict=True))


@pytest.mark.parametrize(
    ("values", "decision", "expected"),
    [
        ((Y, Y, Y, Y), None, Status.CLIENT),
        ((Y, Y, Y, Y), "keep", Status.CLIENT),
        ((Y, Y, Y, N), None, Status.CANDIDATE),
        ((Y, Y, Y, U), None, Status.CANDIDATE),
        ((Y, Y, Y, N), "keep", Status.CUSTOMER),
        ((Y, Y, N, N), None, Status.CUSTOMER),
        ((Y, Y, N, N), "promote", Status.CANDIDATE),
        ((N, N, N, N), "promote", Status.CANDIDATE),
        ((U, U, U, U), None, Status.CUSTOMER),
        ((Y, Y, Y, N), "skip", Status.CANDIDATE),
    ],
)
def test_classify(values, decision, expected):
    assert classify(answers(*values), decision) == expected


def test_candidate_threshold_is_configurable():
    two_yes = answers(Y, Y, N, N)
    assert classify(two_yes, None, candidate_min_yes=2) == Status.CANDIDATE
    assert classify(answers(Y, Y, Y, N), None, candidate_min_yes=4) == Status.CUSTOMER


@given(
    st.lists(st.sampled_from([Y, N, U, None]), min_size=4, max_size=4),
    st.sampled_from([None, "promote", "keep", "skip"]),
)
def test_client_iff_four_yes(values, decision):
    status = classify(answers(*values), decision)
    assert (status == Status.CLIENT) == all(value == Y for value in values)
    if decision == "keep" and status != Status.CLIENT:
        assert status == Status.CUSTOMER


def test_lost_questions_name_the_yes_that_went():
    assert lost_questions(answers(Y, Y, Y, Y), answers(Y, N, Y, U)) == [
        "ask_referral",
        "trust_respect",
    ]


def test_next_actions_for_each_missing_yes_in_question_order():
    steps = {q.id: q.next_action for q in DEFAULT_QUESTIONS}
    assert next_actions(answers(N, Y, U, Y)) == [steps["know_needs"], steps["use_as_reference"]]
    assert next_actions(answers(Y, Y, Y, Y)) == []


@pytest.mark.parametrize(
    ("status", "days_ago", "expected"),
    [
        ("candidate", 6, False),
        ("candidate", 7, True),
        ("client", 27, False),
        ("client", 28, True),
        ("customer", 90, False),
        ("customer", 91, True),
    ],
)
def test_due_by_status_cadence(status, days_ago, expected):
    assert is_due(NOW - timedelta(days=days_ago), status, NOW) is expected


def test_unreviewed_is_always_due_and_deferral_wins():
    assert is_due(None, "unreviewed", NOW)
    assert not is_due(None, "unreviewed", NOW, deferred_until=NOW + timedelta(days=1))
    cadences = {Status.CLIENT: 10, Status.CANDIDATE: 7, Status.CUSTOMER: 91}
    assert is_due(NOW - timedelta(days=10), "client", NOW, cadences)


def test_split_counts_and_moves():
    split = Split.of(["client", "customer", "customer", "unreviewed"])
    assert split.total == 4
    assert split.percent(Status.CUSTOMER) == 50.0
    split.move("unreviewed", "client")
    assert split.counts[Status.CLIENT] == 2
    assert split.counts[Status.UNREVIEWED] == 0


def test_at_risk_client_is_due_at_once_unless_skipped():
    from reltui.domain.models import Review
    from reltui.domain.state import contact_state

    def made(days_ago, status, **extra):
        return Review(
            id=f"r{days_ago}",
            contact_id=1,
            at=NOW - timedelta(days=days_ago),
            reviewer="me",
            answers=answers(Y, Y, Y, Y if status == "client" else N),
            status=status,
            **extra,
        )

    state = contact_state([made(40, "client"), made(1, "candidate")])
    assert state.at_risk
    assert state.is_due(NOW)
    skipped = made(0, "candidate", decision="skip", deferred_until=NOW + timedelta(days=7))
    skipped.answers = dict.fromkeys(QUESTION_IDS)
    later = contact_state([made(40, "client"), made(1, "candidate"), skipped])
    assert not later.is_due(NOW)
