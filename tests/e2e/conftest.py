"""Fixtures for driving the installed ``reltui``: isolated users, private tmux servers, cleanup."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from e2e.harness import CONTACTS_CSV, Cli, User, find_reltui, kill_leftovers, make_user, require
from e2e.tmux import ServerFactory, TmuxServer


@pytest.fixture(scope="session")
def reltui_exe() -> Path:
    found = find_reltui()
    if found is None:
        pytest.skip("the reltui console script is not installed (pip install -e .)")
    return found


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A directory with a short path: unix socket paths must stay under 108 bytes."""
    directory = Path(tempfile.mkdtemp(prefix="rte2e-"))
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def user(tmp_path: Path) -> User:
    return make_user(tmp_path / "user")


@pytest.fixture
def contacts_file(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.csv"
    path.write_text(CONTACTS_CSV, encoding="utf-8")
    return path


@pytest.fixture
def cli(reltui_exe: Path, user: User) -> Cli:
    return Cli([str(reltui_exe)], user.env)


@pytest.fixture
def tmux_factory(short_dir: Path, tmp_path: Path) -> Iterator[ServerFactory]:
    """Private tmux servers; each is killed (with its panes) when the test ends."""
    require("tmux")
    servers: list[TmuxServer] = []

    def start(env: Mapping[str, str]) -> TmuxServer:
        directory = short_dir / f"t{len(servers)}"
        directory.mkdir()
        server = TmuxServer(directory, env)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.kill()
    for marker in (str(tmp_path), str(short_dir)):
        kill_leftovers(marker)


@pytest.fixture
def tmux(tmux_factory: ServerFactory, user: User) -> TmuxServer:
    return tmux_factory(user.env)


@pytest.fixture
def imported_db(cli: Cli, contacts_file: Path, tmp_path: Path) -> Path:
    """A database holding the six contacts, imported with the installed console script."""
    db = tmp_path / "db"
    cli("--db", db, "import", contacts_file)
    return db
