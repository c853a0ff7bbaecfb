"""CSV export of decisions: one row per contact (latest review) or per review (history)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from itertools import count, islice, repeat
from operator import itemgetter
from pathlib import Path
from typing import IO, TYPE_CHECKING

from reltui.domain.models import Contact, Review
from reltui.domain.questions import DEFAULT_QUESTIONS, QUESTION_IDS, Question
from reltui.domain.rules import Decision, Status, next_actions
from reltui.store.db import Store
from reltui.store.files import atomic_writer

if TYPE_CHECKING:
    from _csv import Writer as CsvWriter

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
_PLAIN_TEXT = "'"
LINE_END = "\r\n"
# The cells after the company of a contact never reviewed.
_UNREVIEWED_TAIL = ",".join([Status.UNREVIEWED.value, *[""] * (len(HEADER) - 5)])


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
    return neutralised(cells)


def write_export(
    store: Store,
    handle: IO[str],
    statuses: Iterable[str] = (),
    history: bool = False,
    questions: Sequence[Question] = DEFAULT_QUESTIONS,
) -> int:
    """Write the header, then one row per contact (or per review with ``history``), as CSV.

    Returns the number of data rows.
    """
    wanted = {Status(status) for status in statuses}
    writer = csv.writer(handle, lineterminator=LINE_END)
    writer.writerow(HEADER)
    if not history and (not wanted or Status.UNREVIEWED in wanted):
        return _write_latest(store, handle, writer, wanted, questions)
    rows: Iterable[list[str]]
    if history:
        rows = _history_rows(store, wanted, questions)
    else:
        rows = _reviewed_rows(store, sorted(store.reviewed_contact_ids()), wanted, questions)
    # Rows are counted as they pass, without a Python call per row.
    counter = count()
    writer.writerows(map(itemgetter(0), zip(rows, counter, strict=False)))
    return next(counter)


def export_to_file(
    store: Store,
    path: Path,
    statuses: Iterable[str] = (),
    history: bool = False,
    questions: Sequence[Question] = DEFAULT_QUESTIONS,
) -> int:
    """Write the CSV to ``path`` atomically, owner-only; a failure leaves no partial file."""
    with atomic_writer(path, "w", encoding="utf-8", newline="") as handle:
        return write_export(store, handle, statuses, history, questions)


def _history_rows(
    store: Store, wanted: set[Status], questions: Sequence[Question]
) -> Iterator[list[str]]:
    for contact_id in store.contact_ids():
        for review in store.reviews(contact_id):
            if not wanted or Status(review.status) in wanted:
                yield _row(store.contact(contact_id), review, review.status, questions)


def _reviewed_rows(
    store: Store, contact_ids: Iterable[int], wanted: set[Status], questions: Sequence[Question]
) -> Iterator[list[str]]:
    for contact_id in contact_ids:
        state = store.state(contact_id)
        if wanted and state.status not in wanted:
            continue
        reviews = store.reviews(contact_id)
        skipped = bool(reviews) and reviews[-1].decision == Decision.SKIP
        decision = Decision.SKIP if skipped else None
        yield _row(store.contact(contact_id), state.latest, state.status, questions, decision)


def _write_latest(
    store: Store,
    handle: IO[str],
    writer: CsvWriter,
    wanted: set[Status],
    questions: Sequence[Question],
) -> int:
    """Every contact's latest decision, in the order the contacts were added.

    Most contacts of a large database were never reviewed: their rows hold only the id, name,
    email and company. Those rows are formatted column by column and joined, a few large
    writes instead of a pass of the csv module over every character; the reviewed contacts'
    rows go through the csv writer in between.
    """
    reviewed = set(store.reviewed_contact_ids())
    ids: list[int] = []
    names: list[str] = []
    emails: list[str] = []
    companies: list[str] = []
    for contact_id, document in store.contact_documents():
        ids.append(contact_id)
        names.append(document["name"])
        emails.append(document.get("email", ""))
        companies.append(document.get("company", ""))
    lines = map(
        ",".join,
        zip(
            map(str, ids),
            csv_fields(neutralised(names)),
            csv_fields(neutralised(emails)),
            csv_fields(neutralised(companies)),
            repeat(_UNREVIEWED_TAIL),
        ),
    )
    written = start = 0
    for position in [i for i, contact_id in enumerate(ids) if contact_id in reviewed]:
        written += _write_lines(handle, lines, position - start)
        next(lines)  # this contact's reviewed row takes its place
        for row in _reviewed_rows(store, (ids[position],), wanted, questions):
            writer.writerow(row)
            written += 1
        start = position + 1
    return written + _write_lines(handle, lines, len(ids) - start)


def _write_lines(handle: IO[str], lines: Iterator[str], number: int) -> int:
    """Write the next ``number`` of ``lines``, each ended as the csv writer ends a row."""
    if number:
        handle.write(LINE_END.join(islice(lines, number)))
        handle.write(LINE_END)
    return number


def neutralised(column: list[str]) -> list[str]:
    """``column`` with every cell that a spreadsheet would run as a formula made plain text."""
    return [_PLAIN_TEXT + cell if cell[:1] in _FORMULA_STARTS else cell for cell in column]


def csv_fields(column: list[str]) -> list[str]:
    """``column`` as CSV fields, quoted exactly where the csv writer would quote them.

    The csv writer (QUOTE_MINIMAL) encloses a cell in double quotes, doubling its own, when it
    holds the delimiter, a double quote or a character of the line ending; any other cell is
    written as it is. ``in`` scans a string far faster than a regular expression's character
    class, so the whole column is tested at once first.
    """
    if not _needs_quotes("\x00".join(column)):
        return column  # the usual case
    return ['"' + cell.replace('"', '""') + '"' if _needs_quotes(cell) else cell for cell in column]


def _needs_quotes(text: str) -> bool:
    return "," in text or '"' in text or "\r" in text or "\n" in text
