"""The importers' entry point: read a file, find its format and header, dispatch to a parser."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reltui.formats.cleaning import clean_line
from reltui.formats.csv_formats import detect, fits, header_keys, header_language, resolve
from reltui.formats.csv_records import read_rows
from reltui.formats.decoding import check_signatures, decode_text, read_bytes, utf16_encoding
from reltui.formats.emails import drop_invalid_emails
from reltui.formats.ldif import is_ldif, read_ldif
from reltui.formats.records import ImportFormatError, ParsedFile
from reltui.formats.vcard import TruncatedCardError, read_cards
from reltui.formats.vcard_lines import has_begin_line, is_property_line, looks_like_content_line

FORMATS = ("auto", "csv", "google", "linkedin", "ldif", "outlook", "vcard")

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
# Google exports an Outlook-shaped CSV too; either choice accepts what detection accepts.
_INTERCHANGEABLE = {"google": {"google", "outlook"}, "outlook": {"google", "outlook"}}
_VCARD_EXTENSIONS = {".vcf", ".vcard"}


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

    ``path`` may be a directory of vCard files (the vdir layout of khard and vdirsyncer), read
    as one source. ``progress`` is called now and then with the number of rows (or cards) read
    so far. Any file that cannot be imported raises ``ImportFormatError`` with a one-line
    message that starts with the path.
    """
    path = Path(path)
    if format not in FORMATS:
        raise ImportFormatError(
            f"{path}: unknown format {format!r}; use one of {', '.join(FORMATS)}"
        )
    if path.is_dir() and format in ("auto", "vcard"):
        return _read_vdir(path, progress)
    data = read_bytes(path)
    check_signatures(path, data)
    card_data = _as_utf8(data)
    is_vcard = has_begin_line(card_data)
    if format == "vcard" or (format == "auto" and is_vcard and _starts_like_vcard(card_data)):
        return _read_vcard(path, card_data, is_vcard, progress)
    if format == "ldif" or (format == "auto" and is_ldif(card_data)):
        return _finish(read_ldif(path, card_data), "entry")
    if is_vcard and _starts_like_vcard(card_data):
        raise ImportFormatError(f"{path}: is a vCard file, not {_LABELS[format]} export")
    return _finish(_read_csv(path, data, format, progress), "row")


def _finish(parsed: ParsedFile, unit: str) -> ParsedFile:
    parsed.warnings.extend(drop_invalid_emails(parsed.records, unit))
    return parsed


def _as_utf8(data: bytes) -> bytes:
    """The bytes of a UTF-16 file as UTF-8, so line-based readers see its lines."""
    encoding = utf16_encoding(data)
    if encoding:
        return data.decode(encoding, errors="replace").encode("utf-8")
    return data.removeprefix(b"\xef\xbb\xbf")


def _starts_like_vcard(data: bytes) -> bool:
    """The first non-blank line is a content line (``BEGIN:VCARD``, or a stray ``ENCODING:...``).

    A CSV header never has that shape, so a CSV whose notes quote a vCard stays a CSV.
    """
    for line in data[:4096].splitlines():
        if line.strip():
            return looks_like_content_line(line.strip())
    return False


def _read_vcard(
    path: Path, data: bytes, is_vcard: bool, progress: Callable[[int], None] | None
) -> ParsedFile:
    if not is_vcard:
        raise ImportFormatError(f"{path}: no BEGIN:VCARD line found; not a vCard file")
    try:
        result = read_cards(data, progress)
    except TruncatedCardError as error:
        raise ImportFormatError(f"{path}: {error}") from None
    parsed = ParsedFile(
        format="vcard",
        records=result.records,
        skipped=result.skipped,
        warnings=result.warnings,
        encoding=", ".join(result.encodings),
    )
    return _finish(parsed, "card")


def _read_vdir(path: Path, progress: Callable[[int], None] | None) -> ParsedFile:
    """Every ``.vcf`` file of a directory as one source; editors' temporary files are ignored."""
    try:
        files = sorted(
            entry
            for entry in path.iterdir()
            if entry.suffix.lower() in _VCARD_EXTENSIONS
            and not entry.name.startswith(".")
            and entry.is_file()
            and not entry.is_symlink()
        )
    except OSError as error:
        raise ImportFormatError(f"{path}: cannot be read ({error.strerror})") from None
    if not files:
        raise ImportFormatError(f"{path}: is a directory without .vcf files")
    merged = ParsedFile(format="vdir")
    encodings: dict[str, None] = {}
    for file in files:
        parsed = read_contacts(file, "vcard")
        for record in parsed.records:
            record.row = len(merged.records) + 1
            merged.records.append(record)
        for skipped in parsed.skipped:
            skipped.reason = f"{file.name}: {skipped.reason}"
            merged.skipped.append(skipped)
        merged.warnings.extend(f"{file.name}: {warning}" for warning in parsed.warnings)
        encodings.update(dict.fromkeys(parsed.encoding.split(", ")))
        if progress is not None:
            progress(len(merged.records))
    merged.encoding = ", ".join(encodings)
    return merged


def _read_csv(
    path: Path, data: bytes, format: str, progress: Callable[[int], None] | None
) -> ParsedFile:
    decoded = decode_text(path, data)
    text = decoded.text
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
    except ValueError as error:  # an unterminated quote, from read_rows
        raise ImportFormatError(f"{path}: {error}") from None
    for record in records[:50]:
        if is_property_line(record.name):
            line = clean_line(record.name)[:40]
            raise ImportFormatError(
                f"{path}: row {record.row} reads as a vCard line ({line!r}); this is no CSV export"
            )
    warnings = [f"encoding guessed as {decoded.encoding}"] if decoded.guessed else []
    return ParsedFile(
        format=header.format,
        records=records,
        skipped=skipped,
        warnings=warnings,
        encoding=decoded.encoding,
        language=header_language(header.cells),
    )


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
        found = _header_format(keys, format)
        if found:
            return _Header(found, cells, delimiter, stream.tell(), number + 1)
    preview = clean_line(first_line)
    if len(preview) > _PREVIEW_LENGTH:
        preview = preview[: _PREVIEW_LENGTH - 3] + "..."
    problem = "unrecognised header" if format == "auto" else f"not {_LABELS[format]} export"
    raise ImportFormatError(f"{path}: {problem}; expected {_EXPECTED[format]} (found {preview!r})")


def _header_format(keys: dict[str, int], format: str) -> str | None:
    """The layout to read a header with: the detected one, or the forced one if it fits."""
    if format == "auto":
        return detect(keys)
    if fits(format, keys):
        return format
    detected = detect(keys)
    if detected in _INTERCHANGEABLE.get(format, ()):
        return detected
    return None


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
