"""Cadence control: the due queue follows the per-status cadences, and skip defers a week."""

from datetime import date, timedelta

import pytest
from test_trend import N, Y, at, build_review_log, save_review

from reltui.config import Settings, settings_from_mapping
from reltui.domain.rules import Status
from reltui.domain.state import skip_until
from reltui.review.queues import build_queue
from reltui.review.session import ReviewSession

REVIEWED = at(date(2026, 11, 2))
SECOND = timedelta(seconds=1)
PEOPLE = ("Carla Client", "Cody Candidate", "Cora Customer", "Nora Never")
LOG = (
    ("Carla Client", REVIEWED, (Y, Y, Y, Y), None),
    ("Cody Candidate", REVIEWED, (Y, Y, Y, N), None),
    ("Cora Customer", REVIEWED, (N, N, Y, N), None),
)
OVERRIDE = {"client": 14, "candidate": 3, "customer": 30}


@pytest.fixture
def cadence_log(tmp_path):
    store, ids = build_review_log(tmp_path / "db", LOG, people=PEOPLE)
    yield store, ids
    store.close()


def test_default_cadences_are_four_one_and_thirteen_weeks():
    assert dict(Settings().cadence_days) == {
        Status.CLIENT: 28,
        Status.CANDIDATE: 7,
        Status.CUSTOMER: 91,
    }


@pytest.mark.parametrize(
    ("config", "days"),
    [
        ({}, {"Carla Client": 28, "Cody Candidate": 7, "Cora Customer": 91}),
        (
            {"cadence_days": OVERRIDE},
            {"Carla Client": 14, "Cody Candidate": 3, "Cora Customer": 30},
        ),
        (
            {"cadence_days": {"candidate": 10}},
            {"Carla Client": 28, "Cody Candidate": 10, "Cora Customer": 91},
        ),
    ],
)
def test_each_status_falls_due_exactly_when_its_cadence_has_passed(cadence_log, config, days):
    store, ids = cadence_log
    settings = settings_from_mapping(config)
    assert {ids[name]: store.state(ids[name]).status for name in days} == {
        ids["Carla Client"]: Status.CLIENT,
        ids["Cody Candidate"]: Status.CANDIDATE,
        ids["Cora Customer"]: Status.CUSTOMER,
    }
    for name, cadence in days.items():
        due_at = REVIEWED + timedelta(days=cadence)
        assert ids[name] not in build_queue(store, "due", due_at - SECOND, settings), name
        assert ids[name] in build_queue(store, "due", due_at, settings), name


def test_due_queue_at_points_in_time(cadence_log):
    store, ids = cadence_log
    settings = settings_from_mapping({"cadence_days": OVERRIDE})
    carla, cody, cora, nora = (ids[name] for name in PEOPLE)

    def due(days):
        return build_queue(store, "due", REVIEWED + timedelta(days=days), settings)

    assert due(0) == [nora]
    assert due(3) == [cody, nora]
    assert due(14) == [carla, cody, nora]
    assert due(30) == [carla, cody, cora, nora]
    assert build_queue(store, "due", REVIEWED + timedelta(days=14), Settings()) == [cody, nora]


def test_skip_until_is_seven_days_later():
    assert skip_until(REVIEWED) == REVIEWED + timedelta(days=7)


def test_skip_defers_a_due_contact_by_seven_days_without_changing_its_status(cadence_log):
    store, ids = cadence_log
    settings = Settings()
    now = REVIEWED + timedelta(days=100)
    cora, nora = ids["Cora Customer"], ids["Nora Never"]
    session = ReviewSession(store, settings, "due", reviewer="me", clock=lambda: now)
    session.jump_to(cora)
    session.skip()
    session.jump_to(nora)
    session.skip()
    for contact_id, status in ((cora, Status.CUSTOMER), (nora, Status.UNREVIEWED)):
        skipped = store.reviews(contact_id)[-1]
        assert (skipped.decision, skipped.deferred_until) == ("skip", now + timedelta(days=7))
        assert store.state(contact_id).status == status
    assert store.state(cora).last_reviewed == REVIEWED
    week_later = now + timedelta(days=7)
    for contact_id in (cora, nora):
        assert contact_id not in build_queue(store, "due", week_later - SECOND, settings)
        assert contact_id in build_queue(store, "due", week_later, settings)


def test_answering_after_a_skip_ends_the_deferral(cadence_log):
    store, ids = cadence_log
    cody = ids["Cody Candidate"]
    skipped_on = REVIEWED + timedelta(days=8)
    save_review(store, cody, skipped_on, (None, None, None, None), "skip")
    assert store.state(cody).deferred_until == skipped_on + timedelta(days=7)
    answered_on = skipped_on + timedelta(days=1)
    save_review(store, cody, answered_on, (Y, Y, Y, N))
    assert store.state(cody).deferred_until is None
    next_due = answered_on + timedelta(days=7)
    assert cody not in build_queue(store, "due", next_due - SECOND, Settings())
    assert cody in build_queue(store, "due", next_due, Settings())
