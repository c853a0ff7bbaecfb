"""QuestionPanel: the four questions with this review's answers, the current one highlighted."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.content import Content
from textual.reactive import reactive

from reltui.ui.keymap import key_of
from reltui.ui.views import QuestionsView
from reltui.ui.widgets.steady import SteadyHeight
from reltui.ui.widgets.styles import MUTED, answer_label, status_style


def keys_hint(key: Callable[[str, str], str]) -> Content:
    """``y yes  n no  m unsure  1-4 change``, in the user's keys (``key(id, default)``)."""
    numbers = f"{key('question-1', '1')}-{key('question-4', '4')}"
    return Content.assemble(
        (key("answer-yes", "y"), "bold"),
        " yes  ",
        (key("answer-no", "n"), "bold"),
        " no  ",
        (key("answer-unsure", "m"), "bold"),
        " unsure  ",
        (numbers, "bold"),
        " change",
    )


class QuestionPanel(SteadyHeight):
    """Questions, answers so far, and the result once all four are answered."""

    view: reactive[QuestionsView | None] = reactive(None)

    def content_lines(self) -> list[Content]:
        panel = self.view
        if panel is None:
            return [Content("")]
        width = max(len(title) for title in panel.titles) + 1
        lines: list[Content] = []
        for index, (title, answer) in enumerate(zip(panel.titles, panel.answers, strict=True)):
            current = index == panel.current
            marker = "▶" if current else " "
            text, style = answer_label(answer)
            row = Content.assemble(
                f"{marker}{index + 1} {title.ljust(width)}", (text.ljust(7), style)
            )
            if panel.previous:
                row = Content.assemble(row, (f"was {panel.previous[index] or '·'}", MUTED))
            lines.append(row.stylize("reverse") if current else row)
        if not self.compact:
            lines.append(Content(""))
        if panel.complete:
            lines.append(
                Content.assemble(("result ", MUTED), (panel.result, status_style(panel.result)))
            )
            if panel.next_actions:
                lines.append(Content.styled("next actions", MUTED))
                lines.extend(Content(f"• {action}") for action in panel.next_actions)
        else:
            lines.append(Content(panel.texts[panel.current]))
        if panel.read_only:
            lines.append(Content.styled("read-only: answers cannot change", "bold $text-error"))
        elif not self.compact:
            # Narrow: the footer shows the same keys.
            lines.append(keys_hint(partial(key_of, self.app)))
        return lines
