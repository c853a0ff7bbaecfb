"""Nothing inside a database is followed through a link, and a loose database is refused."""

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from reltui.cli import cli
from reltui.sample import build_sample_database

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"


def run(*args, db):
    return CliRunner().invoke(cli, ["--db", str(db), *map(str, args)], catch_exceptions=False)


@pytest.fixture
def victim(tmp_path) -> Path:
    """Someone's file, last line without a newline (the journal repair would cut it)."""
    path = tmp_path / "victim" / "thesis.txt"
    path.parent.mkdir()
    path.write_bytes(b"chapter one\nchapter two, not finished")
    return path


@pytest.fixture
def sample(tmp_path) -> Path:
    return build_sample_database(tmp_path / "db")


def refused(result, path: Path) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"reltui: {path}: is a symbolic link; reltui never follows links inside a database "
        "(remove it)\n"
    )


def test_a_linked_journal_is_refused_and_its_target_untouched(sample, victim):
    journal = sample / "reviews" / "journal.jsonl"
    journal.unlink(missing_ok=True)
    journal.symlink_to(victim)
    before = victim.read_bytes()
    refused(run("import", SAMPLE / "contacts.csv", db=sample), journal)
    refused(run("stats", db=sample), journal)
    assert victim.read_bytes() == before


def test_a_linked_contacts_directory_is_refused_and_nothing_lands_there(sample, victim):
    keep = victim.parent / ".draft.tmp"
    keep.write_bytes(b"mine")
    shards = sample / "contacts"
    for entry in shards.iterdir():
        entry.rename(victim.parent / entry.name)
    shards.rmdir()
    shards.symlink_to(victim.parent)
    listing = sorted(os.listdir(victim.parent))
    refused(run("import", SAMPLE / "contacts.csv", db=sample), shards)
    assert sorted(os.listdir(victim.parent)) == listing and keep.read_bytes() == b"mine"


def test_a_linked_lock_file_is_refused_in_one_line(sample, victim):
    lock = sample / "lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(victim)
    before = victim.read_bytes()
    refused(run("import", SAMPLE / "contacts.csv", db=sample), lock)
    assert victim.read_bytes() == before


def test_a_linked_shard_is_refused_by_readers_too(sample, victim):
    [shard] = (sample / "contacts").glob("[0-9]*.json")
    shard.unlink()
    shard.symlink_to(victim)
    refused(run("export", "-o", sample.parent / "out.csv", db=sample), shard)


@pytest.mark.parametrize("where", ["", "reviews", "backups"])
def test_a_directory_others_can_write_is_refused_for_writing(sample, where):
    directory = sample / where if where else sample
    directory.mkdir(exist_ok=True)
    os.chmod(directory, 0o777)
    result = run("import", SAMPLE / "contacts.csv", db=sample)
    assert result.exit_code == 1
    assert result.stderr == (
        f"reltui: {directory}: other users can write this directory; refusing to use it until "
        f"you run 'chmod 700 {directory}'\n"
    )
    os.chmod(directory, 0o700)
    assert run("import", SAMPLE / "contacts.csv", db=sample).exit_code == 0
