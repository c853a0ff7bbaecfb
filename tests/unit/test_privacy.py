"""Everything reltui creates is the owner's alone, whatever the umask; shared databases warn."""

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from reltui.cli import cli
from reltui.sample import build_sample_database
from reltui.store.backup import make_backup

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    old = os.umask(0o000)
    yield
    os.umask(old)


def assert_private_tree(root):
    assert mode(root) == 0o700, root
    for path in root.rglob("*"):
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path


def test_import_backup_export_and_report_are_owner_only(tmp_path, open_umask):
    db = tmp_path / "db"
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["--db", str(db), "import", str(SAMPLE / "contacts.csv")]).exit_code == 0
    )
    make_backup(db, keep=3)
    export = tmp_path / "out.csv"
    report = tmp_path / "week.md"
    assert runner.invoke(cli, ["--db", str(db), "export", "-o", str(export)]).exit_code == 0
    assert runner.invoke(cli, ["--db", str(db), "report", "-o", str(report)]).exit_code == 0
    assert_private_tree(db)
    assert (db / "backups").is_dir()
    assert mode(export) == 0o600
    assert mode(report) == 0o600


def test_sample_database_with_reviews_is_owner_only(tmp_path, open_umask):
    db = build_sample_database(tmp_path / "sample")
    assert list((db / "reviews").iterdir())
    assert_private_tree(db)


def test_database_others_can_write_gets_a_warning(tmp_path):
    db = build_sample_database(tmp_path / "shared")
    os.chmod(db, 0o777)
    result = CliRunner().invoke(cli, ["--db", str(db), "stats", "--json"])
    assert result.exit_code == 0
    assert result.stderr == f"reltui: warning: {db}: other users can write this database\n"
