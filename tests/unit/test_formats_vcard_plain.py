"""The quick reading of plain vCard files gives what the line-by-line reading gives."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reltui.formats import vcard
from reltui.formats.vcard_lines import TruncatedCardError
from reltui.formats.vcard_plain import plain_cards


def read_line_by_line(data):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(vcard, "plain_cards", lambda data, wanted: None)
        return vcard.read_cards(data)


def outcome(read, data):
    try:
        return read(data)
    except TruncatedCardError as error:
        return str(error)


def is_plain(data):
    try:
        return plain_cards(data, frozenset({"FN", "EMAIL"})) is not None
    except TruncatedCardError:
        return True


PLAIN = {
    "folds splitting UTF-8 characters": (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zo\xc3\r\n \xab \xc3\x98ster\r\n\tg\xc3\xa5rd\r\n"
        b"EMAIL;TYPE=INTERNET:zoe@exam\r\n ple.dk\r\nEND:VCARD\r\n"
    ),
    "binary photo, groups, quoted parameters, blank lines": (
        b"begin : vcard \r\nVERSION:4.0\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ\r\n AAAA\r\n"
        b"FN:Ann Lee\r\nitem1.EMAIL;type=INTERNET:ann@example.com\r\n"
        b'TEL;TYPE="cell,voice";PREF=1:+1 555\r\nTEL:+2 555\r\nend:VCARD\t\r\n\r\n'
        b"BEGIN:VCARD\r\nN:Lee;Bo;;;\r\nCATEGORIES:a\\,b,reltui-client\r\nEND:VCARD\r\n"
    ),
    "an embedded card and text outside the cards": (
        b"X-EXPORTED-BY:phone\nBEGIN:VCARD\nFN:Ann\nAGENT:\nBEGIN:VCARD\nFN:Agent\n"
        b"END:VCARD\nEMAIL:ann@example.com\nEND:VCARD\n"
    ),
    "a raw carriage return and no final line ending": (
        b"BEGIN:VCARD\r\r\nFN:Ann\r\r\n x\r\nNOTE:a\rb\r\nEND:VCARD\r"
    ),
    "truncated": b"BEGIN:VCARD\r\nFN:Ann\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Bo\r\n",
}

LINE_BY_LINE = {
    "a soft line break": b"BEGIN:VCARD\r\nNOTE;X-QP=1:ab=\r\nmore:x\r\nEND:VCARD\r\n",
    "quoted-printable mixed in": (
        b"BEGIN:VCARD\r\nFN:Ann\r\nNOTE;ENCODING=QUOTED-PRINTABLE:first=0D=0Ali=\r\nne\r\n"
        b"END:VCARD\r\nBEGIN:VCARD\r\nFN:Bo Zo\xc3\r\n \xa9\r\nEND:VCARD\r\n"
    ),
    "a charset": b"BEGIN:VCARD\r\nFN;CHARSET=windows-1251:\xc2\xb3\r\nEND:VCARD\r\n",
    "text that is not UTF-8": b"BEGIN:VCARD\r\nFN:J\xf6rg\r\nEND:VCARD\r\n",
    "an unreadable line": b"BEGIN:VCARD\r\nFN:Ann\r\njunk\r\nEND:VCARD\r\n",
    "a fold that starts the file": b" BEGIN:VCARD\r\nBEGIN:VCARD\r\nEND:VCARD\r\n",
    "a fold after a blank line": b"BEGIN:VCARD\r\nFN:Ann\r\n\r\n EMAIL:x@y.z\r\nEND:VCARD\r\n",
    "a fold inside a head": b"BEGIN:VCARD\r\nFN:Ann\r\nKEY\r\n .NOTE:hi\r\nEND:VCARD\r\n",
    "a quoted colon": b'BEGIN:VCARD\r\nFN:Ann\r\nADR;GEO="geo:1,2":;;Main St\r\nEND:VCARD\r\n',
    "lines ending with CR alone": b"BEGIN:VCARD\rFN:Ann\rEMAIL:a@b.c\rEND:VCARD\r",
}


@pytest.mark.parametrize("data", PLAIN.values(), ids=PLAIN.keys())
def test_a_plain_file_is_read_quickly_and_the_same(data):
    assert is_plain(data)
    assert outcome(vcard.read_cards, data) == outcome(read_line_by_line, data)


@pytest.mark.parametrize("data", LINE_BY_LINE.values(), ids=LINE_BY_LINE.keys())
def test_a_file_that_needs_care_is_read_line_by_line(data):
    assert not is_plain(data)
    assert outcome(vcard.read_cards, data) == outcome(read_line_by_line, data)


plain_line = st.sampled_from(
    [
        "BEGIN:VCARD",
        "END:VCARD",
        "end : vcard ",
        "VERSION:3.0",
        "FN:Zoë Østergård",
        "N:山田;太郎;;;",
        "EMAIL;TYPE=INTERNET;PREF:mailto:ann@example.com",
        "item1.EMAIL;type=pref:bo@example.com",
        'TEL;TYPE="cell,voice":tel:+1 555',
        "ORG:Acme\\, Inc.;Sales",
        "NOTE:a\\nb\\,c\x01",
        "CATEGORIES:vip,reltui-client",
        "PHOTO;ENCODING=b:AAAA",
        "X-KEYWORDS:one",
        "",
    ]
)
# Each needs the line-by-line reading in its own way (a line feed separates lines; a lone
# surrogate stands for a byte that is not UTF-8).
careful_line = st.sampled_from(
    [
        "NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=A9=\nMORE:x",
        "NOTE;X-QP=1:soft=\nMORE:x",
        "NOTE;ENCODING=Q\n P:a=3Db",
        "FN;CHARSET=windows-1251:Zoë",
        'EMAIL;X="a:b":c@example.com',
        "FN:J\udcf6rg",
        "KEY\n .NOTE:hi",
        "\n EMAIL:x@example.com",
        " BEGIN:VCARD",
        "junk",
        "\x0c",
        'N;=;"=:A.',
        ":\tnone",
    ]
)


@st.composite
def vcard_files(draw):
    """Cards of plain lines folded at any byte of a value, with CRLF or LF line endings; or
    such cards with a line or two that only the line-by-line reading reads right, some lines
    folded at any byte, with any line ending.
    """
    careful = draw(st.booleans())
    lines = draw(st.lists(plain_line, max_size=2))
    for _ in range(draw(st.integers(0, 3))):
        lines += ["BEGIN:VCARD", *draw(st.lists(plain_line, max_size=8)), "END:VCARD"]
    for _ in range(draw(st.integers(1, 2)) if careful else 0):
        lines.insert(draw(st.integers(0, len(lines))), draw(careful_line))
    folded = []
    for text in "\n".join(lines).split("\n"):
        data = text.encode("utf-8", errors="surrogateescape")
        anywhere = careful and draw(st.sampled_from([False, False, False, True]))
        first = 1 if anywhere else data.find(b":") + 1
        while 0 < first < len(data) and draw(st.booleans()):
            cut = draw(st.integers(first, len(data) - 1))
            folded.append(data[:cut])
            data = draw(st.sampled_from([b" ", b"\t"])) + data[cut:]
            first = 2
        folded.append(data)
    ending = draw(st.sampled_from([b"\r\n", b"\n", b"\r"] if careful else [b"\r\n", b"\n"]))
    return ending.join(folded) + draw(st.sampled_from([ending, b""]))


@settings(max_examples=1000, deadline=None)
@given(data=vcard_files())
def test_any_file_reads_as_line_by_line(data):
    assert outcome(vcard.read_cards, data) == outcome(read_line_by_line, data)
