"""Leaving promptly when the terminal hangs up or the process is told to stop.

Every answer is on disk before the screen moves on, so there is nothing to save here: the
point is that a reltui orphaned by a dropped SSH connection must not keep running and hold the
database lock.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

HANGUP_EXIT_CODE = 128 + signal.SIGHUP
TERMINATE_EXIT_CODE = 128 + signal.SIGTERM
GRACE_SECONDS = 3.0


_REMOVE_ON_HANGUP: list[Path] = []


def remove_on_hangup(path: Path) -> None:
    """Delete ``path`` (a throwaway directory, such as the demo's) if the terminal hangs up."""
    _REMOVE_ON_HANGUP.append(path)


def _hang_up(signum: int, frame: object) -> None:
    # The terminal is gone: restoring it would only block on a dead tty. Exiting releases the
    # lock (the kernel drops it with the process); at most a write in flight is lost, and its
    # temporary file is cleared on the next open.
    for path in _REMOVE_ON_HANGUP:
        shutil.rmtree(path, ignore_errors=True)
    os._exit(HANGUP_EXIT_CODE)


def install_signal_handlers(app: App) -> None:
    """Exit on SIGHUP at once, and on SIGTERM through the app (terminal restored).

    Call from inside the app's running event loop: SIGTERM is handled by the loop itself, which
    wakes it even when the app is idle.
    """
    signal.signal(signal.SIGHUP, _hang_up)

    def terminate() -> None:
        watchdog = threading.Timer(GRACE_SECONDS, os._exit, args=(TERMINATE_EXIT_CODE,))
        watchdog.daemon = True
        watchdog.start()
        app.exit(None, TERMINATE_EXIT_CODE)

    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, terminate)
