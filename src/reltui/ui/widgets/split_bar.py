"""SplitBar: clients, candidates, customers and unreviewed as counts, percentages and a bar."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from reltui.domain.changes import SessionChanges
from reltui.domain.legend import STATUS_GLYPHS
from reltui.domain.rules import STATUS_ORDER, Split

# A different glyph per status keeps the bar readable without colour (NO_COLOR).
GLYPHS = {str(status): glyph for status, glyph in STATUS_GLYPHS.items()}
# Calm, distinct colours that stay apart in 16 colours too (TERM=screen): only at risk is red.
STYLES = {
    "client": "ansi_green",
    "candidate": "ansi_cyan",
    "customer": "ansi_yellow",
    "unreviewed": "$foreground-muted",
}
PLURALS = {
    "client": "clients",
    "candidate": "candidates",
    "customer": "customers",
    "unreviewed": "unreviewed",
}
SHORT = {"client": "cli", "candidate": "cand", "customer": "cust", "unreviewed": "unrev"}


@dataclass(frozen=True, slots=True)
class SplitView:
    """The split now, the split when the session began, and contacts put at risk since."""

    counts: tuple[int, ...] = (0, 0, 0, 0)
    before: tuple[int, ...] = (0, 0, 0, 0)
    at_risk: int = 0
    reviewed: int = 0
    demoted: int = 0
    in_progress: int = 0
    skipped: int = 0

    @classmethod
    def of(cls, split: Split, before: Split, at_risk: int = 0) -> SplitView:
        return cls(
            tuple(split.counts[status] for status in STATUS_ORDER),
            tuple(before.counts[status] for status in STATUS_ORDER),
            at_risk,
        )

    @classmethod
    def of_changes(cls, changes: SessionChanges) -> SplitView:
        """The view of a session's changes, counted once in ``session_changes``."""
        return cls(
            tuple(changes.split_after.counts[status] for status in STATUS_ORDER),
            tuple(changes.split_before.counts[status] for status in STATUS_ORDER),
            len(changes.now_at_risk),
            len(changes.reviewed),
            len(changes.demoted),
            len(changes.in_progress),
            len(changes.skipped),
        )

    @property
    def total(self) -> int:
        return sum(self.counts)

    def changes(self) -> str:
        """This session's changes in words: "3 reviewed, +2 clients, -1 customer, 1 at risk"."""
        return ", ".join(self._change_parts(short=False)) or "no changes yet"

    def short_changes(self) -> list[Content]:
        """The same changes with the legend's glyphs for the statuses: "3 reviewed", "█+2"."""
        items: list[Content] = []
        for part in self._change_parts(short=True):
            status = next((status for status in STATUS_ORDER if part[0] == GLYPHS[status]), None)
            if status is None:
                items.append(Content(part))
            else:
                items.append(Content.assemble((part[0], STYLES[status]), part[1:]))
        return items

    def _change_parts(self, *, short: bool) -> list[str]:
        parts = [f"{self.reviewed} reviewed"] if self.reviewed else []
        for status, now, was in zip(STATUS_ORDER, self.counts, self.before, strict=True):
            delta = now - was
            if delta and short:
                parts.append(f"{GLYPHS[status]}{delta:+d}")
            elif delta:
                noun = status.value if abs(delta) == 1 else PLURALS[status]
                parts.append(f"{delta:+d} {noun}")
        for count, words in (
            (self.demoted, "demoted"),
            (self.at_risk, "at risk"),
            (self.in_progress, "in progress"),
            (self.skipped, "skipped"),
        ):
            if count:
                parts.append(f"{count} {words}")
        return parts


def _percent(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


def bar_widths(counts: tuple[int, ...], width: int) -> list[int]:
    """Cells per status for a stacked bar of ``width`` (largest remainders get the spare)."""
    total = sum(counts)
    if not total or width <= 0:
        return [0] * len(counts)
    exact = [count * width / total for count in counts]
    cells = [int(value) for value in exact]
    # Every non-empty status keeps at least one cell while the bar has room.
    for index, count in enumerate(counts):
        if count and not cells[index] and sum(cells) < width:
            cells[index] = 1
    spare = width - sum(cells)
    order = sorted(range(len(counts)), key=lambda index: exact[index] - cells[index], reverse=True)
    for index in order[: max(spare, 0)]:
        cells[index] += 1
    while sum(cells) > width:
        cells[cells.index(max(cells))] -= 1
    return cells


def change_lines(view: SplitView, room: int) -> list[Content]:
    """This session's changes in ``room`` cells: in words, else glyphs, else over two lines."""
    words = Content(f" this session: {view.changes()}")
    if words.cell_length <= room:
        return [words]
    lines = [Content(" session:")]
    for item in view.short_changes() or [Content("no changes yet")]:
        if lines[-1].cell_length + 1 + item.cell_length > room and len(lines) < 2:
            lines.append(Content(" " * len(" session:")))
        lines[-1] = Content.assemble(lines[-1], " ", item)
    return [line.truncate(room, ellipsis=True) for line in lines]


def bar_width_for(width: int) -> int:
    """The bar's cells on a line of ``width``: a third of it, 10 to 60, the same all session."""
    return min(width, max(10, min(width // 3, 60)))


class SplitBar(Widget):
    """Two lines: counts and percentages, then the bar and what this session changed."""

    DEFAULT_CSS = """
    SplitBar {
        height: auto;
        padding: 0 1;
    }
    """

    view: reactive[SplitView] = reactive(SplitView, layout=False)

    def _legend(self, width: int) -> Content:
        total = self.view.total
        for labels, gap in ((None, "  "), (None, " "), (SHORT, " ")):
            parts: list[str | tuple[str, str]] = []
            for index, (status, count) in enumerate(
                zip(STATUS_ORDER, self.view.counts, strict=True)
            ):
                name = labels[status] if labels else status.value
                if index:
                    parts.append(gap)
                parts.append((GLYPHS[status], STYLES[status]))
                parts.append(f" {name} {count:,} {_percent(count, total)}%")
            legend = Content.assemble(*parts)
            if legend.cell_length <= width:
                break
        return legend

    def _bar_lines(self, width: int) -> list[Content]:
        # The bar keeps a third of the line whatever the session says, so it does not shrink
        # as changes add up; the changes take the rest of the line, and a second line when
        # even glyphs for the statuses do not fit.
        bar_width = bar_width_for(width)
        cells = bar_widths(self.view.counts, bar_width)
        parts: list[str | tuple[str, str] | Content] = [
            (GLYPHS[status] * cell, STYLES[status])
            for status, cell in zip(STATUS_ORDER, cells, strict=True)
            if cell
        ]
        if not any(cells):
            parts.append((GLYPHS["unreviewed"] * bar_width, STYLES["unreviewed"]))
        changes = change_lines(self.view, width - bar_width)
        lines = [Content.assemble(*parts, changes[0])]
        lines.extend(Content(" " * bar_width) + line for line in changes[1:])
        return lines

    def _lines(self, width: int) -> list[Content]:
        return [self._legend(width), *self._bar_lines(width)]

    def watch_view(self) -> None:
        # One line more or less (the changes wrapping) is the only time the bar needs a layout.
        width = self.content_region.width
        if width and len(self._lines(max(width, 20))) != self.size.height:
            self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(max(width, 20)))

    def render(self) -> Content:
        return Content("\n").join(self._lines(max(self.content_region.width, 20)))
