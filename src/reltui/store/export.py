"""CSV export of decisions: one row per contact (latest review) or per review (history)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from reltui.domain.models import Contact, Review
from reltui.domain.questions import DEFAULT_QUESTIONS, QUESTION_IDS, Question
from reltui.domain.rules import Decision, Status, next_actions
from reltui.store.db import Store
from reltui.store.files import atomic_writer

HEADER: tuple[str, ...] = (
    "id",
    "name",
    "email",
    "company",
    "status",
    *QUESTION_IDS,
    "decision",
    "next_action",
    "reviewed_at",
    "reviewer",
    "note",
)

_FORMULA_STARTS = frozenset(("=", "+", "-", "@", "\t", "\r"))


def neutralise(cell: str) -> str:
    """Stop a spreadsheet from running a cell as a formula by prefixing a single quote."""
    if cell[:1] in _FORMULA_STARTS:
        return "'" + cell
    return cell


def _row(
    contact: Contact,
    review: Review | None,
    status: str,
    questions: Sequence[Question],
    decision: str | None = None,
) -> list[str]:
    answers = review.answers if review else {}
    if decision is None and review is not None:
        decision = review.decision
    actions = "; ".join(next_actions(answers, questions)) if status == Status.CANDIDATE else ""
    cells = [
        str(contact.id),
        contact.name,
        contact.email,
        contact.company,
        str(status),
        *[answers.get(qid) or "" for qid in QUESTION_IDS],
        decision or "",
        actions,
        review.at.isoformat(timespec="seconds") if review else "",
        review.reviewer if review else "",
        review.note if review else "",
    ]
    # neutralise(), inlined: this runs for every cell of every row.
    return ["'" + cell if cell[:1] in _FORMULA_STARTS else cell for cell in cells]


def export_rows(
    store: Store,
    statuses: Iterable[str] = (),
    history: bool = False,
    questions: Sequence[Question] = DEFAULT_QUESTIONS,
) -> Iterator[list[str]]:
    """The header, then one row per contact (or per review with ``history``)."""
    wanted = {Status(status) for status in statuses}
    yield list(HEADER)
    for contact in store.contacts():
        state = store.state(contact.id)
        if history:
            for review in store.reviews(contact.id):
                if wanted and Status(review.status) not in wanted:
                    continue
                yield _row(contact, review, review.status, questions)
            continue
        if wanted and state.status not in wanted:
            continue
        reviews = store.reviews(contact.id)
        skipped = bool(reviews) and reviews[-1].decision == Decision.SKIP
        decision = Decision.SKIP if skipped else None
        yield _row(contact, state.latest, state.status, questions, decision)


def write_csv(rows: Iterable[list[str]], handle: IO[str]) -> int:
    """Write rows as CSV; returns the number of data rows."""
    writer = csv.writer(handle, lineterminator="\r\n")
    count = -1
    for count, row in enumerate(rows):  # noqa: B007 - count is used after the loop
        writer.writerow(row)
    return max(count, 0)


def export_to_file(rows: Iterable[list[str]], path: Path) -> int:
    """Write the CSV to ``path`` atomically, owner-only; a failure leaves no partial file."""
    with atomic_writer(path, "w", encoding="utf-8", newline="") as handle:
        return write_csv(rows, handle)
