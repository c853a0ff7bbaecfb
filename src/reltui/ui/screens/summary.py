"""SummaryScreen: what this session changed; everything on it is already saved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from reltui.domain.changes import SessionChanges
from reltui.domain.legend import STATUS_GLYPHS
from reltui.domain.rules import STATUS_ORDER, Status, next_actions
from reltui.review.cooling import cooling_ids
from reltui.review.insights import blocking_questions
from reltui.review.session import ReviewSession
from reltui.ui.rhythm_views import blocking_content
from reltui.ui.text import safe
from reltui.ui.widgets.footer import KeyFooter
from reltui.ui.widgets.notice_line import NoticeLine
from reltui.ui.widgets.pane import Pane
from reltui.ui.widgets.styles import AT_RISK_STYLE, MUTED, status_style

SUMMARY_BINDINGS: list[Binding] = [
    Binding("q", "app.quit", "Quit", id="summary-quit", tooltip="Leave reltui (all saved)"),
    Binding("escape", "back", "Back", id="summary-back", tooltip="Back to the review"),
    Binding("down,j", "scroll(1)", "Down", show=False, id="summary-down"),
    Binding("up,k", "scroll(-1)", "Up", show=False, id="summary-up"),
]


LABEL_WIDTH = 15


def count_line(label: str, count: int, style: str = "bold") -> Content:
    # A label as long as the column still keeps a space before its count.
    width = max(LABEL_WIDTH, len(label) + 1)
    return Content.assemble((f"{label:<{width}}", MUTED), (str(count), style))


def summary_content(session: ReviewSession, summary: SessionChanges) -> Content:
    """The summary as text: counts, names, next actions and the split before and after."""
    store = session.store
    titles = {question.id: question.title for question in session.questions}

    def name(contact_id: int) -> str:
        return safe(store.contact(contact_id).name) or "(no name)"

    def names(label: str, ids: tuple[int, ...], style: str = "bold") -> list[Content]:
        return [count_line(label, len(ids), style), *(Content(f"  {name(i)}") for i in ids)]

    def if_any(label: str, ids: tuple[int, ...], listed: bool = True) -> list[Content]:
        """A line for a change that happened, with its names; nothing for one that did not."""
        if not ids:
            return []
        return names(label, ids) if listed else [count_line(label, len(ids))]

    lines: list[Content] = [
        Content.styled("Session summary · everything is saved", "bold"),
        Content(""),
        count_line("reviewed", len(summary.reviewed)),
        # First reviews are named below as new clients and candidates, or not at all.
        *if_any("first reviews", summary.first_reviews, listed=False),
        *names("new clients", summary.new_clients),
        count_line("new candidates", len(summary.new_candidates)),
    ]
    for contact_id in summary.new_candidates:
        latest = store.state(contact_id).latest
        actions = next_actions(latest.answers, session.questions) if latest else []
        lines.append(Content(f"  {name(contact_id)}"))
        lines.extend(Content.styled(f"    → {action}", MUTED) for action in actions)
    lines += if_any("demoted", summary.demoted)
    lines.append(count_line("now at risk", len(summary.now_at_risk), AT_RISK_STYLE))
    for contact_id in summary.now_at_risk:
        state = store.state(contact_id)
        lost = ", ".join(titles.get(qid, qid) for qid in state.lost) or "a yes"
        when = state.at_risk_since.date().isoformat() if state.at_risk_since else ""
        lines.append(Content(f"  {name(contact_id)}"))
        lines.append(Content.styled(f"    lost {lost} on {when}", MUTED))
    lines += if_any("in progress", summary.in_progress)
    # Clients nobody has touched for touch_days: the next thing to act on, after this session.
    cooling = cooling_ids(store, session.settings.touch_days, session.clock().date(), Status.CLIENT)
    lines += if_any("clients cooling", tuple(cooling))
    lines += if_any("skipped", summary.skipped)
    lines += if_any("noted", summary.noted)
    lines += [Content(""), Content.styled(f"{'split':<{LABEL_WIDTH}}before → after", MUTED)]
    for status in STATUS_ORDER:
        before = summary.split_before.counts[status]
        after = summary.split_after.counts[status]
        delta = f" ({after - before:+d})" if after != before else ""
        lines.append(
            Content.assemble(
                (
                    f"{STATUS_GLYPHS[status]} {status.value:<{LABEL_WIDTH - 2}}",
                    status_style(status),
                ),
                f"{before:>6,} → {after:,}{delta}",
            )
        )
    return Content("\n").join(lines)


class SummaryScreen(Screen[None]):
    """Reviewed count, new clients and candidates, contacts at risk, split before and after."""

    AUTO_FOCUS = None
    BINDINGS: ClassVar[list[BindingType]] = [*SUMMARY_BINDINGS]

    @dataclass
    class Counted(Message):
        """How many customers and candidates miss a yes, per question id."""

        counts: tuple[tuple[str, int], ...]

    def __init__(self, session: ReviewSession) -> None:
        super().__init__(id="summary")
        self.session = session

    def compose(self) -> ComposeResult:
        with Pane(id="summary-pane"):
            yield Static(summary_content(self.session, self.session.summary()), id="summary-text")
            yield Static(
                Content.styled("Most often missing: counting…", MUTED), id="summary-blocking"
            )
        yield NoticeLine()
        yield KeyFooter()

    def on_mount(self) -> None:
        self._count_blocking()

    @work(thread=True, exclusive=True, group="summary-blocking")
    def _count_blocking(self) -> None:
        """Which question customers and candidates miss most, over the whole database."""
        counts = tuple(blocking_questions(self.session.store).items())
        if not get_current_worker().is_cancelled:
            self.post_message(self.Counted(counts))

    @on(Counted)
    def _show_blocking(self, message: Counted) -> None:
        content = blocking_content(message.counts, self.session.questions)
        self.query_one("#summary-blocking", Static).update(content)

    def action_back(self) -> None:
        self.dismiss()

    def action_scroll(self, direction: int) -> None:
        pane = self.query_one(Pane)
        pane.scroll_relative(y=direction * 3, animate=False)
