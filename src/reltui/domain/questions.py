"""The four relationship questions and the step that turns a missing yes into one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Question:
    """One of the four review questions."""

    id: str
    title: str
    text: str
    next_action: str


QUESTION_IDS: tuple[str, ...] = ("know_needs", "ask_referral", "use_as_reference", "trust_respect")

DEFAULT_QUESTIONS: tuple[Question, ...] = (
    Question(
        id="know_needs",
        title="Know needs",
        text=(
            "Do I know them well enough to name the further product or service they need, "
            "and the problem it would solve for them?"
        ),
        next_action="book a needs conversation",
    ),
    Question(
        id="ask_referral",
        title="Ask referral",
        text=(
            "Would I be comfortable calling them to ask for a referral, a testimonial "
            "or a recommendation?"
        ),
        next_action="ask for a testimonial after the next delivery",
    ),
    Question(
        id="use_as_reference",
        title="Use as reference",
        text=(
            "Would I use them as a reference without asking first, because I know "
            "what they would say?"
        ),
        next_action="ask what they would tell a prospect about working with you",
    ),
    Question(
        id="trust_respect",
        title="Trust & respect",
        text="Can I say, without hesitation, that they trust and respect me?",
        next_action="deliver a quick win and follow up in person",
    ),
)
