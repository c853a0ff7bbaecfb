"""The importers' entry point: read a file, find its format and header, dispatch to a parser."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reltui.formats.cleaning import clean_line
from reltui.formats.csv_formats import detect, fits, header_keys, resolve
from reltui.formats.csv_records import read_rows
from reltui.formats.decoding import decode, read_bytes
from reltui.formats.records import ImportFormatError, ParsedFile
from reltui.formats.vcard import TruncatedCardError, has_cards, read_cards

FORMATS = ("auto", "csv", "google", "linkedin", "outlook", "vcard")

# LinkedIn puts a few lines of notes above its header; nobody puts more than this.
_HEADER_SEARCH_LINES = 30
_DELIMITERS = (",", ";", "\t")
# Notes of a megabyte and more occur; the csv module's default limit is 128 KiB.
_FIELD_SIZE_LIMIT = 2**31 - 1
_PREVIEW_LENGTH = 60
_LABELS = {
    "csv": "a CSV",
    "google": "a Google Contacts",
    "linkedin": "a LinkedIn",
    "outlook": "an Outlook",
}
_EXPECTED = {
    "auto": "columns such as Name, First Name or Email",
    "csv": "a Name, First Name, Last Name or Email column",
    "google": "Google columns such as First Name and E-mail 1 - Value",
    "linkedin": "LinkedIn's First Name and Connected On columns",
    "outlook": "Outlook's First Name and E-mail Address columns",
}


@dataclass(frozen=True, slots=True)
class _Header:
    format: str
    cells: list[str]
    delimiter: str
    data_offset: int
    data_line: int


def read_contacts(
    path: Path, format: str = "auto", progress: Callable[[int], None] | None = None
) -> ParsedFile:
    """Read the contacts in ``path``, detecting its format unless ``format`` names one.

    ``progress`` is called now and then with the number of rows (or cards) read so far. Any
    file that cannot be imported raises ``ImportFormatError`` with a one-line message that
    starts with the path.
    """
    path = Path(path)
    if format not in FORMATS:
        raise ImportFormatError(
            f"{path}: unknown format {format!r}; use one of {', '.join(FORMATS)}"
        )
    text = decode(path, read_bytes(path))
    is_vcard = has_cards(text)
    if format == "vcard" or (format == "auto" and is_vcard):
        return _read_vcard(path, text, is_vcard, progress)
    if is_vcard:
        raise ImportFormatError(f"{path}: is a vCard file, not {_LABELS[format]} export")
    if csv.field_size_limit() < _FIELD_SIZE_LIMIT:
        csv.field_size_limit(_FIELD_SIZE_LIMIT)
    header = _find_header(path, text, format)
    columns = resolve(header.format, header.cells)
    try:
        records, skipped = read_rows(
            text, header.data_offset, header.data_line, header.delimiter, columns, progress
        )
    except csv.Error as error:
        raise ImportFormatError(f"{path}: not readable as CSV ({clean_line(str(error))})") from None
    return ParsedFile(format=header.format, records=records, skipped=skipped)


def _read_vcard(
    path: Path, text: str, is_vcard: bool, progress: Callable[[int], None] | None
) -> ParsedFile:
    if not is_vcard:
        raise ImportFormatError(f"{path}: no BEGIN:VCARD line found; not a vCard file")
    try:
        records, skipped = read_cards(text, progress)
    except TruncatedCardError as error:
        raise ImportFormatError(f"{path}: {error}") from None
    return ParsedFile(format="vcard", records=records, skipped=skipped)


def _find_header(path: Path, text: str, format: str) -> _Header:
    """Find the header line among the first lines, skipping preambles such as LinkedIn's."""
    stream = io.StringIO(text, newline="")
    first_line = ""
    forced_delimiter = ""
    for number in range(1, _HEADER_SEARCH_LINES + 1):
        line = stream.readline()
        if not line:
            break
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        # Excel honours (and some tools write) a first line such as "sep=;".
        if number == 1 and line.lower().startswith("sep=") and len(line) == 5:
            forced_delimiter = line[4]
            continue
        first_line = first_line or line
        delimiter = forced_delimiter or _sniff_delimiter(line)
        cells = _cells(line, delimiter)
        keys = header_keys(cells)
        found = detect(keys) if format == "auto" else (format if fits(format, keys) else None)
        if found:
            return _Header(found, cells, delimiter, stream.tell(), number + 1)
    preview = clean_line(first_line)
    if len(preview) > _PREVIEW_LENGTH:
        preview = preview[: _PREVIEW_LENGTH - 3] + "..."
    problem = "unrecognised header" if format == "auto" else f"not {_LABELS[format]} export"
    raise ImportFormatError(f"{path}: {problem}; expected {_EXPECTED[format]} (found {preview!r})")


def _cells(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def _sniff_delimiter(line: str) -> str:
    """Pick the delimiter that splits the header into the most columns; comma wins ties."""
    best, best_count = ",", 0
    for delimiter in _DELIMITERS:
        if delimiter not in line:
            continue
        count = len(_cells(line, delimiter))
        if count > best_count:
            best, best_count = delimiter, count
    return best
