"""A new contact's whole story in the installed command: added, edited, touched, reviewed, told."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from e2e.harness import Cli, lock_is_free
from e2e.screen import answer, start_review
from e2e.tmux import TmuxServer

pytestmark = pytest.mark.e2e


def test_add_edit_touch_review_and_read_the_timeline(
    tmux: TmuxServer, cli: Cli, imported_db: Path
) -> None:
    db = imported_db
    session = start_review(tmux, cli.command[0], db, queue="all")
    session.send_keys("a")
    session.wait_for("New contact", description="the add form")
    session.wait_for("Name · tab next field", description="the name field focused")
    session.type_text("Margaret Hamilton")
    session.send_keys("Tab")
    session.wait_for("Email · tab next field", description="the email field focused")
    session.type_text("margaret@example.com")
    session.send_keys("Tab")
    session.wait_for("Company · tab next field", description="the company field focused")
    session.type_text("MIT")
    session.wait_for("MIT", description="the company typed")
    session.send_keys("C-s")
    session.wait_for_gone("New contact")
    session.wait_for("Margaret Hamilton", description="the review at the new contact")

    session.send_keys("e")
    session.wait_for("Edit Margaret Hamilton", description="the edit form")
    session.wait_for("Name · tab next field", description="the name field focused")
    session.send_keys("Tab", "Tab", "Tab")
    session.wait_for("Position · tab next field", description="the position field focused")
    session.type_text("Director of Software")
    session.wait_for("Director of Software", description="the position typed")
    session.send_keys("C-s")
    session.wait_for_gone("Edit Margaret Hamilton")
    session.wait_for("Director of Software, MIT", description="the edited card")

    session.send_keys("t")
    session.wait_for("Touch with Margaret Hamilton", description="the touch form")
    session.send_keys("c")
    session.wait_for("Note · enter or ctrl+s saves", description="the note box focused")
    session.type_text("asked about Apollo")
    session.wait_for("asked about Apollo", description="the note typed")
    session.send_keys("Enter")
    session.wait_for(
        'last touch today · call · "asked about', description="the last touch on the card"
    )

    answer(session, "Margaret Hamilton", "1 of 7", "yyyy")
    session.wait_for("saved Margaret Hamilton", description="the review saved")
    assert "unreviewed 6" in session.capture()  # the added contact counts in the split
    session.send_keys("h")
    session.wait_for("Director of Software, MIT", description="back at Margaret")
    session.send_keys("H")
    screen = session.wait_for("review by e2e-tester · client", description="the timeline")
    for line in (
        "status unreviewed → client",
        'call · "asked about Apollo"',
        "edited position",
        "position: - → Director of Software",
        "added in reltui",
    ):
        assert line in screen, line
    # Newest first: the touch and the edit came after the contact was added. (The review keeps
    # its time to the second, so within the second of the addition the two may tie.)
    assert screen.index("call ·") < screen.index("edited position") < screen.index("added in")
    session.send_keys("Escape")
    session.wait_for_gone("added in reltui")
    session.send_keys("q")
    session.wait_for("Session summary", description="the summary")
    session.send_keys("q")
    assert session.wait_exit() == 0
    assert lock_is_free(db)

    shown = json.loads(cli("--db", db, "show", "margaret@example.com", "--json").stdout)
    assert (shown["position"], shown["status"]) == ("Director of Software", "client")
    kinds = [entry["kind"] for entry in shown["timeline"]]
    assert sorted(kinds) == ["edit", "edit", "review", "status", "touch"]
