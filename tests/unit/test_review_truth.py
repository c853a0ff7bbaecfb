"""The review tells the truth: complete reviews, lasting at-risk warnings, honest session counts.

Each test is a user's story, told through the session as the screen drives it.
"""

from datetime import date, timedelta

import pytest
from test_trend import N, U, Y, at, build_review_log, save_review

from reltui.config import Settings
from reltui.domain.changes import session_changes
from reltui.domain.models import Review
from reltui.domain.questions import QUESTION_IDS
from reltui.domain.rules import Movement, Split, Status, movement
from reltui.domain.state import contact_state, decision_allowed, is_complete, review_status
from reltui.review.queues import build_queue
from reltui.review.session import ReviewSession
from reltui.store.export import write_export

LAST_WEEK = at(date(2026, 11, 9))
TODAY = at(date(2026, 11, 16))
PEOPLE = ("Amy Ahead", "Ben Before", "Cat Client", "Dot Done", "Ned New")
LOG = (
    ("Ben Before", LAST_WEEK, (N, N, N, N), None),
    ("Cat Client", LAST_WEEK, (Y, Y, Y, Y), None),
    ("Dot Done", LAST_WEEK, (Y, Y, N, N), None),
)


@pytest.fixture
def log(tmp_path):
    store, ids = build_review_log(tmp_path / "db", LOG, people=PEOPLE)
    yield store, ids
    store.close()


def session_at(store, when=TODAY, queue="due", reviewer="me"):
    return ReviewSession(store, Settings(), queue, reviewer=reviewer, clock=lambda: when)


def answers(*values):
    return dict(zip(QUESTION_IDS, values, strict=True))


def review(days, values, status, decision=None):
    return Review(
        f"r{days}", 1, TODAY + timedelta(days=days), "me", answers(*values), decision, "", status
    )


# ---- complete and in progress ----------------------------------------------------------


def test_a_review_is_complete_only_with_four_answers():
    assert is_complete(review(0, (Y, N, U, Y), "customer"))
    assert not is_complete(review(0, (Y, N, U, None), "customer"))


def test_an_unfinished_review_keeps_the_status_it_had():
    unfinished = review(0, (Y, Y, None, None), "customer")
    assert review_status(unfinished, Status.UNREVIEWED, 3) == Status.UNREVIEWED
    assert review_status(unfinished, Status.CUSTOMER, 3) == Status.CUSTOMER


def test_answer_two_of_four_quit_reopen_same_contact_question_three(log):
    store, ids = log
    first = session_at(store)
    ned = ids["Ned New"]
    first.jump_to(ned)
    first.answer("yes")
    first.answer("yes")
    assert not first.is_complete
    state = store.state(ned)
    assert (state.status, state.answered) == (Status.UNREVIEWED, 2)
    assert state.is_due(TODAY)
    # Quit and reopen: the due queue starts with the review in progress, at question 3.
    again = session_at(store, TODAY + timedelta(minutes=5))
    assert again.current_id == ned
    assert again.question == 2
    assert again.draft.answers == answers(Y, Y, None, None)
    again.answer("yes")
    assert again.answer("yes") is True  # completed
    assert store.state(ned).status == Status.CLIENT


def test_a_review_in_progress_resumes_next_day_as_the_same_review(log):
    store, ids = log
    ned = ids["Ned New"]
    first = session_at(store)
    first.jump_to(ned)
    first.answer("no")
    tomorrow = session_at(store, TODAY + timedelta(days=1))
    assert tomorrow.current_id == ned and tomorrow.question == 1
    for value in ("no", "no", "no"):
        tomorrow.answer(value)
    assert len(store.reviews(ned)) == 1
    assert store.state(ned).status == Status.CUSTOMER


def test_unanswered_questions_never_take_last_times_answer(log):
    store, ids = log
    cat = ids["Cat Client"]
    session = session_at(store)
    session.jump_to(cat)
    session.answer("yes")
    session.answer("yes")
    state = store.state(cat)
    assert state.status == Status.CLIENT  # still last week's complete review
    assert state.latest.at == LAST_WEEK
    assert state.in_progress.answers == answers(Y, Y, None, None)


def test_stats_export_and_counts_see_complete_reviews_only(log):
    import io

    store, ids = log
    session = session_at(store)
    session.jump_to(ids["Ned New"])
    session.answer("yes")
    assert session.changes().reviewed == ()
    assert session.changes().in_progress == (ids["Ned New"],)
    out = io.StringIO()
    write_export(store, out)
    row = next(line for line in out.getvalue().splitlines() if "Ned New" in line)
    assert ",unreviewed,,,,," in row


# ---- confirming last time's answers -----------------------------------------------------


def test_enter_confirms_last_times_answer_and_equals_confirms_the_rest(log):
    store, ids = log
    dot = ids["Dot Done"]
    session = session_at(store)
    session.jump_to(dot)
    assert session.confirm() is False
    assert session.draft.answers == answers(Y, None, None, None)
    assert session.confirm_all() is True
    assert store.state(dot).latest.answers == answers(Y, Y, N, N)
    assert store.state(dot).latest.at == TODAY
    session.undo()
    assert session.draft.answers == answers(Y, None, None, None)


def test_a_never_reviewed_contact_has_nothing_to_confirm(log):
    store, ids = log
    session = session_at(store)
    session.jump_to(ids["Ned New"])
    assert session.confirm() is None
    assert session.confirm_all() is None
    assert store.reviews(ids["Ned New"]) == []


# ---- at risk ------------------------------------------------------------------------------


def test_a_client_at_risk_stays_at_risk_when_reviewed_again_with_the_same_answers():
    client = review(-14, (Y, Y, Y, Y), "client")
    lost = review(-7, (Y, N, Y, Y), "candidate")
    same = review(0, (Y, N, Y, Y), "candidate")
    state = contact_state([client, lost, same])
    assert state.at_risk
    assert state.at_risk_since == lost.at
    assert state.lost == ("ask_referral",)


def test_at_risk_ends_when_a_client_again_or_when_the_user_decides():
    client = review(-14, (Y, Y, Y, Y), "client")
    lost = review(-7, (Y, N, Y, Y), "candidate")
    assert not contact_state([client, lost, review(0, (Y, Y, Y, Y), "client")]).at_risk
    keep = review(0, (Y, N, N, Y), "customer", "keep")
    assert not contact_state([client, lost, keep]).at_risk
    promote = review(0, (Y, N, N, Y), "candidate", "promote")
    assert not contact_state([client, lost, promote]).at_risk
    # A later review after the decision starts nothing new.
    assert not contact_state([client, lost, keep, review(7, (N, N, N, N), "customer")]).at_risk


def test_an_unfinished_review_does_not_end_or_start_at_risk():
    client = review(-14, (Y, Y, Y, Y), "client")
    lost = review(-7, (Y, N, Y, Y), "candidate")
    partial = review(0, (Y, Y, None, None), "candidate")
    assert contact_state([client, lost, partial]).at_risk
    assert not contact_state([client, review(0, (N, None, None, None), "client")]).at_risk


def test_an_at_risk_client_is_due_at_once_and_first_after_reviews_in_progress(log):
    store, ids = log
    cat, ned = ids["Cat Client"], ids["Ned New"]
    save_review(store, cat, TODAY - timedelta(days=1), (Y, N, Y, Y))
    session = session_at(store)
    session.jump_to(ned)
    session.answer("yes")
    queue = build_queue(store, "due", TODAY, Settings())
    assert queue[:2] == [ned, cat]


# ---- promote and keep ---------------------------------------------------------------------


def test_p_and_k_record_nothing_on_a_client_and_say_why(log):
    store, ids = log
    cat = ids["Cat Client"]
    session = session_at(store)
    session.jump_to(cat)
    before = store.reviews(cat)
    assert "client" in session.toggle_keep()
    assert "client" in session.toggle_promote()
    assert store.reviews(cat) == before
    assert not decision_allowed(Status.CLIENT, "keep")
    assert decision_allowed(Status.CLIENT, "skip")


def test_a_review_that_completes_as_a_client_carries_no_decision(log):
    store, ids = log
    ben = ids["Ben Before"]
    session = session_at(store)
    session.jump_to(ben)
    assert session.toggle_promote() is None
    for _ in range(4):
        session.answer("yes")
    latest = store.state(ben).latest
    assert (latest.status, latest.decision) == ("client", None)


# ---- the session's counts -----------------------------------------------------------------


def test_answer_then_undo_shows_no_change_and_nobody_at_risk(log):
    store, ids = log
    session = session_at(store)
    session.answer("yes")
    session.undo()
    changes = session.changes()
    assert not changes.any
    assert changes.split_after.counts == changes.split_before.counts


def test_a_contact_at_risk_before_the_session_is_not_now_at_risk(log):
    store, ids = log
    cat = ids["Cat Client"]
    save_review(store, cat, LAST_WEEK + timedelta(days=1), (Y, N, Y, Y))
    session = session_at(store)
    session.jump_to(cat)
    for value in "ynyy":
        session.answer({"y": "yes", "n": "no"}[value])
    changes = session.changes()
    assert changes.reviewed == (cat,)
    assert changes.now_at_risk == ()


def test_changes_that_cancel_out_still_show_as_reviewed_and_demoted(log):
    store, ids = log
    dot, ben = ids["Dot Done"], ids["Ben Before"]
    session = session_at(store)
    session.jump_to(dot)
    session.toggle_promote()  # customer, flagged: candidate once complete
    session.confirm_all()
    session.jump_to(ben)
    for _ in range(4):
        session.answer("no")
    changes = session.changes()
    assert changes.moves == {Status.CANDIDATE: 1, Status.CUSTOMER: -1}
    assert changes.new_candidates == (dot,)
    assert set(changes.reviewed) == {dot, ben}
    assert changes.any


def test_new_candidates_agree_with_the_split():
    client = contact_state([review(-7, (Y, Y, Y, Y), "client")])
    candidate = contact_state([review(-7, (Y, Y, Y, N), "candidate")])
    customer = contact_state([review(-7, (Y, N, N, N), "customer")])
    split = Split.of(["client", "candidate", "customer"])
    # One candidate down to customer, one customer up to candidate: the split does not move.
    changes = session_changes({1: candidate, 2: customer}, {1: customer, 2: candidate}, split)
    assert changes.new_candidates == (2,)
    assert changes.demoted == (1,)
    assert changes.moves == {}
    assert changes.split_after.counts == split.counts
    # A client who loses a yes is demoted and now at risk.
    lost = contact_state([review(-7, (Y, Y, Y, Y), "client"), review(0, (Y, N, N, N), "customer")])
    changes = session_changes({3: client}, {3: lost}, split)
    assert changes.now_at_risk == (3,) and changes.demoted == (3,)
    assert changes.moves == {Status.CLIENT: -1, Status.CUSTOMER: 1}


def test_skips_and_notes_are_counted(log):
    store, ids = log
    session = session_at(store)
    session.jump_to(ids["Dot Done"])
    session.set_note("asked about the renewal")
    session.skip()
    changes = session.changes()
    assert changes.skipped == (ids["Dot Done"],)
    assert changes.noted == (ids["Dot Done"],)
    assert changes.reviewed == ()


def test_skip_keeps_a_promote_flag_and_the_due_date_is_the_skips_end(log):
    store, ids = log
    dot = ids["Dot Done"]
    session = session_at(store, TODAY + timedelta(days=100))
    session.jump_to(dot)
    session.toggle_promote()
    until = session.skip()
    newest = store.reviews(dot)[-1]
    assert newest.decision == "promote"
    assert store.state(dot).next_due() == until


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("unreviewed", "client", Movement.FIRST),
        ("customer", "candidate", Movement.PROMOTED),
        ("candidate", "client", Movement.PROMOTED),
        ("client", "candidate", Movement.DEMOTED),
        ("candidate", "customer", Movement.DEMOTED),
        ("client", "client", None),
        ("unreviewed", "unreviewed", None),
    ],
)
def test_movement_names_a_first_review_a_promotion_and_a_demotion(before, after, expected):
    assert movement(before, after) == expected


# ---- moving -------------------------------------------------------------------------------


def test_a_search_jump_remembers_where_the_review_was(log):
    store, ids = log
    session = session_at(store, queue="all")
    session.next_contact()
    session.answer("yes")
    where, question = session.current_id, session.question
    session.jump_to(ids["Ned New"], remember=True)
    assert session.current_id == ids["Ned New"]
    assert session.jump_back_to()
    assert (session.current_id, session.question) == (where, question)
    assert not session.jump_back_to()


def test_editing_a_complete_review_does_not_complete_it_again(log):
    store, ids = log
    session = session_at(store, queue="all")
    first = session.current_id
    assert [session.answer("yes") for _ in range(4)] == [False, False, False, True]
    session.jump_to(first)
    session.go_to_question(1)
    assert session.answer("no") is False
    assert store.state(first).status == Status.CANDIDATE
