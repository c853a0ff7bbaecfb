"""Damage is found where it lies: one line naming the file, the line and the newest good backup."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from reltui.cli import cli
from reltui.sample import build_sample_database
from reltui.store.backup import make_backup
from reltui.store.db import Store, StoreError, backup_is_readable, newest_good_backup


def run(*args, db):
    return CliRunner().invoke(cli, ["--db", str(db), *map(str, args)], catch_exceptions=False)


@pytest.fixture
def sample(tmp_path) -> Path:
    """The sample database, one good backup of it, and its reviews left in the journal."""
    db = build_sample_database(tmp_path / "db")
    make_backup(db, keep=5)
    store = Store.open(db)
    review = store.reviews(1)[-1]
    review.note = "latest"
    store.save_review(review)
    store._log.close()  # as a killed process leaves it: the journal keeps the line
    store._lock.release()
    return db


def journal_lines(db: Path) -> list[dict]:
    return [orjson.loads(line) for line in (db / "reviews" / "journal.jsonl").read_bytes().split()]


def rewrite_journal(db: Path, documents: list[dict]) -> None:
    """Write journal lines as a program other than reltui would: no checksums."""
    lines = []
    for document in documents:
        document.pop("checksum", None)
        lines.append(orjson.dumps(document) + b"\n")
    (db / "reviews" / "journal.jsonl").write_bytes(b"".join(lines))


def one_line(result, db: Path, message: str) -> None:
    backup = newest_good_backup(db)
    assert backup is not None
    assert result.exit_code == 1
    assert result.stderr == (
        f"reltui: {message}; newest good backup: {backup.path} (run 'reltui restore')\n"
    )


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("status", "weird", "status 'weird' is not one of candidate, client, customer, unreviewed"),
        ("contact_id", "1", "contact id '1' is not a positive whole number"),
        ("contact_id", None, "contact id None is not a positive whole number"),
        ("answers", {"know_needs": "banana"}, "answer 'banana' to know_needs is not yes, no or "),
        ("at", "last tuesday", "time 'last tuesday' is not a date and time"),
        ("decision", "maybe", "decision 'maybe' is not promote, keep or skip"),
    ],
)
def test_an_invalid_review_is_reported_where_it_lies(sample, field, value, problem):
    [document] = journal_lines(sample)
    document[field] = value
    rewrite_journal(sample, [document])
    journal = sample / "reviews" / "journal.jsonl"
    for command in (("stats",), ("report",), ("export",), ("review",)):
        result = run(*command, db=sample)
        assert result.exit_code == 1, command
        assert result.stderr.startswith(
            f"reltui: {journal}: line 1: file is corrupt (bad review record: {problem}"
        ), (command, result.stderr)
        assert result.stderr.count("\n") == 1 and "newest good backup" in result.stderr


def test_a_backup_holding_an_invalid_review_is_not_good(sample):
    [good] = [backup for backup in [newest_good_backup(sample)] if backup]
    [document] = journal_lines(sample)
    document["status"] = "weird"
    rewrite_journal(sample, [document])
    bad = make_backup(sample, keep=5)
    assert not backup_is_readable(bad)
    assert newest_good_backup(sample) == good
    restored = run("restore", db=sample)
    assert restored.exit_code == 0 and good.name in restored.stdout


def test_a_name_changed_in_the_review_order_is_a_checksum_mismatch(sample):
    [order] = (sample / "contacts").glob("order-*.json")
    raw = order.read_bytes()
    assert b'"Amelia Hart"' in raw
    order.write_bytes(raw.replace(b'"Amelia Hart"', b'"Amelia Hurt"'))
    one_line(
        run("stats", db=sample),
        sample,
        f"{order}: checksum mismatch (changed on disk after reltui wrote it)",
    )


def test_a_flip_in_a_shard_that_still_parses_is_a_checksum_mismatch(sample):
    [shard] = (sample / "contacts").glob("[0-9]*.json")
    raw = shard.read_bytes()
    shard.write_bytes(raw.replace(b"hartwell.example.com", b"hartwelL.example.com", 1))
    one_line(
        run("export", db=sample),
        sample,
        f"{shard}: checksum mismatch (changed on disk after reltui wrote it)",
    )


def test_a_flip_in_a_journal_line_that_still_parses_is_a_checksum_mismatch(sample):
    journal = sample / "reviews" / "journal.jsonl"
    raw = journal.read_bytes()
    journal.write_bytes(raw.replace(b'"note":"latest"', b'"note":"lateSt"'))
    one_line(
        run("stats", db=sample),
        sample,
        f"{journal}: line 1: checksum mismatch (changed on disk after reltui wrote it)",
    )


def test_a_flip_in_a_segment_that_still_parses_is_a_checksum_mismatch(sample):
    segment = sample / "reviews" / "000001.json"
    raw = segment.read_bytes()
    segment.write_bytes(raw.replace(b'"yes"', b'"no"', 1))
    one_line(
        run("stats", db=sample),
        sample,
        f"{segment}: checksum mismatch (changed on disk after reltui wrote it)",
    )


def test_a_truncated_segment_is_reported(sample):
    segment = sample / "reviews" / "000001.json"
    segment.write_bytes(segment.read_bytes()[:100])
    one_line(run("stats", db=sample), sample, f"{segment}: file is corrupt (not valid JSON)")


def test_a_missing_index_is_reported_with_the_backup(sample):
    (sample / "contacts.json").unlink()
    one_line(
        run("stats", db=sample),
        sample,
        f"{sample / 'contacts.json'}: file is missing (reviews remain)",
    )


def test_a_missing_shard_is_reported_with_the_backup(sample):
    [shard] = (sample / "contacts").glob("[0-9]*.json")
    shard.unlink()
    with pytest.raises(StoreError, match="file is missing; newest good backup"):
        Store.open(sample, read_only=True)


def test_a_failed_restore_changes_nothing_and_leaves_nothing_behind(sample, monkeypatch):
    before = {
        p: p.read_bytes() for p in sample.rglob("*") if p.is_file() and "backups" not in p.parts
    }
    calls = []

    def full_disk(source, target):
        calls.append(source)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(target))
        real_copy(source, target)

    from reltui.store import restore

    real_copy = restore.copy_private
    monkeypatch.setattr(restore, "copy_private", full_disk)
    result = run("restore", db=sample)
    assert result.exit_code == 1
    assert result.stderr.startswith("reltui: ") and result.stderr.count("\n") == 1
    assert "cannot restore (No space left on device); nothing was changed" in result.stderr
    assert not (sample / ".restore").exists() and not (sample / "restore.json").exists()
    after = {
        p: p.read_bytes() for p in sample.rglob("*") if p.is_file() and "backups" not in p.parts
    }
    assert after == before


def test_a_4_gb_journal_line_is_damage_found_in_bounded_memory(sample):
    import tracemalloc

    journal = sample / "reviews" / "journal.jsonl"
    with journal.open("ab") as handle:
        handle.write(b'{"id": "')
        handle.truncate(4 << 30)  # sparse: four gigabytes of one line, without its newline
    tracemalloc.start()
    try:
        result = run("stats", db=sample)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    one_line(
        result,
        sample,
        f"{journal}: line 2: longer than 1 MiB, more than any save writes (file is corrupt)",
    )
    assert peak < 32 << 20, f"{peak} bytes held to read one line"


def test_a_huge_file_is_damage_and_not_read(sample):
    index = sample / "contacts.json"
    with index.open("ab") as handle:
        handle.truncate(4 << 30)
    one_line(run("stats", db=sample), sample, f"{index}: file is larger than 512 MiB (corrupt)")
