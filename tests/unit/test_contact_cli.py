"""``reltui add``, ``edit``, ``touch``, ``show`` and ``export --touches`` as a user types them."""

import csv
import io
import stat
from datetime import date
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from reltui.cli import cli

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *map(str, args)], catch_exceptions=False)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "db"
    run(path, "add", "--name", "Ada Lovelace", "--email", "ada@example.com", "--company", "Engines")
    run(path, "add", "--name", "Ángel Ruiz", "--company", "Acme")
    run(path, "add", "--name", "Angel Ruiz", "--company", "Other")
    return path


def one_line_error(result, text):
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("reltui: ")
    assert text in result.stderr


def test_add_prints_the_new_id_and_refuses_a_duplicate(db):
    added = run(
        db,
        "add",
        "--name",
        "Grace Hopper",
        "--email",
        "grace@example.com",
        "--tags",
        "navy, cobol",
        "--phone",
        "+1 555",
        "--position",
        "Rear Admiral",
        "--note",
        "met at a conference",
    )
    assert (added.exit_code, added.stdout) == (0, "4\n")
    shown = orjson.loads(run(db, "show", "4", "--json").stdout)
    assert shown["tags"] == ["navy", "cobol"] and shown["notes"] == "met at a conference"
    again = run(db, "add", "--name", "Someone", "--email", "GRACE@example.com")
    one_line_error(again, "already in the database: Grace Hopper <grace@example.com> (id 4)")
    same_name = run(db, "add", "--name", "ada lovelace", "--company", "ENGINES")
    one_line_error(same_name, "already in the database: Ada Lovelace")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", "X", "--email", "not-an-email"], "email: not an email address"),
        (["--name", "   "], "name: a name is required"),
    ],
)
def test_add_refuses_bad_values_in_one_line(db, args, message):
    one_line_error(run(db, "add", *args), message)


def test_add_needs_a_name(db):
    result = run(db, "add", "--email", "x@example.com")
    assert result.exit_code == 2 and "Missing option '--name'" in result.stderr


def test_edit_changes_fields_by_id_email_or_unique_name(db):
    assert run(db, "edit", "1", "--position", "Analyst").stdout == (
        "Ada Lovelace (id 1): changed position\n"
    )
    assert run(db, "edit", "ADA@example.com", "--company", "Analytical").exit_code == 0
    result = run(db, "edit", "ada lovelace", "--email", "ada@analytical.example")
    assert result.stdout == "Ada Lovelace (id 1): changed email\n"
    assert run(db, "edit", "1", "--company", "Analytical").stdout == (
        "Ada Lovelace (id 1): nothing changed\n"
    )


def test_edit_errors_are_one_line(db):
    one_line_error(
        run(db, "edit", "angel ruiz", "--phone", "1"),
        "2 contacts match 'angel ruiz': Ángel Ruiz (id 2); Angel Ruiz (id 3)",
    )
    one_line_error(run(db, "edit", "99", "--phone", "1"), "no contact with id 99")
    one_line_error(
        run(db, "edit", "nobody@example.com", "--phone", "1"),
        "no contact with email 'nobody@example.com'",
    )
    one_line_error(run(db, "edit", "1", "--email", "bad@"), "email: not an email address")
    nothing = run(db, "edit", "1")
    assert nothing.exit_code == 2 and "nothing to change" in nothing.stderr


def test_a_hand_edit_survives_a_reimport_and_the_summary_says_so(tmp_path):
    db = tmp_path / "db"
    first = run(db, "import", SAMPLE / "contacts.csv").stdout
    assert "hand edit" not in first
    assert run(db, "edit", "1", "--company", "Mine", "--position", "Mine too").exit_code == 0
    again = run(db, "import", SAMPLE / "contacts.csv")
    assert again.stdout == (
        "0 added, 0 updated, 0 merged as duplicates, 40 unchanged, 0 skipped, 2 hand edits kept\n"
    )
    assert orjson.loads(run(db, "show", "1", "--json").stdout)["company"] == "Mine"


def test_touch_logs_today_or_a_given_day(db, monkeypatch):
    result = run(db, "touch", "ada lovelace", "--kind", "call", "--note", "asked about renewal")
    assert result.exit_code == 0
    assert result.stdout.startswith("logged call with Ada Lovelace (id 1) on ")
    dated = run(db, "touch", "1", "--kind", "meeting", "--date", "2026-01-31")
    assert dated.stdout == "logged meeting with Ada Lovelace (id 1) on 2026-01-31\n"
    path = db / "activity" / "touches.jsonl"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(path.read_bytes().splitlines()) == 2


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["1", "--kind", "call", "--date", "31/01/2026"], 1, "--date: '31/01/2026' is not a date"),
        (["angel ruiz", "--kind", "call"], 1, "2 contacts match 'angel ruiz'"),
        (["42", "--kind", "call"], 1, "no contact with id 42"),
        (["1", "--kind", "fax"], 2, "'fax' is not one of"),
        (["1"], 2, "Missing option '--kind'"),
    ],
)
def test_touch_errors(db, args, code, message):
    result = run(db, "touch", *args)
    assert result.exit_code == code
    assert message in result.stderr
    if code == 1:
        one_line_error(result, message)


def test_show_prints_the_timeline_newest_first(db):
    run(db, "touch", "1", "--kind", "call", "--date", "2026-01-05", "--note", "first call")
    run(db, "touch", "1", "--kind", "email", "--date", "2026-02-05")
    run(db, "edit", "1", "--position", "Countess")
    lines = run(db, "show", "ada@example.com").stdout.splitlines()
    assert lines[0] == "Ada Lovelace (id 1) · ada@example.com · Engines · Countess"
    today = date.today().isoformat()
    assert lines[1:] == [
        f"{today}  edited position",
        "            position: - → Countess",
        f"{today}  added in reltui",
        "2026-02-05  email",
        '2026-01-05  call · "first call"',
    ]
    data = orjson.loads(run(db, "show", "1", "--json").stdout)
    assert [entry["kind"] for entry in data["timeline"]] == ["edit", "edit", "touch", "touch"]
    assert data["timeline"][3]["note"] == "first call"


def test_show_says_when_nothing_is_recorded_and_errors_are_one_line(tmp_path, db):
    run(tmp_path / "other", "import", SAMPLE / "contacts.csv")
    assert run(tmp_path / "other", "show", "1").stdout.splitlines()[1] == "nothing recorded yet"
    one_line_error(run(db, "show", "Nobody"), "no contact with name 'Nobody'")


def test_show_strips_terminal_controls_from_contact_text(db):
    run(db, "add", "--name", "Eve\x1b[2J Evil", "--note", "x")
    run(db, "touch", "4", "--kind", "other", "--note", "\x1b]0;pwned\x07hi")
    output = run(db, "show", "4").stdout
    assert "\x1b" not in output and "\x07" not in output


def test_export_touches_is_formula_safe_csv(db, tmp_path):
    run(db, "touch", "1", "--kind", "call", "--date", "2026-01-05", "--note", "=HYPERLINK(1)")
    run(db, "touch", "2", "--kind", "event", "--date", "2026-01-04", "--note", "dinner, late")
    rows = list(csv.reader(io.StringIO(run(db, "export", "--touches").stdout)))
    assert rows == [
        ["contact_id", "name", "email", "kind", "date", "note"],
        ["1", "Ada Lovelace", "ada@example.com", "call", "2026-01-05", "'=HYPERLINK(1)"],
        ["2", "Ángel Ruiz", "", "event", "2026-01-04", "dinner, late"],
    ]
    out = tmp_path / "touches.csv"
    result = run(db, "export", "--touches", "-o", out)
    assert result.stderr == f"2 touches written to {out}\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8").splitlines()[0] == "contact_id,name,email,kind,date,note"


def test_export_touches_refuses_other_export_options(db):
    one_line_error(run(db, "export", "--touches", "--history"), "--touches takes no")
    one_line_error(run(db, "export", "--touches", "-o", "/nonexistent/dir/x.csv"), "cannot write")
