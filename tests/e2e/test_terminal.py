"""The installed ``reltui`` in a real terminal (tmux, 80x24): keys in, screen and files out."""

from __future__ import annotations

import csv
import os
import re
import signal
import time
from pathlib import Path

import pytest

from e2e.harness import SAMPLE_CONTACTS, SYSTEM_PATH, Cli, User, lock_is_free
from e2e.screen import UNANSWERED, answer, hues, modes_left_on, showing, start_review
from e2e.tmux import ServerFactory, TmuxServer, wait_until_quiet
from reltui.store.backup import list_backups

pytestmark = pytest.mark.e2e

NONE = (UNANSWERED,) * 4
# Every answer given in test_review_in_a_real_terminal, as ``reltui export`` must show it.
EXPECTED_EXPORT = {
    "Ada Lovelace": ("client", ("yes", "yes", "yes", "yes")),
    "Brian Kernighan": ("customer", ("yes", "no", "unsure", "no")),
    "Grace Hopper": ("candidate", ("yes", "yes", "yes", "no")),
    "Katherine Johnson": ("unreviewed", ("", "", "", "")),
    "Linus Torvalds": ("unreviewed", ("", "", "", "")),
    "Zara [/bold] Kaye": ("unreviewed", ("", "", "", "")),
}
# Linus, answered in part, has a review in progress: still unreviewed, and due with the two
# untouched.
EXPECTED_STATS = {
    "total": 6,
    "clients": 1,
    "customers": 1,
    "candidates": 1,
    "unreviewed": 3,
    "due": 3,
    "at_risk": 0,
    "in_progress": 1,
}


@pytest.mark.parametrize(
    ("term", "extra_env", "undo_key"),
    [
        ("xterm-256color", {}, "u"),
        ("screen", {}, "C-z"),
        ("xterm-256color", {"NO_COLOR": "1"}, "u"),
    ],
    ids=["xterm-256color", "screen", "no-color"],
)
def test_review_in_a_real_terminal(
    tmux: TmuxServer,
    cli: Cli,
    user: User,
    contacts_file: Path,
    tmp_path: Path,
    term: str,
    extra_env: dict[str, str],
    undo_key: str,
) -> None:
    db = tmp_path / "db"
    assert cli("--db", db, "import", contacts_file).stdout == (
        "6 added, 0 updated, 0 merged as duplicates, 0 unchanged, 0 skipped\n"
    )
    session = start_review(tmux, cli.command[0], db, TERM=term, **extra_env)
    output = tmp_path / "terminal-output"
    session.pipe_output(output)
    assert f"reviewer {user.env['USER']}" in session.capture().splitlines()[0]

    # Four yeses make Ada a client; the review moves on to Brian by itself.
    answer(session, "Ada Lovelace", "1 of 6", "yyyy")
    session.wait_for(showing("Brian Kernighan", "2 of 6", NONE), description="Brian, unanswered")
    # The split must read without colour; with NO_COLOR every colour sent is a grey.
    assert "█ client 1 17%" in session.capture()
    colours = hues(session.capture(escapes=True))
    if "NO_COLOR" in extra_env:
        assert not colours, f"coloured cells under NO_COLOR: {sorted(colours)}"
    else:
        assert colours, "a colour terminal should show statuses in colour"

    # Brian's fourth answer moves on to Grace; undo brings Brian back with that answer open.
    answer(session, "Brian Kernighan", "2 of 6", "ynmy")
    session.wait_for(showing("Grace Hopper", "3 of 6", NONE), description="Grace, unanswered")
    session.send_keys(undo_key)
    undone = ("yes", "no", "unsure", UNANSWERED)
    session.wait_for(
        showing("Brian Kernighan", "2 of 6", undone, must_see=(4,)), description="Brian, undone"
    )
    answer(session, "Brian Kernighan", "2 of 6", "n", before=undone)

    # Three yeses of four make Grace a candidate.
    answer(session, "Grace Hopper", "3 of 6", "yyyn")
    session.wait_for(showing("Katherine Johnson", "4 of 6", NONE), description="Katherine")

    # Search jumps past Katherine to Linus.
    session.send_keys("/")
    session.wait_for("Type to search", description="the search box")
    session.type_text("linus")
    session.wait_for("Linus Torvalds  Kernel Org", description="Linus in the results")
    session.send_keys("Enter")
    answer(session, "Linus Torvalds", "5 of 6", "m")

    # The list shows every contact, the markup-laden name literally, with today's statuses.
    session.send_keys("L")
    # (Notifications may cover the status column for a few seconds: wait for every row.)
    session.wait_for(
        lambda screen: (
            "6 of 6 contacts" in screen
            and all(
                re.search(rf"^{re.escape(name)}\s.*\s{status}\s", screen, re.MULTILINE)
                for name, (status, _answers) in EXPECTED_EXPORT.items()
            )
        ),
        description="every contact with its status in the list",
    )
    session.send_keys("Escape")
    session.wait_for(showing("Linus Torvalds", "5 of 6", ("unsure", *NONE[1:]), must_see=(1,)))
    # Enter on a row opens that contact: the cursor starts on Linus, one up is Katherine.
    session.send_keys("L")
    session.wait_for("6 of 6 contacts", description="the contact list again")
    session.send_keys("Up", "Enter")
    session.wait_for(showing("Katherine Johnson", "4 of 6", NONE), description="Katherine")

    # q shows the summary first; q again leaves, and the terminal is given back intact.
    session.send_keys("q")
    session.wait_for("Session summary", description="the summary")
    session.send_keys("q")
    assert session.wait_exit() == 0
    assert session.display("#{alternate_on} #{mouse_any_flag}") == "0 0"
    assert modes_left_on(output.read_bytes()) == {}, "the shell must get its terminal back"

    assert lock_is_free(db)
    stats = cli.stats(db)
    assert {key: stats[key] for key in EXPECTED_STATS} == EXPECTED_STATS
    assert cli.answers(db) == EXPECTED_EXPORT
    rows = cli.export(db)
    assert rows["Grace Hopper"]["next_action"] == "deliver a quick win and follow up in person"
    assert {rows[name]["reviewer"] for name in ("Ada Lovelace", "Grace Hopper")} == {
        user.env["USER"]
    }
    # The review backed up the database as it was before its first answer.
    [backup] = list_backups(db)
    assert not list((backup.path / "reviews").glob("*.json"))
    assert len(list((backup.path / "contacts").glob("[0-9]*.json"))) == 1


def test_demo_from_a_new_users_empty_home(
    tmux_factory: ServerFactory, reltui_exe: Path, tmp_path: Path
) -> None:
    """``reltui demo`` works with nothing set up and leaves nothing behind."""
    home, temp = tmp_path / "newhome", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    # A brand-new account: no XDG variables, so reltui falls back to its defaults under HOME.
    env = {
        "PATH": SYSTEM_PATH,
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
        "TMPDIR": str(temp),
    }
    tmux = tmux_factory(env)
    session = tmux.new_session("demo", [str(reltui_exe), "demo"], env={"TERM": "xterm-256color"})
    with open(SAMPLE_CONTACTS, encoding="utf-8", newline="") as handle:
        sample_names = [f"{row['first_name']} {row['last_name']}" for row in csv.DictReader(handle)]
    screen = session.wait_for(
        lambda text: (
            re.search(r"1 of \d+ due", text) is not None
            and any(name in text for name in sample_names)
        ),
        description="a sample contact",
    )
    split = re.search(
        r"client (\d+) \d+%.*candidate (\d+).*customer (\d+).*unreviewed (\d+)", screen
    )
    assert split, f"no split on screen:\n{screen}"
    assert sum(map(int, split.groups())) == len(sample_names)
    assert any(temp.iterdir()), "the demo copy should live in TMPDIR while it runs"

    session.send_keys("y")
    session.wait_for("this session: ", description="the split after an answer")
    session.send_keys("q")
    session.wait_for("Session summary")
    session.send_keys("q")
    assert session.wait_exit() == 0
    assert sorted(home.rglob("*")) == [], "the demo must not write into the user's home"
    assert sorted(temp.rglob("*")) == [], "the throwaway copy must be removed"


@pytest.mark.parametrize(
    "signal_number", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"]
)
def test_signal_keeps_answers_and_frees_the_lock(
    tmux: TmuxServer,
    cli: Cli,
    contacts_file: Path,
    imported_db: Path,
    signal_number: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = imported_db
    session = start_review(tmux, cli.command[0], db)
    answer(session, "Ada Lovelace", "1 of 6", "ynm")
    assert not lock_is_free(db), "a running review holds the writer lock"

    os.kill(session.pid, signal_number)
    started = time.monotonic()
    status = session.wait_exit()
    with capsys.disabled():
        name = signal.Signals(signal_number).name
        print(f"\n[{name}] reltui exited with {status} after {time.monotonic() - started:.2f}s")

    assert lock_is_free(db)
    # Three answers of four: a review in progress, on disk, that decides nothing yet.
    assert cli.answers(db)["Ada Lovelace"] == ("unreviewed", ("", "", "", ""))
    assert cli.given(db)["Ada Lovelace"] == ("yes", "no", "unsure", "")
    assert cli.stats(db)["in_progress"] == 1
    assert cli("--db", db, "import", contacts_file).stdout == (
        "0 added, 0 updated, 0 merged as duplicates, 6 unchanged, 0 skipped\n"
    )


def test_second_review_of_a_busy_database_is_refused(
    tmux: TmuxServer, cli: Cli, contacts_file: Path, imported_db: Path
) -> None:
    """While one review runs, a second writer is told who holds the database."""
    db = imported_db
    session = start_review(tmux, cli.command[0], db)
    result = cli("--db", db, "import", contacts_file, check=False)
    assert result.returncode == 1
    assert f"(process {session.pid})" in result.stderr
    assert "in use by" in result.stderr
    session.send_keys("q")
    assert session.wait_exit() == 0
    assert lock_is_free(db)


def test_sigterm_gives_the_terminal_back(
    tmux: TmuxServer, cli: Cli, imported_db: Path, tmp_path: Path
) -> None:
    db = imported_db
    session = start_review(tmux, cli.command[0], db)
    answer(session, "Ada Lovelace", "1 of 6", "y")
    output = tmp_path / "terminal-output"
    session.pipe_output(output)
    wait_until_quiet(output)  # an idle app, as it is when someone stops it from outside
    os.kill(session.pid, signal.SIGTERM)
    assert session.wait_exit() == 128 + signal.SIGTERM
    assert session.display("#{alternate_on} #{mouse_any_flag}") == "0 0"


def test_a_review_whose_terminal_vanishes_without_sighup_exits_and_frees_the_lock(
    cli: Cli, imported_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A review in its own session gets no SIGHUP when its terminal closes; it must still go."""
    import pty
    import subprocess

    db = imported_db
    main, side = pty.openpty()
    review = subprocess.Popen(
        [*cli.command, "--db", str(db), "review", "--queue", "all"],
        env={**cli.env, "COLUMNS": "80", "LINES": "24"},
        stdin=side,
        stdout=side,
        stderr=side,
        start_new_session=True,  # as setsid does: the terminal is not its controlling one
    )
    os.close(side)
    try:
        screen = b""
        while b"1 of 6" not in screen:
            chunk = os.read(main, 65536)
            assert chunk, "the review ended before its first screen"
            screen += chunk
        assert not lock_is_free(db), "a running review holds the writer lock"
        os.close(main)  # the terminal goes away; no one sends SIGHUP
        started = time.monotonic()
        status = review.wait(timeout=60)
    finally:
        if review.poll() is None:
            review.kill()
            review.wait()
    with capsys.disabled():
        print(
            f"\n[terminal gone] reltui exited with {status} after {time.monotonic() - started:.2f}s"
        )
    assert lock_is_free(db)
