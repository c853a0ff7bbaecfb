"""reltui over SSH: a review through a real sshd on 127.0.0.1, then the connection dropped."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from e2e.harness import (
    Cli,
    User,
    lock_is_free,
    reltui_pids,
    require,
    wait_finished,
    wait_gone,
)
from e2e.screen import UNANSWERED, answer, showing
from e2e.sshd import PRIVSEP_DIR, SSHD, SshServer, descendants
from e2e.tmux import TmuxServer, TmuxSession

pytestmark = pytest.mark.e2e

NONE = (UNANSWERED,) * 4


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[SshServer]:
    require(str(SSHD), "ssh", "ssh-keygen")
    if not PRIVSEP_DIR.is_dir():
        if os.geteuid() != 0:
            pytest.skip(f"sshd needs its privilege separation directory {PRIVSEP_DIR}")
        PRIVSEP_DIR.mkdir(mode=0o755, parents=True, exist_ok=True)
    directory = tmp_path / "sshd"
    directory.mkdir()
    server = SshServer(directory)
    server.start()
    yield server
    server.stop()


def review_over_ssh(
    tmux: TmuxServer, sshd: SshServer, cli: Cli, user: User, db: Path
) -> TmuxSession:
    """``ssh -tt`` into the throwaway server and start a review of ``db`` there."""
    remote = [
        "env",
        *(f"{key}={value}" for key, value in user.env.items()),
        *cli.command,
        "--db",
        str(db),
        "review",
        "--queue",
        "all",
    ]
    session = tmux.new_session("ssh", sshd.client_command(remote))
    session.wait_for(showing("Ada Lovelace", "1 of 6"), description="the review, over ssh")
    return session


def test_dropped_connection_ends_reltui_with_every_answer_saved(
    sshd: SshServer,
    tmux: TmuxServer,
    cli: Cli,
    user: User,
    contacts_file: Path,
    imported_db: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = imported_db
    session = review_over_ssh(tmux, sshd, cli, user, db)
    answer(session, "Ada Lovelace", "1 of 6", "yyyy")
    session.wait_for(showing("Brian Kernighan", "2 of 6", NONE), description="Brian")
    answer(session, "Brian Kernighan", "2 of 6", "nm")
    session.wait_for(
        showing("Brian Kernighan", "2 of 6", ("no", "unsure", *NONE[2:]), must_see=(1, 2)),
        description="Brian's two answers",
    )

    # The reltui answering is the server side's, a child of sshd, not of the test's tmux.
    remote = reltui_pids(str(db))
    assert len(remote) == 1 and remote[0] in descendants(sshd.process.pid), remote
    assert not lock_is_free(db)

    # Drop the connection the hard way: the client dies without saying goodbye.
    client = session.pid
    assert Path(f"/proc/{client}/comm").read_text().strip() == "ssh"
    os.kill(client, signal.SIGKILL)
    took = wait_finished(remote, timeout=10)
    with capsys.disabled():
        print(f"\n[ssh] reltui exited {took:.2f}s after its ssh client was killed")

    assert lock_is_free(db)
    assert cli("--db", db, "import", contacts_file).stdout == (
        "0 added, 0 updated, 0 merged as duplicates, 6 unchanged, 0 skipped\n"
    )
    answers = cli.answers(db)
    assert answers["Ada Lovelace"] == ("client", ("yes", "yes", "yes", "yes"))
    # Brian's two answers are saved as a review in progress, which decides nothing yet.
    assert answers["Brian Kernighan"] == ("unreviewed", ("", "", "", ""))
    assert cli.given(db)["Brian Kernighan"] == ("no", "unsure", "", "")
    assert {status for status, _ in answers.values()} == {"client", "unreviewed"}


def test_quitting_over_ssh_closes_the_session_cleanly(
    sshd: SshServer, tmux: TmuxServer, cli: Cli, user: User, imported_db: Path
) -> None:
    db = imported_db
    session = review_over_ssh(tmux, sshd, cli, user, db)
    answer(session, "Ada Lovelace", "1 of 6", "ny")
    session.send_keys("q")
    session.wait_for("Session summary", description="the summary, over ssh")
    session.send_keys("q")
    assert session.wait_exit() == 0, "ssh passes on reltui's exit status"
    wait_gone(str(db))
    assert lock_is_free(db)
    assert cli.given(db)["Ada Lovelace"] == ("no", "yes", "", "")
