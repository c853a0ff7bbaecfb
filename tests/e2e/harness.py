"""What the end-to-end tests share: the fixture contacts, user environments, the CLI, processes."""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest

from e2e.tmux import POLL_INTERVAL, finished, process_ids

SAMPLE_CONTACTS = Path(__file__).resolve().parents[2] / "sample_data" / "contacts.csv"

# Six people, sorted by name as the "all" queue walks them. The last one carries markup that
# would crash or disappear if any widget parsed contact text.
CONTACTS_CSV = """\
name,email,company
Ada Lovelace,ada@example.com,Analytical Engines
Brian Kernighan,bwk@example.com,Bell Labs
Grace Hopper,grace@example.com,Navy
Katherine Johnson,katherine@example.com,NASA
Linus Torvalds,linus@example.com,Kernel Org
Zara [/bold] Kaye,zara@example.com,[b]Markup[/b] & Co
"""
QUESTION_COLUMNS = ("know_needs", "ask_referral", "use_as_reference", "trust_respect")
REVIEWER = "e2e-tester"
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def find_reltui() -> Path | None:
    """The console script installed next to this interpreter, else the one on PATH."""
    beside = Path(sys.executable).parent / "reltui"
    if beside.exists():
        return beside
    found = shutil.which("reltui")
    return Path(found) if found else None


def require(*tools: str) -> None:
    """Skip the test, naming the tool, when a program it needs is not installed."""
    for tool in tools:
        if shutil.which(tool) is None and not Path(tool).is_file():
            pytest.skip(f"{tool} is not installed (.ci/run installs it)")


@dataclass
class User:
    """A throwaway user environment: HOME and the XDG directories all inside the test's tmp."""

    home: Path
    data: Path
    config: Path
    env: dict[str, str]


def make_user(root: Path, **extra: str) -> User:
    home, data, config = root / "home", root / "data", root / "config"
    for directory in (home, data, config, root / "cache", root / "state"):
        directory.mkdir(parents=True, exist_ok=True)
    env = {
        "PATH": SYSTEM_PATH,
        "HOME": str(home),
        "XDG_DATA_HOME": str(data),
        "XDG_CONFIG_HOME": str(config),
        "XDG_CACHE_HOME": str(root / "cache"),
        "XDG_STATE_HOME": str(root / "state"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": "xterm-256color",
        # The reviewer name reltui records defaults to the login name.
        "USER": REVIEWER,
        "LOGNAME": REVIEWER,
        **extra,
    }
    return User(home, data, config, env)


class Cli:
    """Runs the installed console script as a user would, with that user's environment."""

    def __init__(self, command: list[str], env: Mapping[str, str]) -> None:
        self.command = command
        self.env = dict(env)

    def __call__(self, *args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [*self.command, *map(str, args)],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"reltui {' '.join(map(str, args))} exited {result.returncode}: {result.stderr}"
            )
        return result

    def stats(self, db: Path) -> dict:
        return orjson.loads(self("--db", db, "stats", "--json").stdout)

    def export(self, db: Path) -> dict[str, dict[str, str]]:
        """The exported CSV as rows keyed by contact name."""
        text = self("--db", db, "export").stdout
        return {row["name"]: row for row in csv.DictReader(io.StringIO(text))}

    def given(self, db: Path) -> dict[str, tuple[str, ...]]:
        """Each reviewed contact's newest review's answers, complete or in progress."""
        text = self("--db", db, "export", "--history").stdout
        return {
            row["name"]: tuple(row[column] for column in QUESTION_COLUMNS)
            for row in csv.DictReader(io.StringIO(text))
        }

    def answers(self, db: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
        """Each contact's exported status and four answers."""
        return {
            name: (row["status"], tuple(row[column] for column in QUESTION_COLUMNS))
            for name, row in self.export(db).items()
        }


def kill_leftovers(marker: str) -> None:
    """SIGKILL, by pid, any process whose command line names this test's private paths."""
    for pid in process_ids(marker):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def reltui_pids(marker: str) -> list[int]:
    """Pids of reltui itself (a python process) whose command line names ``marker``."""
    found = []
    for pid in process_ids(marker):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        program = os.path.basename(argv[0].decode(errors="replace"))
        if program.startswith("python") or program == "reltui":
            found.append(pid)
    return found


def wait_finished(pids: list[int], timeout: float = 10.0) -> float:
    """Poll until every one of ``pids`` has finished; return how long that took."""
    start = time.monotonic()
    while not all(finished(pid) for pid in pids):
        if time.monotonic() - start >= timeout:
            running = [pid for pid in pids if not finished(pid)]
            raise AssertionError(f"reltui still running {timeout}s later: pids {running}")
        time.sleep(POLL_INTERVAL)
    return time.monotonic() - start


def wait_gone(marker: str, timeout: float = 10.0) -> float:
    """Poll until every reltui process naming ``marker`` now has finished."""
    return wait_finished(reltui_pids(marker), timeout)


def lock_is_free(db: Path) -> bool:
    """True when an exclusive, non-blocking lock on the database's lock file can be taken now."""
    path = db / "lock"
    if not path.exists():
        return True
    with open(path, "rb") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
    return True
