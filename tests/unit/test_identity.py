"""A database names itself and its contacts for good: a lost index never moves a review."""

from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from reltui.cli import cli
from reltui.domain.models import Review
from reltui.formats.records import ContactRecord
from reltui.store.backup import list_backups, make_backup
from reltui.store.db import Store, StoreError

FIXED_NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"


def run(*args, db):
    return CliRunner().invoke(cli, ["--db", str(db), *map(str, args)], catch_exceptions=False)


def answered(review_id: str, contact_id: int = 1) -> Review:
    answers = dict.fromkeys(("know_needs", "ask_referral", "use_as_reference", "trust_respect"))
    answers["know_needs"] = "yes"
    return Review(review_id, contact_id, FIXED_NOW, "me", answers)


def close_unfolded(store: Store) -> None:
    """Close as a killed process would: the journal keeps its lines."""
    store._log.close()
    store._lock.release()


def index_of(db: Path) -> dict:
    return orjson.loads((db / "contacts.json").read_bytes())["index"]["1"]


def test_ids_come_from_a_counter_kept_in_the_index(store, db_path):
    assert index_of(db_path)["next_id"] == 4
    store.import_records([ContactRecord(name="Linus", emails=["linus@example.com"])])
    assert index_of(db_path)["next_id"] == 5
    assert store.contact(4).name == "Linus"


def test_a_review_records_the_database_it_belongs_to(store, db_path):
    store.save_review(answered("r1"))
    close_unfolded(store)
    line = orjson.loads((db_path / "reviews" / "journal.jsonl").read_bytes().splitlines()[0])
    assert line["database"] == index_of(db_path)["database"]


def test_a_lost_index_with_reviews_is_damage_and_nothing_is_reused(store, db_path):
    backup = make_backup(db_path, keep=3)
    store.save_review(answered("r1"))
    store.save_review(answered("r2", contact_id=2))  # newer than the backup
    close_unfolded(store)
    (db_path / "contacts.json").unlink()

    expected = (
        f"reltui: {db_path / 'contacts.json'}: file is missing (reviews remain); "
        f"newest good backup: {backup.path} (run 'reltui restore')\n"
    )
    stats = run("stats", db=db_path)
    assert (stats.exit_code, stats.stderr) == (1, expected)
    imported = run("import", SAMPLE / "contacts.csv", db=db_path)
    assert (imported.exit_code, imported.stderr) == (1, expected)
    assert not (db_path / "contacts.json").exists()

    restored = run("restore", db=db_path)
    assert restored.exit_code == 0, restored.stderr
    [kept] = [b for b in list_backups(db_path) if b.name.endswith("before-restore")]
    journal = (kept.path / "reviews" / "journal.jsonl").read_bytes()
    assert b'"r2"' in journal, "the reviews newer than the backup are kept"
    with Store.open(db_path, read_only=True) as reopened:
        assert len(reopened) == 3


def test_an_index_from_another_database_does_not_take_its_reviews(store, db_path, tmp_path):
    store.save_review(answered("r1"))
    close_unfolded(store)
    with Store.open(tmp_path / "other") as other:
        other.import_records([ContactRecord(name="Stranger", emails=["s@example.com"])])
    # The other database's index and the review order it names, as a careless copy brings them.
    (db_path / "contacts.json").write_bytes((tmp_path / "other" / "contacts.json").read_bytes())
    for order in (tmp_path / "other" / "contacts").glob("order-*.json"):
        (db_path / "contacts" / order.name).write_bytes(order.read_bytes())
    with pytest.raises(StoreError, match="journal.jsonl: line 1: review of another database"):
        Store.open(db_path, read_only=True)


def test_a_review_of_a_contact_the_index_does_not_hold_is_damage(store, db_path):
    store.save_review(answered("r1", contact_id=3))
    close_unfolded(store)
    journal = db_path / "reviews" / "journal.jsonl"
    document = orjson.loads(journal.read_bytes())
    del document["checksum"]  # a line written before checksums: only the contact is wrong
    document["contact_id"] = 9
    journal.write_bytes(orjson.dumps(document) + b"\n")
    with pytest.raises(StoreError, match="line 1: review of contact 9, which the contact index"):
        Store.open(db_path, read_only=True)


def test_a_schema_2_database_is_upgraded_by_its_first_writer(store, db_path):
    store.save_review(answered("r1"))
    close_unfolded(store)
    data = orjson.loads((db_path / "contacts.json").read_bytes())
    data["meta"]["1"]["schema"] = 2
    del data["checksum"]
    for key in ("database", "next_id"):
        del data["index"]["1"][key]
    (db_path / "contacts.json").write_bytes(orjson.dumps(data))
    journal = db_path / "reviews" / "journal.jsonl"
    document = orjson.loads(journal.read_bytes())
    for key in ("checksum", "database"):
        del document[key]
    journal.write_bytes(orjson.dumps(document) + b"\n")
    with Store.open(db_path) as reopened:
        assert [r.id for r in reopened.reviews(1)] == ["r1"]
    index = index_of(db_path)
    assert index["next_id"] == 4 and len(index["database"]) == 16
