"""The weekly split, at-risk clients, candidates' plans and blocking counts from a known log."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from reltui.domain.models import Review
from reltui.domain.questions import DEFAULT_QUESTIONS, QUESTION_IDS
from reltui.domain.rhythm import candidate_since, most_blocking
from reltui.domain.rules import STATUS_ORDER, Split, Status
from reltui.domain.state import is_complete, review_status
from reltui.formats.records import ContactRecord
from reltui.review.insights import (
    at_risk_contacts,
    blocking_questions,
    candidate_plans,
    weekly_split,
)
from reltui.store.db import Store, new_review_id

Y, N, U = "yes", "no", "unsure"
OPEN = (None, None, None, None)
TODAY = date(2026, 11, 18)  # a Wednesday in 2026-W47
NEW_YORK_AUTUMN = timezone(timedelta(hours=-5))
HOSTILE = "[Eve] *Evil* | <x>\x1b[31m_y`"
PEOPLE = (
    "Ada Lovelace",
    "Brian Kernighan",
    "Grace Hopper",
    "Dan Bricklin",
    HOSTILE,
    "Frank Allen",
    "Henry Ford",
)


def at(day, hour=10, minute=0, tz=UTC):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


# (who, when, the four answers, the user's flag), in the order they were given.
LOG = (
    ("Henry Ford", at(date(2026, 6, 1)), (Y, Y, Y, Y), None),
    # Sunday night in New York is already Monday in UTC: it still belongs to the Sunday's week.
    (HOSTILE, at(date(2026, 10, 4), 22, tz=NEW_YORK_AUTUMN), (N, Y, N, N), None),
    ("Ada Lovelace", at(date(2026, 10, 5), 0), (Y, Y, Y, Y), None),
    ("Brian Kernighan", at(date(2026, 10, 12)), (Y, Y, N, N), None),
    ("Grace Hopper", at(date(2026, 10, 26)), (Y, Y, Y, Y), None),
    ("Brian Kernighan", at(date(2026, 11, 2)), (Y, Y, Y, N), None),
    ("Grace Hopper", at(date(2026, 11, 4)), (N, Y, Y, Y), None),
    ("Brian Kernighan", at(date(2026, 11, 9)), OPEN, "skip"),
    ("Grace Hopper", at(date(2026, 11, 11)), (Y, Y, Y, Y), None),
    (HOSTILE, at(date(2026, 11, 12)), (Y, Y, Y, N), "keep"),
    ("Brian Kernighan", at(date(2026, 11, 16), 0), (Y, Y, Y, N), None),
    ("Ada Lovelace", at(date(2026, 11, 17)), (Y, N, Y, Y), None),
    # Only one question answered: a review in progress decides nothing, Frank stays unreviewed.
    ("Frank Allen", at(date(2026, 11, 17)), (None, N, None, None), None),
    ("Dan Bricklin", at(date(2026, 11, 18)), (N, N, N, N), "promote"),
    # A client confirmed as a client is reviewed, not promoted.
    ("Henry Ford", at(date(2026, 11, 18), 9), (Y, Y, Y, Y), None),
)

# Clients, candidates, customers, unreviewed at the end of each week, 2026-W36 to 2026-W47.
EXPECTED_TREND = (
    ("2026-W36", (1, 0, 0, 6)),
    ("2026-W37", (1, 0, 0, 6)),
    ("2026-W38", (1, 0, 0, 6)),
    ("2026-W39", (1, 0, 0, 6)),
    ("2026-W40", (1, 0, 1, 5)),
    ("2026-W41", (2, 0, 1, 4)),
    ("2026-W42", (2, 0, 2, 3)),
    ("2026-W43", (2, 0, 2, 3)),
    ("2026-W44", (3, 0, 2, 2)),
    ("2026-W45", (2, 2, 1, 2)),
    ("2026-W46", (3, 1, 1, 2)),
    ("2026-W47", (2, 3, 1, 1)),
)


def save_review(store, contact_id, when, values, decision=None, reviewer="me"):
    """Save one review the way a session does, its status from the previous answered one."""
    answered = [review for review in store.reviews(contact_id) if is_complete(review)]
    review = Review(
        id=new_review_id(),
        contact_id=contact_id,
        at=when,
        reviewer=reviewer,
        answers=dict(zip(QUESTION_IDS, values, strict=True)),
        decision=decision,
        deferred_until=when + timedelta(days=7) if decision == "skip" else None,
    )
    review.status = review_status(review, answered[-1].status if answered else Status.UNREVIEWED, 3)
    store.save_review(review)
    return review


def build_review_log(path, log=LOG, people=PEOPLE):
    """A store holding ``people`` and the reviews of ``log``; returns (store, ids by name)."""
    store = Store.open(path, clock=lambda: at(TODAY))
    records = [
        ContactRecord(name=name, emails=[f"person{index}@example.com"])
        for index, name in enumerate(people)
    ]
    store.import_records(records)
    ids = {contact.name: contact.id for contact in store.contacts()}
    for name, when, values, decision in log:
        save_review(store, ids[name], when, values, decision)
    return store, ids


@pytest.fixture
def review_log(tmp_path):
    store, ids = build_review_log(tmp_path / "db")
    yield store, ids
    store.close()


def counts(split):
    return tuple(split.counts[status] for status in STATUS_ORDER)


def test_weekly_split_counts_every_contact_in_every_week(review_log):
    store, _ = review_log
    trend = weekly_split(store, 12, TODAY)
    assert [(week.week, counts(week.split)) for week in trend] == list(EXPECTED_TREND)
    assert (trend[0].start, trend[0].end) == (date(2026, 8, 31), date(2026, 9, 6))
    assert (trend[-1].start, trend[-1].end) == (date(2026, 11, 16), date(2026, 11, 22))


def test_latest_week_matches_the_current_state(review_log):
    store, _ = review_log
    latest = weekly_split(store, 12, TODAY)[-1].split
    assert latest.counts == Split.of(store.state(cid).status for cid in store.contact_ids()).counts


def test_longer_trend_starts_at_the_first_week_with_data_and_ends_in_the_same_weeks(review_log):
    store, _ = review_log
    trend = weekly_split(store, 52, TODAY)
    # Henry's first review, Monday 1 June, is the first data: no empty weeks are drawn before.
    assert len(trend) == 25
    assert trend[0].week == "2026-W23"
    assert counts(trend[0].split) == (1, 0, 0, 6)
    assert [(week.week, counts(week.split)) for week in trend[-12:]] == list(EXPECTED_TREND)


@pytest.mark.parametrize("weeks", [3, 53, 0])
def test_weekly_split_refuses_a_window_outside_4_to_52(review_log, weeks):
    store, _ = review_log
    with pytest.raises(ValueError, match="weeks must be 4-52"):
        weekly_split(store, weeks, TODAY)


def test_reviews_after_the_window_are_ignored(review_log):
    store, _ = review_log
    trend = weekly_split(store, 12, date(2026, 11, 1))
    assert trend[-1].week == "2026-W44"
    assert [counts(week.split) for week in trend[-4:]] == [row for _, row in EXPECTED_TREND[5:9]]


def test_at_risk_names_the_lost_question_and_the_day(review_log):
    store, ids = review_log
    found = at_risk_contacts(store)
    assert [(item.contact.id, item.lost, item.on) for item in found] == [
        (ids["Ada Lovelace"], ["ask_referral"], date(2026, 11, 17))
    ]
    contact, lost, on = found[0]
    assert contact.name == "Ada Lovelace"
    # The store's own count agrees on who is at risk.
    assert [cid for cid in store.contact_ids() if store.state(cid).at_risk] == [contact.id]


def test_a_client_who_recovered_is_no_longer_at_risk(tmp_path):
    log = (
        ("Grace Hopper", at(date(2026, 10, 26)), (Y, Y, Y, Y), None),
        ("Grace Hopper", at(date(2026, 11, 4)), (N, Y, U, Y), None),
    )
    store, ids = build_review_log(tmp_path / "db", log)
    with store:
        item = at_risk_contacts(store)[0]
        assert (item.lost, item.on) == (["know_needs", "use_as_reference"], date(2026, 11, 4))
        save_review(store, ids["Grace Hopper"], at(date(2026, 11, 11)), (Y, Y, Y, Y))
        assert at_risk_contacts(store) == []


def test_blocking_counts_each_missing_yes_of_customers_and_candidates(review_log):
    store, _ = review_log
    blocking = blocking_questions(store)
    assert blocking == {
        "know_needs": 1,
        "ask_referral": 2,
        "use_as_reference": 1,
        "trust_respect": 3,
    }
    assert most_blocking(blocking) == "trust_respect"


def test_most_blocking_breaks_ties_in_question_order_and_knows_none():
    assert most_blocking(dict.fromkeys(QUESTION_IDS, 2)) == "know_needs"
    assert most_blocking(dict.fromkeys(QUESTION_IDS, 0)) is None


def test_candidate_plans_since_the_start_of_the_unbroken_run(review_log):
    store, ids = review_log
    plans = candidate_plans(store, DEFAULT_QUESTIONS, TODAY)
    actions = {question.id: question.next_action for question in DEFAULT_QUESTIONS}
    assert [(p.contact.name, p.since, p.weeks, p.missing) for p in plans] == [
        ("Brian Kernighan", date(2026, 11, 2), 2, ["trust_respect"]),
        ("Ada Lovelace", date(2026, 11, 17), 0, ["ask_referral"]),
        ("Dan Bricklin", date(2026, 11, 18), 0, list(QUESTION_IDS)),
    ]
    assert plans[0].actions == [actions["trust_respect"]]
    assert plans[2].actions == [actions[qid] for qid in QUESTION_IDS]
    later = candidate_plans(store, DEFAULT_QUESTIONS, date(2026, 11, 23))
    assert [plan.weeks for plan in later] == [3, 0, 0]


def test_a_candidate_run_broken_by_client_status_starts_again(review_log):
    store, ids = review_log
    grace = ids["Grace Hopper"]
    assert candidate_since(store.reviews(grace)) is None
    save_review(store, grace, at(date(2026, 11, 19)), (Y, Y, Y, N))
    assert candidate_since(store.reviews(grace)) == date(2026, 11, 19)


def test_plans_use_the_configured_next_actions(review_log):
    store, _ = review_log
    questions = tuple(
        q if q.id != "trust_respect" else q.__class__(q.id, q.title, q.text, "lunch together")
        for q in DEFAULT_QUESTIONS
    )
    assert candidate_plans(store, questions, TODAY)[0].actions == ["lunch together"]


def test_a_four_week_trend(review_log):
    store, _ = review_log
    trend = weekly_split(store, 4, TODAY)
    assert [(week.week, counts(week.split)) for week in trend] == list(EXPECTED_TREND[-4:])


def test_a_database_without_reviews_has_a_one_week_trend(tmp_path):
    store, _ = build_review_log(tmp_path / "db", ())
    trend = weekly_split(store, 12, TODAY)
    assert [week.week for week in trend] == ["2026-W47"]
    store.close()
