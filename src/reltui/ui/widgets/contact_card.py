"""ContactCard: who the contact is, where they stand and when they are next due."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive

from reltui.domain.legend import STATUS_GLYPHS
from reltui.ui.views import CardView
from reltui.ui.widgets.lines import Unbroken
from reltui.ui.widgets.steady import SteadyHeight
from reltui.ui.widgets.styles import AT_RISK_STYLE, MUTED, status_style


class ContactCard(SteadyHeight):
    """The card for the current contact; every text field is shown literally."""

    view: reactive[CardView | None] = reactive(None)
    done_text: reactive[str] = reactive("")

    def watch_done_text(self) -> None:
        if self.view is None:
            self._strips = None  # the strips are kept per view, and the view is still None
            self.watch_view()

    def content_lines(self) -> list[Content]:
        card = self.view
        if card is None:
            return [Content(line) for line in self.done_text.split("\n")]
        lines: list[Content] = [Content.styled(card.name, "bold")]
        lines.append(
            Content.assemble(
                # The split bar's shade before the word: the same legend, with or without colour.
                (f"{STATUS_GLYPHS[card.status]} {card.status}", status_style(card.status)),
                (f" · {card.due}", MUTED),
            )
        )
        # Where they stand first, so a short terminal shows it before the contact details.
        if card.progress:
            lines.append(Content.styled(card.progress, "bold $text-warning"))
        if card.at_risk:
            # Which yes went, and the review that lost it: what the next conversation is about.
            since = f" since {card.lost_on}" if card.lost_on else ""
            lines.append(Content.assemble(("⚠ AT RISK", f"reverse {AT_RISK_STYLE}"), since))
            lines.append(Content.assemble(("lost ", MUTED), ", ".join(card.lost) or "a yes"))
        role = ", ".join(part for part in (card.position, card.company) if part)
        if role:
            lines.append(Content(role))
        for text in (card.email, card.phone):
            if text:
                lines.append(Unbroken(text))
        if card.tags:
            lines.append(Content.assemble(("tags ", MUTED), " · ".join(card.tags)))
        if card.cooling:
            # The last touch is older than touch_days for the status: trust cools quietly.
            lines.append(
                Content.assemble(
                    ("❄ cooling", "bold $text-warning"), (f" · {card.last_touch}", MUTED)
                )
            )
        elif card.last_touch:
            lines.append(Content.styled(card.last_touch, MUTED))
        if card.actions:
            lines.append(
                Content.styled(
                    card.actions, "bold $text-warning" if "overdue" in card.actions else MUTED
                )
            )
        if card.stuck:
            lines.append(Content.styled(card.stuck, "bold $text-warning"))
        if card.flag:
            lines.append(Content.styled(card.flag, "bold $text-accent"))
        if card.review_note:
            # This review's note and the contact's own notes sit on adjacent lines: named apart.
            lines.append(Content.assemble(("review note ", MUTED), card.review_note))
        if card.notes:
            lines.append(Content.assemble(("contact notes ", MUTED), card.notes))
        return lines
