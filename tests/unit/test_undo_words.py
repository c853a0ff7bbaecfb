"""What ``u`` says it undid: each change of a session named, with its contact."""

from dataclasses import replace
from datetime import date

from reltui.config import Settings
from reltui.review import relationship
from reltui.review.session import ReviewSession
from reltui.store.db import Store


def test_each_change_is_named_for_the_undo_notice(small_store: Store, fixed_now):
    session = ReviewSession(small_store, Settings(), "all", reviewer="me", clock=lambda: fixed_now)
    assert session.undo_description() is None
    ada = session.current_id
    added = []
    steps = [
        (lambda: session.answer("no"), "answer no to Know needs for Ada Lovelace"),
        (session.toggle_keep, "the keep flag for Ada Lovelace"),
        (session.toggle_keep, "removing the keep flag for Ada Lovelace"),
        (lambda: session.set_note("call in May"), "the review note for Ada Lovelace"),
        (
            lambda: relationship.log_touch(session, ada, "call", date(2026, 11, 16), ""),
            "the call logged for Ada Lovelace",
        ),
        (
            lambda: relationship.edit_contact(session, ada, {"company": "Analytical"}),
            "the edit of company for Ada Lovelace",
        ),
        (
            lambda: added.append(
                relationship.add_action(session, ada, "send the case study", date(2026, 11, 20))
            ),
            "adding the action 'send the case study' for Ada Lovelace",
        ),
        (
            lambda: relationship.change_action(
                session, added[0], replace(added[0], state="done", closed=date(2026, 11, 16))
            ),
            "marking 'send the case study' done for Ada Lovelace",
        ),
        (session.skip, "the skip for Ada Lovelace"),
    ]
    for change, _ in steps:
        change()
    for _, description in reversed(steps):
        assert session.undo_description() == description
        assert session.undo()
    assert session.undo_description() is None
    assert not session.undo()
