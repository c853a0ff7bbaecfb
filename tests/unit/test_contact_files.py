"""Contacts in shards: read on demand, written in one atomic step, checked when read."""

import os

import orjson
import pytest

from reltui.formats.records import ContactRecord
from reltui.store import contact_files
from reltui.store.contact_files import SHARD_SIZE
from reltui.store.db import Store, StoreError


def records(count, start=0):
    return [
        ContactRecord(name=f"Person {number:05d}", emails=[f"p{number}@example.com"])
        for number in range(start, start + count)
    ]


def shard_files(db_path):
    return sorted(path.name for path in (db_path / "contacts").glob("[0-9]*.json"))


@pytest.fixture
def big(db_path):
    """A database of two and a half shards."""
    with Store.open(db_path) as store:
        store.import_records(records(SHARD_SIZE * 2 + SHARD_SIZE // 2))
    return db_path


def test_opening_reads_no_shard_and_a_contact_reads_only_its_own(big):
    with Store.open(big, read_only=True) as store:
        assert len(store) == SHARD_SIZE * 2 + SHARD_SIZE // 2
        assert store._files.documents == {}
        assert store.contact(SHARD_SIZE + 7).name == f"Person {SHARD_SIZE + 6:05d}"
        assert set(store._files.documents) == set(range(SHARD_SIZE + 1, 2 * SHARD_SIZE + 1))
        assert [c.id for c in store.contacts()] == list(range(1, len(store) + 1))


def test_contacts_are_kept_by_name_whatever_the_case(db_path):
    with Store.open(db_path) as store:
        store.import_records(
            [
                ContactRecord(name=name, company=company)
                for name, company in (("bob", "B"), ("Alice", "A"), ("carol", "C"), ("alice", "D"))
            ]
        )
        assert [store.contact(i).name for i in store.contact_ids_by_name()] == [
            "Alice",
            "alice",
            "bob",
            "carol",
        ]
    with Store.open(db_path, read_only=True) as reopened:
        assert reopened.contact_ids_by_name() == [2, 4, 1, 3]
        assert reopened.contact_ids() == [1, 2, 3, 4]


def test_an_import_rewrites_only_the_shards_it_changes(big):
    before = shard_files(big)
    with Store.open(big) as store:
        result = store.import_records(
            [ContactRecord(name="Person 00003 Jr", emails=["p3@example.com"])]
        )
    assert result.updated == 1
    after = shard_files(big)
    # The replaced shard stays, retired, for a reader that read the index before the import.
    assert after[0] == before[0] and after[2:] == before[1:]
    assert after[1] != before[0] and after[1].startswith("000001-")
    with Store.open(big, read_only=True) as store:
        assert store.contact(4).name == "Person 00003 Jr"


def test_a_retired_shard_is_removed_by_the_import_after_next(big):
    first = shard_files(big)[0]
    with Store.open(big) as store:
        store.import_records([ContactRecord(name="Person 00003 Jr", emails=["p3@example.com"])])
        assert first in shard_files(big)
        store.import_records([ContactRecord(name="Person 00003 Sr", emails=["p3@example.com"])])
        assert first not in shard_files(big)
    assert len(shard_files(big)) == 4  # three shards, and the one the last import retired


def test_a_reader_that_read_the_index_before_an_import_reads_its_shards(big):
    with Store.open(big, read_only=True) as reader:
        with Store.open(big) as writer:
            writer.import_records(
                [ContactRecord(name="Person 00003 Jr", emails=["p3@example.com"])]
            )
        reader.load_all()
        assert reader.contact(4).name == "Person 00003"


def test_a_failed_import_leaves_the_database_as_it_was(big, monkeypatch):
    before = {path.name: path.read_bytes() for path in big.rglob("*.json")}

    def refuse(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(contact_files, "write_bytes_atomic", refuse)
    with Store.open(big) as store:
        with pytest.raises(StoreError, match="import not saved \\(No space left on device\\)"):
            store.import_records(records(10, start=90_000))
        assert len(store) == SHARD_SIZE * 2 + SHARD_SIZE // 2
    assert {path.name: path.read_bytes() for path in big.rglob("*.json")} == before


def test_files_left_by_an_interrupted_import_are_removed_by_the_next_writer(big):
    stray = big / "contacts" / "000001-000099.json"
    stray.write_bytes(b'{"contacts": {}}')
    with Store.open(big, read_only=True):
        assert stray.exists()
    with Store.open(big):
        pass
    assert not stray.exists()
    assert len(shard_files(big)) == 3


def test_a_missing_shard_is_named_when_the_database_opens(big):
    shard = big / "contacts" / shard_files(big)[1]
    shard.unlink()
    with pytest.raises(StoreError, match=f"{shard}: file is missing; no backup"):
        Store.open(big)


def test_a_shard_that_does_not_match_the_index_is_corrupt(big):
    shard = big / "contacts" / shard_files(big)[0]
    data = orjson.loads(shard.read_bytes())
    del data["checksum"]
    del data["contacts"]["5"]
    shard.write_bytes(orjson.dumps(data))
    with Store.open(big) as store, pytest.raises(StoreError, match="does not match"):
        store.load_all()


@pytest.mark.parametrize(
    "index",
    [
        {"generation": 1, "ids": [1, 2], "names": ["a"], "shards": {}},
        {"generation": 1, "ids": ["1"], "names": ["a"], "shards": {"1": ["000001-000001.json", 1]}},
        {"generation": 1, "ids": [1, 1], "names": ["a", "a"], "shards": {"1": ["x.json", 2]}},
        {"ids": [], "names": []},
        [],
    ],
)
def test_a_damaged_index_is_corrupt(big, index):
    contacts = big / "contacts.json"
    data = orjson.loads(contacts.read_bytes())
    del data["checksum"]  # as written before checksums: the shape is what is checked here
    data["index"] = {"1": index}
    contacts.write_bytes(orjson.dumps(data))
    with pytest.raises(StoreError, match="contacts.json: file is corrupt \\(contact index\\)"):
        Store.open(big)


def test_a_schema_1_database_is_read_whole_and_sharded_by_its_first_writer(db_path):
    db_path.mkdir(mode=0o700)
    (db_path / "contacts.json").write_bytes(
        orjson.dumps(
            {
                "meta": {"1": {"schema": 1}},
                "contacts": {"1": {"name": "Zed"}, "2": {"name": "Amy", "company": "Acme"}},
            }
        )
    )
    os.chmod(db_path / "contacts.json", 0o600)
    with Store.open(db_path, read_only=True) as store:
        assert store.contact_ids_by_name() == [2, 1]
    with Store.open(db_path) as store:
        assert shard_files(db_path) == ["000001-000001.json"]
        assert store.contact(2).company == "Acme"
        store.import_records([ContactRecord(name="Bea")])
    assert shard_files(db_path) == ["000001-000001.json", "000001-000002.json"]
    with Store.open(db_path, read_only=True) as store:
        assert [store.contact(i).name for i in store.contact_ids_by_name()] == ["Amy", "Bea", "Zed"]
        assert "contacts" not in orjson.loads((db_path / "contacts.json").read_bytes())


def test_the_weekly_figures_read_only_the_shards_of_the_contacts_they_name(big):
    from datetime import UTC, datetime

    from reltui.domain.models import Review
    from reltui.review.insights import at_risk_contacts, blocking_questions, current_split

    yes = dict.fromkeys(("know_needs", "ask_referral", "use_as_reference", "trust_respect"), "yes")
    with Store.open(big) as store:
        for contact_id in (5, SHARD_SIZE * 2 + 3):
            store.save_review(
                Review(
                    f"a{contact_id}",
                    contact_id,
                    datetime(2026, 11, 2, tzinfo=UTC),
                    "me",
                    yes,
                    status="client",
                )
            )
        # The second contact loses a yes: a client at risk.
        lost = dict(yes, trust_respect="no")
        at_risk_id = SHARD_SIZE * 2 + 3
        store.save_review(
            Review(
                "b", at_risk_id, datetime(2026, 11, 9, tzinfo=UTC), "me", lost, status="candidate"
            )
        )
    with Store.open(big, read_only=True) as store:
        assert current_split(store).total == len(store)
        assert blocking_questions(store)["trust_respect"] == 1
        [item] = at_risk_contacts(store)
        assert item.contact.email == f"p{at_risk_id - 1}@example.com"
        assert store._files._loaded == {3}


IMPORTER = """
import sys
from pathlib import Path
from reltui.formats.records import ContactRecord
from reltui.store.db import Store

with Store.open(Path(sys.argv[1])) as store:
    print("ready", flush=True)
    for round in range(1, 1000):
        store.import_records(
            [ContactRecord(name=f"P{i} round {round}", emails=[f"p{i}@example.com"])
             for i in range(2500)]
        )
"""


def test_readers_see_a_whole_database_while_imports_rewrite_it(tmp_path):
    """Reading while another process imports over and over: never a false damage report."""
    import subprocess
    import sys

    db = tmp_path / "db"
    writer = subprocess.Popen(
        [sys.executable, "-c", IMPORTER, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "ready"
        rounds: set[str] = set()
        reads = 0
        while len(rounds) < 4 and reads < 5000:
            reads += 1
            with Store.open(db, read_only=True) as reader:
                reader.load_all()
                names = {reader.contact(i).name.split(" round ")[-1] for i in reader.contact_ids()}
                assert len(names) <= 1, "one import's contacts, never two mixed"
                rounds |= names
    finally:
        writer.kill()
        writer.wait(timeout=10)
    assert len(rounds) >= 4, "the reader must have read while imports ran"


def order_files(db_path):
    return sorted(path.name for path in (db_path / "contacts").glob("order-*.json"))


def test_an_edit_that_keeps_the_name_leaves_the_review_order_file_alone(big):
    before = order_files(big)
    with Store.open(big) as store:
        store.edit_contact(5, {"name": "Person 00004", "company": "New Co"})
    assert order_files(big) == before  # a company: one shard and the small index
    with Store.open(big) as store:
        store.edit_contact(5, {"name": "Zed Person", "company": "New Co"})
        assert store.contact_ids_by_name()[-1] == 5
    # A new order file; the one before stays, retired, for readers until the next writer.
    assert order_files(big)[-1] > before[-1] and before[-1] in order_files(big)
    with Store.open(big, read_only=True) as store:
        assert store.contact(5).name == "Zed Person" and store.contact(5).company == "New Co"
        assert store.contact_ids_by_name()[-1] == 5


def test_a_schema_3_database_keeps_its_order_in_the_index_until_its_first_writer(big):
    index_path = big / "contacts.json"
    with Store.open(big, read_only=True) as store:
        ids, names = list(store._files.ids), list(store._files.names)
    data = orjson.loads(index_path.read_bytes())
    del data["checksum"]
    index = data["index"]["1"]
    (big / "contacts" / index.pop("order")[0]).unlink()
    index["ids"], index["names"] = ids, names
    data["meta"]["1"]["schema"] = 3
    index_path.write_bytes(orjson.dumps(data))
    with Store.open(big) as store:
        assert store._files.ids == ids
        store.edit_contact(1, {"name": "Person 00000", "company": "Upgraded"})
    upgraded = orjson.loads(index_path.read_bytes())
    assert "ids" not in upgraded["index"]["1"] and upgraded["meta"]["1"]["schema"] == 4
    with Store.open(big, read_only=True) as store:
        assert store._files.ids == ids and store.contact(1).company == "Upgraded"
