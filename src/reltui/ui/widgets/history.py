"""LastReview: the previous review's answers and status, and the status timeline."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive

from reltui.ui.views import HistoryView
from reltui.ui.widgets.lines import LineCached
from reltui.ui.widgets.styles import MUTED, answer_label, status_style


class LastReview(LineCached):
    """What the last review said, so a change of answer is visible at a glance."""

    DEFAULT_CSS = """
    LastReview {
        height: auto;
    }
    """

    view: reactive[HistoryView] = reactive(HistoryView)

    def content_lines(self) -> list[Content]:
        history = self.view
        if not history.has_contact:
            return []  # a finished queue: no contact, so no review to recall
        lines: list[Content] = []
        if history.date:
            last = Content.assemble(
                ("last ", MUTED),
                history.date,
                (" by ", MUTED),
                history.reviewer,
                ": ",
                (history.status, status_style(history.status)),
            )
            if self.compact:
                # Two lines on a narrow terminal: the questions show the answers ("was yes"),
                # and the note follows on the same line, cut at the edge by the stylesheet.
                if history.note:
                    last = Content.assemble(last, (" · said ", MUTED), history.note)
                lines.append(last)
                lines.extend(self._timeline_lines())
                return lines
            lines.append(last)
            answers: list[str | tuple[str, str]] = []
            for number, answer in enumerate(history.answers, start=1):
                answers.extend([f"  {number} " if number > 1 else "1 ", answer_label(answer)])
            lines.append(Content.assemble(*answers))
            if history.note:
                lines.append(Content.assemble(("said ", MUTED), history.note))
        else:
            lines.append(Content.styled("no earlier review", MUTED))
        lines.extend(self._timeline_lines())
        return lines

    def _timeline_lines(self) -> list[Content]:
        history = self.view
        lines: list[Content] = []
        if history.timeline:
            parts: list[str | tuple[str, str]] = [("history ", MUTED)]
            if history.more:
                parts.append("… → ")
            for index, status in enumerate(history.timeline):
                if index:
                    parts.append(" → ")
                parts.append((status, status_style(status)))
            lines.append(Content.assemble(*parts))
        return lines
