"""Encodings, delimiters, names, cleaning and progress of read_contacts on hand-made files."""

import codecs

import pytest

from reltui.formats import FORMATS, ContactRecord, ParsedFile, SkippedRow, read_contacts

NAMES_TEXT = "Name,Email,Company\r\nJürgen Müller,jm@example.com,José & Zoë\r\n"


def write(tmp_path, data: bytes, name="contacts.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data",
    [
        NAMES_TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + NAMES_TEXT.encode("utf-8"),
        NAMES_TEXT.encode("utf-16"),
        codecs.BOM_UTF16_LE + NAMES_TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + NAMES_TEXT.encode("utf-16-be"),
        NAMES_TEXT.encode("utf-16-le"),
        NAMES_TEXT.encode("utf-16-be"),
        NAMES_TEXT.encode("cp1252"),
    ],
    ids=[
        "utf-8",
        "utf-8-bom",
        "utf-16",
        "utf-16-le-bom",
        "utf-16-be-bom",
        "utf-16-le",
        "utf-16-be",
        "cp1252",
    ],
)
def test_encodings_are_detected(tmp_path, data):
    parsed = read_contacts(write(tmp_path, data))

    assert parsed.records == [
        ContactRecord(name="Jürgen Müller", emails=["jm@example.com"], company="José & Zoë", row=2)
    ]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_delimiters_and_line_endings_are_sniffed(tmp_path, delimiter, newline):
    lines = [["Name", "E-mail", "Organisation"], ["Ann Lee", "ann@example.com", "Lee, Ltd"]]
    text = newline.join(delimiter.join(f'"{cell}"' for cell in line) for line in lines) + newline

    parsed = read_contacts(write(tmp_path, text.encode()))

    assert parsed.records == [
        ContactRecord(name="Ann Lee", emails=["ann@example.com"], company="Lee, Ltd", row=2)
    ]


def test_excel_sep_line_sets_the_delimiter(tmp_path):
    path = write(tmp_path, b"sep=;\r\nName;Email\r\nAnn, the Second;ann@example.com\r\n")

    assert read_contacts(path).records == [
        ContactRecord(name="Ann, the Second", emails=["ann@example.com"], row=3)
    ]


@pytest.mark.parametrize(
    ("header", "row", "name"),
    [
        ("First Name,Middle Name,Last Name", "Ada,King,Lovelace", "Ada King Lovelace"),
        ("first_name,last_name", "Ada,Lovelace", "Ada Lovelace"),
        ("Given Name,Surname", " Ada , Lovelace ", "Ada Lovelace"),
        ("Last Name,Email", "Lovelace,", "Lovelace"),
        ("Full Name,Email", "Ada Lovelace,", "Ada Lovelace"),
        ("Name,First Name,Last Name", "Countess,Ada,Lovelace", "Ada Lovelace"),
        ("Email,Name", "ada@example.com,", "ada@example.com"),
        ("E-mail Address,Display Name", " ada@example.com ; ADA@example.com ,", "ada@example.com"),
    ],
)
def test_names_are_composed_or_fall_back_to_the_email(tmp_path, header, row, name):
    path = write(tmp_path, f"{header}\n{row}\n".encode())

    assert [record.name for record in read_contacts(path).records] == [name]


def test_emails_keep_their_case_and_lose_case_insensitive_repeats(tmp_path):
    path = write(
        tmp_path, b"Name,Email,Work Email\nAnn,Ann@Example.com; ann@example.COM,b@example.org\n"
    )

    assert read_contacts(path).records[0].emails == ["Ann@Example.com", "b@example.org"]


def test_skipped_rows_carry_line_numbers_and_reasons(tmp_path):
    text = 'Name,Email,Company\n,,Acme\n,,\n\n"Two\nLines",,\n , ,\n,,Other\n'

    parsed = read_contacts(write(tmp_path, text.encode()))

    assert [r.name for r in parsed.records] == ["Two Lines"]
    assert parsed.skipped == [
        SkippedRow(2, "no name or email"),
        SkippedRow(3, "empty row"),
        SkippedRow(7, "empty row"),
        SkippedRow(8, "no name or email"),
    ]


def test_control_characters_are_removed_and_notes_keep_line_breaks(tmp_path):
    text = 'Name,Notes,Company\n"A\x1b[2Jnn\x85 \x00Lee","one\r\ntwo\x07\tthree\x9b",\x7fAcme\n'

    record = read_contacts(write(tmp_path, text.encode())).records[0]

    assert (record.name, record.notes, record.company) == ("A[2Jnn Lee", "one\ntwo\tthree", "Acme")


def test_line_breaks_inside_single_line_fields_become_spaces(tmp_path):
    record = read_contacts(write(tmp_path, b'Name,Title\n"Ann\nLee","Head of\tSales"\n')).records[0]

    assert (record.name, record.position) == ("Ann Lee", "Head of Sales")


def test_unknown_columns_are_ignored_and_case_does_not_matter(tmp_path):
    text = (
        "NAME,E-MAIL,FAVOURITE COLOUR,JOB TITLE,WEBSITE,TAGS\n"
        "Ann,a@example.com,teal,CEO,https://example.com,x; y ::: z\n"
    )

    record = read_contacts(write(tmp_path, text.encode())).records[0]

    assert record == ContactRecord(
        name="Ann",
        emails=["a@example.com"],
        position="CEO",
        url="https://example.com",
        tags=["x", "y", "z"],
        row=2,
    )


def test_a_one_megabyte_note_is_read_whole(tmp_path):
    notes = "x" * 1_000_000 + "\n" + "y" * 100_000
    path = tmp_path / "big.csv"
    path.write_text(f'Name,Notes\nAnn,"{notes}"\nBob,\n', encoding="utf-8")

    parsed = read_contacts(path)

    assert [(r.name, len(r.notes), r.row) for r in parsed.records] == [
        ("Ann", 1_100_001, 2),
        ("Bob", 0, 4),
    ]


def test_progress_reports_rows_read(tmp_path):
    rows = "".join(f"Person {i},p{i}@example.com\n" for i in range(2500))
    reports: list[int] = []

    parsed = read_contacts(
        write(tmp_path, ("Name,Email\n" + rows).encode()), progress=reports.append
    )

    assert len(parsed.records) == 2500
    assert reports == [1000, 2000, 2500]


def test_progress_reports_vcard_cards(tmp_path):
    cards = "".join(f"BEGIN:VCARD\nVERSION:3.0\nFN:P{i}\nEND:VCARD\n" for i in range(150))
    reports: list[int] = []

    read_contacts(write(tmp_path, cards.encode(), "all.vcf"), progress=reports.append)

    assert reports == [100, 150]


def test_vcard_without_fn_uses_structured_name_and_keeps_a_card_with_a_malformed_line(tmp_path):
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nN:Lee;Ann;Marie;Dr.;\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Broken\nthis line has no colon\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:2.1\nN:Ng;Bo\nEMAIL;PREF;INTERNET:bo@example.com\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE:M=C3=BCller\nEND:VCARD\n"
    )

    parsed = read_contacts(write(tmp_path, text.encode(), "cards.vcf"))

    assert [(r.name, r.emails, r.notes, r.row) for r in parsed.records] == [
        ("Ann Marie Lee", [], "", 1),
        ("Broken", [], "", 2),
        ("Bo Ng", ["bo@example.com"], "Müller", 3),
    ]
    assert parsed.skipped == []
    assert parsed.warnings == [
        "card 2 (Broken), line 8: skipped unreadable line 'this line has no colon'"
        " (no ':' between name and value)"
    ]


def test_formats_tuple_is_the_public_list():
    assert FORMATS == ("auto", "csv", "google", "linkedin", "ldif", "outlook", "vcard")


def test_a_csv_quoting_a_vcard_in_its_notes_is_still_a_csv(tmp_path):
    text = 'Name,Notes\nAnn,"pasted:\nBEGIN:VCARD\nFN:Bob\nEND:VCARD"\n'

    parsed = read_contacts(write(tmp_path, text.encode()))

    assert (parsed.format, parsed.records[0].notes) == (
        "csv",
        "pasted:\nBEGIN:VCARD\nFN:Bob\nEND:VCARD",
    )


def test_a_header_without_rows_reads_as_no_records(tmp_path):
    parsed = read_contacts(write(tmp_path, b"Name,Email\r\n"))

    assert parsed == ParsedFile(format="csv", encoding="utf-8", language="en")
