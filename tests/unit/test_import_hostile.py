"""Hostile files through ``reltui import``: a clean import or one clear line, never a traceback."""

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reltui.cli import cli

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "contacts.csv"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    db = tmp_path_factory.mktemp("seed") / "db"
    result = CliRunner().invoke(cli, ["--db", str(db), "import", str(SAMPLE)])
    assert result.exit_code == 0
    return db


def snapshot(db):
    return {p.relative_to(db): p.read_bytes() for p in sorted(db.rglob("*.json")) if p.is_file()}


def import_file(db, path):
    return CliRunner().invoke(cli, ["--db", str(db), "import", str(path)], catch_exceptions=False)


def check_outcome(db, path, before):
    result = import_file(db, path)
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 1:
        assert result.stderr.startswith("reltui: ")
        assert result.stderr.count("\n") == 1
        assert snapshot(db) == before
    else:
        assert result.stdout.rstrip("\n").endswith("skipped")
    return result


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=2000))
def test_random_bytes(tmp_path, seeded, content):
    path = tmp_path / "random.csv"
    path.write_bytes(content)
    check_outcome(seeded, path, snapshot(seeded))


cells = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFF), max_size=30
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    header=st.lists(
        st.sampled_from(["name", "Email", "First Name", "Company", "notes", "tags", "x", ""]),
        min_size=1,
        max_size=6,
    ),
    body=st.lists(st.lists(cells, max_size=8), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
def test_random_csv_shapes(tmp_path, seeded, header, body, delimiter, encoding):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(body)
    path = tmp_path / "shape.csv"
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    check_outcome(seeded, path, snapshot(seeded))


def test_huge_note_imports_whole(tmp_path):
    db = tmp_path / "db"
    note = "x" * 1_000_000
    path = tmp_path / "big.csv"
    path.write_text(f'name,email,notes\nAda,ada@example.com,"{note}"\n', encoding="utf-8")
    result = import_file(db, path)
    assert result.stdout == "1 added, 0 updated, 0 merged as duplicates, 0 unchanged, 0 skipped\n"
    export = CliRunner().invoke(cli, ["--db", str(db), "export", "--history"])
    assert export.exit_code == 0


def test_a_million_commas_is_not_a_crash(tmp_path):
    db = tmp_path / "db"
    path = tmp_path / "commas.csv"
    path.write_text("name,email\n" + "," * 1_000_000 + "\nAda,ada@example.com\n", encoding="utf-8")
    result = check_outcome(db, path, {})
    assert result.exit_code == 0
    assert result.stdout.startswith("1 added")


def test_duplicate_headers_first_wins(tmp_path):
    db = tmp_path / "db"
    path = tmp_path / "dup.csv"
    path.write_text("name,email,email\nAda,ada@example.com,other@example.com\n", encoding="utf-8")
    assert (
        import_file(db, path).stdout
        == "1 added, 0 updated, 0 merged as duplicates, 0 unchanged, 0 skipped\n"
    )
    export = CliRunner().invoke(cli, ["--db", str(db), "export"])
    assert "ada@example.com" in export.stdout


def test_truncated_vcard_is_one_line_or_clean(tmp_path, seeded):
    path = tmp_path / "cut.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@exa", encoding="utf-8"
    )
    check_outcome(seeded, path, snapshot(seeded))
