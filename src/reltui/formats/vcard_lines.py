"""The content lines of a vCard file, as bytes: cards, unfolding, parameters, quoted-printable.

Everything here works on bytes so that a fold or a soft line break splitting a multi-byte
character is joined before any decoding, and so that each property can be decoded with its own
``CHARSET``. Every step is a single pass: a card of a million folded lines reads in linear time.
Most files need none of that care: ``vcard_plain.plain_cards`` reads them whole.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

# Binary payloads are large, useless here, and the likeliest lines to be malformed.
BINARY_PROPERTIES = frozenset((b"PHOTO", b"LOGO", b"SOUND", b"KEY"))
_NAME = re.compile(rb"(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)")
# Bare vCard 2.1 parameters that name an encoding or a character set rather than a type.
_BARE_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"}
_PREVIEW = 40


class TruncatedCardError(ValueError):
    """The file ends inside a card; ``card`` is its 1-based number."""

    def __init__(self, card: int) -> None:
        super().__init__(f"card {card} has no END:VCARD (the file looks truncated)")
        self.card = card


@dataclass(slots=True)
class Property:
    """One content line: its upper-case name, parameters and (quoted-printable decoded) value."""

    line: int
    name: str
    params: dict[str, list[str]]
    value: bytes


@dataclass(slots=True)
class BadLine:
    """A content line that could not be read, and why."""

    line: int
    preview: str
    reason: str


@dataclass(slots=True)
class RawCard:
    """One card's readable properties and unreadable lines, in file order."""

    number: int
    line: int
    properties: list[Property] = field(default_factory=list)
    bad: list[BadLine] = field(default_factory=list)


# ``BEGIN:VCARD`` or ``END:VCARD`` as ``is_marker`` reads them (``\\s`` is what bytes.strip()
# strips; IGNORECASE on bytes folds ASCII only, like bytes.upper()), in one call per line.
_MARKER = re.compile(rb"\s*(BEGIN|END)\s*:\s*VCARD\s*", re.IGNORECASE)
# A head that might name a binary property: only then is its name looked at closely.
_BINARY_HINT = re.compile(b"|".join(sorted(BINARY_PROPERTIES)), re.IGNORECASE)
# A head that names quoted-printable text (its value may go on after a soft line break).
QUOTED_PRINTABLE_HINT = re.compile(rb"QUOTED-PRINTABLE|QP", re.IGNORECASE)
# Parsed heads (name and parameters) seen in a file: most cards repeat the same few.
HEAD_CACHE_LIMIT = 4096

Params = dict[str, list[str]]
# A card's decoded property texts by upper-case name, in file order, with their parameters.
CardTexts = dict[str, list[tuple[str, Params]]]


def has_begin_line(data: bytes) -> bool:
    """Tell whether any line of ``data`` is ``BEGIN:VCARD``."""
    if b"VCARD" not in data.upper():
        return False  # a quicker scan than the pattern's, for a large CSV
    return re.search(rb"(?im)^[ \t]*BEGIN[ \t]*:[ \t]*VCARD[ \t]*\r?$", data) is not None


def looks_like_content_line(line: bytes) -> bool:
    """Tell whether ``line`` has the shape ``NAME[;PARAMS]:VALUE`` (and so is no CSV header)."""
    head = line.partition(b":")[0] if b":" in line else b""
    return bool(head) and _NAME.fullmatch(head.split(b";", 1)[0].strip()) is not None


_KNOWN_PROPERTIES = frozenset(
    ("BEGIN", "END", "VERSION", "FN", "N", "TEL", "EMAIL", "ORG", "ADR", "NOTE", "TITLE", "UID")
    + ("PRODID", "REV", "URL", "CATEGORIES", "LABEL", "PHOTO", "BDAY", "ROLE", "NICKNAME")
    + ("LOGO", "SOUND", "KEY", "GEO", "TZ", "IMPP", "MAILER", "SORT-STRING", "CLASS", "SOURCE")
    + ("KIND", "GENDER", "LANG", "ANNIVERSARY", "RELATED", "MEMBER", "CLIENTPIDMAP", "PROFILE")
)


def is_property_line(text: str) -> bool:
    """Tell whether ``text`` is a vCard line such as ``TEL;CELL:...`` or ``END:VCARD``."""
    head = text.partition(":")[0] if ":" in text else ""
    name = head.split(";", 1)[0].strip().rpartition(".")[2].upper()
    return name in _KNOWN_PROPERTIES or name.startswith("X-")


def physical_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Yield each line of ``data`` with its 1-based number, without its line ending.

    Lines end with LF or CRLF; a raw carriage return inside a line stays part of its value.
    Only a file with no LF at all is taken to end its lines with CR.
    """
    separator = b"\n" if b"\n" in data else b"\r"
    lines = data.split(separator)
    if lines[-1] == b"":
        lines.pop()  # the file's last line ending, not an empty line after it
    for number, line in enumerate(lines, 1):
        yield number, line[:-1] if line.endswith(b"\r") else line


def logical_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Yield each unfolded content line with the number of its first physical line.

    Folded continuations (a leading space or tab) and quoted-printable soft line breaks (a
    value ending in ``=``) are joined as bytes. Binary properties are dropped whole, including
    the unindented base64 lines vCard 2.1 writes after them.
    """
    # A line is copied only when a continuation is joined to it.
    current: bytes | bytearray | None = None
    start = 0
    quoted_printable = False
    dropping = False
    binary_hint = _BINARY_HINT.search
    quoted_printable_hint = QUOTED_PRINTABLE_HINT.search
    for number, line in physical_lines(data):
        if (
            current is not None
            and quoted_printable
            and current.endswith(b"=")
            # A value's last "=" that runs into the next property is a stray, not a soft break.
            and not is_property_line(line.decode("latin-1"))
        ):
            joined = current if type(current) is bytearray else bytearray(current)
            del joined[-1]  # a soft line break: the value goes on in the next line
            joined += line.lstrip(b" \t")
            current = joined
            continue
        first = line[:1]
        if first == b" " or first == b"\t":
            if current is not None:
                joined = current if type(current) is bytearray else bytearray(current)
                joined += line[1:]
                current = joined
            continue
        if current is not None:
            yield start, current if type(current) is bytes else bytes(current)
            current = None
        if not line.strip():
            dropping = False
            continue
        if dropping and b":" not in line:
            continue
        head = line.partition(b":")[0]
        dropping = (
            binary_hint(head) is not None
            and _NAME.match(head) is not None
            and _base_name(head) in BINARY_PROPERTIES
        )
        if dropping:
            continue
        quoted_printable = quoted_printable_hint(head) is not None
        current = line
        start = number
    if current is not None:
        yield start, current if type(current) is bytes else bytes(current)


def _base_name(head: bytes) -> bytes:
    match = _NAME.match(head.split(b";", 1)[0].strip())
    return match.group(1).upper() if match else b""


def raw_cards(data: bytes) -> Iterator[RawCard]:
    """Yield each top-level card; content outside any card is ignored.

    Raises ``TruncatedCardError`` when the data ends inside a card.
    """
    card: RawCard | None = None
    depth = 0
    number = 0
    heads: dict[bytes, tuple[str, dict[str, list[str]]] | None] = {}
    marker = _MARKER.fullmatch
    for line_number, line in logical_lines(data):
        found = marker(line)
        if found is not None and found.group(1).upper() == b"BEGIN":
            depth += 1
            if depth == 1:
                number += 1
                card = RawCard(number, line_number)
            continue
        if found is not None:
            if depth == 1 and card is not None:
                yield card
                card = None
            depth = max(depth - 1, 0)
            continue
        if depth != 1 or card is None:
            continue  # lines of an embedded card (AGENT), or outside any card
        parsed = parse_line(line_number, line, heads)
        if isinstance(parsed, Property):
            card.properties.append(parsed)
        elif parsed is not None:
            card.bad.append(parsed)
    if depth > 0:
        raise TruncatedCardError(number)


def parse_line(
    number: int,
    line: bytes,
    heads: dict[bytes, tuple[str, dict[str, list[str]]] | None] | None = None,
) -> Property | BadLine | None:
    """Split a content line into name, parameters and value; None for an empty line.

    ``heads`` caches the parsed name and parameters of the heads seen so far (their
    parameters are shared between properties, and never changed).
    """
    if not line.strip():
        return None
    colon = line.find(b":")
    if colon != -1 and line.find(b'"', 0, colon) != -1:
        colon = _value_start(line)  # a quoted parameter may hold a colon
    if colon == -1:
        return BadLine(number, _preview(line), "no ':' between name and value")
    head, value = line[:colon], line[colon + 1 :]
    if heads is not None and head in heads:
        parsed = heads[head]
    else:
        parsed = parse_head(head)
        if heads is not None and len(heads) < HEAD_CACHE_LIMIT:
            heads[head] = parsed
    if parsed is None:
        return BadLine(number, _preview(line), "not a property name")
    name, params = parsed
    if is_quoted_printable(params):
        value = binascii.a2b_qp(value)
    return Property(number, name, params, value)


def is_quoted_printable(params: Params) -> bool:
    return "ENCODING" in params and params["ENCODING"][-1].upper() in ("QUOTED-PRINTABLE", "QP")


def parse_head(head: bytes) -> tuple[str, dict[str, list[str]]] | None:
    """A head's upper-case property name and its parameters; None when the name is no name."""
    name_part, _, params_part = head.partition(b";")
    match = _NAME.fullmatch(name_part.strip())
    if match is None:
        return None
    return match.group(1).decode("ascii").upper(), _parameters(params_part)


def _value_start(line: bytes) -> int:
    """The index of the colon that ends the name and parameters, skipping quoted parameters."""
    colon = line.find(b":")
    quote = line.find(b'"')
    if quote == -1 or colon < quote:
        return colon
    inside = False
    for index, byte in enumerate(line):
        if byte == 0x22:
            inside = not inside
        elif byte == 0x3A and not inside:
            return index
    return -1


def _parameters(text: bytes) -> dict[str, list[str]]:
    """Parameters by upper-case name; bare vCard 2.1 ones (``TEL;CELL;PREF``) count as TYPE."""
    params: dict[str, list[str]] = {}
    if not text:
        return params
    for part in _split_outside_quotes(text.decode("latin-1")):
        part = part.strip()
        if not part:
            continue  # an empty parameter, as in "ADR;HOME;PREF;:"
        key, equals, value = part.partition("=")
        if not equals:
            key, value = _bare_parameter(part)
        values = [item.strip().strip('"') for item in value.split(",")]
        params.setdefault(key.strip().upper(), []).extend(item for item in values if item)
    return params


def _bare_parameter(value: str) -> tuple[str, str]:
    upper = value.upper()
    if upper in _BARE_ENCODINGS:
        return "ENCODING", value
    if upper.startswith("CHARSET"):
        return "CHARSET", value[len("CHARSET") :].lstrip(" =")
    return "TYPE", value


def _split_outside_quotes(text: str) -> list[str]:
    if '"' not in text:
        return text.split(";")
    return re.findall(r'(?:[^;"]|"[^"]*")+|(?<=;)(?=;)', text)


def _preview(line: bytes) -> str:
    text = line.decode("utf-8", errors="replace")
    text = "".join(char if char.isprintable() else " " for char in text[: _PREVIEW + 1])
    return text if len(text) <= _PREVIEW else text[: _PREVIEW - 3] + "..."
