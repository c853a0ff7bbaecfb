"""Run ``reltui review`` headless in this process and time it from inside the app.

Started by the benchmark as ``python -m reltui.bench.probe RESULT START DB NAME ANSWERS``:
``START`` is the parent's ``time.monotonic()`` just before it spawned this process (the clock is
shared by all processes on Linux), ``NAME`` is the first contact of the queue. The probe patches
Textual and the store at run time, then runs the real console entry point
``reltui --db DB review --queue all`` with the app in headless mode, and writes its figures as
JSON to ``RESULT``:

- ``first_contact``: when the frame showing ``NAME`` was composed, on the parent's clock;
- ``latencies``: for each answer, from the Key event's timestamp to the end of the last frame
  it caused (the answer saved, and every relayout it set off composed);
- ``save_seconds``: the time each answer spent in ``Store.save_review`` (included above);
- ``bytes_written``: what the store wrote for those answers;
- ``peak_rss``: the process's peak resident memory (VmHWM), in bytes.
"""

from __future__ import annotations

import asyncio
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from textual import events
from textual.app import App
from textual.screen import Screen
from textual.widget import Widget

from reltui.store.db import Store

ANSWER_KEYS = ("y", "n", "m")
# After an answer's action returns, how long to watch for the frames it causes. Textual
# composes at most one frame per 1/60 s, and a change of a widget's size makes it lay the screen
# out once more on the next slot: three slots cover that. It is also the pause between keys, as
# a fast typist would leave.
SETTLE = 0.06
ANSWER_TIMEOUT = 10.0
SCREEN_SIZE = (120, 40)


@dataclass
class _Pending:
    """The answer being timed."""

    started: float
    saves_before: int
    action_returned: asyncio.Future[float]
    last_frame: float = 0.0


@dataclass
class Probe:
    """What the patches observe."""

    name: str
    answers: int
    app: App[Any] | None = None
    store: Store | None = None
    name_seen: bool = False
    first_contact: float | None = None
    saves: int = 0
    pending: _Pending | None = None
    latencies: list[float] = field(default_factory=list)
    save_seconds: list[float] = field(default_factory=list)
    bytes_written: int = 0
    answered: int = 0
    error: str = ""

    # ---- first contact on screen -----------------------------------------------------------

    def check_lines(self, strips: list[Any]) -> None:
        if not self.name_seen and any(self.name in strip.text for strip in strips):
            self.name_seen = True

    def frame_done(self) -> None:
        if self.name_seen and self.first_contact is None:
            self.first_contact = time.monotonic()
            assert self.app is not None
            if self.answers:
                asyncio.get_running_loop().create_task(self.answer_all(self.app))
            else:
                self.app.exit()

    # ---- answering -------------------------------------------------------------------------

    async def answer_all(self, app: App[Any]) -> None:
        try:
            # Let anything the app started after its first frame finish before timing keys.
            await asyncio.sleep(0.2)
            await app.workers.wait_for_complete()
            await asyncio.sleep(SETTLE)
            assert self.store is not None
            before = self.store.bytes_written()
            loop = asyncio.get_running_loop()
            for number in range(self.answers):
                key = ANSWER_KEYS[number % len(ANSWER_KEYS)]
                event = events.Key(key, key)
                pending = _Pending(event.time, self.saves, loop.create_future())
                self.pending = pending
                app.post_message(event)
                returned = await asyncio.wait_for(pending.action_returned, ANSWER_TIMEOUT)
                await asyncio.sleep(SETTLE)
                self.pending = None
                if self.saves == pending.saves_before:
                    raise RuntimeError(f"answer {number + 1} ({key!r}) was not saved")
                self.latencies.append(max(returned, pending.last_frame) - pending.started)
            self.answered = len(self.latencies)
            self.bytes_written = self.store.bytes_written() - before
        except Exception as error:  # noqa: BLE001 - reported to the parent, which fails the run
            self.error = f"{error.__class__.__name__}: {error}"
        app.exit()

    def action_returned(self) -> None:
        pending = self.pending
        if pending is not None and not pending.action_returned.done():
            pending.action_returned.set_result(time.monotonic())

    def frame_composed(self) -> None:
        pending = self.pending
        if pending is not None and pending.action_returned.done():
            pending.last_frame = time.monotonic()


def install(probe: Probe) -> None:
    """Patch Textual and the store so ``probe`` sees frames, actions and saves."""
    original_run = App.run
    original_render_lines = Widget.render_lines
    original_refresh = Screen._compositor_refresh
    original_run_action = App.run_action
    original_save = Store.save_review

    def run(self: App[Any], **options: Any) -> Any:
        probe.app = self
        options.update(headless=True, size=SCREEN_SIZE)
        return original_run(self, **options)

    def render_lines(self: Widget, crop: Any) -> Any:
        strips = original_render_lines(self, crop)
        if not probe.name_seen:
            probe.check_lines(strips)
        return strips

    def compositor_refresh(self: Screen[Any]) -> None:
        original_refresh(self)
        if probe.first_contact is None:
            probe.frame_done()
        else:
            probe.frame_composed()

    async def run_action(self: App[Any], *args: Any, **kwargs: Any) -> bool:
        handled = await original_run_action(self, *args, **kwargs)
        probe.action_returned()
        return handled

    def save_review(self: Store, review: Any) -> None:
        started = time.monotonic()
        original_save(self, review)
        if probe.pending is not None:
            probe.save_seconds.append(time.monotonic() - started)
        probe.saves += 1

    App.run = run  # type: ignore[method-assign]
    Widget.render_lines = render_lines  # type: ignore[method-assign]
    Screen._compositor_refresh = compositor_refresh  # type: ignore[method-assign]
    App.run_action = run_action  # type: ignore[method-assign]
    Store.save_review = save_review  # type: ignore[method-assign]


def peak_rss() -> int:
    """Peak resident memory of this process in bytes (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main(argv: list[str]) -> int:
    result_path, start, db_path, name, answers = argv
    probe = Probe(name=name, answers=int(answers))
    install(probe)
    from reltui.store import db

    original_open = db.Store.open.__func__  # type: ignore[attr-defined]

    def open_store(cls: type[Store], *args: Any, **kwargs: Any) -> Store:
        probe.store = original_open(cls, *args, **kwargs)
        return probe.store

    db.Store.open = classmethod(open_store)  # type: ignore[method-assign,assignment]
    from reltui.cli import main as reltui_main

    sys.argv = ["reltui", "--db", db_path, "review", "--queue", "all"]
    exit_code = 0
    try:
        reltui_main()
    except SystemExit as exit_:
        exit_code = exit_.code if isinstance(exit_.code, int) else 1
    figures = {
        "exit_code": exit_code,
        "first_contact": (
            probe.first_contact - float(start) if probe.first_contact is not None else None
        ),
        "latencies": probe.latencies,
        "save_seconds": probe.save_seconds,
        "answered": probe.answered,
        "bytes_written": probe.bytes_written,
        "peak_rss": peak_rss(),
        "error": probe.error,
    }
    Path(result_path).write_bytes(orjson.dumps(figures))
    return 0 if exit_code == 0 and not probe.error and probe.first_contact else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
