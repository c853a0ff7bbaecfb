"""Cooling: clients and candidates nobody has touched for too long, and the week ahead."""

from datetime import timedelta

import pytest
from test_review_truth import LOG, PEOPLE, TODAY
from test_trend import build_review_log, save_review

from reltui.config import ConfigError, Settings, settings_from_mapping
from reltui.domain.cooling import DEFAULT_TOUCH_DAYS, cools_within, is_cooling
from reltui.domain.rules import Status
from reltui.review.agenda import agenda_text
from reltui.review.cooling import about_to_cool, cooling_ids
from reltui.review.queues import build_queue

DAY = TODAY.date()
Y, N = "yes", "no"


def ago(days):
    return DAY - timedelta(days=days)


# ---- the rule ----------------------------------------------------------------------------


def test_a_client_touched_31_days_ago_is_cooling_and_30_is_not():
    assert is_cooling(Status.CLIENT, ago(31), DAY, DEFAULT_TOUCH_DAYS)
    assert not is_cooling(Status.CLIENT, ago(30), DAY, DEFAULT_TOUCH_DAYS)


def test_a_candidate_cools_after_two_weeks():
    assert is_cooling(Status.CANDIDATE, ago(15), DAY, DEFAULT_TOUCH_DAYS)
    assert not is_cooling(Status.CANDIDATE, ago(14), DAY, DEFAULT_TOUCH_DAYS)


def test_a_contact_never_touched_is_not_cooling():
    assert not is_cooling(Status.CLIENT, None, DAY, DEFAULT_TOUCH_DAYS)


def test_customers_never_cool_unless_the_config_says_so():
    assert not is_cooling(Status.CUSTOMER, ago(400), DAY, DEFAULT_TOUCH_DAYS)
    # YAML reads a bare off as false; a quoted "off" means the same.
    for off in ("off", False, None, 0):
        settings = settings_from_mapping({"touch_days": {"customer": 60, "client": off}})
        assert is_cooling(Status.CUSTOMER, ago(61), DAY, settings.touch_days)
        assert not is_cooling(Status.CLIENT, ago(400), DAY, settings.touch_days)


def test_a_bad_touch_days_is_one_line_naming_the_key():
    for bad, key in (({"client": 0.5}, "touch_days.client"), ({"vip": 3}, "touch_days.vip")):
        with pytest.raises(ConfigError, match=key):
            settings_from_mapping({"touch_days": bad})


def test_about_to_cool_names_the_first_cooling_day_within_the_window():
    assert cools_within(Status.CLIENT, ago(25), DAY, 7, DEFAULT_TOUCH_DAYS) == DAY + timedelta(6)
    assert cools_within(Status.CLIENT, ago(20), DAY, 7, DEFAULT_TOUCH_DAYS) is None
    # Already cooling is not "about to".
    assert cools_within(Status.CLIENT, ago(40), DAY, 7, DEFAULT_TOUCH_DAYS) is None


# ---- across the database -----------------------------------------------------------------


@pytest.fixture
def log(tmp_path):
    store, ids = build_review_log(tmp_path / "db", LOG, people=PEOPLE)
    yield store, ids
    store.close()


def test_the_client_who_becomes_a_customer_stops_cooling(log):
    store, ids = log
    store.add_touch(ids["Cat Client"], "call", ago(45))
    assert cooling_ids(store, DEFAULT_TOUCH_DAYS, DAY) == [ids["Cat Client"]]
    save_review(store, ids["Cat Client"], TODAY, (N, N, N, N))
    assert store.state(ids["Cat Client"]).status == Status.CUSTOMER
    assert cooling_ids(store, DEFAULT_TOUCH_DAYS, DAY) == []


def test_the_due_queue_puts_cooling_clients_after_at_risk_and_before_the_rest(tmp_path):
    last_month = TODAY - timedelta(days=40)
    rows = (
        ("Ann Atrisk", last_month, (Y, Y, Y, Y), None),
        ("Ann Atrisk", TODAY - timedelta(days=29), (Y, N, Y, Y), None),
        ("Bob Busy", last_month, (Y, Y, Y, Y), None),
        ("Cal Cold", last_month, (Y, Y, Y, Y), None),
        ("Dee Draft", last_month, (Y, None, None, None), None),
    )
    people = ("Ann Atrisk", "Bob Busy", "Cal Cold", "Dee Draft", "Eve Early")
    store, ids = build_review_log(tmp_path / "db", rows, people=people)
    try:
        store.add_touch(ids["Cal Cold"], "email", ago(35))
        store.add_touch(ids["Bob Busy"], "call", ago(2))
        settings = Settings(
            cadence_days={Status.CLIENT: 28, Status.CANDIDATE: 7, Status.CUSTOMER: 91}
        )
        queue = build_queue(store, "due", TODAY, settings)
        names = [store.contact_name(contact_id) for contact_id in queue]
        assert names == ["Dee Draft", "Ann Atrisk", "Cal Cold", "Bob Busy", "Eve Early"]
    finally:
        store.close()


def test_the_agenda_lists_actions_reviews_and_who_is_about_to_cool(log):
    store, ids = log
    store.add_touch(ids["Cat Client"], "call", ago(27))
    store.open_action(ids["Dot Done"], "send the =proposal \x1b[2J", DAY + timedelta(days=2))
    store.open_action(ids["Ben Before"], "call back", ago(3))
    store.open_action(ids["Ned New"], "too late for this week", DAY + timedelta(days=9))
    text = agenda_text(store, Settings(), DAY, 7)
    lines = text.splitlines()
    assert lines[0] == "reltui agenda: Mon 2026-11-16 to Sun 2026-11-22"
    actions = lines[lines.index("Next actions due") + 2 : lines.index("Reviews") - 1]
    assert actions == [
        "overdue since 2026-11-13  Ben Before: call back",
        "Wed 2026-11-18  Dot Done: send the =proposal [2J",
    ]
    assert (
        "Fri 2026-11-20  Cat Client (client)"
        in lines[lines.index("About to cool (no touch for too long)") :]
    )
    assert "\x1b" not in text
    assert about_to_cool(store, DEFAULT_TOUCH_DAYS, DAY, 1) == []


def test_agenda_command_prints_the_agenda_and_refuses_a_bad_day_count(log, monkeypatch):
    from click.testing import CliRunner

    from reltui.cli import cli

    store, _ = log
    path = store.path
    store.close()
    monkeypatch.setattr("reltui.cli.agenda.now_local", lambda: TODAY)
    result = CliRunner().invoke(cli, ["--db", str(path), "agenda", "--days", "3"])
    assert result.exit_code == 0
    assert result.output.startswith("reltui agenda: Mon 2026-11-16 to Wed 2026-11-18\n")
    bad = CliRunner().invoke(cli, ["--db", str(path), "agenda", "--days", "91"])
    assert bad.exit_code == 2
    assert "91 is not in the range 1<=x<=90" in bad.output


def test_stats_counts_cooling_from_the_same_function(log, monkeypatch):
    import json

    from click.testing import CliRunner

    from reltui.cli import cli

    store, ids = log
    store.add_touch(ids["Cat Client"], "call", ago(45))
    expected = len(cooling_ids(store, DEFAULT_TOUCH_DAYS, DAY))
    path = store.path
    store.close()
    monkeypatch.setattr("reltui.cli.stats.now_local", lambda: TODAY)
    result = CliRunner().invoke(cli, ["--db", str(path), "stats", "--json"])
    assert json.loads(result.output)["cooling"] == expected == 1
