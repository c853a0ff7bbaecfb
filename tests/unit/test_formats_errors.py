"""Files that cannot be imported raise one clear ImportFormatError, whatever their bytes."""

import csv
import io
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reltui.formats import FORMATS, ImportFormatError, ParsedFile, read_contacts

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
)


def error_for(path, format="auto") -> str:
    with pytest.raises(ImportFormatError) as caught:
        read_contacts(path, format)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message.removeprefix(f"{path}: ")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "file is empty"),
        (b"\xef\xbb\xbf \r\n\r\n", "file is empty"),
        (b"\xff\xfe", "file is empty"),
        (PNG_BYTES, "is a PNG image, not a contacts file"),
        (
            b"PK\x03\x04\x14\x00\x06\x00",
            "is a ZIP archive or an .xlsx workbook; save it as CSV first",
        ),
        (bytes(range(32)) * 4, "holds binary data, not CSV or vCard text"),
    ],
    ids=["empty", "blank-with-bom", "bom-only", "png", "xlsx", "binary"],
)
def test_unreadable_content(tmp_path, data, problem):
    path = tmp_path / "contacts.csv"
    path.write_bytes(data)

    assert error_for(path) == problem


def test_missing_file(tmp_path):
    assert error_for(tmp_path / "nope.csv") == "no such file"


def test_directory_without_vcards(tmp_path):
    (tmp_path / "notes.txt").write_text("FN:not a card\n")

    assert error_for(tmp_path) == "is a directory without .vcf files"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied(tmp_path):
    path = tmp_path / "locked.csv"
    path.write_text("Name\nAnn\n")
    path.chmod(0)

    assert error_for(path) == "permission denied"


def test_truncated_vcard():
    assert error_for(FIXTURES / "truncated.vcf") == (
        "card 2 has no END:VCARD (the file looks truncated)"
    )


def test_unrecognised_header():
    assert error_for(FIXTURES / "unrecognised.csv") == (
        "unrecognised header; expected columns such as Name, First Name or Email "
        "(found 'sku,quantity,price')"
    )


@pytest.mark.parametrize(
    ("filename", "format", "problem"),
    [
        (
            "hubspot.csv",
            "linkedin",
            "not a LinkedIn export; expected LinkedIn's First Name and Connected On columns",
        ),
        (
            "excel_european.csv",
            "google",
            "not a Google Contacts export; "
            "expected Google columns such as First Name and E-mail 1 - Value",
        ),
        (
            "hostile.csv",
            "outlook",
            "not an Outlook export; expected Outlook's First Name and E-mail Address columns",
        ),
        ("hubspot.csv", "vcard", "no BEGIN:VCARD line found; not a vCard file"),
        ("v4.vcf", "csv", "is a vCard file, not a CSV export"),
        ("hubspot.csv", "excel", "unknown format 'excel'; use one of " + ", ".join(FORMATS)),
    ],
)
def test_forced_format_that_does_not_fit(filename, format, problem):
    message = error_for(FIXTURES / filename, format)

    assert message.split(" (found")[0] == problem


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2000), format=st.sampled_from(FORMATS))
def test_random_bytes_never_raise_anything_else(tmp_path, data, format):
    path = tmp_path / "random.bin"
    path.write_bytes(data)

    try:
        parsed = read_contacts(path, format)
    except ImportFormatError as error:
        assert str(error).startswith(f"{path}: ")
        assert "\n" not in str(error)
    else:
        assert isinstance(parsed, ParsedFile)


HEADER_WORDS = [
    "Name",
    "First Name",
    "Last Name",
    "Email",
    "E-mail 1 - Value",
    "E-mail 1 - Label",
    "Labels",
    "Connected On",
    "Company",
    "Notes",
    "Tags",
    "Phone",
    "E-mail Address",
    "E-mail 2 Address",
    "Categories",
    "Organization Name",
    "File As",
    "Title",
    "",
]
cell_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20
) | st.sampled_from(
    ["", " ", "a@example.com", "* myContacts ::: x", '"', "\r\n", ";", "\t", "\x00"]
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    header=st.lists(st.sampled_from(HEADER_WORDS) | cell_text, min_size=1, max_size=8),
    rows=st.lists(st.lists(cell_text, max_size=10), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
    format=st.sampled_from(FORMATS),
)
def test_random_csv_shapes_give_records_or_one_clear_error(
    tmp_path, header, rows, delimiter, encoding, format
):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    path = tmp_path / "shape.csv"
    path.write_bytes(buffer.getvalue().encode(encoding, errors="surrogatepass"))

    try:
        parsed = read_contacts(path, format)
    except ImportFormatError as error:
        assert str(error).startswith(f"{path}: ")
        assert "\n" not in str(error)
        return
    for record in parsed.records:
        assert record.name and record.name == record.name.strip()
        assert all(char >= " " and not "\x7f" <= char < "\xa0" for char in record.name)
        assert len({email.casefold() for email in record.emails}) == len(record.emails)
        assert record.row >= 2
    assert all(skipped.reason in ("empty row", "no name or email") for skipped in parsed.skipped)


vcard_line = st.sampled_from(
    [
        "FN:Ann Lee",
        "N:Lee;Ann;;;",
        "item1.EMAIL;type=INTERNET;type=pref:ann@example.com",
        "EMAIL;PREF=x:bad@example.com",
        "ORG:;",
        "NOTE:a\\nb\\,c\\",
        " folded continuation",
        "PHOTO;ENCODING=b;TYPE=JPEG:!!!notbase64",
        "BEGIN:VCARD",
        "END:VCARD",
        "CATEGORIES:,,",
        "TEL;VALUE=uri:tel:",
        ":::",
        "VERSION:4.0",
    ]
) | st.text(max_size=30)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.lists(vcard_line, max_size=12), closed=st.booleans())
def test_random_vcards_give_records_or_one_clear_error(tmp_path, body, closed):
    lines = ["BEGIN:VCARD", "VERSION:3.0", *body] + (["END:VCARD"] if closed else [])
    path = tmp_path / "random.vcf"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8", errors="surrogatepass")

    try:
        parsed = read_contacts(path)
    except ImportFormatError as error:
        assert str(error).startswith(f"{path}: ")
        assert "\n" not in str(error)
    else:
        assert all(record.name for record in parsed.records)
