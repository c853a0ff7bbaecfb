"""Real CSV, LDIF and vdir exports: display names, localised headers, broken emails and quotes."""

from pathlib import Path

import pytest

from reltui.formats import ImportFormatError, SkippedRow, read_contacts

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"

# file, format, language, [(name, emails, company)]
EXPORTS = [
    (
        "google_legacy_display_name.csv",
        "google",
        "en",
        [
            ("contact number one", ["contact1@example.com"], ""),
            ("Dr. Ana María López", ["ana.lopez@example.es"], ""),
        ],
    ),
    (
        "thunderbird.csv",
        "csv",
        "en",
        [
            ("Ekström, Björn (Sales)", ["bjorn@example.se"], "Nordic Example AB"),
            ("Jane Q. Roe", ["jane@example.org"], ""),
        ],
    ),
    (
        "outlook_2013_german.csv",
        "outlook",
        "de",
        [
            (
                "Jürgen Weiß",
                ["juergen.weiss@example.de", "jw@example.org"],
                "Bäckerei Weiß & Söhne",
            )
        ],
    ),
    (
        "outlook_french.csv",
        "outlook",
        "fr",
        [("François Lefèvre", ["francois.lefevre@example.fr"], "Société Générale d'Exemple")],
    ),
    (
        "outlook_spanish.csv",
        "outlook",
        "es",
        [("Begoña Ibáñez Muñoz", ["begona@example.es"], "Ibáñez y Asociados")],
    ),
    (
        "outlook_italian.csv",
        "outlook",
        "it",
        [("Niccolò Ferrà", ["niccolo@example.it"], "Ferrà S.p.A.")],
    ),
    (
        "outlook_dutch.csv",
        "outlook",
        "nl",
        [("Anneke van Dijk", ["anneke@example.nl"], "Dijk & Zn.")],
    ),
    (
        "outlook_portuguese.csv",
        "outlook",
        "pt",
        [("João Conceição", ["joao@example.com.br"], "Construções Conceição Ltda.")],
    ),
    (
        "outlook_japanese.csv",
        "outlook",
        "ja",
        [("佐藤 花子", ["hanako.sato@example.jp"], "佐藤商事株式会社")],
    ),
    (
        "mac_addressbook_german.tsv",
        "csv",
        "de",
        [("Käthe Krüger", ["kaethe@example.de", "kk@example.org"], "Krüger Optik")],
    ),
    (
        "google_outlook_csv.csv",
        "outlook",
        "en",
        [("Grace Hopper", ["grace.hopper@example.com"], "Navy Example")],
    ),
]


@pytest.mark.parametrize(
    ("filename", "format", "language", "people"), EXPORTS, ids=[case[0] for case in EXPORTS]
)
def test_names_come_back_byte_exact(filename, format, language, people):
    parsed = read_contacts(FIXTURES / filename)

    assert (parsed.format, parsed.language) == (format, language)
    assert [(r.name, r.emails, r.company) for r in parsed.records] == people
    assert [r.name.encode() for r in parsed.records] == [p[0].encode() for p in people]
    assert parsed.skipped == []


@pytest.mark.parametrize(
    ("filename", "forced"),
    [
        ("outlook_2013_german.csv", "outlook"),
        ("outlook_japanese.csv", "outlook"),
        ("google_outlook_csv.csv", "google"),
        ("google_outlook_csv.csv", "outlook"),
    ],
)
def test_forced_outlook_or_google_accepts_what_detection_accepts(filename, forced):
    assert read_contacts(FIXTURES / filename, forced) == read_contacts(FIXTURES / filename)


def test_outlook_german_fields_land_in_position_phones_and_tags():
    juergen = read_contacts(FIXTURES / "outlook_2013_german.csv").records[0]

    assert juergen.position == "Geschäftsführer"
    assert juergen.phones == ["+49 89 5555 0100", "+49 170 5555 0101"]
    assert (juergen.tags, juergen.notes) == (["Kunden"], "Bevorzugt vormittags")


def test_a_cp1252_file_is_read_with_a_reported_guess():
    parsed = read_contacts(FIXTURES / "outlook_2013_german.csv")

    assert (parsed.encoding, parsed.warnings) == ("cp1252", ["encoding guessed as cp1252"])


def test_a_truncated_email_is_a_warning_and_the_contact_is_kept_without_it():
    parsed = read_contacts(FIXTURES / "truncated_email.csv")

    assert [(r.name, r.emails) for r in parsed.records] == [
        ("Thomas William", []),
        ("Thomas Other", []),
        ("Ruth Valid", ["ruth@example.com"]),
    ]
    assert parsed.warnings == [
        "row 2 (Thomas William): 'thomas.william' is not an email address; contact kept without it",
        "row 3 (Thomas Other): 'thomas.william' is not an email address; contact kept without it",
    ]


def test_an_unterminated_quote_is_an_error_naming_the_row():
    path = FIXTURES / "unterminated_quote.csv"

    with pytest.raises(ImportFormatError) as error:
        read_contacts(path)

    assert str(error.value) == (
        f"{path}: row 3 opens a quote that is never closed (it would swallow the rest of the file)"
    )


def test_an_unterminated_quote_that_swallows_only_two_rows_is_an_error_too():
    path = FIXTURES / "unterminated_quote_short.csv"

    with pytest.raises(ImportFormatError) as error:
        read_contacts(path)

    assert str(error.value) == (
        f"{path}: row 3 opens a quote that is never closed (it would swallow the rest of the file)"
    )


def test_a_quoted_note_over_a_few_lines_at_the_end_is_fine(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text('Name,Notes\nAda,"one\ntwo\nthree\nfour\nfive"\n')

    assert read_contacts(path).records[0].notes == "one\ntwo\nthree\nfour\nfive"


def test_a_csv_whose_names_are_vcard_lines_is_refused(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Name,Email\nBEGIN:VCARD,\nTEL;CELL:+1 555,\nEND:VCARD,\n")

    with pytest.raises(ImportFormatError, match=r"row 2 reads as a vCard line \('BEGIN:VCARD'\)"):
        read_contacts(path)


def test_blank_lines_are_no_rows():
    parsed = read_contacts(FIXTURES / "generic_skips.csv")

    assert 6 not in [skipped.row for skipped in parsed.skipped]


def test_thunderbird_ldif_reads_people_and_skips_mailing_lists():
    parsed = read_contacts(FIXTURES / "thunderbird.ldif")

    assert parsed.format == "ldif"
    assert [(r.name, r.emails, r.company, r.position) for r in parsed.records] == [
        ("Marta Kowalska", ["marta@example.pl"], "Przykład Sp. z o.o.", "Księgowa"),
        ("Zoë Ångström", ["zoe@example.se"], "", ""),
    ]
    assert parsed.skipped == [SkippedRow(2, "mailing list")]
    assert read_contacts(FIXTURES / "thunderbird.ldif", "ldif") == parsed


def test_a_vdir_directory_is_one_source_without_its_temporary_files():
    parsed = read_contacts(FIXTURES / "vdir_khard")

    assert parsed.format == "vdir"
    assert [(r.name, r.emails) for r in parsed.records] == [
        ("Émile Zola", ["emile@example.fr"]),
        ("Mustermann, Erika", ["erika@example.de"]),
    ]
