"""The store: files, modes, schema, corruption, locking, the review log and import merging."""

import os
import shutil
import stat
from datetime import UTC, datetime

import orjson
import pytest

from reltui.domain.models import Review
from reltui.formats.records import ContactRecord
from reltui.store.db import SEGMENT_SIZE, DatabaseLocked, Store, StoreError
from reltui.store.review_log import JOURNAL_LIMIT

FIXED_NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def review(contact_id, review_id="r1", **answers):
    return Review(id=review_id, contact_id=contact_id, at=FIXED_NOW, reviewer="me", answers=answers)


def test_new_database_is_owner_only_whatever_the_umask(tmp_path):
    old = os.umask(0o000)
    try:
        with Store.open(tmp_path / "a" / "db") as store:
            store.import_records([ContactRecord(name="X", emails=["x@example.com"])])
            store.save_review(review(1, know_needs="yes"))
    finally:
        os.umask(old)
    db = tmp_path / "a" / "db"
    assert mode(db) == 0o700
    assert mode(tmp_path / "a") == 0o700
    for path in db.rglob("*"):
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path


def test_reviews_survive_reopening(db_path, store):
    store.save_review(review(1, know_needs="yes", ask_referral="no"))
    store.close()
    with Store.open(db_path, read_only=True) as reopened:
        assert reopened.reviews(1)[0].answers["know_needs"] == "yes"
        assert reopened.reviews(1)[0].answers["ask_referral"] == "no"


def test_updating_a_review_in_progress_keeps_one_record(store):
    first = review(1, know_needs="yes")
    store.save_review(first)
    first.answers["ask_referral"] = "yes"
    store.save_review(first)
    assert len(store.reviews(1)) == 1
    store.save_review(review(1, "r2", know_needs="no"))
    assert [r.id for r in store.reviews(1)] == ["r1", "r2"]


def test_answer_cost_does_not_grow_with_the_log(db_path, store):
    for number in range(JOURNAL_LIMIT + SEGMENT_SIZE + 5):
        store.save_review(review(1 + number % 3, f"r{number}", know_needs="yes"))
    reviews = store.path / "reviews"
    # The journal was folded into segments once it was full, and holds what came after.
    assert sorted(path.name for path in reviews.iterdir()) == [
        "000001.json",
        "000002.json",
        "journal.jsonl",
    ]
    before = store.bytes_written()
    store.save_review(review(2, "last", know_needs="no"))
    assert store.bytes_written() - before < 1_000
    store.close()
    total = JOURNAL_LIMIT + SEGMENT_SIZE + 6
    segments = [f"{number:06d}.json" for number in range(1, -(-total // SEGMENT_SIZE) + 1)]
    assert sorted(path.name for path in reviews.iterdir()) == [*segments, "journal.jsonl"]
    assert (reviews / "journal.jsonl").read_bytes() == b""
    with Store.open(db_path, read_only=True) as reopened:
        assert sum(len(reopened.reviews(i)) for i in (1, 2, 3)) == total
        assert reopened.reviews(2)[-1].answers["know_needs"] == "no"


def test_corrupt_contacts_file_is_named_and_left_untouched(db_path, store):
    store.close()
    contacts = db_path / "contacts.json"
    contacts.write_bytes(b'{"contacts": {"1": {"name": "trunc')
    with pytest.raises(StoreError) as error:
        Store.open(db_path)
    assert str(error.value) == (
        f"{contacts}: file is corrupt (not valid JSON); no backup to restore from"
    )
    assert contacts.read_bytes() == b'{"contacts": {"1": {"name": "trunc'


def test_corrupt_review_segment_is_named(db_path, store):
    store.save_review(review(1, know_needs="yes"))
    store.close()
    segment = db_path / "reviews" / "000001.json"
    segment.write_bytes(b"")
    with pytest.raises(StoreError, match="000001.json: file is empty or truncated"):
        Store.open(db_path)


def test_newer_schema_is_refused(db_path, store):
    store.close()
    contacts = db_path / "contacts.json"
    data = orjson.loads(contacts.read_bytes())
    del data["checksum"]
    data["meta"] = {"1": {"schema": 99}}
    contacts.write_bytes(orjson.dumps(data))
    with pytest.raises(StoreError, match="written by a newer reltui"):
        Store.open(db_path)


def test_second_writer_is_refused_with_the_holder(db_path, store):
    with pytest.raises(DatabaseLocked) as error:
        Store.open(db_path)
    assert error.value.holder is not None
    assert error.value.holder.pid == os.getpid()
    assert "is in use by" in str(error.value)
    with Store.open(db_path, read_only=True) as reader:
        assert len(reader) == 3


def test_missing_database_read_only_says_how_to_start(tmp_path):
    with pytest.raises(StoreError, match="no database here yet; run 'reltui import FILE' first"):
        Store.open(tmp_path / "nothing", read_only=True)
    assert not (tmp_path / "nothing").exists()


def test_import_merges_by_email_ignoring_case_and_spaces(store):
    result = store.import_records(
        [ContactRecord(name="Ada King", emails=[" ADA@Example.com "], position="Countess")]
    )
    assert (result.added, result.updated) == (0, 1)
    ada = store.contact(1)
    assert ada.name == "Ada King"
    assert ada.position == "Countess"
    assert ada.company == "Engines"


def test_import_merges_by_url_then_name_and_company(store):
    store.import_records(
        [ContactRecord(name="Linus T", url="https://www.linkedin.com/in/linus/", company="OSDL")]
    )
    result = store.import_records(
        [
            ContactRecord(name="Linus Torvalds", url="https://www.linkedin.com/in/linus"),
            ContactRecord(name="grace   HOPPER", company="navy", position="Admiral"),
        ]
    )
    assert (result.added, result.updated) == (0, 2)
    assert store.contact(3).position == "Admiral"


def test_same_name_different_emails_stay_apart(store):
    result = store.import_records(
        [ContactRecord(name="Ada Lovelace", emails=["other@example.com"], company="Engines")]
    )
    assert result.added == 1


def test_import_keeps_extra_emails_and_never_touches_answers(store):
    store.save_review(review(1, know_needs="yes"))
    store.import_records([ContactRecord(name="Ada", emails=["ada@example.com", "a@home.org"])])
    assert store.contact(1).email == "ada@example.com"
    assert store.contact(1).emails == ["a@home.org"]
    assert store.reviews(1)[0].answers["know_needs"] == "yes"


def test_dry_run_changes_nothing(db_path, store):
    before = (db_path / "contacts.json").read_bytes()
    result = store.import_records(
        [ContactRecord(name="New", emails=["n@example.com"])], dry_run=True
    )
    assert result.added == 1
    assert (db_path / "contacts.json").read_bytes() == before
    assert len(store) == 3


@pytest.mark.parametrize("document", ['"has name inside"', "[1, 2]", '{"email": "x@example.com"}'])
def test_contact_record_of_the_wrong_shape_is_corrupt(db_path, store, document):
    store.close()
    [shard] = (db_path / "contacts").glob("[0-9]*.json")
    data = orjson.loads(shard.read_bytes())
    del data["checksum"]
    data["contacts"]["1"] = orjson.loads(document)
    shard.write_bytes(orjson.dumps(data))
    with Store.open(db_path) as reopened, pytest.raises(StoreError) as error:
        reopened.contact(1)
    problem = "name is not text" if document.startswith("{") else "not a record"
    assert str(error.value) == (
        f"{shard}: contact 1: file is corrupt (bad contact record: {problem}); "
        "no backup to restore from"
    )


def test_the_first_write_waits_for_what_it_was_told_to(store):
    calls = []
    store.hold_writes_until(lambda: calls.append("ready"))
    store.contact(1)
    assert calls == []
    store.save_review(review(1, know_needs="yes"))
    store.save_review(review(2, know_needs="yes"))
    assert calls == ["ready"]


def test_a_review_folded_into_a_segment_is_updated_there(db_path, store):
    first = review(1, know_needs="yes")
    store.save_review(first)
    store.close()
    with Store.open(db_path) as reopened:
        first.answers["ask_referral"] = "no"
        reopened.save_review(first)
    segment = orjson.loads((db_path / "reviews" / "000001.json").read_bytes())
    assert [doc["answers"]["ask_referral"] for doc in segment["reviews"].values()] == ["no"]
    with Store.open(db_path, read_only=True) as reopened:
        assert [r.answers["ask_referral"] for r in reopened.reviews(1)] == ["no"]


def test_a_backup_keeps_answers_still_in_the_journal(db_path, store):
    from reltui.store.backup import make_backup
    from reltui.store.db import backup_is_readable

    store.save_review(review(1, know_needs="yes"))
    backup = make_backup(db_path, keep=3)
    assert backup is not None and backup_is_readable(backup)
    store.close()
    shutil.rmtree(db_path / "reviews")
    shutil.copytree(backup.path / "reviews", db_path / "reviews")
    with Store.open(db_path, read_only=True) as reopened:
        assert reopened.reviews(1)[0].answers["know_needs"] == "yes"


def test_a_file_without_names_does_not_rename_contacts_after_their_email(store):
    # A row with no name takes its email as one; that must not replace a name already known.
    result = store.import_records(
        [ContactRecord(name="ada@example.com", emails=["ada@example.com"], position="Countess")]
    )
    assert result.updated == 1
    assert store.contact(1).name == "Ada Lovelace"
    assert store.contact(1).position == "Countess"
