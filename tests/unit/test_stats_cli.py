"""``reltui stats``: at-risk and blocking sections, ``--json`` keys and the ``--trend`` chart."""

from datetime import date

import orjson
import pytest
from click.testing import CliRunner
from test_trend import HOSTILE, N, U, Y, at, build_review_log

from reltui.cli import cli

pytestmark = pytest.mark.usefixtures("cli_today")


def run(db, *args, charset="utf-8"):
    return CliRunner(charset=charset).invoke(cli, ["--db", str(db), *args])


TABLE = """\
Clients            2   28.6%
Candidates         3   42.9%
Customers          1   14.3%
Unreviewed         1   14.3%
Total              7
Due now            -
At risk            1
In progress        1
Cooling            0

At risk: 1 client lost a yes
  2026-11-17  Ada Lovelace: lost Ask referral

Missing yes among customers and candidates
  Know needs                 1  █████████████
  Ask referral               2  ███████████████████████████
  Use as reference           1  █████████████
  Trust & respect            3  ████████████████████████████████████████
"""

TREND = """\
Split at the end of each week, last 12 weeks
Bars: █ clients  ▓ candidates  ▒ customers

Week     Clients Candidates Customers Unreviewed
2026-W36       1          0         0          6  █████
2026-W37       1          0         0          6  █████
2026-W38       1          0         0          6  █████
2026-W39       1          0         0          6  █████
2026-W40       1          0         1          5  █████▒▒▒▒▒
2026-W41       2          0         1          4  ██████████▒▒▒▒
2026-W42       2          0         2          3  ██████████▒▒▒▒▒▒▒▒▒
2026-W43       2          0         2          3  ██████████▒▒▒▒▒▒▒▒▒
2026-W44       3          0         2          2  ██████████████▒▒▒▒▒▒▒▒▒▒
2026-W45       2          2         1          2  ██████████▓▓▓▓▓▓▓▓▓▒▒▒▒▒
2026-W46       3          1         1          2  ██████████████▓▓▓▓▓▒▒▒▒▒
2026-W47       2          3         1          1  ██████████▓▓▓▓▓▓▓▓▓▓▓▓▓▓▒▒▒▒▒

Clients    ▃▃▃▃▃▆▆▆█▆█▆  1→2
Candidates ▁▁▁▁▁▁▁▁▁▆▃█  0→3
Customers  ▁▁▁▁▅▅███▅▅▅  0→1
"""


def test_table_names_the_client_at_risk_and_the_blocking_questions(review_log_db):
    result = run(review_log_db, "stats")
    assert (result.exit_code, result.stderr) == (0, "")
    # How many are due belongs to the due-queue rules, pinned in their own tests.
    due_line = next(line for line in result.stdout.splitlines() if line.startswith("Due now"))
    assert due_line.split()[-1].isdigit()
    assert result.stdout.replace(due_line, "Due now            -") == TABLE


def test_trend_chart(review_log_db):
    result = run(review_log_db, "stats", "--trend")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == TREND


def test_trend_chart_falls_back_to_ascii(review_log_db):
    result = run(review_log_db, "stats", "--trend", charset="ascii")
    assert result.exit_code == 0
    text = result.stdout_bytes.decode("ascii")
    lines = text.splitlines()
    assert lines[1] == "Bars: # clients  + candidates  = customers"
    assert (
        lines[-5]
        == "2026-W47       2          3         1          1  ##########++++++++++++++====="
    )
    assert lines[-3:] == [
        "Clients    :::::+++#+#+  1->2",
        "Candidates _________+:#  0->3",
        "Customers  ____==###===  0->1",
    ]


def test_table_falls_back_to_ascii_bars(review_log_db):
    result = run(review_log_db, "stats", charset="ascii")
    assert result.exit_code == 0
    assert result.stdout_bytes.decode("ascii").splitlines()[-1] == (
        "  Trust & respect            3  " + "#" * 40
    )


def test_a_year_of_weeks_starts_at_the_first_data_and_fits_80_columns(review_log_db):
    result = run(review_log_db, "stats", "--trend", "--weeks", "52")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    # The first review was in 2026-W23: the weeks before it would only draw empty rows.
    assert lines[0] == "Split at the end of each week, last 25 weeks"
    assert [line[:8] for line in lines[4:29]][0::24] == ["2026-W23", "2026-W47"]
    assert max(len(line) for line in lines) <= 79
    assert lines[-3] == "Clients    " + "▃" * 18 + "▆▆▆█▆█▆  1→2"


@pytest.mark.parametrize("weeks", ["3", "53"])
def test_weeks_outside_4_to_52_is_a_usage_error(review_log_db, weeks):
    result = run(review_log_db, "stats", "--trend", "--weeks", weeks)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '--weeks': {weeks} is not in the range 4<=x<=52."
    )


def test_json_keeps_its_keys_and_adds_at_risk_contacts_and_blocking(review_log_db):
    result = run(review_log_db, "stats", "--json")
    figures = orjson.loads(result.stdout)
    assert result.exit_code == 0
    assert isinstance(figures.pop("due"), int)
    assert figures == {
        "total": 7,
        "clients": 2,
        "customers": 1,
        "candidates": 3,
        "unreviewed": 1,
        "at_risk": 1,
        "cooling": 0,
        "in_progress": 1,
        "at_risk_contacts": [
            {"id": 1, "name": "Ada Lovelace", "lost": ["ask_referral"], "on": "2026-11-17"}
        ],
        "blocking": {
            "know_needs": 1,
            "ask_referral": 2,
            "use_as_reference": 1,
            "trust_respect": 3,
        },
    }


def test_json_trend(review_log_db):
    figures = orjson.loads(run(review_log_db, "stats", "--json", "--trend").stdout)
    assert len(figures["trend"]) == 12
    assert figures["trend"][-1] == {
        "week": "2026-W47",
        "start": "2026-11-16",
        "end": "2026-11-22",
        "clients": 2,
        "candidates": 3,
        "customers": 1,
        "unreviewed": 1,
    }


def test_at_risk_list_is_short_and_safe(tmp_path):
    people = [f"Client {index:02d}" for index in range(11)] + [HOSTILE]
    log = [(name, at(date(2026, 10, 1)), (Y, Y, Y, Y), None) for name in people]
    log += [
        (name, at(date(2026, 11, 1 + index)), (N, U, Y, N), None)
        for index, name in enumerate(people)
    ]
    store, _ = build_review_log(tmp_path / "db", log, people=people)
    store.close()
    result = run(tmp_path / "db", "stats")
    section = result.stdout.split("\n\n")[1].splitlines()
    assert section[0] == "At risk: 12 clients lost a yes"
    assert section[1] == (
        "  2026-11-12  [Eve] *Evil* | <x>[31m_y`: lost Know needs, Ask referral, Trust &"
    )
    assert section[2] == "              respect"
    assert section[3].startswith("  2026-11-11  Client 10: lost Know needs")
    assert section[-1] == "  and 2 more: reltui review --queue at-risk"
    assert len(section) == 1 + 10 + 1 + 1  # heading, ten clients (one wrapped), the rest
    assert "\x1b" not in result.stdout


def test_no_database_is_one_line(tmp_path):
    result = run(tmp_path / "none", "stats", "--trend")
    assert result.exit_code == 1
    assert result.stderr == (
        f"reltui: {tmp_path / 'none'}: no database here yet; run 'reltui import FILE' first\n"
    )
