"""Crash safety: a failed or killed write leaves the previous good version."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime

import pytest

from reltui.domain.models import Review
from reltui.store.db import Store, StoreError

NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def review(review_id, **answers):
    return Review(id=review_id, contact_id=1, at=NOW, reviewer="me", answers=answers)


def test_a_refused_save_leaves_the_journal_as_it_was(db_path, store, monkeypatch):
    store.save_review(review("r1", know_needs="yes"))
    journal = store.path / "reviews" / "journal.jsonl"
    before = journal.read_bytes()

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(StoreError, match="could not save \\(No space left on device\\)"):
        store.save_review(review("r2", know_needs="no"))
    monkeypatch.undo()
    assert journal.read_bytes() == before
    assert [r.id for r in store.reviews(1)] == ["r1"]
    store.save_review(review("r3", know_needs="unsure"))
    store.close()
    with Store.open(db_path, read_only=True) as reopened:
        assert [r.id for r in reopened.reviews(1)] == ["r1", "r3"]


def test_a_line_cut_short_by_a_crash_is_dropped_and_the_next_save_is_kept(db_path, store):
    store.save_review(review("r1", know_needs="yes"))
    store._log.close()  # as a killed process leaves it: the journal not folded
    store._lock.release()
    journal = db_path / "reviews" / "journal.jsonl"
    with journal.open("ab") as handle:
        handle.write(b'{"id": "r2", "contact_id": 1, "at": "2026-11-')
    with Store.open(db_path) as reopened:
        assert [r.id for r in reopened.reviews(1)] == ["r1"]
        reopened.save_review(review("r3", know_needs="no"))
    with Store.open(db_path, read_only=True) as reopened:
        assert [r.id for r in reopened.reviews(1)] == ["r1", "r3"]


def test_a_damaged_line_inside_the_journal_is_corrupt(db_path, store):
    store.save_review(review("r1", know_needs="yes"))
    store._log.close()
    store._lock.release()
    journal = db_path / "reviews" / "journal.jsonl"
    journal.write_bytes(b"{not json\n" + journal.read_bytes())
    expected = "journal.jsonl: line 1: file is corrupt \\(not valid JSON\\)"
    with pytest.raises(StoreError, match=expected):
        Store.open(db_path)


def test_temp_file_left_by_a_kill_is_cleared_on_open(db_path, store):
    store.close()
    leftover = db_path / "reviews" / ".000001.json.abc.tmp"
    leftover.parent.mkdir(exist_ok=True)
    leftover.write_bytes(b'{"half')
    with Store.open(db_path) as reopened:
        assert len(reopened) == 3
    assert not leftover.exists()


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from reltui.formats.records import ContactRecord
    from reltui.store.db import Store

    store = Store.open(Path(sys.argv[1]))
    print("ready", flush=True)
    round = 0
    while True:
        round += 1
        store.import_records(
            [ContactRecord(name=f"P{round}-{i}", emails=[f"p{round}.{i}@example.com"],
                           notes="n" * 200) for i in range(5000)]
        )
    """
)


@pytest.mark.parametrize("delay", [0.15, 0.4, 0.9])
def test_kill_9_during_large_writes_leaves_a_valid_database(tmp_path, delay):
    db = tmp_path / "db"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(delay)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
    with Store.open(db) as reopened:
        assert len(reopened) % 5000 == 0
        assert not list(db.glob(".*.tmp"))
