"""SummaryScreen: what this session changed; everything on it is already saved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from reltui.domain.rules import STATUS_ORDER, next_actions
from reltui.session import ReviewSession, SessionSummary
from reltui.ui.text import safe
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
    return Content.assemble((f"{label:<{LABEL_WIDTH}}", MUTED), (str(count), style))


def summary_content(session: ReviewSession, summary: SessionSummary) -> Content:
    """The summary as text: counts, names, next actions and the split before and after."""
    store = session.store

    def name(contact_id: int) -> str:
        return safe(store.contact(contact_id).name) or "(no name)"

    lines: list[Content] = [
        Content.styled("Session summary · everything is saved", "bold"),
        Content(""),
        count_line("reviewed", len(summary.reviewed)),
        count_line("new clients", len(summary.new_clients)),
    ]
    lines.extend(Content(f"  {name(contact_id)}") for contact_id in summary.new_clients)
    lines.append(count_line("new candidates", len(summary.new_candidates)))
    for contact_id in summary.new_candidates:
        latest = store.state(contact_id).latest
        actions = next_actions(latest.answers, session.questions) if latest else []
        lines.append(Content(f"  {name(contact_id)}"))
        lines.extend(Content.styled(f"    → {action}", MUTED) for action in actions)
    lines.append(count_line("now at risk", len(summary.at_risk), AT_RISK_STYLE))
    lines.extend(Content(f"  {name(contact_id)}") for contact_id in summary.at_risk)
    lines += [Content(""), Content.styled(f"{'split':<{LABEL_WIDTH}}before → after", MUTED)]
    for status in STATUS_ORDER:
        before = summary.split_before.counts[status]
        after = summary.split_after.counts[status]
        delta = f" ({after - before:+d})" if after != before else ""
        lines.append(
            Content.assemble(
                (f"{status.value:<{LABEL_WIDTH}}", status_style(status)),
                f"{before:>6,} → {after:,}{delta}",
            )
        )
    return Content("\n").join(lines)


class SummaryScreen(Screen[None]):
    """Reviewed count, new clients and candidates, contacts at risk, split before and after."""

    AUTO_FOCUS = None
    BINDINGS = SUMMARY_BINDINGS

    def __init__(self, session: ReviewSession) -> None:
        super().__init__(id="summary")
        self.session = session

    def compose(self) -> ComposeResult:
        with Pane(id="summary-pane"):
            yield Static(summary_content(self.session, self.session.summary()), id="summary-text")
        yield Footer(compact=True)

    def action_back(self) -> None:
        self.dismiss()

    def action_scroll(self, direction: int) -> None:
        pane = self.query_one(Pane)
        pane.scroll_relative(y=direction * 3, animate=False)
