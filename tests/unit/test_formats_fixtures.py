"""Each real-shaped export in tests/fixtures/import is detected and read exactly."""

from pathlib import Path

import pytest

from reltui.formats import SkippedRow, read_contacts

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"

# file, format, [(name, emails, company)], [(row, reason)]
EXPECTED = [
    (
        "linkedin_connections.csv",
        "linkedin",
        [
            ("Ada Lovelace", [], "Analytical Engines Ltd"),
            ("Grace Hopper", ["grace@example.com"], "Compiler Co"),
            ("Linus Pauling", [], ""),
        ],
        [(7, "empty row")],
    ),
    (
        "linkedin_connections_old.csv",
        "linkedin",
        [("Barbara Liskov", [], "Substitution Inc")],
        [(7, "empty row")],
    ),
    (
        "google_current.csv",
        "google",
        [
            (
                "Maria Skłodowska Curie",
                ["maria@example.com", "m.curie@example.com", "maria.home@example.org"],
                "Radium Institute",
            ),
            ("Alan Turing", ["alan@example.com"], "Bletchley Example"),
            ("info@example.com", ["info@example.com"], "Just A Company Ltd"),
        ],
        [(6, "no name or email")],
    ),
    (
        "google_legacy_utf16.csv",
        "google",
        [
            ("Zoë Nakamura", ["zoe@example.com"], "Nakamura Kōgyō"),
            ("J. Doe", ["jdoe@example.org"], ""),
        ],
        [],
    ),
    (
        "outlook_desktop_cp1252.csv",
        "outlook",
        [
            (
                "Jürgen Müller",
                ["juergen.mueller@example.com", "jm@example.org"],
                "Müller & Söhne GmbH",
            ),
            ("José García", ["jose@example.com"], "Exportaciones García"),
            ("Zoë Ng", [], ""),
        ],
        [],
    ),
    (
        "outlook_com.csv",
        "outlook",
        [
            ("Katherine Johnson", ["katherine@example.com"], "Orbital Example"),
            ("orders@example.net", ["orders@example.net"], ""),
        ],
        [],
    ),
    (
        "apple_v3.vcf",
        "vcard",
        [
            ("Sara Cain", ["sara@example.com", "sara.home@example.com"], "Cain Residence"),
            ("hello@example.org", ["hello@example.org"], ""),
            ("Chidi Okafor", ["chidi@example.edu"], "Ethics Dept"),
        ],
        [(3, "no name or email")],
    ),
    (
        "v4.vcf",
        "vcard",
        [
            (
                "Rosalind Franklin",
                ["rosalind@example.com", "r.franklin@example.org"],
                "King's Example College",
            ),
            ("James Watson", ["james@example.com"], ""),
        ],
        [],
    ),
    (
        "excel_european.csv",
        "csv",
        [
            ("Jürgen Müller", ["juergen@example.de"], "Müller GmbH"),
            ("Renée Dubois", ["renee@example.fr"], "Dubois SARL"),
        ],
        [],
    ),
    (
        "hostile.csv",
        "csv",
        [
            ("[bold]Eve[/]", ["eve@example.com"], "Markup Ltd"),
            ("[@click=app.quit]x[/]", ["x@example.com"], "Actions Inc"),
            ("Mallory [31mRed[0m", ["mallory@example.com"], '=HYPERLINK("http://x")'),
            ("[/bold]", ["close@example.com"], "@SUM(A1:A2)"),
        ],
        [],
    ),
    (
        "generic_skips.csv",
        "csv",
        [
            ("Tim Berners-Lee", ["tim@example.org"], "W3 Example"),
            ("info@example.net", ["info@example.net"], ""),
            ("Multi Line Person", ["multi@example.com"], ""),
            ("Short Row", [], ""),
        ],
        [(3, "empty row"), (4, "no name or email")],
    ),
    (
        "hubspot.csv",
        "csv",
        [("Hedy Lamarr", ["hedy@example.com"], "Frequency Hopping LLC")],
        [],
    ),
    (
        "tab_cp1252.tsv",
        "csv",
        [("José Peña", ["jose.pena@example.com"], "Café Zoë")],
        [],
    ),
]


@pytest.mark.parametrize(
    ("filename", "format", "people", "skipped"),
    EXPECTED,
    ids=[case[0] for case in EXPECTED],
)
def test_fixture_is_detected_and_read_exactly(filename, format, people, skipped):
    parsed = read_contacts(FIXTURES / filename)

    assert parsed.format == format
    assert [(r.name, r.emails, r.company) for r in parsed.records] == people
    assert parsed.skipped == [SkippedRow(row, reason) for row, reason in skipped]


@pytest.mark.parametrize(
    ("filename", "format"),
    [(case[0], case[1]) for case in EXPECTED],
    ids=[case[0] for case in EXPECTED],
)
def test_forcing_the_detected_format_gives_the_same_result(filename, format):
    assert read_contacts(FIXTURES / filename, format) == read_contacts(FIXTURES / filename)


def test_linkedin_fields_land_in_url_connected_on_and_position():
    first = read_contacts(FIXTURES / "linkedin_connections.csv").records[0]

    assert first.url == "https://www.linkedin.com/in/ada-lovelace-example"
    assert first.connected_on == "15 Mar 2024"
    assert first.position == "Chief Engineer"
    assert first.row == 5


def test_google_multi_values_labels_and_primary_email():
    maria = read_contacts(FIXTURES / "google_current.csv").records[0]

    # "E-mail 2" carries the "* Work" primary marker, so its two addresses come first.
    assert maria.emails == ["maria@example.com", "m.curie@example.com", "maria.home@example.org"]
    assert maria.phones == ["+33 1 55 55 01 01", "+33 1 55 55 01 02"]
    assert maria.tags == ["Clients", "Starred"]
    assert maria.position == "Director"
    assert maria.notes == "Met at the 2023 conference.\nPrefers mornings."
    assert maria.url == "https://example.org/curie"


def test_google_legacy_group_membership_becomes_tags_without_my_contacts():
    zoe, doe = read_contacts(FIXTURES / "google_legacy_utf16.csv").records

    assert zoe.tags == ["Suppliers"]
    assert zoe.position == "Buyer"
    assert zoe.phones == ["+81 3 5555 0100"]
    assert doe.tags == []


def test_outlook_categories_phones_notes_and_web_page():
    juergen, jose, _ = read_contacts(FIXTURES / "outlook_desktop_cp1252.csv").records

    assert juergen.tags == ["Clients", "VIP"]
    assert juergen.phones == ["+49 30 5555 0100", "+49 170 5555 0101"]
    assert juergen.position == "Geschäftsführer"
    assert juergen.notes == "Café meeting – €500 budget"
    assert juergen.url == "https://example.com/mueller"
    # The Exchange directory name is dropped; the duplicate in another case is merged.
    assert jose.emails == ["jose@example.com"]


def test_outlook_com_title_is_an_honorific_not_a_position():
    katherine = read_contacts(FIXTURES / "outlook_com.csv").records[0]

    assert katherine.position == "Mathematician"
    assert katherine.phones == ["+1 757 555 0199"]
    assert katherine.notes == "Trajectory work"


def test_apple_vcard_groups_escapes_folding_and_categories():
    sara = read_contacts(FIXTURES / "apple_v3.vcf").records[0]

    assert sara.emails == ["sara@example.com", "sara.home@example.com"]
    assert sara.phones == ["(775) 555-0142"]
    assert sara.position == "Homeowner"
    assert sara.url == "https://example.com/sara"
    assert sara.tags == ["Clients", "Family friends"]
    assert sara.notes == (
        "Weekends, too\nAsk for Sue about the long-running renovation project "
        "that started in spring"
    )
    assert sara.row == 1


def test_vcard_4_pref_parameter_and_tel_uri():
    rosalind, james = read_contacts(FIXTURES / "v4.vcf").records

    assert rosalind.emails[0] == "rosalind@example.com"
    assert rosalind.phones == ["+44-20-5555-0123"]
    assert rosalind.tags == ["Science", "Clients"]
    assert rosalind.notes == "Photo 51; see notes"
    assert james.name == "James Watson"
    assert james.row == 2


def test_hostile_text_is_kept_verbatim_but_for_control_characters():
    records = read_contacts(FIXTURES / "hostile.csv").records

    assert records[0].tags == ["vip"]
    assert records[2].notes == "line one\nline two\tindented"
    assert records[3].position == "+cmd"
    assert all("\x1b" not in r.name for r in records)


def test_generic_first_last_tags_and_duplicate_header():
    tim = read_contacts(FIXTURES / "generic_skips.csv").records[0]

    # The second "Email" column is a duplicate header: the first one wins.
    assert tim.emails == ["tim@example.org"]
    assert tim.tags == ["web", "standards"]
    assert tim.position == "Director"
    assert tim.phones == ["+44 20 5555 0001"]
