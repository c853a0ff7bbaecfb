"""Touches and the timeline: the last touch a card shows, and a relationship's story."""

from datetime import UTC, date, datetime

import pytest

from reltui.domain.edits import ADDED, ContactEdit
from reltui.domain.models import Review
from reltui.domain.timeline import timeline
from reltui.domain.touches import (
    Touch,
    days_ago,
    last_touch,
    last_touch_line,
    one_line,
    parse_day,
    parse_kind,
)

TODAY = date(2026, 11, 16)


def at(day, hour=9):
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def touch(touch_id, day, kind="call", note="", hour=9):
    return Touch(touch_id, 1, kind, date(2026, 11, day), note, at(day, hour))


def test_the_last_touch_is_the_latest_day_not_the_latest_logged():
    late_logged = Touch("b", 1, "email", date(2026, 11, 2), "", at(15))
    assert last_touch([touch("a", 4), late_logged]).id == "a"
    assert last_touch([touch("a", 4, hour=8), touch("c", 4, hour=10)]).id == "c"
    assert last_touch([]) is None


def test_the_card_line_says_how_long_ago_what_kind_and_the_note():
    line = last_touch_line(touch("a", 4, note="asked about renewal"), TODAY)
    assert line == 'last touch 12 days ago · call · "asked about renewal"'
    assert last_touch_line(touch("a", 16, "meeting"), TODAY) == "last touch today · meeting"
    assert last_touch_line(None, TODAY) == "no touch logged"
    assert days_ago(date(2026, 11, 15), TODAY) == "yesterday"
    assert days_ago(date(2026, 11, 19), TODAY) == "in 3 days"


def test_kinds_and_days_as_typed():
    assert parse_kind("Call") == "call"
    assert parse_kind("mee") == "meeting"
    with pytest.raises(ValueError, match="choose one of call, meeting"):
        parse_kind("m")
    assert parse_day("", TODAY) == TODAY
    assert parse_day("2026-01-31", TODAY) == date(2026, 1, 31)
    with pytest.raises(ValueError, match="'31/01/2026' is not a date; write it as YYYY-MM-DD"):
        parse_day("31/01/2026", TODAY)
    assert one_line("asked\nabout   renewal\r\n") == "asked about renewal"


def test_a_touch_survives_its_stored_form():
    original = touch("a", 4, "event", 'said "hi"')
    assert Touch.from_document(original.to_document()) == original
    with pytest.raises(ValueError):
        Touch.from_document({**original.to_document(), "kind": "fax"})


def review(review_id, day, status, **answers):
    return Review(
        review_id,
        1,
        at(day),
        "me",
        {
            **dict.fromkeys(("know_needs", "ask_referral", "use_as_reference", "trust_respect")),
            **answers,
        },
        status=status,
        note="line one\nline two" if review_id == "r2" else "",
    )


def test_the_timeline_tells_the_whole_story_newest_first():
    reviews = [
        review("r1", 2, "customer", know_needs="yes"),
        review(
            "r2",
            9,
            "client",
            know_needs="yes",
            ask_referral="yes",
            use_as_reference="yes",
            trust_respect="yes",
        ),
    ]
    edits = [
        ContactEdit("e1", 1, at(1), ADDED, {"name": ("", "Ada")}),
        ContactEdit("e2", 1, at(5), changes={"email": ("a@x.example", "b@x.example")}),
    ]
    entries = timeline(reviews, [touch("t1", 4, note="asked about renewal")], edits)
    assert [(entry.day.day, entry.kind) for entry in entries] == [
        (9, "status"),
        (9, "review"),
        (5, "edit"),
        (4, "touch"),
        (2, "status"),
        (2, "review"),
        (1, "edit"),
    ]
    assert entries[0].title == "status customer → client"
    assert entries[1].title == "review by me · client"
    assert entries[1].details == (
        "Know needs: yes  Ask referral: yes",
        "Use as reference: yes  Trust & respect: yes",
        "line one",
        "line two",
    )
    assert entries[2].details == ("email: a@x.example → b@x.example",)
    assert entries[3].title == 'call · "asked about renewal"'
    assert entries[4].title == "status unreviewed → customer"
    assert entries[6].title == "added in reltui"
    assert entries[1].to_json()["note"] == "line one\nline two"
