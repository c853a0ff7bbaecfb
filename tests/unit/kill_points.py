"""Kill -9 a write at chosen points: the Nth file system call it makes.

A forked child runs the write with ``os``'s file system calls counted; at the chosen call it
sends itself SIGKILL, so the kill lands exactly there, with nothing flushed or cleaned up. A
first run counts the calls; the points are then drawn from all of them.
"""

from __future__ import annotations

import os
import random
import signal
from collections.abc import Callable

COUNTED = (
    "open",
    "read",
    "fstat",
    "stat",
    "lstat",
    "scandir",
    "listdir",
    "write",
    "fsync",
    "replace",
    "rename",
    "unlink",
    "rmdir",
    "mkdir",
    "ftruncate",
    "truncate",
    "close",
    "chmod",
)


def _run_in_child(write: Callable[[], None], kill_at: int) -> tuple[bool, int]:
    """Run ``write`` in a forked child killed at call ``kill_at`` (0: never).

    Returns whether the child was killed, and how many calls it made (when it was not).
    """
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: count, kill, never return into pytest
        os.close(reader)
        calls = 0
        originals = {name: getattr(os, name) for name in COUNTED}

        def counted(original: Callable) -> Callable:
            def call(*args, **kwargs):
                nonlocal calls
                calls += 1
                if calls == kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)
                return original(*args, **kwargs)

            return call

        status = 0
        try:
            for name, original in originals.items():
                setattr(os, name, counted(original))
            write()
        except BaseException:  # noqa: BLE001 - reported as an exit status
            status = 1
        finally:
            for name, original in originals.items():
                setattr(os, name, original)
        os.write(writer, str(calls).encode())
        os._exit(status)
    os.close(writer)
    chunks = []
    while chunk := os.read(reader, 64):
        chunks.append(chunk)
    os.close(reader)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return True, 0
    assert os.WEXITSTATUS(status) == 0, "the write failed without being killed"
    return False, int(b"".join(chunks))


def count_calls(write: Callable[[], None]) -> int:
    """How many counted calls ``write`` makes when left alone."""
    killed, calls = _run_in_child(write, 0)
    assert not killed
    return calls


def kill_points(total: int, runs: int, seed: int) -> list[int]:
    """``runs`` distinct calls to kill at, the first and last always among them."""
    chosen = {1, total}
    rng = random.Random(seed)
    population = range(2, total)
    chosen.update(rng.sample(population, min(runs - 2, len(population))))
    return sorted(chosen)


def kill_at(write: Callable[[], None], point: int) -> bool:
    """Run ``write`` killed at call ``point``; True if it was killed (False: it finished)."""
    killed, _ = _run_in_child(write, point)
    return killed
