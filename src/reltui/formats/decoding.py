"""Reading a file's bytes and turning them into text: encodings, byte-order marks, binary data."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
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
# The detector reads at most this much; the chosen codec then decodes everything.
_GUESS_SAMPLE = 256 * 1024
# Encodings contact exports are written in; the detector's exotic code pages only mislead on the
# short texts (names) a contacts file holds. Earlier entries win when the detector cannot tell.
_CONTACT_ENCODINGS = (
    "cp1252",
    "cp1251",
    "cp1250",
    "cp932",
    "shift_jis",
    "euc_jp",
    "gb18030",
    "big5",
    "cp949",
    "euc_kr",
    "koi8_r",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp874",
    "iso8859_2",
    "iso8859_5",
    "iso8859_7",
    "iso8859_15",
    "mac_roman",
    "cp850",
)
_TIE = 0.02


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text, the encoding it was read with, and whether that encoding is a guess."""

    text: str
    encoding: str
    guessed: bool = False


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


def check_signatures(path: Path, data: bytes) -> None:
    """Raise ImportFormatError when ``data`` is a kind of file people pick by mistake."""
    for signature, problem in _SIGNATURES:
        if data.startswith(signature):
            raise ImportFormatError(f"{path}: {problem}")


def decode(path: Path, data: bytes) -> str:
    """Decode ``data`` (see ``decode_text``) and return only the text."""
    return decode_text(path, data).text


def decode_text(path: Path, data: bytes) -> Decoded:
    """Decode ``data`` as UTF-8, UTF-16 or a detected 8-bit encoding; refuse binary data."""
    check_signatures(path, data)
    decoded = _decode_text(data)
    text = decoded.text
    if not text.strip():
        raise ImportFormatError(f"{path}: file is empty")
    if _looks_binary(text[:_SAMPLE_SIZE]):
        raise ImportFormatError(f"{path}: holds binary data, not CSV or vCard text")
    # NUL is never meaningful in contact text, and would only trouble later stages.
    if "\x00" in text:
        return Decoded(text.replace("\x00", ""), decoded.encoding, decoded.guessed)
    return decoded


def utf16_encoding(data: bytes) -> str | None:
    """Name the UTF-16 codec ``data`` is written in (with or without a BOM), if it is."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return _bomless_utf16(data)


def _decode_text(data: bytes) -> Decoded:
    if data.startswith(codecs.BOM_UTF8):
        return _decode_utf8(data[len(codecs.BOM_UTF8) :])
    utf16 = utf16_encoding(data)
    if utf16:
        return Decoded(data.decode(utf16, errors="replace"), "utf-16")
    return _decode_utf8(data)


def _decode_utf8(data: bytes) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        encoding = guess_encoding(data)
        return Decoded(data.decode(encoding, errors="replace"), encoding, guessed=True)


def guess_encoding(data: bytes) -> str:
    """The likeliest 8-bit encoding of text that is not UTF-8, by charset-normalizer.

    Among the encodings the detector finds equally plausible, the one contact exports use most
    (Windows-1252, then Cyrillic, Central European, Japanese...) wins.
    """
    from charset_normalizer import from_bytes

    sample = _non_ascii_lines(data)
    matches = list(from_bytes(sample, cp_isolation=list(_CONTACT_ENCODINGS)))
    if not matches:
        return "cp1252"
    best = min(match.chaos for match in matches)
    plausible = {
        encoding
        for match in matches
        if match.chaos <= best + _TIE
        # The detector folds encodings that read the sample alike into one match.
        for encoding in (match.encoding, *match.could_be_from_charset)
    }
    for encoding in _CONTACT_ENCODINGS:
        if encoding in plausible:
            return encoding
    return matches[0].encoding


def _non_ascii_lines(data: bytes) -> bytes:
    """The lines of ``data`` that hold 8-bit bytes, up to the detector's sample size.

    Plain ASCII lines (headers, emails, numbers) tell the detector nothing.
    """
    if len(data) <= _GUESS_SAMPLE:
        lines = data.splitlines()
    else:
        lines = data[: _GUESS_SAMPLE * 4].splitlines()
    sample = bytearray()
    for line in lines:
        if not line.isascii():
            sample += line
            sample += b"\n"
            if len(sample) >= _GUESS_SAMPLE:
                break
    return bytes(sample) or data[:_GUESS_SAMPLE]


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
