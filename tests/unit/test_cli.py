"""The command line: import, export, stats and restore, as a user types them."""

import csv
import io
import os
import stat
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from reltui.cli import cli
from reltui.sample import build_sample_database
from reltui.store.backup import BackgroundBackup, list_backups, make_backup
from reltui.store.export import HEADER

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"


def run(*args, db=None):
    runner = CliRunner()
    prefix = ["--db", str(db)] if db else []
    return runner.invoke(cli, [*prefix, *map(str, args)], catch_exceptions=False)


def test_import_prints_counts_and_reimport_updates(tmp_path):
    db = tmp_path / "db"
    first = run("import", SAMPLE / "contacts.csv", db=db)
    assert first.exit_code == 0
    assert first.stdout == "40 added, 0 updated, 0 merged as duplicates, 0 unchanged, 0 skipped\n"
    again = run("import", SAMPLE / "contacts.vcf", db=db)
    assert again.stdout.endswith(" 0 skipped\n")
    same = run("import", SAMPLE / "contacts.csv", db=db)
    assert same.stdout == "0 added, 0 updated, 0 merged as duplicates, 40 unchanged, 0 skipped\n"


def test_default_database_lives_in_the_xdg_data_dir():
    assert run("import", SAMPLE / "contacts.csv").exit_code == 0
    assert (Path(os.environ["XDG_DATA_HOME"]) / "reltui" / "db" / "contacts.json").exists()


def test_db_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("RELTUI_DB", str(tmp_path / "envdb"))
    assert run("import", SAMPLE / "contacts.csv").exit_code == 0
    assert (tmp_path / "envdb" / "contacts.json").exists()


def test_skipped_rows_are_reported_with_row_number(tmp_path):
    source = tmp_path / "people.csv"
    source.write_text("name,email\nAda,ada@example.com\n,\nBob,\n", encoding="utf-8")
    result = run("import", source, db=tmp_path / "db")
    assert result.exit_code == 0
    assert "skipped people.csv row 3:" in result.stderr
    assert result.stdout == "2 added, 0 updated, 0 merged as duplicates, 0 unchanged, 1 skipped\n"


def test_dry_run_creates_nothing(tmp_path):
    result = run("import", "--dry-run", SAMPLE / "contacts.csv", db=tmp_path / "db")
    assert result.stdout == (
        f"{SAMPLE / 'contacts.csv'}: csv, encoding utf-8, language en, 40 contacts, 0 skipped\n"
        "dry run: would import 40 added, 0 updated, 0 merged as duplicates, 0 unchanged,"
        " 0 skipped\n"
    )
    assert not (tmp_path / "db").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", ""),
        (b"colour,size\nred,big\n", "unrecognised"),
    ],
)
def test_bad_file_is_one_line_exit_1_and_database_untouched(tmp_path, content, message):
    db = tmp_path / "db"
    run("import", SAMPLE / "contacts.csv", db=db)
    before = (db / "contacts.json").read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    result = run("import", SAMPLE / "contacts.csv", bad, db=db)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"reltui: {bad}")
    assert message in result.stderr
    assert (db / "contacts.json").read_bytes() == before


def test_missing_file_is_one_line(tmp_path):
    result = run("import", tmp_path / "nope.csv", db=tmp_path / "db")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "db").exists()


@pytest.fixture
def sample_db(tmp_path):
    return build_sample_database(tmp_path / "sample")


def test_stats_json_has_the_split(sample_db):
    result = run("stats", "--json", db=sample_db)
    figures = orjson.loads(result.stdout)
    assert {k: figures[k] for k in ("total", "clients", "candidates", "customers")} == {
        "total": 40,
        "clients": 8,
        "candidates": 9,
        "customers": 11,
    }
    assert figures["unreviewed"] == 12
    assert figures["at_risk"] == 1
    assert figures["due"] == 30  # 29 past their cadence, plus the at-risk client


def test_stats_table(sample_db):
    lines = run("stats", db=sample_db).stdout.splitlines()
    assert lines[0] == "Clients            8   20.0%"
    assert "At risk            1" in lines


def rows(text):
    return list(csv.reader(io.StringIO(text)))


def test_export_header_and_one_row_per_contact(sample_db):
    result = run("export", db=sample_db)
    table = rows(result.stdout)
    assert tuple(table[0]) == HEADER
    assert len(table) == 41
    # Reviewed and never-reviewed contacts in one sequence, in the order they were added.
    assert [int(row[0]) for row in table[1:]] == list(range(1, 41))
    assert {row[4] for row in table[1:]} == {"client", "candidate", "customer", "unreviewed"}
    isla = next(row for row in table if row[1] == "Isla McLeod")
    assert isla[4:10] == ["candidate", "yes", "no", "yes", "yes", ""]
    assert isla[10] == "ask for a testimonial after the next delivery"
    assert isla[13] == "Went quiet after the price change"
    assert not result.stdout.startswith("\ufeff")


def test_export_status_filter_and_history(sample_db):
    clients = rows(run("export", "--status", "client", db=sample_db).stdout)[1:]
    assert len(clients) == 8
    assert {row[4] for row in clients} == {"client"}
    both = rows(run("export", "--status", "client", "--status", "unreviewed", db=sample_db).stdout)
    assert len(both) == 1 + 8 + 12
    history = rows(run("export", "--history", db=sample_db).stdout)[1:]
    assert len(history) == 37


def test_export_neutralises_formulas(tmp_path):
    source = tmp_path / "evil.csv"
    source.write_text(
        'name,email,company\n=HYPERLINK("http://x"),a@example.com,+cmd\n@SUM(1),b@example.com,-2\n',
        encoding="utf-8",
    )
    db = tmp_path / "db"
    run("import", source, db=db)
    table = rows(run("export", db=db).stdout)
    assert table[1][1] == '\'=HYPERLINK("http://x")'
    assert table[1][3] == "'+cmd"
    assert table[2][1] == "'@SUM(1)"
    assert table[2][3] == "'-2"


def test_export_to_file_is_owner_only(sample_db, tmp_path):
    target = tmp_path / "out.csv"
    result = run("export", "-o", target, db=sample_db)
    assert result.exit_code == 0
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert len(rows(target.read_text(encoding="utf-8"))) == 41


def test_export_to_unwritable_place_is_one_line(sample_db, tmp_path):
    result = run("export", "-o", tmp_path / "no" / "such" / "dir.csv", db=sample_db)
    assert result.exit_code == 1
    assert result.stderr.startswith("reltui: ")
    assert result.stderr.count("\n") == 1


def test_missing_database_says_how_to_start(tmp_path):
    result = run("stats", db=tmp_path / "none")
    assert result.exit_code == 1
    assert result.stderr == (
        f"reltui: {tmp_path / 'none'}: no database here yet; run 'reltui import FILE' first\n"
    )


def test_bad_config_is_one_line(tmp_path, sample_db):
    config = tmp_path / "c.yaml"
    config.write_text("cadence_days: {client: -1}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config), "--db", str(sample_db), "stats"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"reltui: {config}: cadence_days.client: -1 is not allowed; expected 1-3650 days\n"
    )


def test_a_keys_clash_stops_the_review_in_one_line(tmp_path, sample_db):
    config = tmp_path / "c.yaml"
    config.write_text("keys: {answer-yes: n}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config), "--db", str(sample_db), "review"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"reltui: {config}: keys: answer-yes and answer-no both use n on the review screen\n"
    )
    config.write_text("keys: {answr-no: j}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config), "--db", str(sample_db), "review"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"reltui: {config}: keys.answr-no: no key has this id "
        "(did you mean answer-no?); the README lists them\n"
    )
    # Commands that show no keys do not read them.
    assert (
        CliRunner()
        .invoke(cli, ["--config", str(config), "--db", str(sample_db), "stats"])
        .exit_code
        == 0
    )


def test_corruption_names_the_backup_and_restore_brings_it_back(sample_db):
    backup = make_backup(sample_db, keep=3)
    good = (sample_db / "contacts.json").read_bytes()
    (sample_db / "contacts.json").write_bytes(good[: len(good) // 2])
    broken = run("stats", db=sample_db)
    assert broken.exit_code == 1
    assert f"newest good backup: {backup.path} (run 'reltui restore')" in broken.stderr
    restored = run("restore", db=sample_db)
    assert restored.exit_code == 0
    assert f"from backup {backup.name}" in restored.stdout
    assert (sample_db / "contacts.json").read_bytes() == good
    assert orjson.loads(run("stats", "--json", db=sample_db).stdout)["clients"] == 8
    kept = [b for b in list_backups(sample_db) if b.name.endswith("before-restore")]
    assert len(kept) == 1
    assert (kept[0].path / "contacts.json").read_bytes() == good[: len(good) // 2]


def test_a_damaged_shard_found_after_opening_is_one_line_too(sample_db):
    backup = make_backup(sample_db, keep=3)
    [shard] = (sample_db / "contacts").glob("[0-9]*.json")
    shard.write_bytes(b'{"contacts": {"1": ')
    out = sample_db.parent
    commands = (
        ("export", "-o", str(out / "out.csv")),
        ("export", "-o", str(out / "out.vcf"), "--format", "vcard"),
    )
    for command in commands:
        result = run(*command, db=sample_db)
        assert result.exit_code == 1, command
        assert result.stderr == (
            f"reltui: {shard}: file is corrupt (not valid JSON); "
            f"newest good backup: {backup.path} (run 'reltui restore')\n"
        )
    assert not (out / "out.csv").exists() and not (out / "out.vcf").exists()
    # stats and the report show names from the index and read no contacts file: they still work.
    assert run("stats", db=sample_db).exit_code == 0
    assert run("report", "-o", str(out / "r.md"), db=sample_db).exit_code == 0
    assert run("restore", db=sample_db).exit_code == 0
    assert orjson.loads(run("stats", "--json", db=sample_db).stdout)["clients"] == 8


def test_backups_rotate(sample_db):
    for _ in range(5):
        make_backup(sample_db, keep=3)
    assert len(list_backups(sample_db)) == 3


def test_a_backup_cut_short_is_dropped_by_the_next(sample_db):
    make_backup(sample_db, keep=3)
    cut_short = sample_db / "backups" / "20260101T000000000000"
    (cut_short / "contacts").mkdir(parents=True)
    background = BackgroundBackup(sample_db, keep=3)
    background.wait()
    assert background.error is None
    assert not cut_short.exists()
    assert len(list_backups(sample_db)) == 2


def test_a_background_backup_copies_only_once_started(sample_db):
    background = BackgroundBackup(sample_db, keep=3)
    assert list_backups(sample_db) == []  # the review starts it after its first screen
    background.start()
    background.start()
    background.wait()
    assert background.error is None
    assert len(list_backups(sample_db)) == 1
    waited = BackgroundBackup(sample_db, keep=3)
    waited.wait()  # the review's first write waits for its backup
    assert len(list_backups(sample_db)) == 2


def test_a_background_backup_never_started_is_never_made(sample_db):
    background = BackgroundBackup(sample_db, keep=3)
    background.finish()  # a session that wrote nothing
    assert not background.started
    assert list_backups(sample_db) == []


def test_version_and_help_do_not_touch_the_disk():
    assert run("--version").stdout.startswith("reltui, version ")
    assert run("--help").exit_code == 0
    assert not any(Path(os.environ["XDG_DATA_HOME"]).iterdir())


def test_review_before_any_import_says_how_to_start(tmp_path):
    result = run("review", db=tmp_path / "fresh")
    assert result.exit_code == 1
    assert result.stderr == (
        f"reltui: {tmp_path / 'fresh'}: no database here yet; run 'reltui import FILE' first\n"
    )
    assert not (tmp_path / "fresh").exists()


def test_queues_and_statuses_share_one_vocabulary(sample_db, tmp_path):
    help_text = run("review", "--help").stdout
    assert "due|at-risk|all|unreviewed|customer|candidate|client" in " ".join(help_text.split())
    assert "customers" not in help_text
    assert "client|customer|candidate|unreviewed" in " ".join(
        run("export", "--help").stdout.split()
    )
    # The plural names scripts may still use are taken quietly: the command goes on to the
    # database (missing here) instead of refusing the option.
    for queue in ("customers", "candidates", "clients", "customer"):
        result = run("review", "--queue", queue, db=tmp_path / "none")
        assert result.exit_code == 1, queue
        assert "no database here yet" in result.stderr
    result = run("review", "--queue", "vip", db=tmp_path / "none")
    assert result.exit_code == 2
    assert "'vip' is not one of 'due', 'at-risk', 'all', 'unreviewed', 'customer'" in result.stderr
    plural = run("export", "--status", "clients", db=sample_db)
    assert plural.exit_code == 0
    assert plural.stdout == run("export", "--status", "client", db=sample_db).stdout


def test_a_plural_queue_name_builds_the_same_queue(sample_db):
    from reltui.config import Settings
    from reltui.review.queues import build_queue
    from reltui.store.db import Store

    with Store.open(sample_db, read_only=True) as store:
        now = store.clock()
        for plural, singular in (("customers", "customer"), ("clients", "client")):
            queue = build_queue(store, singular, now, Settings())
            assert queue
            assert build_queue(store, plural, now, Settings()) == queue
