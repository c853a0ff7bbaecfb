"""TrendScreen: clients, candidates and customers per week, and the question that blocks most."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from reltui.ui.rhythm_views import (
    TREND_PERIODS,
    TREND_STATUSES,
    TrendView,
    blocking_content,
    trend_view,
)
from reltui.ui.widgets.footer import KeyFooter
from reltui.ui.widgets.notice_line import NoticeLine
from reltui.ui.widgets.trend_chart import TrendChart

if TYPE_CHECKING:
    from reltui.ui.app import ReltuiApp

TREND_BINDINGS: list[Binding] = [
    Binding("escape,T", "close", "Close", id="trend-close", tooltip="Back to where you were"),
    *(
        Binding(
            str(number),
            f"weeks({weeks})",
            f"{weeks} weeks",
            id=f"trend-{weeks}",
            tooltip=f"Show the last {weeks} weeks",
        )
        for number, weeks in enumerate(TREND_PERIODS, start=1)
    ),
]


def count_cell(count: int, change: int) -> Text:
    """A table cell: the count, and how it moved since the week before when it did."""
    cell = Text(f"{count:,}", justify="right")
    cell.append(f" {change:+,}" if change else "   ", style="dim")
    return cell


class TrendScreen(Screen[None]):
    """Sparklines per status, the most blocking question, and the weeks as a table."""

    AUTO_FOCUS = "#trend-table"
    BINDINGS: ClassVar[list[BindingType]] = [*TREND_BINDINGS]
    # Tall terminals get taller sparklines; 24 lines keep them one line high.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    weeks: reactive[int] = reactive(TREND_PERIODS[0], init=False)
    view: reactive[TrendView | None] = reactive(None)

    @dataclass
    class Counted(Message):
        """The worker finished counting ``weeks`` weeks."""

        weeks: int
        view: TrendView

    def __init__(self) -> None:
        super().__init__(id="trend")

    @property
    def reltui(self) -> ReltuiApp:
        return cast("ReltuiApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(id="trend-title")
        with Vertical(id="trend-body"):
            yield TrendChart(id="trend-chart").data_bind(view=TrendScreen.view)
            yield Static(id="trend-blocking")
            yield DataTable(id="trend-table", cursor_type="row", zebra_stripes=True)
        yield NoticeLine()
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Week", key="week")
        table.add_column("From", key="from")
        for _, label in TREND_STATUSES:
            table.add_column(label.capitalize(), key=label)
        self.count()

    def watch_weeks(self) -> None:
        self.count()

    def count(self) -> None:
        """Count the weeks again in a worker; the body shows a loading state meanwhile."""
        self.query_one("#trend-title", Static).update(
            Content.styled(f"Trend · counting the last {self.weeks} weeks…", "bold")
        )
        self.query_one("#trend-body").loading = True
        self._count(self.weeks, self.reltui.session.clock().date())

    @work(thread=True, exclusive=True, group="trend")
    def _count(self, weeks: int, today: date) -> None:
        view = trend_view(self.reltui.store, weeks, today)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Counted(weeks, view))

    @on(Counted)
    def show(self, message: Counted) -> None:
        # A slower count for a period no longer chosen must not replace the current one.
        if message.weeks != self.weeks:
            return
        view = self.view = message.view
        self.query_one("#trend-title", Static).update(
            Content.assemble(
                (f"Trend · last {message.weeks} weeks", "bold"),
                f" · {view.first_week} to {view.last_week} · counts at the end of each week",
            )
        )
        questions = self.reltui.session.questions
        self.query_one("#trend-blocking", Static).update(blocking_content(view.blocking, questions))
        table = self.query_one(DataTable)
        table.clear()
        for row in reversed(view.rows):
            cells = [
                count_cell(count, change)
                for count, change in zip(row.counts, row.changes, strict=True)
            ]
            table.add_row(row.week, row.start.isoformat(), *cells, key=row.week)
        self.query_one("#trend-body").loading = False

    def action_weeks(self, weeks: int) -> None:
        self.weeks = weeks

    def action_close(self) -> None:
        self.dismiss()
