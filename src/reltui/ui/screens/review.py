"""ReviewScreen: one contact at a time, four questions, saved on every key."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive

from reltui.domain.rules import Answer
from reltui.domain.timeline import TimelineEntry
from reltui.review.session import ReviewSession
from reltui.review.timeline import contact_timeline
from reltui.ui.contact_actions import CONTACT_BINDINGS, CONTACT_WRITING_ACTIONS, ContactActions
from reltui.ui.keymap import key_of
from reltui.ui.messages import ReviewChanged
from reltui.ui.one_frame import redraw_in_one_frame
from reltui.ui.text import safe
from reltui.ui.views import (
    CardView,
    HistoryView,
    QuestionsView,
    card_view,
    day,
    done_text,
    history_view,
    progress_text,
    questions_view,
)
from reltui.ui.widgets.contact_card import ContactCard
from reltui.ui.widgets.footer import KeyFooter
from reltui.ui.widgets.history import LastReview
from reltui.ui.widgets.notice_line import NoticeLine
from reltui.ui.widgets.pane import Pane
from reltui.ui.widgets.questions import QuestionPanel
from reltui.ui.widgets.review_header import ReviewHeader
from reltui.ui.widgets.split_bar import SplitBar, SplitView
from reltui.ui.widgets.steady import SteadyHeight
from reltui.ui.widgets.timeline_panel import TimelinePanel

if TYPE_CHECKING:
    from reltui.ui.app import ReltuiApp

REVIEW_BINDINGS: list[Binding] = [
    Binding("y", "answer('yes')", "Yes", id="answer-yes", tooltip="Answer yes, go on"),
    Binding("n", "answer('no')", "No", id="answer-no", tooltip="Answer no, go on"),
    Binding("m", "answer('unsure')", "Unsure", id="answer-unsure", tooltip="Answer unsure, go on"),
    Binding(
        "enter",
        "confirm",
        "As before",
        show=False,
        id="confirm",
        tooltip="Give this question last review's answer",
    ),
    Binding(
        "equals_sign",
        "confirm_all",
        "All as before",
        id="confirm-all",
        tooltip="Give every open question last review's answer",
    ),
    *(
        Binding(
            str(number),
            f"go_to_question({number - 1})",
            f"Question {number}",
            show=False,
            id=f"question-{number}",
            tooltip=f"Go to question {number}",
        )
        for number in range(1, 5)
    ),
    Binding("u", "undo", "Undo", id="undo", tooltip="Undo the last change"),
    Binding("ctrl+z", "undo", "Undo", show=False, id="undo-ctrl-z", tooltip="Undo as well"),
    Binding("p", "toggle_promote", "Promote", show=False, id="promote", tooltip="Flag to promote"),
    Binding("k", "toggle_keep", "Keep", show=False, id="keep", tooltip="Keep as customer"),
    Binding("s", "skip", "Skip", id="skip", tooltip="Skip until next week"),
    Binding(
        "right,l", "next_contact", "Next", show=False, id="next-contact", tooltip="Next contact"
    ),
    Binding(
        "left,h",
        "previous_contact",
        "Previous",
        show=False,
        id="previous-contact",
        tooltip="Previous contact",
    ),
    Binding("o", "note", "Note", id="note", tooltip="Write a review note"),
    Binding("slash", "search", "Search", id="search", tooltip="Find a contact"),
    Binding(
        "b",
        "jump_back",
        "Back",
        show=False,
        id="jump-back",
        tooltip="Back to where the last search jump left",
    ),
    Binding(
        "L", "list_view", "List", show=False, id="list-view", tooltip="All contacts as a table"
    ),
    Binding("pagedown", "scroll_panes(1)", "Scroll", show=False, id="scroll-down"),
    Binding("pageup", "scroll_panes(-1)", "Scroll back", show=False, id="scroll-up"),
    *CONTACT_BINDINGS,
]

# Actions that write a review; disabled when the store is read-only or the queue is done.
WRITING_ACTIONS = frozenset(
    {
        "answer",
        "confirm",
        "confirm_all",
        "undo",
        "toggle_promote",
        "toggle_keep",
        "skip",
        "note",
    }
)


class ReviewScreen(ContactActions):
    """The contact card, last review, questions, live split and progress."""

    AUTO_FOCUS = None
    BINDINGS: ClassVar[list[BindingType]] = [*REVIEW_BINDINGS]
    WRITING_ACTIONS = WRITING_ACTIONS | CONTACT_WRITING_ACTIONS
    # Below 76 columns the card and the questions stack instead of sitting side by side; from
    # 140 the contact's timeline joins them as a third column.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (76, "-wide"), (140, "-roomy")]

    # The screen only hands these to its widgets (data_bind); repainting the screen itself on
    # each change would resend all 24 rows down the wire for every key.
    card: reactive[CardView | None] = reactive(None, repaint=False)
    history: reactive[HistoryView] = reactive(HistoryView, repaint=False)
    questions: reactive[QuestionsView | None] = reactive(None, repaint=False)
    split: reactive[SplitView] = reactive(SplitView, repaint=False)
    timeline: reactive[tuple[TimelineEntry, ...] | None] = reactive(None, repaint=False)
    progress: reactive[str] = reactive("", repaint=False)
    done_text: reactive[str] = reactive("", repaint=False)
    at_contact: reactive[bool] = reactive(False, bindings=True, repaint=False)
    can_undo: reactive[bool] = reactive(False, bindings=True, repaint=False)
    can_go_back: reactive[bool] = reactive(False, bindings=True, repaint=False)

    def __init__(self, session: ReviewSession) -> None:
        super().__init__(id="review")
        self.session = session

    def compose(self) -> ComposeResult:
        header = ReviewHeader(id="review-header")
        header.reviewer = safe(self.session.reviewer)
        header.read_only = self.session.store.read_only
        yield header.data_bind(progress=ReviewScreen.progress)
        yield SplitBar(id="split-bar").data_bind(view=ReviewScreen.split)
        with Horizontal(id="review-body"):
            with Vertical(id="left-column"):
                with Pane(id="card-pane"):
                    yield ContactCard(id="contact-card").data_bind(
                        view=ReviewScreen.card, done_text=ReviewScreen.done_text
                    )
                yield LastReview(id="last-review").data_bind(view=ReviewScreen.history)
            with Pane(id="review-timeline-pane"):
                yield TimelinePanel(id="review-timeline").data_bind(view=ReviewScreen.timeline)
            with Pane(id="question-pane"):
                yield QuestionPanel(id="questions").data_bind(view=ReviewScreen.questions)
        yield NoticeLine()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sync()

    def on_screen_resume(self) -> None:
        # Another screen may have changed the contact (its actions, say) or finished the queue:
        # show both now. Views that did not change do not redraw.
        self._fit_to_width()
        self.sync()
        self.refresh_bindings()
        redraw_in_one_frame(self)

    def on_resize(self) -> None:
        self._fit_to_width()
        for widget in self.query(SteadyHeight):
            widget.reset_floor()

    def _fit_to_width(self) -> None:
        """Shorten the panes on a narrow terminal, and show the timeline on a roomy one.

        The breakpoint classes are already set for the new size, also for a screen resized
        while another one was over it.
        """
        narrow = self.has_class("-narrow")
        self.query_one(LastReview).compact = narrow
        self.query_one(QuestionPanel).compact = narrow
        self.timeline = self._timeline()

    # ---- showing the session ---------------------------------------------------------------

    def sync(self) -> None:
        """Copy the session into the reactives; widgets whose view is unchanged do not redraw."""
        session = self.session
        self.card = card_view(session, self._key)
        self.history = history_view(session)
        self.questions = questions_view(session)
        self.split = SplitView.of_changes(session.changes())
        self.timeline = self._timeline()
        self.progress = progress_text(session)
        self.done_text = done_text(session, self._key)
        # Both reactives refresh the Footer themselves, and only when they change: a full
        # Footer recompose on every key costs more than the rest of the redraw.
        self.at_contact = not session.done
        self.can_undo = session.can_undo
        self.can_go_back = session.jump_back is not None

    def _timeline(self) -> tuple[TimelineEntry, ...] | None:
        """The current contact's timeline, read only when the screen is wide enough to show it."""
        contact_id = self.session.current_id
        if contact_id is None or not self.has_class("-roomy"):
            return None
        store = self.session.store
        return tuple(contact_timeline(store, contact_id, self.session.settings.questions))

    def _key(self, binding_id: str, default: str) -> str:
        """The key the user has for ``binding_id``, for a line that names it."""
        return key_of(self.app, binding_id, default)

    def _changed(self, contact_id: int | None, announcement: str = "") -> None:
        if contact_id is not None:
            self.post_message(ReviewChanged(contact_id))
        self.sync()
        # After the card and questions: the header last, so all of them reach one frame. Any
        # other change clears the line, so it never speaks of an answer since taken back.
        self.query_one(ReviewHeader).announcement = announcement
        if self.session.done and self.session.queue:
            app = cast("ReltuiApp", self.app)
            app.call_later(app.show_summary)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.session
        # Hidden from the footer; pressed, the key says why it does nothing (why_key_does_nothing).
        if action in self.WRITING_ACTIONS and session.store.read_only:
            return False
        if action in ("edit_contact", "log_touch", "timeline"):
            return True if self.at_contact else None
        if action == "undo":
            return True if self.can_undo else None
        # False hides a key from the footer; None would show it dimmed.
        if action in WRITING_ACTIONS or action == "go_to_question":
            return self.at_contact
        if action == "jump_back":
            return self.can_go_back
        if action == "next_contact":
            return True if self.at_contact else None
        if action == "previous_contact":
            return True if session.position > 0 else None
        return True

    # ---- answering -------------------------------------------------------------------------

    def action_answer(self, value: str) -> None:
        contact_id = self.session.current_id
        if contact_id is not None:
            self._answered(contact_id, self.session.answer(Answer(value)))

    def action_confirm(self) -> None:
        self._confirm(self.session.confirm)

    def action_confirm_all(self) -> None:
        self._confirm(self.session.confirm_all)

    def _confirm(self, confirm: Callable[[], bool | None]) -> None:
        contact_id = self.session.current_id
        if contact_id is None:
            return
        completed = confirm()
        if completed is None:
            self.notify(
                "Never reviewed: there is no answer from last time to keep; answer "
                f"{self._key('answer-yes', 'y')}, {self._key('answer-no', 'n')} "
                f"or {self._key('answer-unsure', 'm')}",
                markup=False,
                timeout=3,
            )
            return
        self._answered(contact_id, completed)

    def _answered(self, contact_id: int, completed: bool) -> None:
        """Show a saved answer; the review that it completed moves on to the next contact."""
        session = self.session
        announcement = ""
        if completed:
            announcement = self._result_line(contact_id)
            if session.settings.auto_advance:
                session.next_contact()
        self._changed(contact_id, announcement)

    def _result_line(self, contact_id: int) -> str:
        name = safe(self.session.store.contact(contact_id).name)
        status = self.session.store.state(contact_id).status
        # A line in the header rather than a toast: toasts pile up at review speed, and each one
        # costs a layout of the toast rack. Next actions are on the actions view (P).
        return f"saved {name}: {status}"

    def action_go_to_question(self, index: int) -> None:
        self.session.go_to_question(index)
        self.sync()

    def why_key_does_nothing(self, key: str) -> str | None:
        reason = super().why_key_does_nothing(key)
        if reason is None and not self.can_undo and key in self.keys_of(frozenset({"undo"})):
            return "Nothing to undo: every change of this session is undone, or none was made"
        return reason

    def action_undo(self) -> None:
        what = self.session.undo_description()
        if self.session.undo():
            self._changed(self.session.current_id)
            self.notify(f"Undid: {safe(what or 'a change')}", markup=False, timeout=3)

    def action_toggle_promote(self) -> None:
        self._decided(self.session.toggle_promote())

    def action_toggle_keep(self) -> None:
        self._decided(self.session.toggle_keep())

    def _decided(self, refused: str | None) -> None:
        if refused is not None:
            self.notify(f"Nothing recorded: {refused}", markup=False, timeout=3)
            return
        self._changed(self.session.current_id)

    def action_skip(self) -> None:
        contact_id = self.session.current_id
        if contact_id is None:
            return
        self.session.skip()
        name = safe(self.session.store.contact(contact_id).name)
        # The date the card, the list and the queue show: the skip's end, or a later due date.
        due = self.session.store.state(contact_id).next_due(self.session.settings.cadence_days)
        when = day(due) if due is not None else "next week"
        self.notify(f"{name}: skipped, due again {when}", markup=False, timeout=3)
        self._changed(contact_id)

    def action_note(self) -> None:
        from reltui.ui.screens.note import NoteScreen

        draft, contact = self.session.draft, self.session.contact
        if draft is None or contact is None:
            return
        contact_id = contact.id

        def save(note: str | None) -> None:
            if note is not None and self.session.current_id == contact_id:
                self.session.set_note(note)
                self._changed(contact_id)

        cast("ReltuiApp", self.app).push_form(
            NoteScreen, safe(contact.name), draft.note, callback=save
        )

    # ---- the contact's details, touches and timeline ----------------------------------------

    def action_contact_id(self) -> int | None:
        return self.session.current_id

    def contact_saved(self, contact_id: int, *, added: bool = False) -> None:
        if not added:
            # Saved from a form, as it closes: the screen shows it as it comes back
            # (on_screen_resume), in the same frame; drawn now, it would take a frame more.
            self.post_message(ReviewChanged(contact_id))
            return
        if added:
            self.jump_to(contact_id, remember=True)
        else:
            self._changed(contact_id)

    # ---- moving ----------------------------------------------------------------------------

    def action_next_contact(self) -> None:
        self.session.next_contact()
        self._changed(None)

    def action_previous_contact(self) -> None:
        self.session.previous_contact()
        self.sync()

    def jump_to(self, contact_id: int, remember: bool = False) -> None:
        """Make ``contact_id`` the current contact (from search, the list or the palette).

        With ``remember``, ``b`` comes back to where the review was.
        """
        self.session.jump_to(contact_id, remember=remember)
        self._changed(None)

    def action_jump_back(self) -> None:
        if self.session.jump_back_to():
            self._changed(None)

    def action_search(self) -> None:
        from reltui.ui.screens.search import SearchScreen

        def chosen(contact_id: int | None) -> None:
            if contact_id is not None:
                self.jump_to(contact_id, remember=True)
                back = self._key("jump-back", "b")
                self.notify(f"{back} goes back to where you were", markup=False, timeout=3)

        self.app.push_screen(SearchScreen(), chosen)

    def action_list_view(self) -> None:
        from reltui.ui.screens.contact_list import ContactListScreen

        self.app.push_screen(ContactListScreen(self.session.current_id))

    def action_scroll_panes(self, direction: int) -> None:
        for pane in self.query(Pane):
            if direction > 0:
                pane.scroll_page_down(animate=False)
            else:
                pane.scroll_page_up(animate=False)
