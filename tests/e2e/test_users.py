"""Two user accounts on one machine: private databases, and reviews at the same time."""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import sysconfig
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest

from e2e.harness import (
    CONTACTS_CSV,
    SYSTEM_PATH,
    Cli,
    find_reltui,
    lock_is_free,
    make_user,
)
from e2e.screen import UNANSWERED, answer, showing
from e2e.tmux import POLL_INTERVAL, ServerFactory

pytestmark = pytest.mark.e2e

NONE = (UNANSWERED,) * 4


@dataclass
class Account:
    """One person on the machine: a real account (``uid`` set) or, without root, a HOME."""

    name: str
    home: Path
    uid: int | None
    cli: Cli

    @property
    def data_dir(self) -> Path:
        """Where reltui keeps this user's files when nothing is configured."""
        return self.home / ".local" / "share" / "reltui"

    @property
    def db(self) -> Path:
        return self.data_dir / "db"

    def as_user(self, *command: str) -> subprocess.CompletedProcess[str]:
        """Run any command as this account."""
        return subprocess.run(
            ["runuser", "-u", self.name, "--", *command],
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )


def _user_processes(uid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("Uid:") and int(line.split()[1]) == uid:
                    found.append(int(entry.name))
    return found


def _remove_account(name: str, uid: int) -> None:
    """Stop the account's processes (by pid), then delete it with its home."""
    deadline = time.monotonic() + 10
    while True:
        for pid in _user_processes(uid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        result = subprocess.run(["userdel", "-r", name], capture_output=True, text=True)
        if result.returncode in (0, 6) or time.monotonic() >= deadline:  # 6: no such user
            return
        time.sleep(POLL_INTERVAL)


def _launcher(account: str, home: Path, shared: Path, reltui: Path) -> tuple[list[str], str]:
    """How ``account`` runs the installed reltui, and a note when it cannot run it directly.

    A virtualenv made from an interpreter under root's 0700 home cannot be executed by anyone
    else. Then the same installed package (same site-packages, same source) runs through a
    system interpreter of the same version that every user can execute.
    """
    env = ["env", "-i", f"HOME={home}", f"PATH={SYSTEM_PATH}"]
    probe = subprocess.run(
        ["runuser", "-u", account, "--", *env, str(reltui), "--version"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if probe.returncode == 0:
        return [str(reltui)], ""
    why = probe.stderr.strip()
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    interpreter = next(
        (
            path
            for path in (f"/usr/bin/{version}", f"/usr/local/bin/{version}")
            if Path(path).is_file() and Path(path).resolve() != Path(sys.executable).resolve()
        ),
        None,
    )
    if interpreter is None:
        pytest.skip(f"{reltui} is not executable by other users and no system {version} exists")
    launcher = shared / "reltui"
    site_packages = sysconfig.get_paths()["purelib"]
    launcher.write_text(
        f"#!{interpreter} -S\n"
        "import site, sys\n"
        f"site.addsitedir({site_packages!r})\n"
        "from reltui.cli import main\n"
        "sys.exit(main())\n"
    )
    launcher.chmod(0o755)
    probe = subprocess.run(
        ["runuser", "-u", account, "--", *env, str(launcher), "--version"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if probe.returncode != 0:
        pytest.skip(f"other users cannot run the installed reltui: {probe.stderr.strip()}")
    return [str(launcher)], (
        f"{reltui} is not executable by other users ({why}); "
        f"they run the same installed package through {interpreter}"
    )


@pytest.fixture
def accounts(
    short_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> Iterator[list[Account]]:
    """Two fresh accounts made with useradd (removed afterwards), or two HOMEs without root."""
    exe = find_reltui()
    if exe is None:
        pytest.skip("the reltui console script is not installed")
    tools = [shutil.which(tool) for tool in ("useradd", "userdel", "runuser")]
    if os.geteuid() != 0 or None in tools:
        with capsys.disabled():
            print("\n[users] not root or no useradd: two HOME directories of one account")
        yield [
            Account(name, user.home, None, Cli([str(exe)], user.env))
            for name in ("alice", "bob")
            for user in [make_user(tmp_path / name, USER=name, LOGNAME=name)]
        ]
        return
    suffix = secrets.token_hex(3)
    names = [f"rte2e{letter}{suffix}" for letter in "ab"]
    created: list[tuple[str, int]] = []
    # The launcher, if one is needed, lives where every account can read it.
    short_dir.chmod(0o755)
    try:
        made = []
        for name in names:
            subprocess.run(
                ["useradd", "-m", "-s", "/bin/sh", name], check=True, capture_output=True
            )
            entry = pwd.getpwnam(name)
            created.append((name, entry.pw_uid))
            made.append((name, Path(entry.pw_dir), entry.pw_uid))
        command, note = _launcher(names[0], made[0][1], short_dir, exe)
        if note:
            with capsys.disabled():
                print(f"\n[users] {note}")
        result = []
        for name, home, uid in made:
            # Readable homes, as many systems make them: only reltui's own modes protect data.
            home.chmod(0o755)
            env = [
                "env",
                "-i",
                f"HOME={home}",
                f"USER={name}",
                f"LOGNAME={name}",
                f"PATH={SYSTEM_PATH}",
                "LANG=C.UTF-8",
                "LC_ALL=C.UTF-8",
                "TERM=xterm-256color",
            ]
            cli = Cli(["runuser", "-u", name, "--", *env, *command], {"PATH": SYSTEM_PATH})
            result.append(Account(name, home, uid, cli))
        yield result
    finally:
        for name, uid in created:
            _remove_account(name, uid)


def import_contacts(account: Account) -> None:
    """Put the fixture contacts in the account's home and import them as that account."""
    source = account.home / "contacts.csv"
    source.write_text(CONTACTS_CSV, encoding="utf-8")
    if account.uid is not None:
        os.chown(source, account.uid, account.uid)
    assert (
        account.cli("import", source).stdout
        == "6 added, 0 updated, 0 merged as duplicates, 0 unchanged, 0 skipped\n"
    )


def tree(root: Path) -> list[Path]:
    return [root, *sorted(root.rglob("*"))]


def test_each_users_database_is_private(accounts: list[Account]) -> None:
    alice, bob = accounts
    if alice.uid is None:
        pytest.skip("needs root and useradd: one account cannot be denied its own files")
    for account in accounts:
        import_contacts(account)
        for path in tree(account.data_dir):
            mode = stat.S_IMODE(path.lstat().st_mode)
            assert mode == (0o700 if path.is_dir() else 0o600), f"{path}: {oct(mode)}"
            assert path.lstat().st_uid == account.uid, path
    before = {path: path.read_bytes() for path in tree(alice.db) if path.is_file()}

    # Bob can see that Alice's home exists, but nothing of reltui's inside it.
    denied = bob.as_user("cat", str(alice.db / "contacts.json"))
    assert denied.returncode != 0 and "Permission denied" in denied.stderr
    listing = bob.as_user("ls", str(alice.data_dir))
    assert listing.returncode != 0 and "Permission denied" in listing.stderr

    # Nor through reltui: reading or writing Alice's database fails in one line.
    for args in (("export",), ("stats", "--json"), ("import", str(bob.home / "contacts.csv"))):
        result = bob.cli("--db", alice.db, *args, check=False)
        assert result.returncode == 1, (args, result)
        assert result.stderr.startswith("reltui: ") and result.stderr.count("\n") == 1, result
        assert "Traceback" not in result.stderr and "Ada Lovelace" not in result.stdout

    after = {path: path.read_bytes() for path in tree(alice.db) if path.is_file()}
    assert after == before, "a denied user must not change anything"


def test_two_users_review_at_the_same_time(
    accounts: list[Account], tmux_factory: ServerFactory
) -> None:
    alice, bob = accounts
    for account in accounts:
        import_contacts(account)
    tmux = tmux_factory({"PATH": SYSTEM_PATH, "LANG": "C.UTF-8", "TERM": "xterm-256color"})
    sessions = {}
    for account in accounts:
        session = tmux.new_session(
            account.name, [*account.cli.command, "review", "--queue", "all"], env=account.cli.env
        )
        sessions[account.name] = session
    for session in sessions.values():
        session.wait_for(showing("Ada Lovelace", "1 of 6"), description="the first contact")

    # Both hold their own writer lock at once, each recorded under its own name.
    holders = {}
    for account in accounts:
        assert not lock_is_free(account.db)
        holders[account.name] = orjson.loads((account.db / "lock.json").read_bytes())
    if alice.uid is not None:
        assert {name: holder["user"] for name, holder in holders.items()} == {
            alice.name: alice.name,
            bob.name: bob.name,
        }
    assert holders[alice.name]["pid"] != holders[bob.name]["pid"]

    # Interleaved answers: Alice says yes to all four, Bob no.
    a, b = sessions[alice.name], sessions[bob.name]
    answer(a, "Ada Lovelace", "1 of 6", "yy")
    answer(b, "Ada Lovelace", "1 of 6", "nn")
    answer(a, "Ada Lovelace", "1 of 6", "yy", before=("yes", "yes", *NONE[2:]))
    answer(b, "Ada Lovelace", "1 of 6", "nn", before=("no", "no", *NONE[2:]))
    for session in (a, b):
        session.wait_for(showing("Brian Kernighan", "2 of 6", NONE), description="Brian")
        session.send_keys("q")
        session.wait_for("Session summary")
        session.send_keys("q")
    for session in (a, b):
        assert session.wait_exit() == 0

    expected = {alice.name: ("client", ("yes",) * 4), bob.name: ("customer", ("no",) * 4)}
    for account in accounts:
        answers = account.cli.answers(account.db)
        assert answers.pop("Ada Lovelace") == expected[account.name]
        assert {status for status, _ in answers.values()} == {"unreviewed"}
        assert account.cli.export(account.db)["Ada Lovelace"]["reviewer"] == account.name
        assert lock_is_free(account.db)
        if account.uid is not None:
            assert {path.lstat().st_uid for path in tree(account.data_dir)} == {account.uid}


def test_another_users_database_is_refused_in_plain_words(accounts: list[Account]) -> None:
    alice, bob = accounts
    if alice.uid is None:
        pytest.skip("needs root and useradd: one account cannot be denied its own files")
    import_contacts(alice)
    result = bob.cli("--db", alice.db, "export", check=False)
    assert result.returncode == 1
    assert str(alice.db) in result.stderr and "ermission denied" in result.stderr
    assert "unexpected error" not in result.stderr


def _planted(bob: Account, shared: Path) -> Path:
    """Bob makes a database directory in a directory everyone may write, as an attacker would."""
    db = shared / "db"
    made = bob.as_user("mkdir", "-m", "0777", str(db), str(db / "reviews"), str(db / "contacts"))
    assert made.returncode == 0, made.stderr
    return db


@pytest.fixture
def shared_dir(short_dir: Path) -> Path:
    """A world-writable directory with the sticky bit, like /tmp."""
    short_dir.chmod(0o755)
    shared = short_dir / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    return shared


def _victims_file(alice: Account) -> tuple[Path, bytes]:
    """A file of Alice's whose last line has no newline: the journal repair would cut it."""
    path = alice.home / "thesis.txt"
    content = b"chapter one\nchapter two, not finished"
    path.write_bytes(content)
    os.chown(path, alice.uid, alice.uid)
    path.chmod(0o600)
    return path, content


def test_a_database_planted_with_links_is_refused(
    accounts: list[Account], shared_dir: Path
) -> None:
    alice, bob = accounts
    if alice.uid is None:
        pytest.skip("needs root and useradd: the attacker must be another account")
    target, content = _victims_file(alice)
    db = _planted(bob, shared_dir)
    assert (
        bob.as_user("ln", "-s", str(target), str(db / "reviews" / "journal.jsonl")).returncode == 0
    )
    source = alice.home / "contacts.csv"
    source.write_text(CONTACTS_CSV, encoding="utf-8")
    os.chown(source, alice.uid, alice.uid)

    result = alice.cli("--db", db, "import", source, check=False)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"reltui: {db}: belongs to {bob.name}, not you;"), result
    assert target.read_bytes() == content
    assert not (db / "contacts.json").exists()

    # Even once Bob leaves the directory to Alice, the link inside is refused, not followed.
    os.chown(db, alice.uid, alice.uid)
    for directory in (db, db / "reviews", db / "contacts"):
        os.chown(directory, alice.uid, alice.uid)
        directory.chmod(0o700)
    result = alice.cli("--db", db, "import", source, check=False)
    assert result.returncode == 1
    journal = db / "reviews" / "journal.jsonl"
    assert result.stderr == (
        f"reltui: {journal}: is a symbolic link; reltui never follows links inside a database "
        "(remove it)\n"
    )
    assert target.read_bytes() == content


def test_a_linked_contacts_directory_of_another_user_is_refused(
    accounts: list[Account], shared_dir: Path
) -> None:
    alice, bob = accounts
    if alice.uid is None:
        pytest.skip("needs root and useradd: the attacker must be another account")
    drafts = alice.home / "drafts"
    drafts.mkdir(mode=0o700)
    (drafts / ".letter.tmp").write_bytes(b"mine")
    for path in (drafts, drafts / ".letter.tmp"):
        os.chown(path, alice.uid, alice.uid)
    db = shared_dir / "db"
    assert bob.as_user("mkdir", "-m", "0700", str(db)).returncode == 0
    assert bob.as_user("ln", "-s", str(drafts), str(db / "contacts")).returncode == 0
    db.chmod(0o777)
    source = alice.home / "contacts.csv"
    source.write_text(CONTACTS_CSV, encoding="utf-8")
    os.chown(source, alice.uid, alice.uid)
    result = alice.cli("--db", db, "import", source, check=False)
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result
    assert "not you" in result.stderr
    assert sorted(path.name for path in drafts.iterdir()) == [".letter.tmp"]


def test_a_loose_database_of_ones_own_is_refused_with_the_fix(accounts: list[Account]) -> None:
    alice, _ = accounts
    import_contacts(alice)
    alice.db.chmod(0o775)
    result = alice.cli("--db", alice.db, "review", check=False)
    assert result.returncode == 1
    assert result.stderr == (
        f"reltui: {alice.db}: other users can write this directory; refusing to use it until "
        f"you run 'chmod 700 {alice.db}'\n"
    )
    alice.db.chmod(0o700)
    assert alice.cli.stats(alice.db)["total"] == 6


def test_every_command_on_another_users_database_fails_in_one_line(
    accounts: list[Account], shared_dir: Path
) -> None:
    alice, bob = accounts
    if alice.uid is None:
        pytest.skip("needs root and useradd: one account cannot be denied its own files")
    import_contacts(alice)
    # Alice's database where Bob can see that it exists (a readable parent), but not read it.
    db = shared_dir / "alice-db"
    shutil.copytree(alice.db, db, symlinks=True)
    for path in tree(db):
        os.chown(path, alice.uid, alice.uid, follow_symlinks=False)
    source = bob.home / "contacts.csv"
    source.write_text(CONTACTS_CSV, encoding="utf-8")
    os.chown(source, bob.uid, bob.uid)
    for args in (
        ("stats",),
        ("export",),
        ("report",),
        ("review",),
        ("restore",),
        ("restore", "--list"),
        ("import", str(source)),
        ("import", "--dry-run", str(source)),
    ):
        result = bob.cli("--db", f"{db}/", *args, check=False)
        assert result.returncode == 1, (args, result)
        assert result.stderr.startswith("reltui: ") and result.stderr.count("\n") == 1, result
        assert "unexpected error" not in result.stderr and "Usage" not in result.stderr, result


def test_a_review_on_a_read_only_database_suggests_read_only(accounts: list[Account]) -> None:
    alice, _ = accounts
    if alice.uid is None:
        pytest.skip("needs root and useradd: root may write anywhere")
    import_contacts(alice)
    alice.db.chmod(0o500)
    try:
        result = alice.cli("--db", alice.db, "review", check=False)
    finally:
        alice.db.chmod(0o700)
    assert result.returncode == 1
    assert result.stderr == (
        f"reltui: {alice.db}: cannot write to this database (Permission denied); "
        "use --read-only to browse it\n"
    )
