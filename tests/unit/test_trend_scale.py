"""The weekly split at full scale: 100k contacts by 52 weeks (timed by the benchmark, not here)."""

from datetime import date, timedelta

from test_trend import Y, at

from reltui.domain.models import Review
from reltui.domain.questions import QUESTION_IDS
from reltui.domain.rules import Status
from reltui.domain.trend import split_by_week

CONTACTS = 100_000
REVIEWED = 2_000


def reviewed_history(index):
    first = at(date(2026, 1, 5) + timedelta(days=index % 280))
    return [
        Review(str(index), index, first, "me", dict.fromkeys(QUESTION_IDS), status=Status.CUSTOMER),
        Review(
            f"{index}b",
            index,
            first + timedelta(days=30),
            "me",
            dict.fromkeys(QUESTION_IDS, Y),
            status=Status.CLIENT,
        ),
    ]


def test_hundred_thousand_contacts_by_fifty_two_weeks():
    histories = [reviewed_history(i) if i < REVIEWED else [] for i in range(CONTACTS)]
    trend = split_by_week(histories, 52, date(2026, 11, 18))
    assert trend[-1].split.total == CONTACTS
    # The first review has no answers, so only the second one counts: every reviewed contact
    # is a client by the end, and none is ever a customer.
    assert trend[-1].split.counts[Status.CLIENT] == REVIEWED
    assert all(week.split.counts[Status.CUSTOMER] == 0 for week in trend)
