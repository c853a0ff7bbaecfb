"""What reltui sends down the wire: bytes per answer against a full repaint, and idle silence.

Over a slow SSH link every byte a redraw writes is felt. These tests record what the terminal
receives (tmux ``pipe-pane``) and assert only generous sanity, never timings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from e2e.harness import Cli
from e2e.screen import UNANSWERED, showing, start_review
from e2e.tmux import TmuxServer, TmuxSession, wait_until_quiet

pytestmark = pytest.mark.e2e

WIDTH, HEIGHT = 80, 24
# Long enough to see a cursor blink (Textual's is 0.5 s) or any animation frame.
IDLE_WINDOW = 1.5
NONE = (UNANSWERED,) * 4
# A cursor move followed by text (after any colour codes), not one that only parks the cursor.
CURSOR_POSITION = re.compile(rb"\x1b\[(\d+);(\d+)H(?:\x1b\[[0-9;:?]*[A-Za-z])*[^\x1b]")


class Recorder:
    """Everything reltui writes to its terminal, cut into the slices that single actions cause."""

    def __init__(self, session: TmuxSession, output: Path) -> None:
        self.session = session
        self.output = output
        session.pipe_output(output)

    def record(self, action: Callable[[], None], expected: str | Callable[[str], bool]) -> bytes:
        """What ``action`` makes reltui write, until the screen shows ``expected`` and settles."""
        before = wait_until_quiet(self.output)
        action()
        self.session.wait_for(expected)
        after = wait_until_quiet(self.output)
        return self.output.read_bytes()[before:after]


def rows_written(output: bytes) -> list[int]:
    """The screen rows an output slice moves the cursor to in order to write on them."""
    return sorted({int(match[1]) for match in CURSOR_POSITION.finditer(output)})


def rows_changed(before: str, after: str) -> list[int]:
    """The rows whose text or colours differ between two ``capture-pane -e`` screens."""
    pairs = zip(before.splitlines(), after.splitlines(), strict=False)
    return [row for row, (old, new) in enumerate(pairs, start=1) if old != new]


def answer_twice(session: TmuxSession, recorder: Recorder) -> tuple[bytes, bytes, list[int]]:
    """Answer yes then no to Ada's first two questions; the two slices and the rows the second
    answer really changed."""
    first = recorder.record(
        lambda: session.send_keys("y"),
        showing("Ada Lovelace", "1 of 6", ("yes", *NONE[1:]), must_see=(1,)),
    )
    before = session.capture(escapes=True)
    second = recorder.record(
        lambda: session.send_keys("n"),
        showing("Ada Lovelace", "1 of 6", ("yes", "no", *NONE[2:]), must_see=(2,)),
    )
    return first, second, rows_changed(before, session.capture(escapes=True))


def test_one_answer_costs_less_than_a_full_repaint(
    tmux: TmuxServer,
    cli: Cli,
    imported_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = imported_db
    session = start_review(tmux, cli.command[0], db)
    recorder = Recorder(session, tmp_path / "terminal-output")
    first, second, changed = answer_twice(session, recorder)
    # Two size changes: reltui repaints everything on each; the second is back at 80x24.
    recorder.record(lambda: session.resize(WIDTH, HEIGHT + 1), "Ada Lovelace")
    full = recorder.record(lambda: session.resize(WIDTH, HEIGHT), "Ada Lovelace")
    assert session.display("#{pane_width}x#{pane_height}") == f"{WIDTH}x{HEIGHT}"

    figures = {
        "screen": f"{WIDTH}x{HEIGHT}",
        "answer_bytes": len(first),
        "second_answer_bytes": len(second),
        "full_repaint_bytes": len(full),
        "answer_share_of_full_repaint": round(len(first) / len(full), 3),
        # The same screen as tmux serialises it, colours included: a floor for one repaint.
        "screen_serialised_bytes": len(session.capture(escapes=True).encode()),
        "rows_changed_by_second_answer": changed,
        "rows_written_by_second_answer": rows_written(second),
    }
    (tmp_path / "bandwidth.json").write_text(json.dumps(figures, indent=2))
    with capsys.disabled():
        print(f"\n[bandwidth] {json.dumps(figures)}")

    assert 0 < len(first) < len(full), figures
    assert 0 < len(second) < len(full), figures
    # A full repaint of 1,920 cells in 256 colours is kilobytes, not hundreds of them.
    assert len(full) < 100 * WIDTH * HEIGHT, figures


def test_a_second_answer_leaves_header_and_footer_alone(
    tmux: TmuxServer, cli: Cli, imported_db: Path, tmp_path: Path
) -> None:
    db = imported_db
    session = start_review(tmux, cli.command[0], db)
    _, second, changed = answer_twice(session, Recorder(session, tmp_path / "terminal-output"))
    assert 1 not in changed and HEIGHT not in changed, "header and footer stay the same"
    written = rows_written(second)
    assert 1 not in written and HEIGHT not in written, f"rewrote rows {written}"
    # Only the question pane changes: a small redraw, not a screenful.
    assert set(written) <= set(range(4, 14)), f"rewrote rows {written}"


def _open_list(session: TmuxSession) -> None:
    session.send_keys("L")
    session.wait_for("6 of 6 contacts", description="the contact list")


def _open_help(session: TmuxSession) -> None:
    session.send_keys("?")
    # The help fills the 24 rows: nothing of the review (its footer's "Search") shows below.
    session.wait_for(lambda screen: "Keys" in screen and "Undo (several steps)" in screen)


def _open_summary(session: TmuxSession) -> None:
    session.send_keys("y")
    session.wait_for(showing("Ada Lovelace", "1 of 6", ("yes", *NONE[1:])))
    session.send_keys("q")
    session.wait_for("Session summary")


def _open_search(session: TmuxSession) -> None:
    session.send_keys("/")
    session.wait_for("Type to search", description="the search box")


SCREENS = {
    "review": lambda session: None,
    "list": _open_list,
    "help": _open_help,
    "summary": _open_summary,
    "search": _open_search,
}


@pytest.mark.parametrize(
    "screen",
    [
        "review",
        "list",
        "help",
        "summary",
        "search",
    ],
)
def test_an_idle_screen_sends_nothing(
    tmux: TmuxServer, cli: Cli, imported_db: Path, tmp_path: Path, screen: str
) -> None:
    """Animations are off by default and nothing blinks: a still screen costs no bandwidth."""
    db = imported_db
    session = start_review(tmux, cli.command[0], db)
    recorder = Recorder(session, tmp_path / "terminal-output")
    SCREENS[screen](session)
    # Quiet for IDLE_WINDOW seconds in a row within the deadline; a blink never allows that.
    wait_until_quiet(recorder.output, quiet=IDLE_WINDOW, timeout=2 * IDLE_WINDOW + 3)
