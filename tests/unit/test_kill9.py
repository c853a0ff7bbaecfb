"""Kill -9 at every file system call of an import, a review, a backup and a restore: the next
open finds the old state or the new one, and nothing else."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from kill_points import count_calls, kill_at, kill_points

from reltui.domain.models import Review
from reltui.formats.records import ContactRecord
from reltui.sample import build_sample_database
from reltui.store.backup import list_backups, make_backup
from reltui.store.db import Store, backup_is_readable
from reltui.store.lock import WriterLock
from reltui.store.restore import restore_backup
from reltui.store.review_log import JOURNAL_LIMIT

# Every call is a kill point up to this many; beyond it, this many drawn at random.
RUNS = 400
NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
LEFTOVERS = (".restore", ".restore-replaced", "restore.json")


def state(db: Path) -> tuple:
    """What a user would see, after a writer's open has finished or cleared a cut-short write."""
    with Store.open(db) as store:
        contacts = tuple((c.id, c.name, c.email, c.company) for c in store.contacts())
        reviews = tuple(
            sorted((r.id, r.contact_id, tuple(r.answers.values())) for r in store.all_reviews())
        )
    assert not [name for name in LEFTOVERS if os.path.lexists(db / name)]
    assert not list(db.rglob(".*.tmp"))
    backups = list_backups(db)
    for backup in backups:
        assert backup_is_readable(backup), backup.name
    # The newest backup: rotating out the oldest is housekeeping the next backup finishes.
    return contacts, reviews, backups[0].name if backups else None


def answer(review_id: str, contact_id: int = 1, value: str = "yes") -> Review:
    answers = dict.fromkeys(("know_needs", "ask_referral", "use_as_reference", "trust_respect"))
    answers["know_needs"] = value
    return Review(review_id, contact_id, NOW, "me", answers)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample database with two backups, made once for every run."""
    db = build_sample_database(tmp_path_factory.mktemp("kill9") / "db", now=NOW)
    make_backup(db, keep=10, now=datetime(2026, 11, 1))
    make_backup(db, keep=10, now=datetime(2026, 11, 2))
    return db


def outcomes(
    template: Path, tmp_path: Path, prepare, write, seed: int, with_backups: bool = False
) -> Counter:
    """Run ``write`` killed at each of its calls (or ``RUNS`` of them); count the states left.

    The state is the contacts and reviews, and (``with_backups``) the newest backup.
    """

    def state_of(db: Path) -> tuple:
        found = state(db)
        return found if with_backups else found[:2]

    def fresh(name: str) -> Path:
        db = tmp_path / name
        shutil.copytree(template, db)
        prepare(db)
        return db

    old_db = fresh("old")
    old = state_of(old_db)
    new_db = fresh("new")
    total = count_calls(lambda: write(new_db))
    new = state_of(new_db)
    assert new != old, "the write must change something, or the test proves nothing"
    counted: Counter = Counter()
    for point in kill_points(total, RUNS, seed):
        db = fresh(f"kill-{point}")
        killed = kill_at(lambda db=db: write(db), point)
        after = state_of(db)
        outcome = "old" if after == old else "new" if after == new else "other"
        assert outcome != "other", f"kill at call {point} of {total} left {after}"
        counted[outcome] += 1
        counted["killed"] += killed
        shutil.rmtree(db)
    assert counted["killed"] >= min(RUNS, total) - 1 >= 30
    print(f"\n[kill -9] {write.__qualname__.split('.')[0]}: {total} calls, {dict(counted)}")
    return counted


def nothing(db: Path) -> None:
    pass


def test_kill_9_during_an_import(template, tmp_path):
    def write(db: Path) -> None:
        records = [
            ContactRecord(name=f"New {i:04d}", emails=[f"new{i}@example.com"], notes="n" * 50)
            for i in range(1200)
        ]
        with Store.open(db) as store:
            first = store.contact(1)
            records.append(ContactRecord(name=first.name, emails=[first.email], company="Moved"))
            store.import_records(records)

    counted = outcomes(template, tmp_path, nothing, write, seed=14)
    assert counted["old"] and counted["new"], counted


def test_kill_9_during_a_review_that_folds_the_journal(template, tmp_path):
    def prepare(db: Path) -> None:
        store = Store.open(db)
        for number in range(JOURNAL_LIMIT - 1):
            store.save_review(answer("busy", contact_id=2, value=("yes", "no")[number % 2]))
        store._log.close()  # killed: the journal is not folded
        store._lock.release()

    def write(db: Path) -> None:
        with Store.open(db) as store:
            store.save_review(answer("fresh", contact_id=3))

    counted = outcomes(template, tmp_path, prepare, write, seed=15)
    assert counted["old"] and counted["new"], counted


def test_kill_9_during_a_backup(template, tmp_path):
    def write(db: Path) -> None:
        with Store.open(db):
            make_backup(db, keep=2, now=datetime(2026, 11, 3))

    counted = outcomes(template, tmp_path, nothing, write, seed=16, with_backups=True)
    assert counted["old"] and counted["new"], counted


def test_kill_9_during_a_restore(template, tmp_path):
    def prepare(db: Path) -> None:
        with Store.open(db) as store:
            store.import_records([ContactRecord(name="Late", emails=["late@example.com"])])
            store.save_review(answer("late", contact_id=4))

    def write(db: Path) -> None:
        lock = WriterLock(db)
        lock.acquire()
        try:
            [older] = [b for b in list_backups(db) if b.name.startswith("20261101")]
            restore_backup(db, older, backup_is_readable, now=datetime(2026, 11, 4))
        finally:
            lock.release()

    counted = outcomes(template, tmp_path, prepare, write, seed=17)
    assert counted["old"] and counted["new"], counted
