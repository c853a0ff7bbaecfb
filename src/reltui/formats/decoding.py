"""Reading a file's bytes and turning them into text: encodings, byte-order marks, binary data."""

from __future__ import annotations

import codecs
from pathlib import Path

from reltui.formats.records import ImportFormatError

# Signatures of files people pick by mistake, with what to tell them.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "is a ZIP archive or an .xlsx workbook; save it as CSV first"),
    (b"\xd0\xcf\x11\xe0", "is an old Excel (.xls) or Office file; save it as CSV first"),
    (b"\x89PNG", "is a PNG image, not a contacts file"),
    (b"\xff\xd8\xff", "is a JPEG image, not a contacts file"),
    (b"GIF8", "is a GIF image, not a contacts file"),
    (b"%PDF", "is a PDF document, not a contacts file"),
    (b"\x1f\x8b", "is gzip-compressed; uncompress it first"),
    (b"SQLite format 3\x00", "is a SQLite database, not a contacts file"),
)
_SAMPLE_SIZE = 4096
# Text with more control characters than this share is treated as binary.
_BINARY_CONTROL_SHARE = 0.1
_TEXT_CONTROLS = {"\t", "\n", "\r", "\x0c"}


def read_bytes(path: Path) -> bytes:
    """Return the file's content, or raise ImportFormatError saying why it cannot be read."""
    try:
        if path.is_dir():
            raise ImportFormatError(f"{path}: is a directory, not a file")
        if path.exists() and not path.is_file():
            raise ImportFormatError(f"{path}: is not a regular file")
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportFormatError(f"{path}: no such file") from None
    except PermissionError:
        raise ImportFormatError(f"{path}: permission denied") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ImportFormatError(f"{path}: cannot be read ({reason})") from None


def decode(path: Path, data: bytes) -> str:
    """Decode ``data`` as UTF-8, UTF-16 or cp1252; raise ImportFormatError for binary data."""
    for signature, problem in _SIGNATURES:
        if data.startswith(signature):
            raise ImportFormatError(f"{path}: {problem}")
    text = _decode_text(data)
    if not text.strip():
        raise ImportFormatError(f"{path}: file is empty")
    if _looks_binary(text[:_SAMPLE_SIZE]):
        raise ImportFormatError(f"{path}: holds binary data, not CSV or vCard text")
    # NUL is never meaningful in contact text, and would only trouble later stages.
    return text.replace("\x00", "") if "\x00" in text else text


def _decode_text(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _decode_utf8(data[len(codecs.BOM_UTF8) :])
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    bomless_utf16 = _bomless_utf16(data)
    if bomless_utf16:
        return data.decode(bomless_utf16, errors="replace")
    return _decode_utf8(data)


def _decode_utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Older spreadsheet tools and Outlook save Windows-1252.
        return data.decode("cp1252", errors="replace")


def _bomless_utf16(data: bytes) -> str | None:
    """Name the UTF-16 byte order of mostly-ASCII text saved without a BOM, if it is that."""
    sample = data[: _SAMPLE_SIZE - _SAMPLE_SIZE % 2]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    if odd_zeros > pairs * 0.6 and even_zeros == 0:
        return "utf-16-le"
    if even_zeros > pairs * 0.6 and odd_zeros == 0:
        return "utf-16-be"
    return None


def _looks_binary(sample: str) -> bool:
    controls = sum(1 for char in sample if char < " " and char not in _TEXT_CONTROLS)
    return controls > 4 and controls > len(sample) * _BINARY_CONTROL_SHARE
