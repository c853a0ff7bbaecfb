"""Next actions: what a review opens, when one is due, done or dropped, and who is stuck."""

from datetime import date, timedelta

import pytest
from test_review_truth import LOG, PEOPLE, TODAY, session_at
from test_trend import N, U, Y, build_review_log

from reltui.config import Settings
from reltui.domain.actions import (
    DONE,
    DROPPED,
    OPEN,
    Action,
    action_text,
    actions_summary,
    actions_to_open,
    agenda_order,
    close,
    is_stuck,
)
from reltui.domain.questions import DEFAULT_QUESTIONS, QUESTION_IDS
from reltui.domain.rules import Status
from reltui.review.actions import (
    actions_due_between,
    contact_is_stuck,
    open_action_rows,
    stuck_candidates,
)
from reltui.store.db import Store

DAY = TODAY.date()


def answers(*values):
    return dict(zip(QUESTION_IDS, values, strict=True))


def action(question="know_needs", state=OPEN, due=DAY, closed=None, id="a1"):
    return Action(id, 1, "do it", due, question, state, None, closed)


@pytest.fixture
def log(tmp_path):
    store, ids = build_review_log(tmp_path / "db", LOG, people=PEOPLE)
    yield store, ids
    store.close()


def answer_all(session, *values):
    for value in values:
        session.answer(value)


def go_to(session, contact_id):
    session.jump_to(contact_id)


# ---- the rules ---------------------------------------------------------------------------


def test_each_missing_yes_opens_one_action_worded_from_its_question():
    opened = actions_to_open(answers(Y, N, U, Y), [], DEFAULT_QUESTIONS)
    assert opened == [
        ("ask_referral", DEFAULT_QUESTIONS[1].next_action),
        ("use_as_reference", DEFAULT_QUESTIONS[2].next_action),
    ]


def test_an_action_already_open_for_a_question_is_kept_not_doubled():
    open_one = action("ask_referral")
    assert actions_to_open(answers(Y, N, Y, Y), [open_one], DEFAULT_QUESTIONS) == []
    # A done one does not count: the question is still missing its yes.
    done = close(open_one, DONE, DAY)
    assert actions_to_open(answers(Y, N, Y, Y), [done], DEFAULT_QUESTIONS) == [
        ("ask_referral", DEFAULT_QUESTIONS[1].next_action)
    ]


def test_overdue_actions_come_first_then_by_due_day_then_name():
    late = action(due=DAY - timedelta(days=3), id="late")
    soon = action(due=DAY + timedelta(days=1), id="soon")
    later = action(due=DAY + timedelta(days=9), id="later")
    today = action(due=DAY, id="today")
    ordered = sorted([later, soon, today, late], key=lambda a: agenda_order(a, "name", DAY))
    assert [a.id for a in ordered] == ["late", "today", "soon", "later"]


def test_open_and_overdue_are_counted_once():
    actions = [
        action(due=DAY - timedelta(days=1), id="x"),
        action(due=DAY, id="y"),
        close(action(id="z"), DROPPED, DAY),
    ]
    assert actions_summary(actions, DAY) == (2, 1)


def test_an_action_needs_text_and_keeps_one_line():
    assert action_text("  call\nthem  back ") == "call them back"
    with pytest.raises(ValueError):
        action_text(" \n ")


def test_closing_an_action_is_done_or_dropped_only():
    with pytest.raises(ValueError):
        close(action(), OPEN, DAY)


EIGHT_WEEKS_AGO = DAY - timedelta(weeks=8)


def test_a_candidate_whose_actions_are_done_and_gained_no_yes_is_stuck():
    done = close(action(), DONE, DAY)
    counts = [(EIGHT_WEEKS_AGO, 3), (DAY, 3)]
    assert is_stuck(Status.CANDIDATE, [done], counts, DAY, 8)


def test_a_candidate_who_gained_a_yes_is_not_stuck():
    done = close(action(), DONE, DAY)
    assert not is_stuck(Status.CANDIDATE, [done], [(EIGHT_WEEKS_AGO, 2), (DAY, 3)], DAY, 8)


def test_a_candidate_with_an_open_action_or_too_young_is_not_stuck():
    done = close(action(id="d"), DONE, DAY)
    counts = [(EIGHT_WEEKS_AGO, 3), (DAY, 3)]
    assert not is_stuck(Status.CANDIDATE, [done, action(id="o")], counts, DAY, 8)
    assert not is_stuck(Status.CANDIDATE, [done], [(DAY - timedelta(weeks=7), 3)], DAY, 8)
    assert not is_stuck(Status.CANDIDATE, [], counts, DAY, 8)
    assert not is_stuck(Status.CUSTOMER, [done], counts, DAY, 8)


# ---- the review opens them ---------------------------------------------------------------


def test_a_review_that_completes_as_candidate_opens_an_action_per_missing_yes(log):
    store, ids = log
    session = session_at(store)
    go_to(session, ids["Amy Ahead"])
    answer_all(session, Y, Y, Y)
    assert store.actions(ids["Amy Ahead"]) == []  # in progress: nothing decided yet
    session.answer(N)
    opened = store.actions(ids["Amy Ahead"])
    assert [(a.question, a.due) for a in opened] == [("trust_respect", DAY + timedelta(days=7))]
    assert opened[0].text == DEFAULT_QUESTIONS[3].next_action


def test_a_customer_opens_no_actions(log):
    store, ids = log
    session = session_at(store)
    go_to(session, ids["Amy Ahead"])
    answer_all(session, N, N, N, N)
    assert store.actions(ids["Amy Ahead"]) == []


def test_a_client_at_risk_opens_an_action_for_the_yes_lost(log):
    store, ids = log
    session = session_at(store)
    go_to(session, ids["Cat Client"])
    answer_all(session, Y, N, Y, Y)
    assert [a.question for a in store.actions(ids["Cat Client"])] == ["ask_referral"]


def test_changing_an_answer_keeps_the_open_action_and_opens_one_for_a_new_gap(log):
    store, ids = log
    session = session_at(store, queue="all")
    go_to(session, ids["Amy Ahead"])
    answer_all(session, Y, Y, Y, N)
    session.go_to_question(1)
    session.answer(N)  # two yeses: a customer now, and a customer opens nothing new
    questions = sorted(a.question for a in store.actions(ids["Amy Ahead"]))
    assert questions == ["trust_respect"]
    session.go_to_question(1)
    session.answer(Y)
    assert sorted(a.question for a in store.actions(ids["Amy Ahead"])) == ["trust_respect"]


def test_undo_of_the_completing_answer_takes_its_actions_back(log):
    store, ids = log
    session = session_at(store)
    go_to(session, ids["Amy Ahead"])
    answer_all(session, Y, Y, Y, N)
    assert store.actions(ids["Amy Ahead"])
    session.undo()
    assert store.actions(ids["Amy Ahead"]) == []


def test_actions_survive_reopening_the_database(log, tmp_path):
    store, ids = log
    session = session_at(store)
    go_to(session, ids["Amy Ahead"])
    answer_all(session, Y, Y, Y, N)
    action_id = store.actions(ids["Amy Ahead"])[0].id
    store.save_action(close(store.find_action(action_id), DONE, DAY))
    path = store.path
    store.close()
    with Store.open(path, read_only=True) as again:
        (kept,) = again.actions(ids["Amy Ahead"])
        assert kept.state == DONE and kept.closed == DAY


def test_the_actions_view_lists_open_actions_overdue_first(log):
    store, ids = log
    late = store.open_action(ids["Ned New"], "send the proposal", DAY - timedelta(days=2))
    soon = store.open_action(ids["Amy Ahead"], "call", DAY + timedelta(days=3))
    done = store.open_action(ids["Ben Before"], "lunch", DAY - timedelta(days=9))
    store.save_action(close(done, DONE, DAY))
    rows = open_action_rows(store, DAY)
    assert [(row.action.id, row.name, row.overdue) for row in rows] == [
        (late.id, "Ned New", True),
        (soon.id, "Amy Ahead", False),
    ]
    assert [row.action.id for row in open_action_rows(store, DAY, overdue_only=True)] == [late.id]
    assert [row.action.id for row in actions_due_between(store, DAY, DAY + timedelta(days=1))] == [
        late.id
    ]


def test_a_short_id_finds_an_action_and_a_wrong_one_says_so(log):
    store, ids = log
    opened = store.open_action(ids["Ned New"], "call", DAY)
    assert store.find_action(opened.id[:5]).id == opened.id
    with pytest.raises(Exception, match="no action"):
        store.find_action("zzzz")


def test_stuck_is_read_from_the_log(tmp_path):
    weeks_ago = TODAY - timedelta(weeks=9)
    log_rows = (
        ("Sam Stuck", weeks_ago, (Y, Y, Y, N), "promote"),
        ("Sam Stuck", TODAY, (Y, Y, Y, N), None),
        ("Gus Gained", weeks_ago, (Y, Y, N, N), "promote"),
        ("Gus Gained", TODAY, (Y, Y, Y, N), None),
    )
    store, ids = build_review_log(tmp_path / "db", log_rows, people=("Sam Stuck", "Gus Gained"))
    try:
        for name in ("Sam Stuck", "Gus Gained"):
            opened = store.open_action(ids[name], "try", DAY - timedelta(weeks=8))
            store.save_action(close(opened, DONE, DAY - timedelta(weeks=1)))
        weeks = Settings().stuck_weeks
        assert contact_is_stuck(store, weeks, ids["Sam Stuck"], DAY)
        assert not contact_is_stuck(store, weeks, ids["Gus Gained"], DAY)
        assert stuck_candidates(store, weeks, DAY) == [ids["Sam Stuck"]]
    finally:
        store.close()


def test_a_yes_on_its_question_closes_the_action_as_done_and_undo_reopens_it(log):
    store, ids = log
    session = session_at(store, queue="all")
    go_to(session, ids["Amy Ahead"])
    answer_all(session, Y, Y, Y, N)
    (opened,) = store.actions(ids["Amy Ahead"])
    session.go_to_question(3)
    session.answer(Y)
    (closed,) = store.actions(ids["Amy Ahead"])
    assert (closed.state, closed.closed) == (DONE, DAY)
    session.undo()
    assert store.actions(ids["Amy Ahead"]) == [opened]


# ---- reltui actions ----------------------------------------------------------------------


def run(db, *args):
    from click.testing import CliRunner

    from reltui.cli import cli

    return CliRunner().invoke(cli, ["--db", str(db), *map(str, args)], catch_exceptions=False)


@pytest.fixture
def action_db(log, monkeypatch):
    store, ids = log
    monkeypatch.setattr("reltui.cli.actions.now_local", lambda: TODAY)
    late = store.open_action(ids["Ned New"], "send the =proposal", DAY - timedelta(days=2))
    soon = store.open_action(ids["Amy Ahead"], "call \x1b[31mback", DAY + timedelta(days=3))
    path = store.path
    store.close()
    return path, ids, late, soon


def test_actions_lists_open_ones_overdue_first_with_their_contact(action_db):
    path, _, late, soon = action_db
    result = run(path, "actions")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{late.id}  2026-11-14  Ned New: send the =proposal  overdue")
    assert lines[1] == f"{soon.id}  2026-11-19  Amy Ahead: call [31mback"
    assert "\x1b" not in result.output
    assert run(path, "actions", "--overdue").output.splitlines() == lines[:1]
    assert run(path, "actions", "--contact", "amy ahead").output.splitlines() == lines[1:]


def test_actions_json_names_the_contact_and_the_day(action_db):
    import json

    path, ids, late, _ = action_db
    (first, second) = json.loads(run(path, "actions", "--json").output)
    assert first == {
        "id": late.id,
        "contact_id": ids["Ned New"],
        "name": "Ned New",
        "text": "send the =proposal",
        "due": "2026-11-14",
        "question": None,
        "overdue": True,
    }
    assert second["overdue"] is False


def test_done_and_drop_close_one_and_say_so_in_one_line(action_db):
    path, ids, late, soon = action_db
    result = run(path, "actions", "done", late.id[:4])
    assert result.exit_code == 0
    assert result.output == f"done: send the =proposal (Ned New, action {late.id})\n"
    again = run(path, "actions", "done", late.id)
    assert again.exit_code == 1
    assert again.output.strip() == f"reltui: action {late.id} is done already"
    assert run(path, "actions", "drop", soon.id).exit_code == 0
    assert run(path, "actions").output == "no open actions\n"
    unknown = run(path, "actions", "done", "ffffffff")
    assert unknown.exit_code == 1 and len(unknown.output.splitlines()) == 1
    with Store.open(path, read_only=True) as store:
        states = {a.id: a.state for a in store.all_actions()}
    assert states == {late.id: DONE, soon.id: DROPPED}


def test_the_ics_file_reads_back_with_its_due_days(action_db, tmp_path):
    import stat

    import vobject

    path, _, late, soon = action_db
    target = tmp_path / "todo.ics"
    result = run(path, "actions", "--ics", "-o", target)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    calendar = vobject.readOne(target.read_text(encoding="utf-8"))
    todos = {todo.uid.value: todo for todo in calendar.vtodo_list}
    assert todos[f"{late.id}@reltui"].due.value == date(2026, 11, 14)
    assert todos[f"{soon.id}@reltui"].due.value == date(2026, 11, 19)
    assert todos[f"{late.id}@reltui"].summary.value == "Ned New: send the =proposal"
    assert "\x1b" not in target.read_text(encoding="utf-8")


def test_bad_combinations_are_one_line(action_db):
    path, *_ = action_db
    for args in (("--json", "--ics"), ("-o", "x.ics"), ("--overdue", "done", "x")):
        result = run(path, "actions", *args)
        assert result.exit_code == 1
        assert len(result.output.strip().splitlines()) == 1


def test_the_timeline_keeps_done_and_dropped_actions(log):
    from reltui.review.timeline import contact_timeline

    store, ids = log
    kept = store.open_action(ids["Ned New"], "call", DAY, at=TODAY)
    store.save_action(close(kept, DONE, DAY + timedelta(days=2)))
    gone = store.open_action(ids["Ned New"], "lunch", DAY, at=TODAY + timedelta(minutes=1))
    store.save_action(close(gone, DROPPED, DAY + timedelta(days=1)))
    titles = [(entry.day, entry.title) for entry in contact_timeline(store, ids["Ned New"])]
    assert titles == [
        (DAY + timedelta(days=2), "action done: call"),
        (DAY + timedelta(days=1), "action dropped: lunch"),
        (DAY, f"next action: lunch · due {DAY.isoformat()}"),
        (DAY, f"next action: call · due {DAY.isoformat()}"),
    ]
