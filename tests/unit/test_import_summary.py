"""``reltui import`` as a user sees it: the summary line, errors, --dry-run, LDIF and vdir."""

from pathlib import Path

from click.testing import CliRunner

from reltui.cli import cli
from reltui.formats import ContactRecord
from reltui.store.merge import is_profile_url, merge_records

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *map(str, args)], catch_exceptions=False)


def test_a_shared_company_homepage_is_no_identity_but_a_profile_url_is(tmp_path):
    db = tmp_path / "db"
    source = FIXTURES / "company_homepage_shared.csv"

    first = run(db, "import", source)
    again = run(db, "import", source)

    assert first.stdout == "3 added, 0 updated, 1 merged as duplicates, 0 unchanged, 0 skipped\n"
    assert again.stdout == "0 added, 0 updated, 1 merged as duplicates, 3 unchanged, 0 skipped\n"


def test_reimporting_an_unchanged_google_file_updates_nothing(tmp_path):
    db = tmp_path / "db"
    source = FIXTURES / "google_current.csv"

    run(db, "import", source)
    again = run(db, "import", source)

    assert again.stdout == "0 added, 0 updated, 0 merged as duplicates, 3 unchanged, 1 skipped\n"


def test_a_changed_record_updates_and_counts_once(tmp_path):
    db = tmp_path / "db"
    old = tmp_path / "old.csv"
    new = tmp_path / "new.csv"
    old.write_text("Name,Email,Company\nAda,ada@example.com,Old Co\nBob,bob@example.com,\n")
    new.write_text("Name,Email,Company\nAda,ada@example.com,New Co\nBob,bob@example.com,\n")

    run(db, "import", old)

    assert run(db, "import", new).stdout == (
        "0 added, 1 updated, 0 merged as duplicates, 1 unchanged, 0 skipped\n"
    )


def test_a_record_repeated_in_one_file_flipping_a_field_is_not_an_update():
    ada_old = ContactRecord(name="Ada", emails=["ada@example.com"], company="One")
    ada_new = ContactRecord(name="Ada", emails=["ada@example.com"], company="Two")
    result, contacts = merge_records({}, [ada_old, ada_new])
    existing = {contact.id: contact for contact in contacts}

    again, changed = merge_records(existing, [ada_old, ada_new])

    assert (result.added, result.merged) == (1, 1)
    assert (again.updated, again.unchanged, again.merged, changed) == (0, 1, 1, [])


def test_profile_urls_are_personal_and_homepages_are_not():
    assert is_profile_url("https://www.linkedin.com/in/carol-example/")
    assert is_profile_url("de.linkedin.com/in/carol")
    assert not is_profile_url("https://www.shared.example/")
    assert not is_profile_url("https://www.linkedin.com/company/shared")


def test_an_unterminated_quote_stops_the_import_with_one_line(tmp_path):
    db = tmp_path / "db"
    source = FIXTURES / "unterminated_quote.csv"

    result = run(db, "import", source)

    assert result.exit_code == 1
    assert result.stderr == (
        f"reltui: {source}: row 3 opens a quote that is never closed"
        " (it would swallow the rest of the file)\n"
    )
    assert not (db / "contacts.json").exists()


def test_a_vcard_is_never_read_as_csv(tmp_path):
    source = FIXTURES / "line_before_begin.vcf"

    detected = run(tmp_path / "db", "import", "--dry-run", source)
    forced = run(tmp_path / "db", "import", "--format", "vcard", "--dry-run", source)

    assert detected.stdout.splitlines()[-1] == (
        "dry run: would import 2 added, 0 updated, 0 merged as duplicates, 0 unchanged, 0 skipped"
    )
    assert forced.stdout == detected.stdout


def test_dry_run_lists_format_encoding_language_and_warnings_per_file(tmp_path):
    german = FIXTURES / "outlook_2013_german.csv"
    bat = FIXTURES / "thebat_qp_no_charset.vcf"
    broken = FIXTURES / "truncated_email.csv"

    result = run(tmp_path / "db", "import", "--dry-run", german, bat, broken)

    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{german}: outlook, encoding cp1252, language de, 1 contacts, 0 skipped",
        "  warning: encoding guessed as cp1252",
        f"{bat}: vcard, encoding cp1251, utf-8, language -, 1 contacts, 0 skipped",
        "  warning: card 1 (Віталій Іваненко), line 3: no charset given; read as cp1251 (a guess)",
        f"{broken}: csv, encoding utf-8, language en, 3 contacts, 0 skipped",
        "  warning: row 2 (Thomas William): 'thomas.william' is not an email address;"
        " contact kept without it",
        "  warning: row 3 (Thomas Other): 'thomas.william' is not an email address;"
        " contact kept without it",
        "dry run: would import 5 added, 0 updated, 0 merged as duplicates, 0 unchanged, 0 skipped",
    ]
    assert not (tmp_path / "db").exists()


def test_warnings_go_to_stderr_on_a_real_import(tmp_path):
    result = run(tmp_path / "db", "import", FIXTURES / "android_qp_stray_byte.vcf")

    assert result.stdout == "1 added, 0 updated, 0 merged as duplicates, 0 unchanged, 0 skipped\n"
    assert result.stderr == (
        "warning android_qp_stray_byte.vcf: card 1 (Petra Novák), line 7:"
        " skipped ORG, whose bytes are not valid UTF-8\n"
    )


def test_ldif_and_a_vdir_directory_import(tmp_path):
    db = tmp_path / "db"

    ldif = run(db, "import", FIXTURES / "thunderbird.ldif")
    vdir = run(db, "import", FIXTURES / "vdir_khard")

    assert ldif.stdout == "2 added, 0 updated, 0 merged as duplicates, 0 unchanged, 1 skipped\n"
    assert ldif.stderr == "skipped thunderbird.ldif row 2: mailing list\n"
    assert vdir.stdout == "2 added, 0 updated, 0 merged as duplicates, 0 unchanged, 0 skipped\n"


def test_vcard_export_carries_the_status_and_reimports_unchanged(tmp_path):
    db = tmp_path / "db"
    people = tmp_path / "people.csv"
    people.write_text(
        "Name,Email,Company,Notes,Tags,Phone\n"
        '"Mustermann, Erika",erika@example.de,"Acme, Inc.; Labs","line one\nline two",VIP,+49 1\n'
        "Zoë Østergård-Ñúñez Ξενοφών Παπαδόπουλος Мария Ивановна Łódź Long Name,,,,,\n"
    )
    run(db, "import", people)
    exported = tmp_path / "out.vcf"

    written = run(db, "export", "--format", "vcard", "-o", exported)
    again = run(db, "import", exported)

    assert written.stderr == f"2 contacts written to {exported}\n"
    text = exported.read_bytes().decode("utf-8")
    assert "FN:Mustermann\\, Erika\r\n" in text
    assert "NOTE:line one\\nline two\r\n" in text
    assert "ORG:Acme\\, Inc.\\; Labs\r\n" in text
    assert "CATEGORIES:reltui-unreviewed,VIP\r\n" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert again.stdout == "0 added, 0 updated, 0 merged as duplicates, 2 unchanged, 0 skipped\n"


def test_vcard_export_refuses_history(tmp_path):
    result = run(tmp_path / "db", "export", "--format", "vcard", "--history")

    assert result.exit_code != 0
    assert "--history is for CSV" in result.stderr
