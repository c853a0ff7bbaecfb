"""A review answered in part, quit and reopened, resumes on the same contact and question."""

from __future__ import annotations

from pathlib import Path

import pytest

from e2e.harness import Cli, lock_is_free
from e2e.screen import UNANSWERED, answer, showing, start_review
from e2e.tmux import TmuxServer
from reltui.store.backup import list_backups

pytestmark = pytest.mark.e2e


def test_answer_two_of_four_quit_reopen_and_finish_the_same_contact(
    tmux: TmuxServer, cli: Cli, imported_db: Path
) -> None:
    db = imported_db
    session = start_review(tmux, cli.command[0], db, queue="due")
    answer(session, "Ada Lovelace", "1 of 6", "yn")
    session.wait_for("in progress 2/4", description="the card counting the review in progress")
    session.send_keys("q")
    session.wait_for("Session summary", description="the summary")
    assert "in progress    1" in session.capture()
    session.send_keys("q")
    assert session.wait_exit() == 0
    assert lock_is_free(db)
    # Nothing half-done is presented as a decision: Ada is still unreviewed, and still due.
    assert cli.answers(db)["Ada Lovelace"] == ("unreviewed", ("", "", "", ""))
    stats = cli.stats(db)
    assert (stats["in_progress"], stats["unreviewed"], stats["due"]) == (1, 6, 6)

    # Reopened, the due queue starts with Ada at her third question.
    again = start_review(tmux, cli.command[0], db, queue="due", name="again")
    given = ("yes", "no", UNANSWERED, UNANSWERED)
    again.wait_for(showing("Ada Lovelace", "1 of 6", given), description="Ada, two answered")
    assert "▶3 Use as reference" in again.capture()
    answer(again, "Ada Lovelace", "1 of 6", "yy", before=given)
    again.wait_for(showing("Brian Kernighan", "2 of 6"), description="the next contact")
    again.send_keys("q")
    again.wait_for("Session summary", description="the summary")
    again.send_keys("q")
    assert again.wait_exit() == 0
    assert cli.answers(db)["Ada Lovelace"] == ("candidate", ("yes", "no", "yes", "yes"))
    assert cli.stats(db)["in_progress"] == 0


def test_a_look_that_changes_nothing_makes_no_backup(
    tmux: TmuxServer, cli: Cli, imported_db: Path
) -> None:
    db = imported_db
    session = start_review(tmux, cli.command[0], db)
    session.send_keys("q")  # nothing answered: q leaves at once
    assert session.wait_exit() == 0
    assert list_backups(db) == []
    # The first answer of the next session is saved only after its backup is made.
    again = start_review(tmux, cli.command[0], db, name="again")
    answer(again, "Ada Lovelace", "1 of 6", "y")
    again.send_keys("q")
    again.wait_for("Session summary", description="the summary")
    again.send_keys("q")
    assert again.wait_exit() == 0
    [backup] = list_backups(db)
    assert not list((backup.path / "reviews").glob("*.json*"))
