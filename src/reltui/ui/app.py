"""ReltuiApp and ``make_app``: the one way the CLI and the tests build the review workstation."""

from __future__ import annotations

import asyncio
import gc
import threading
from collections import deque
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.worker import WorkerFailed

from reltui.config import Settings
from reltui.review.queues import build_queue
from reltui.review.session import ReviewSession
from reltui.store.db import Store, StoreError
from reltui.ui.app_bindings import APP_BINDINGS
from reltui.ui.commands import ReviewCommands
from reltui.ui.keymap import key_of, user_keymap
from reltui.ui.messages import ReviewChanged
from reltui.ui.screens.review import ReviewScreen
from reltui.ui.signals import install_signal_handlers
from reltui.ui.widgets.notice_line import Notice, NoticeLine

if TYPE_CHECKING:
    from reltui.review.search import ContactSearch
    from reltui.ui.contact_rows import ContactRows

FALLBACK_THEME = "textual-dark"


class KeptForm(Protocol):
    """A form screen that can start again: ``setup`` takes what its constructor takes."""

    setup: Callable[..., None]


FormT = TypeVar("FormT", bound=ModalScreen[Any])
NOTICE_SECONDS = 3.0
# Notices kept for tests and for a look back; the screen shows only the newest.
NOTICES_KEPT = 100


def export_path(directory: Path, today: str) -> Path:
    """A file name for an export that does not overwrite an earlier one."""
    path = directory / f"reltui-export-{today}.csv"
    number = 2
    while path.exists():
        path = directory / f"reltui-export-{today}-{number}.csv"
        number += 1
    return path


class ReltuiApp(App[None]):
    """The review workstation: a review screen, with list, search, help and summary on top."""

    CSS_PATH = "reltui.tcss"
    TITLE = "reltui"
    COMMANDS = App.COMMANDS | {ReviewCommands}
    BINDINGS: ClassVar[list[BindingType]] = [*APP_BINDINGS]

    def __init__(self, settings: Settings, store: Store, session: ReviewSession) -> None:
        super().__init__()
        self.settings = settings
        self.store = store
        self.session = session
        self.changed_contacts: set[int] = set()
        self.store_error: str | None = None
        self._index_lock = threading.Lock()
        self._contact_rows: ContactRows | None = None
        self._contact_search: ContactSearch | None = None
        # Run once the first screen is drawn: work that can wait for the user to start reading.
        self.after_first_screen: list[Callable[[], object]] = []
        # The config's own keys, by binding id: the footer, help and palette show them.
        self.keymap = user_keymap(settings.keys)
        self.set_keymap(self.keymap)
        self.theme = settings.theme if settings.theme in self.available_themes else FALLBACK_THEME
        self.animation_level = "full" if settings.animations else "none"
        self.notices: deque[Notice] = deque(maxlen=NOTICES_KEPT)
        self._notice: Notice | None = None
        self._notice_timer: Timer | None = None
        self._forms: dict[type[ModalScreen[Any]], ModalScreen[Any]] = {}
        # Set once the contacts, touches and actions are read after the first screen.
        self.loaded = asyncio.Event()

    def on_mount(self) -> None:
        if not self.is_headless:
            install_signal_handlers(self)
        self.push_screen(ReviewScreen(self.session))
        self.call_after_refresh(self._first_screen_drawn)

    def _first_screen_drawn(self) -> None:
        for callback in self.after_first_screen:
            callback()
        self._read_all_contacts()

    @work(thread=True, exclusive=True, group="contacts")
    def _read_all_contacts(self) -> None:
        """Check the contacts the first screen did not need while the user reads it.

        A damaged file is found now rather than halfway through the review, the first edit or
        added contact checks for duplicates without a pause, and (up to a quarter of a million
        contacts) the list and search open without reading the rest of the database first.
        """
        self.store.check_contacts()
        self.store.last_touches()
        self.store.load_actions()
        self.call_from_thread(self._touches_read)
        # What is loaded now stays for the whole session: the collector need not walk it again,
        # and at 100,000 contacts a full collection would stall a key for a tenth of a second.
        gc.freeze()
        gc.enable()

    def _touches_read(self) -> None:
        if any(isinstance(screen, ReviewScreen) for screen in self.screen_stack):
            self.review_screen.sync()
        self.loaded.set()

    def _handle_exception(self, error: Exception) -> None:
        # A damaged contacts file can surface after the store opened, when it is first read.
        # Every answer is saved already: leave, and let the command print the store's one line
        # (not a traceback) once the terminal is back.
        cause = error.error if isinstance(error, WorkerFailed) else error
        if isinstance(cause, StoreError):
            self.store_error = str(cause)
            self.exit(return_code=1)
            return
        super()._handle_exception(error)

    # ---- forms -------------------------------------------------------------------------------

    def push_form(
        self,
        form_type: type[FormT],
        *args: Any,
        callback: Callable[[Any], None] | None = None,
        **kwargs: Any,
    ) -> FormT:
        """Show a form of ``form_type`` built with ``args``, keeping one of each kind between uses.

        Textual removes a screen built for one use as it closes, and lays out the screen under
        it once more when the removal is done, a frame or two after that screen came back: the
        touch or edit the form saved was drawn twice. A kept form starts again with ``setup``.
        """
        form = self._forms.get(form_type)
        if form is None or form in self.screen_stack:
            form = form_type(*args, **kwargs)
            if form_type not in self._forms:
                self._forms[form_type] = form
                self.install_screen(form, f"form-{form_type.__name__}")
        else:
            kept: KeptForm = form  # type: ignore[assignment]
            kept.setup(*args, **kwargs)
            form.refresh(recompose=True)
        self.push_screen(form, callback)
        return form  # type: ignore[return-value]

    # ---- notices -----------------------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show ``message`` literally on the notice line of the screen in front, for ``timeout``
        seconds (see ``NoticeLine``); a screen without one shows Textual's toast.

        A form in front shows nothing: the screen under it shows the notice as the form closes.
        """
        notice = Notice(message, severity, title)
        self.notices.append(notice)
        if not self.screen_stack or not (
            self.screen.query(NoticeLine) or isinstance(self.screen, ModalScreen)
        ):
            super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)
        self._notice = notice
        if self._notice_timer is not None:
            self._notice_timer.stop()
        self._notice_timer = self.set_timer(timeout or NOTICE_SECONDS, self._notice_expired)
        self.show_notice()

    @property
    def current_notice(self) -> Notice | None:
        """The notice the screen in front shows, until it expires."""
        return self._notice

    def _notice_expired(self) -> None:
        self._notice = None
        self.show_notice()

    def show_notice(self) -> None:
        """Put the current notice (or none) on the notice line of the screen in front."""
        if self.screen_stack:
            for line in self.screen.query(NoticeLine):
                line.notice = self._notice

    def clear_notifications(self) -> None:
        self.notices.clear()
        self._notice = None
        self.show_notice()
        super().clear_notifications()

    # ---- shared indexes (built on first use, in a worker thread) ---------------------------

    def contact_rows(self) -> ContactRows:
        """Every contact's list row, brought up to date with this session's changes."""
        with self._index_lock:
            if self._contact_rows is None:
                from reltui.ui.contact_rows import ContactRows  # with the list, not the start

                today = self.session.clock().date()
                self._contact_rows = ContactRows(
                    self.store, self.settings.cadence_days, today, self.settings.touch_days
                )
                self.changed_contacts.clear()
            while self.changed_contacts:
                self._contact_rows.refresh(self.changed_contacts.pop())
            return self._contact_rows

    def contact_search(self) -> ContactSearch:
        """The fuzzy index of names, companies and emails."""
        with self._index_lock:
            if self._contact_search is None:
                # rapidfuzz loads on the first search
                from reltui.review.search import ContactSearch

                self._contact_search = ContactSearch(self.store.contacts())
            return self._contact_search

    @on(ReviewChanged)
    def _remember_change(self, message: ReviewChanged) -> None:
        self.changed_contacts.add(message.contact_id)

    def contact_changed(self, contact_id: int) -> None:
        """A contact was added, edited or touched: its row and the search index are stale."""
        self.changed_contacts.add(contact_id)
        with self._index_lock:
            self._contact_search = None

    # ---- moving between screens ------------------------------------------------------------

    @property
    def review_screen(self) -> ReviewScreen:
        return next(screen for screen in self.screen_stack if isinstance(screen, ReviewScreen))

    def open_contact(self, contact_id: int) -> None:
        """Show the review screen at ``contact_id``, closing whatever is on top of it."""
        review = self.review_screen
        while self.screen is not review:
            self.pop_screen()
        review.jump_to(contact_id)

    def open_list(self) -> None:
        from reltui.ui.screens.contact_list import ContactListScreen

        if not isinstance(self.screen, ContactListScreen):
            self.push_screen(ContactListScreen(self.session.current_id))

    def show_summary(self) -> None:
        from reltui.ui.screens.summary import SummaryScreen  # loads when first shown

        if not isinstance(self.screen, SummaryScreen):
            self.push_screen(SummaryScreen(self.session))

    def open_trend(self) -> None:
        from reltui.ui.screens.trend import TrendScreen

        self._open_overview(TrendScreen)

    def open_actions(self) -> None:
        from reltui.ui.screens.actions import ActionsScreen

        self._open_overview(ActionsScreen)

    def _open_overview(self, screen_type: type[Screen[None]]) -> None:
        """Push the trend or the actions view; the other one gives way to it."""
        from reltui.ui.screens.actions import ActionsScreen
        from reltui.ui.screens.trend import TrendScreen

        current = self.screen
        if isinstance(current, screen_type) and getattr(current, "contact_id", None) is None:
            return
        if isinstance(current, TrendScreen) or (
            isinstance(current, ActionsScreen) and current.contact_id is None
        ):
            self.pop_screen()
        self.push_screen(screen_type())

    def action_trend(self) -> None:
        self.open_trend()

    def action_actions(self) -> None:
        self.open_actions()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's palette commands that fit a review: the theme, the keys, quitting."""
        for command in super().get_system_commands(screen):
            if command.title == "Theme":
                yield command
        key = key_of(self, "help", "question_mark")
        yield SystemCommand("Keys", f"Every key of every screen (key {key})", self.action_help)
        yield SystemCommand("Quit", "Leave reltui now: every answer is saved", self.exit)

    def action_quit_review(self) -> None:
        """``q``: the summary first when something was answered, then quit."""
        if self.screen.id == "summary" or not self.session.answered_any:
            self.exit()
        else:
            self.show_summary()

    def action_help(self) -> None:
        from reltui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # ---- commands --------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="export")
    def export_csv(self, directory: Path | None = None) -> Path | None:
        """Write every contact's latest decision to a new CSV file in the home directory."""
        today = self.session.clock().date().isoformat()
        path = export_path(directory or Path.home(), today)
        try:
            from reltui.store.export import export_to_file

            count = export_to_file(self.store, path, questions=self.settings.questions)
        except (OSError, StoreError) as error:
            self.call_from_thread(
                self.notify, f"Export failed: {error}", severity="error", markup=False
            )
            return None
        self.call_from_thread(
            self.notify, f"Exported {count} contacts to {path}", title="Export", markup=False
        )
        return path

    @work(thread=True, exclusive=True, group="queue")
    def switch_queue(self, name: str) -> None:
        """Walk another queue from its start; answers so far stay in this session's summary."""
        queue = build_queue(self.store, name, self.session.clock(), self.settings)
        self.call_from_thread(self._use_queue, name, queue)

    def _use_queue(self, name: str, queue: list[int]) -> None:
        self.session.use_queue(name, queue)
        review = self.review_screen
        while self.screen is not review:
            self.pop_screen()
        review.sync()
        self.notify(f"Queue: {name} ({len(queue)} contacts)", markup=False, timeout=3)


def make_app(
    settings: Settings,
    store: Store,
    *,
    queue: str = "due",
    reviewer: str | None = None,
    clock: Callable[[], datetime] | None = None,
) -> ReltuiApp:
    """Build the app over an open store; the session saves every answer through ``store``."""
    session = ReviewSession(store, settings, queue_name=queue, reviewer=reviewer, clock=clock)
    return ReltuiApp(settings, store, session)
