"""Turning the data rows of a CSV export into contact records, given its resolved columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from operator import itemgetter

from reltui.formats.cleaning import (
    GOOGLE_SEPARATOR,
    clean_line,
    clean_notes,
    join_name,
    splitter,
    unique_emails,
    unique_values,
)
from reltui.formats.csv_formats import Columns
from reltui.formats.records import ContactRecord, SkippedRow
from reltui.memory import collector_paused

PROGRESS_EVERY = 1000
# Google's built-in group that every contact belongs to; it says nothing about the contact.
_GOOGLE_SYSTEM_LABELS = {"mycontacts"}
_SINGLE_VALUED = (
    "first_name",
    "middle_name",
    "last_name",
    "full_name",
    "company",
    "position",
    "url",
    "connected_on",
    "notes",
    "display_name",
)
Builder = Callable[[list[str], int], "ContactRecord | SkippedRow"]


def read_rows(
    text: str,
    data_offset: int,
    data_line: int,
    delimiter: str,
    columns: Columns,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[ContactRecord], list[SkippedRow]]:
    """Read the rows starting at character ``data_offset`` (line ``data_line``) into records.

    Blank lines are no rows at all. Raises ``csv.Error`` on a row the csv module cannot parse,
    and ``ValueError`` naming the row when a quote opened near the end is never closed.
    """
    stream = io.StringIO(text, newline="")
    stream.seek(data_offset)
    reader = csv.reader(stream, delimiter=delimiter)
    records: list[ContactRecord] = []
    skipped: list[SkippedRow] = []
    build = _record_builder(columns)
    previous_line = 0
    row_start = 0
    count = 0
    with collector_paused():  # a record per row, none of them garbage
        for cells in reader:
            row_start = previous_line
            previous_line = reader.line_num
            if not cells:
                continue
            outcome = build(cells, data_line + row_start)
            if type(outcome) is ContactRecord:
                records.append(outcome)
            else:
                skipped.append(outcome)  # type: ignore[arg-type]
            count += 1
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count)
    if progress is not None:
        progress(count)
    # A last row over several lines may be a quote opened and never closed, swallowing every
    # row after it however few: parse it again strictly to tell (rare, and only that row).
    if previous_line - row_start > 1:
        _check_last_row_closed(stream, data_offset, row_start, delimiter, data_line)
    return records, skipped


def _check_last_row_closed(
    stream: io.StringIO, data_offset: int, row_start: int, delimiter: str, data_line: int
) -> None:
    """Raise ValueError when the last row only ends because the file does: an unclosed quote."""
    stream.seek(data_offset)
    for _ in range(row_start):
        stream.readline()
    try:
        for _ in csv.reader(stream, delimiter=delimiter, strict=True):
            pass
    except csv.Error:
        raise ValueError(
            f"row {data_line + row_start} opens a quote that is never closed"
            " (it would swallow the rest of the file)"
        ) from None


def _record_builder(columns: Columns) -> Builder:
    """Make the function that turns one row's cells (and its line number) into a record."""
    width = columns.width
    candidates: list[tuple[int, ...]] = [getattr(columns, field) for field in _SINGLE_VALUED]
    # Rows are padded with one empty cell, which stands in for a field the file lacks.
    missing = width
    if all(len(indices) <= 1 for indices in candidates):
        fetch = itemgetter(*(indices[0] if indices else missing for indices in candidates))

        def single_valued(cells: list[str], clean: Callable[[str], str]) -> list[str]:
            return [*map(clean, fetch(cells))]

    else:

        def single_valued(cells: list[str], clean: Callable[[str], str]) -> list[str]:
            return [
                next(filter(None, (clean(cells[index]) for index in indices)), "")
                for indices in candidates
            ]

    email_columns = tuple(zip(columns.emails, columns.email_markers, strict=True))
    drop_exchange = columns.format == "outlook"
    # The common case of one email column without a primary marker takes a shorter path.
    single_email = len(email_columns) == 1 and email_columns[0][1] is None and not drop_exchange
    plain_email = columns.emails[0] if single_email else None
    split_emails = splitter(columns.email_separators)
    note_columns = columns.notes
    phone_columns = columns.phones
    plain_phone = phone_columns[0] if len(phone_columns) == 1 else None
    split_phones = splitter(columns.phone_separators)
    tag_columns = columns.tags
    split_tags = splitter(columns.tag_separators)
    is_google = columns.format == "google"
    family_first = columns.family_first

    def emails_of(cells: list[str], clean: Callable[[str], str]) -> list[str]:
        preferred: list[str] = []
        emails: list[str] = []
        for index, marker in email_columns:
            if value := cells[index]:
                if marker is not None and cells[marker].lstrip().startswith("*"):
                    preferred.extend(split_emails(value, clean))
                else:
                    emails.extend(split_emails(value, clean))
        if preferred:
            emails = preferred + emails
        if drop_exchange:
            # Exchange directory names ("/o=ExchangeLabs/...") are not addresses to write to.
            emails = [email for email in emails if not email.lower().startswith("/o=")]
        return unique_emails(emails) if len(emails) > 1 else emails

    def phones_of(cells: list[str], clean: Callable[[str], str]) -> list[str]:
        phones: list[str] = []
        for index in phone_columns:
            if value := cells[index]:
                phones.extend(split_phones(value, clean))
        return unique_values(phones) if len(phones) > 1 else phones

    def tags_of(cells: list[str], clean: Callable[[str], str]) -> list[str]:
        tags: list[str] = []
        for index in tag_columns:
            if value := cells[index]:
                tags.extend(split_tags(value, clean))
        if is_google and tags:
            labels = (tag[1:].lstrip() if tag.startswith("*") else tag for tag in tags)
            tags = [
                label
                for label in labels
                if label and label.casefold().replace(" ", "") not in _GOOGLE_SYSTEM_LABELS
            ]
        return unique_values(tags) if len(tags) > 1 else tags

    def notes_of(cells: list[str]) -> str:
        for index in note_columns:
            if cells[index] and (notes := clean_notes(cells[index])):
                return notes
        return ""

    def build(cells: list[str], line: int) -> ContactRecord | SkippedRow:
        if len(cells) == width:
            cells.append("")
        elif len(cells) < width:
            cells.extend([""] * (width + 1 - len(cells)))
        # Most rows hold no control characters or line breaks at all: then stripping suffices.
        clean = str.strip if "".join(cells).isprintable() else clean_line
        first, middle, last, full, company, position, url, connected_on, notes, display = (
            single_valued(cells, clean)
        )
        if display:
            name = display
        elif family_first:
            name = join_name(last, first, middle)
        elif middle:
            name = join_name(first, middle, last)
        elif first and last:
            name = first + " " + last
        else:
            name = first or last or full
        if plain_email is not None:
            email = cells[plain_email]
            emails = split_emails(email, clean) if email else []
            if len(emails) > 1:
                emails = unique_emails(emails)
        else:
            emails = emails_of(cells, clean) if email_columns else []
        if not name:
            if not emails:
                reason = "no name or email" if any(map(str.strip, cells)) else "empty row"
                return SkippedRow(line, reason)
            name = emails[0]
        if plain_phone is not None:
            phone = cells[plain_phone]
            phones = split_phones(phone, clean) if phone else []
        else:
            phones = phones_of(cells, clean) if phone_columns else []
        if notes and clean is clean_line:
            # Rows with line breaks or control characters need the notes' own cleaning.
            notes = notes_of(cells)
        if GOOGLE_SEPARATOR in url:
            url = url.split(GOOGLE_SEPARATOR, 1)[0].strip()
        # Positional arguments, in the order ContactRecord declares its fields: measurably
        # faster than keywords at a hundred thousand rows.
        return ContactRecord(
            name,
            emails,
            company,
            position,
            phones,
            notes,
            tags_of(cells, clean) if tag_columns else [],
            url,
            connected_on,
            line,
        )

    return build
