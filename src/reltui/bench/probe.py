"""Run ``reltui review`` headless in this process and time it from inside the app.

Started by the benchmark as ``python -m reltui.bench.probe RESULT START DB NAME ANSWERS``
(or with ``DB`` set to ``--minimal``: the baseline, a Textual app with one Static and a Footer,
run the same way):
``START`` is the parent's ``time.monotonic()`` just before it spawned this process (the clock is
shared by all processes on Linux), ``NAME`` is the first contact of the queue. The probe patches
Textual and the store at run time, then runs the real console entry point
``reltui --db DB review --queue all`` with the app in headless mode, and writes its figures as
JSON to ``RESULT``:

- ``first_contact``: when the frame showing ``NAME`` was composed, on the parent's clock;
- ``latencies``: for each answer, from the Key event's timestamp to the end of the last frame
  it caused (the answer saved, and every relayout it set off composed);
- ``save_seconds``: the time each answer spent in ``Store.save_review`` (included above);
- ``steps``: the same latencies for the other timed steps, by name (``touch``: the key that
  saves a touch form, ``edit``: the key that saves a contact form, ``action_done``: the key
  that marks a next action done);
- ``bytes_written``: what the store wrote for those answers;
- ``peak_rss``: the process's peak resident memory (VmHWM), in bytes.
"""

from __future__ import annotations

import asyncio
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widget import Widget

from reltui.bench import MINIMAL_APP

if TYPE_CHECKING:
    from reltui.store.db import Store

ANSWER_KEYS = ("y", "n", "m")
# After an answer's action returns, how long to watch for the frames it causes. Textual
# composes at most one frame per 1/60 s, and a change of a widget's size makes it lay the screen
# out once more on the next slot: three slots cover that. It is also the pause between keys, as
# a fast typist would leave.
SETTLE = 0.06
ANSWER_TIMEOUT = 10.0
SCREEN_SIZE = (120, 40)
MINIMAL_TEXT = "The first screen of a minimal app"
# How many touches and contact edits are timed, per answer timed.
STEP_SHARE = 0.25
MIN_STEPS = 5


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
    steps: dict[str, list[float]] = field(default_factory=dict)
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
            # Let what the app reads after its first frame (contacts checked, touches and
            # actions read: ``app.loaded``) finish before timing keys.
            await asyncio.sleep(0.2)
            loaded = getattr(app, "loaded", None)
            if loaded is not None:
                await loaded.wait()
            await app.workers.wait_for_complete()
            await asyncio.sleep(SETTLE)
            assert self.store is not None
            before = self.store.bytes_written()
            for number in range(self.answers):
                key = ANSWER_KEYS[number % len(ANSWER_KEYS)]
                self.latencies.append(await self.timed_key(app, key, f"answer {number + 1}"))
            self.answered = len(self.latencies)
            self.bytes_written = self.store.bytes_written() - before
            count = max(MIN_STEPS, round(self.answers * STEP_SHARE))
            for name, step in STEPS.items():
                self.steps[name] = [await step(self, app, number) for number in range(count)]
        except Exception as error:  # noqa: BLE001 - reported to the parent, which fails the run
            self.error = f"{error.__class__.__name__}: {error}"
        app.exit()

    async def timed_key(self, app: App[Any], key: str, what: str) -> float:
        """Press ``key``, which must save something; its time from the key to the last frame."""
        if getattr(app, "current_notice", None) is not None:
            # The notice of the step before would go out of sight on its own timer, in a frame
            # that is not this key's: clear it first, and let that frame pass.
            app.clear_notifications()
            await asyncio.sleep(SETTLE)
        loop = asyncio.get_running_loop()
        character = key if len(key) == 1 else None
        event = events.Key(key, character)
        pending = _Pending(event.time, self.saves, loop.create_future())
        self.pending = pending
        app.post_message(event)
        returned = await asyncio.wait_for(pending.action_returned, ANSWER_TIMEOUT)
        await asyncio.sleep(SETTLE)
        self.pending = None
        if self.saves == pending.saves_before:
            raise RuntimeError(f"{what} ({key!r}) was not saved")
        return max(returned, pending.last_frame) - pending.started

    async def press(self, app: App[Any], key: str) -> None:
        """Press ``key`` untimed and let what it opens settle."""
        app.post_message(events.Key(key, key if len(key) == 1 else None))
        await asyncio.sleep(SETTLE * 2)

    def action_returned(self) -> None:
        pending = self.pending
        if pending is not None and not pending.action_returned.done():
            pending.action_returned.set_result(time.monotonic())

    def frame_composed(self) -> None:
        pending = self.pending
        if pending is not None and pending.action_returned.done():
            pending.last_frame = time.monotonic()


async def _touch(probe: Probe, app: App[Any], number: int) -> float:
    """Open the touch form on the current contact, pick a call, time the key that saves it."""
    await probe.press(app, "t")
    await probe.press(app, "c")
    return await probe.timed_key(app, "ctrl+s", f"touch {number + 1}")


async def _edit(probe: Probe, app: App[Any], number: int) -> float:
    """Open the contact form, change the company, time the key that saves it."""
    from textual.widgets import Input

    await probe.press(app, "e")
    field = app.screen.query_one("#field-company", Input)
    field.value = f"{field.value.rsplit(' #', 1)[0]} #{number + 1}"
    await asyncio.sleep(SETTLE)
    return await probe.timed_key(app, "ctrl+s", f"edit {number + 1}")


async def _action_done(probe: Probe, app: App[Any], number: int) -> float:
    """Open an action for the current contact, open its actions screen, time the key that
    marks it done, and go back to the review."""
    from datetime import timedelta

    assert probe.store is not None
    contact_id = app.screen.action_contact_id()  # type: ignore[attr-defined]
    due = probe.store.clock().date() + timedelta(days=3)
    probe.store.open_action(contact_id, f"Call back about the quote {number + 1}", due)
    await probe.press(app, "A")
    latency = await probe.timed_key(app, "x", f"action done {number + 1}")
    await probe.press(app, "escape")
    return latency


# The steps timed after the answers, by name; each must save through a patched store method
# (see ``install``): a new kind of step is one more entry here and one more name there.
STEPS = {"touch": _touch, "edit": _edit, "action_done": _action_done}
SAVING_METHODS = ("add_touch", "edit_contact", "save_action")


def install(probe: Probe) -> None:
    """Patch Textual so ``probe`` sees frames and actions."""
    original_run = App.run
    original_render_lines = Widget.render_lines
    original_refresh = Screen._compositor_refresh
    original_run_action = App.run_action

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

    App.run = run  # type: ignore[method-assign]
    Widget.render_lines = render_lines  # type: ignore[method-assign]
    Screen._compositor_refresh = compositor_refresh  # type: ignore[method-assign]
    App.run_action = run_action  # type: ignore[method-assign]


def install_store(probe: Probe) -> None:
    """Patch the store so ``probe`` sees every save and the store the app opens."""
    from reltui.store.db import Store

    original_open = Store.open.__func__  # type: ignore[attr-defined]
    original_save = Store.save_review

    def open_store(cls: type[Store], *args: Any, **kwargs: Any) -> Store:
        probe.store = original_open(cls, *args, **kwargs)
        return probe.store

    def save_review(self: Store, review: Any) -> None:
        started = time.monotonic()
        original_save(self, review)
        if probe.pending is not None:
            probe.save_seconds.append(time.monotonic() - started)
        probe.saves += 1

    def counting(original: Any) -> Any:
        def saving(self: Store, *args: Any, **kwargs: Any) -> Any:
            saved = original(self, *args, **kwargs)
            probe.saves += 1
            return saved

        return saving

    Store.open = classmethod(open_store)  # type: ignore[method-assign,assignment]
    Store.save_review = save_review  # type: ignore[method-assign]
    for name in SAVING_METHODS:
        setattr(Store, name, counting(getattr(Store, name)))


class MinimalApp(App[None]):
    """The baseline: what any Textual app costs to show its first frame."""

    def compose(self) -> ComposeResult:
        from textual.widgets import Footer, Static

        yield Static(MINIMAL_TEXT)
        yield Footer()


def peak_rss() -> int:
    """Peak resident memory of this process in bytes (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main(argv: list[str]) -> int:
    result_path, start, db_path, name, answers = argv
    minimal = db_path == MINIMAL_APP
    probe = Probe(name=MINIMAL_TEXT if minimal else name, answers=0 if minimal else int(answers))
    install(probe)
    exit_code = 0
    if minimal:
        MinimalApp().run()
    else:
        install_store(probe)
        from reltui.cli import main as reltui_main

        sys.argv = ["reltui", "--db", db_path, "review", "--queue", "all"]
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
        "steps": probe.steps,
        "answered": probe.answered,
        "bytes_written": probe.bytes_written,
        "peak_rss": peak_rss(),
        "error": probe.error,
    }
    Path(result_path).write_bytes(orjson.dumps(figures))
    return 0 if exit_code == 0 and not probe.error and probe.first_contact else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
