"""A small tmux driver: one private tmux server per test, keys in, screen text out."""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

DEFAULT_TIMEOUT = 10.0
POLL_INTERVAL = 0.05

# No user config, no status line (the pane gets the whole 80x24), a dead pane stays on screen
# so its last frame and exit status can be read, and a generous scrollback for debugging.
TMUX_CONF = """\
set -g status off
set -g remain-on-exit on
set -g history-limit 2000
set -sg escape-time 0
set -g default-size 80x24
"""


class TmuxError(AssertionError):
    """A tmux command failed or the screen never showed what a test waited for."""


class TmuxServer:
    """A tmux server on its own socket, so a test never sees or touches the user's tmux."""

    def __init__(self, directory: Path, env: Mapping[str, str]) -> None:
        self.directory = directory
        self.socket = directory / "tmux.sock"
        self.conf = directory / "tmux.conf"
        self.conf.write_text(TMUX_CONF)
        # The server inherits this environment; panes get it plus whatever a session adds.
        self.env = dict(env)

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = ["tmux", "-u", "-S", str(self.socket), "-f", str(self.conf), *args]
        result = subprocess.run(
            command, env=self.env, capture_output=True, text=True, timeout=DEFAULT_TIMEOUT
        )
        if check and result.returncode != 0:
            raise TmuxError(f"{shlex.join(command)} failed: {result.stderr.strip()}")
        return result

    def new_session(
        self,
        name: str,
        command: Sequence[str],
        *,
        width: int = 80,
        height: int = 24,
        env: Mapping[str, str] | None = None,
    ) -> TmuxSession:
        """Start ``command`` in a new session, with ``env`` added to the server's environment.

        A small shell runs it and writes its exit status to a file: tmux 3.3 does not always
        record a dead pane's status.
        """
        status_file = self.directory / f"{name}.status"
        prefix = ["env", *(f"{key}={value}" for key, value in (env or {}).items())]
        wrapper = f'"$@"; echo $? > {shlex.quote(str(status_file))}'
        shell_command = shlex.join(["sh", "-c", wrapper, "sh", *prefix, *command])
        self.run(
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            str(width),
            "-y",
            str(height),
            shell_command,
        )
        return TmuxSession(self, name, status_file)

    def kill(self) -> None:
        """Stop the server and every process in its panes; remove the socket."""
        if self.socket.exists():
            found = self.run("display-message", "-p", "#{pid}", check=False).stdout.strip()
            self.run("kill-server", check=False)
            if found.isdigit():
                deadline = time.monotonic() + DEFAULT_TIMEOUT
                while not finished(int(found)) and time.monotonic() < deadline:
                    time.sleep(POLL_INTERVAL)
        self.socket.unlink(missing_ok=True)


ServerFactory = Callable[[Mapping[str, str]], TmuxServer]
"""Starts a private tmux server whose panes inherit the given environment."""


class TmuxSession:
    """One session with one pane running the program under test."""

    def __init__(self, server: TmuxServer, name: str, status_file: Path) -> None:
        self.server = server
        self.name = name
        self.target = f"{name}:0.0"
        self.status_file = status_file
        self._pid: int | None = None

    # ---- input ---------------------------------------------------------------------------

    def send_keys(self, *keys: str) -> None:
        """Send tmux key names (``y``, ``Enter``, ``Escape``, ``C-z``, ``Right``)."""
        for key in keys:
            self.server.run("send-keys", "-t", self.target, key)

    def type_text(self, text: str) -> None:
        """Send ``text`` literally, character by character as a user types it."""
        self.server.run("send-keys", "-t", self.target, "-l", text)

    # ---- output --------------------------------------------------------------------------

    def capture(self, *, escapes: bool = False) -> str:
        """The visible screen as text (with SGR escapes when ``escapes``)."""
        args = ["capture-pane", "-p", "-t", self.target]
        if escapes:
            args.append("-e")
        return self.server.run(*args).stdout

    def display(self, format_string: str) -> str:
        """A tmux format evaluated for this pane, e.g. ``#{pane_pid}``."""
        return self.server.run(
            "display-message", "-p", "-t", self.target, format_string
        ).stdout.strip()

    def wait_for(
        self,
        expected: str | Callable[[str], bool],
        timeout: float = DEFAULT_TIMEOUT,
        *,
        description: str = "",
    ) -> str:
        """Poll the screen until it contains ``expected`` (or the predicate holds); return it."""
        check = expected if callable(expected) else (lambda screen: expected in screen)
        deadline = time.monotonic() + timeout
        screen = ""
        while True:
            screen = self.capture()
            if check(screen):
                return screen
            if self.dead:
                # One more look: the last frame may have landed as the program exited.
                screen = self.capture()
                if check(screen):
                    return screen
                raise TmuxError(
                    f"program exited (status {self.display('#{pane_dead_status}')}) before the "
                    f"screen showed {description or expected!r}; last screen:\n{screen}"
                )
            if time.monotonic() >= deadline:
                raise TmuxError(
                    f"screen did not show {description or expected!r} within {timeout}s; "
                    f"last screen:\n{screen}"
                )
            time.sleep(POLL_INTERVAL)

    def wait_for_gone(self, text: str, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Poll until ``text`` is no longer on screen."""
        return self.wait_for(lambda screen: text not in screen, timeout, description=f"no {text!r}")

    # ---- the process ---------------------------------------------------------------------

    @property
    def pid(self) -> int:
        """The program's pid (the child of the pane's wrapper shell)."""
        if self._pid is None:
            shell = int(self.display("#{pane_pid}"))
            deadline = time.monotonic() + DEFAULT_TIMEOUT
            while not (children := child_pids(shell)):
                if time.monotonic() >= deadline:
                    raise TmuxError(f"no program started under pane shell {shell}")
                time.sleep(POLL_INTERVAL)
            self._pid = children[0]
        return self._pid

    @property
    def dead(self) -> bool:
        return self.status_file.exists() or self.display("#{pane_dead}") == "1"

    def wait_exit(self, timeout: float = DEFAULT_TIMEOUT) -> int:
        """Wait for the program to exit; its exit status (128+N when killed by signal N)."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.status_file.read_text() if self.status_file.exists() else ""
            if text.endswith("\n"):
                return int(text)
            if time.monotonic() >= deadline:
                raise TmuxError(
                    f"program still running after {timeout}s; screen:\n{self.capture()}"
                )
            time.sleep(POLL_INTERVAL)

    def resize(self, width: int, height: int) -> None:
        self.server.run("resize-window", "-t", self.name, "-x", str(width), "-y", str(height))

    def pipe_output(self, path: Path) -> None:
        """Append every byte the program writes to its terminal to ``path``."""
        self.server.run("pipe-pane", "-t", self.target, "-O", f"cat >> {shlex.quote(str(path))}")

    def stop_piping(self) -> None:
        self.server.run("pipe-pane", "-t", self.target)


def wait_until(
    predicate: Callable[[], bool], timeout: float = DEFAULT_TIMEOUT, *, description: str
) -> None:
    """Poll ``predicate`` until it holds; fail naming ``description`` at the deadline."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() >= deadline:
            raise AssertionError(f"{description}: not true within {timeout}s")
        time.sleep(POLL_INTERVAL)


def wait_until_quiet(path: Path, quiet: float = 0.5, timeout: float = DEFAULT_TIMEOUT) -> int:
    """Poll the size of ``path`` until it has not grown for ``quiet`` seconds; return the size."""
    deadline = time.monotonic() + timeout
    size = path.stat().st_size if path.exists() else 0
    stable_since = time.monotonic()
    while True:
        time.sleep(POLL_INTERVAL)
        now = time.monotonic()
        current = path.stat().st_size if path.exists() else 0
        if current != size:
            size, stable_since = current, now
        elif now - stable_since >= quiet:
            return size
        if now >= deadline:
            raise AssertionError(f"{path} kept growing for {timeout}s (now {size} bytes)")


def process_ids(marker: str) -> list[int]:
    """Pids of live processes whose command line contains ``marker`` (zombies excluded)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(marker.encode() in arg for arg in argv):
            found.append(int(entry.name))
    return found


def finished(pid: int) -> bool:
    """True once every thread of ``pid`` has exited (gone, or zombies awaiting the parent).

    Neither the command line nor the main thread alone will do: an exiting process's command
    line reads empty, and its main thread turns zombie, while other threads still hold its open
    files, and so its lock.
    """
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return True
    for task in tasks:
        try:
            state = (task / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state not in ("Z", "X"):
            return False
    return True


def child_pids(parent: int) -> list[int]:
    """Live children of ``parent``, read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == parent and fields[0] not in ("Z", "X"):
            found.append(int(entry.name))
    return found
