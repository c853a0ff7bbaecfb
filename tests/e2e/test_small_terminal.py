"""The installed ``reltui demo`` in the smallest terminal it supports (tmux, 60x20), in 16
colours and without colour."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from e2e.tmux import TmuxServer

pytestmark = pytest.mark.e2e

LAST_REVIEW = re.compile(r"^ last \d{4}-\d\d-\d\d by \S+: \S", re.MULTILINE)


def lines_on(screen: str) -> list[str]:
    return [line.rstrip() for line in screen.splitlines() if line.strip()]


@pytest.mark.parametrize(
    "extra_env",
    [{"TERM": "screen"}, {"TERM": "screen", "NO_COLOR": "1"}],
    ids=["screen", "screen-no-color"],
)
def test_demo_at_60x20(tmux: TmuxServer, reltui_exe: Path, extra_env: dict[str, str]) -> None:
    session = tmux.new_session(
        "small", [str(reltui_exe), "demo"], width=60, height=20, env=extra_env
    )
    screen = session.wait_for(
        lambda text: (
            re.search(r"1 of \d+ due", text) is not None
            and "Trust & respect" in text
            and "^p palette" in text
        ),
        description="the first contact, its questions and the footer",
    )
    # The card keeps the last review and the history of statuses in view.
    assert LAST_REVIEW.search(screen), screen
    assert re.search(r"^ history \w", screen, re.MULTILINE), screen
    # The footer ends with the palette key: no letter of a hidden key shows through after it.
    assert lines_on(screen)[-1].endswith("▏^p palette"), screen

    session.send_keys("?")
    # Waits for the help's last visible line: the frame before may be drawn only in part.
    screen = session.wait_for("All contacts as a table", description="the help")
    # One column, and descriptions wrap under themselves, never into the key column.
    assert "│ y         Answer yes, go on" in screen, screen
    lines = lines_on(screen)
    wrapped = lines.index("│ =         Give every open question last review's         │")
    assert lines[wrapped + 1].startswith("│           answer "), screen

    session.send_keys("Escape")
    session.wait_for_gone("Answer yes, go on")
    session.send_keys("q")
    assert session.wait_exit() == 0
