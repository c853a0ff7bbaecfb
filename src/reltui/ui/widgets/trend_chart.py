"""TrendChart: one sparkline per status, labelled with its latest count, change and range."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Sparkline, Static

from reltui.ui.rhythm_views import TREND_STATUSES, StatusTrend, TrendView
from reltui.ui.widgets.styles import MUTED, status_style

LABEL_WIDTH = 11


def label_content(trend: StatusTrend) -> Content:
    """ "clients      8 +8": the status, its count in the last week, and the change."""
    return Content.assemble(
        (f"{trend.label:<{LABEL_WIDTH}}", status_style(trend.status)),
        (f"{trend.latest:>6,}", "bold"),
        (f" {trend.change:+,}", MUTED),
    )


def range_content(trend: StatusTrend) -> Content:
    """The lowest and highest week, since a sparkline scales to its own range."""
    low, high = (min(trend.counts), max(trend.counts)) if trend.counts else (0, 0)
    return Content.styled(f"{low:,}–{high:,}", MUTED)


class WeekAxis(Widget):
    """The first and last week shown, under the two ends of the sparklines."""

    DEFAULT_CSS = """
    WeekAxis {
        width: 1fr;
        height: 1;
    }
    """

    ends: reactive[tuple[str, str]] = reactive(("", ""))

    def render(self) -> Content:
        first, last = self.ends
        gap = max(self.content_size.width - len(first) - len(last), 1)
        return Content.styled(f"{first}{' ' * gap}{last}", MUTED)


class TrendChart(Vertical):
    """Clients, candidates and customers per week; the numbers beside say what bars cannot."""

    DEFAULT_CSS = """
    TrendChart {
        height: auto;
    }
    TrendChart > Horizontal {
        height: auto;
    }
    TrendChart .trend-label {
        width: 25;
    }
    TrendChart .trend-range {
        width: 12;
        padding-left: 1;
    }
    TrendChart Sparkline {
        width: 1fr;
    }
    TrendChart #spark-client > .sparkline--max-color { color: $success; }
    TrendChart #spark-client > .sparkline--min-color { color: $success 50%; }
    TrendChart #spark-candidate > .sparkline--max-color { color: $accent; }
    TrendChart #spark-candidate > .sparkline--min-color { color: $accent 50%; }
    TrendChart #spark-customer > .sparkline--max-color { color: $warning; }
    TrendChart #spark-customer > .sparkline--min-color { color: $warning 50%; }
    """

    view: reactive[TrendView | None] = reactive(None)

    def compose(self) -> ComposeResult:
        for status, _ in TREND_STATUSES:
            with Horizontal():
                yield Static(id=f"label-{status}", classes="trend-label")
                yield Sparkline([], id=f"spark-{status}")
                yield Static(id=f"range-{status}", classes="trend-range")
        with Horizontal():
            yield Static(classes="trend-label")
            yield WeekAxis(id="trend-axis")
            yield Static(classes="trend-range")

    def watch_view(self, view: TrendView | None) -> None:
        if view is None or not self.is_mounted:
            return
        for trend in view.series:
            self.query_one(f"#label-{trend.status}", Static).update(label_content(trend))
            self.query_one(f"#spark-{trend.status}", Sparkline).data = list(trend.counts)
            self.query_one(f"#range-{trend.status}", Static).update(range_content(trend))
        self.query_one(WeekAxis).ends = (view.first_week, view.last_week)
