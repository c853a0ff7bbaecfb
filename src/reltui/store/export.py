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
    if history:
        for contact_id in store.contact_ids():
            for review in store.reviews(contact_id):
                if not wanted or Status(review.status) in wanted:
                    yield _row(store.contact(contact_id), review, review.status, questions)
        return
    yield from _latest_rows(store, wanted, questions)


def _latest_rows(
    store: Store, wanted: set[Status], questions: Sequence[Question]
) -> Iterator[list[str]]:
    reviewed = set(store.reviewed_contact_ids())
    include_unreviewed = not wanted or Status.UNREVIEWED in wanted
    blank = [""] * (len(HEADER) - 5)
    unreviewed = Status.UNREVIEWED.value
    for contact_id, document in store.contact_documents():
        if contact_id not in reviewed:
            # Never reviewed (most of a large database): no review to read.
            if include_unreviewed:
                cells = [document["name"], document.get("email", ""), document.get("company", "")]
                yield [str(contact_id), *map(neutralise, cells), unreviewed, *blank]
            continue
        contact = store.contact(contact_id)
        state = store.state(contact.id)
        if wanted and state.status not in wanted:
            continue
        reviews = store.reviews(contact.id)
        skipped = bool(reviews) and reviews[-1].decision == Decision.SKIP
        decision = Decision.SKIP if skipped else None
        yield _row(contact, state.latest, state.status, questions, decision)


def write_csv(rows: Iterable[list[str]], handle: IO[str]) -> int:
    """Write rows as CSV; returns the number of data rows."""
    writer = csv.writer(handle, lineterminator="\r\n")
    counted = _Counter(rows)
    writer.writerows(counted)
    return max(counted.count - 1, 0)


class _Counter:
    """Counts the rows passing through, so ``writerows`` can take them all in one call."""

    def __init__(self, rows: Iterable[list[str]]) -> None:
        self._rows = iter(rows)
        self.count = 0

    def __iter__(self) -> Iterator[list[str]]:
        return self

    def __next__(self) -> list[str]:
        row = next(self._rows)
        self.count += 1
        return row


def export_to_file(rows: Iterable[list[str]], path: Path) -> int:
    """Write the CSV to ``path`` atomically, owner-only; a failure leaves no partial file."""
    with atomic_writer(path, "w", encoding="utf-8", newline="") as handle:
        return write_csv(rows, handle)
