"""``reltui report``: the week to report on, stdout or an owner-only file, one-line errors."""

import stat

import pytest
from click.testing import CliRunner
from test_report import W47_REPORT

from reltui.cli import cli

pytestmark = pytest.mark.usefixtures("cli_today")


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), "report", *map(str, args)])


def test_report_of_a_named_week_goes_to_stdout(review_log_db):
    result = run(review_log_db, "--week", "2026-W47")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == W47_REPORT


def test_report_defaults_to_the_current_week(review_log_db):
    result = run(review_log_db)
    assert result.exit_code == 0
    assert result.stdout == W47_REPORT


def test_another_week(review_log_db):
    result = run(review_log_db, "--week", "2026-W45")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "# Relationship review, week 2026-W45"
    assert (
        "- Grace Hopper: client to candidate, now at risk; lost Know needs"
        in result.stdout.splitlines()
    )


def test_report_to_a_file_is_owner_only_and_replaces_the_old_one(review_log_db, tmp_path):
    target = tmp_path / "week.md"
    target.write_text("old report\n", encoding="utf-8")
    target.chmod(0o644)
    result = run(review_log_db, "--week", "2026-W47", "-o", target)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"Wrote the report of 2026-W47 to {target}\n"
    assert target.read_text(encoding="utf-8") == W47_REPORT
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".week.md")] == []


def test_unwritable_output_is_one_line(review_log_db, tmp_path):
    target = tmp_path / "missing" / "week.md"
    result = run(review_log_db, "-o", target)
    assert result.exit_code == 1
    assert result.stderr == f"reltui: {target}: cannot write report (No such file or directory)\n"


@pytest.mark.parametrize(
    ("week", "line"),
    [
        ("2026-W60", "reltui: --week: '2026-W60' is not an ISO week; 2026 has no week 60\n"),
        ("2025-W53", "reltui: --week: '2025-W53' is not an ISO week; 2025 has no week 53\n"),
        (
            "2026-47",
            "reltui: --week: '2026-47' is not an ISO week; expected YYYY-Www, "
            "for example 2025-W07\n",
        ),
        (
            "last week",
            "reltui: --week: 'last week' is not an ISO week; expected YYYY-Www, "
            "for example 2025-W07\n",
        ),
    ],
)
def test_bad_week_is_one_clear_line(review_log_db, week, line):
    result = run(review_log_db, "--week", week)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == line


def test_no_database_is_one_line(tmp_path):
    result = run(tmp_path / "none", "--week", "2026-W47")
    assert result.exit_code == 1
    assert result.stderr == (
        f"reltui: {tmp_path / 'none'}: no database here yet; run 'reltui import FILE' first\n"
    )


def test_report_is_listed_in_help():
    result = CliRunner().invoke(cli, ["--help"])
    assert "  report " in result.stdout
