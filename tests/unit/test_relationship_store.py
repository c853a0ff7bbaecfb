"""Contacts added and edited by hand, and touches: saved durably, atomically, owner-only."""

import signal
import stat
import subprocess
import sys
import textwrap
import time
from datetime import date

import pytest
from tests.conftest import FIXED_NOW

from reltui.domain.models import Review
from reltui.formats.records import ContactRecord
from reltui.store.backup import make_backup
from reltui.store.contact_edits import ContactRefused
from reltui.store.db import Store, StoreError, backup_is_readable
from reltui.store.restore import restore_backup


def reopen(store):
    store.close()
    return Store.open(store.path, clock=lambda: FIXED_NOW)


def test_an_added_contact_is_saved_with_its_history_and_reopens(small_store):
    contact = small_store.add_contact(
        {"name": " Linus  Torvalds ", "email": "linus@example.org", "tags": "kernel, git"}
    )
    assert contact.id == 4
    store = reopen(small_store)
    try:
        saved = store.contact(4)
        assert (saved.name, saved.email, saved.tags) == (
            "Linus Torvalds",
            "linus@example.org",
            ["kernel", "git"],
        )
        assert saved.hand_set == ["name", "email", "tags"]
        assert [edit.kind for edit in store.edits(4)] == ["added"]
        assert store.resolve("linus torvalds") == 4
    finally:
        store.close()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"name": "Someone", "email": "ADA@example.com"}, "already in the database: Ada Lovelace"),
        ({"name": "ada lovelace", "company": "engines"}, "already in the database: Ada Lovelace"),
        ({"name": ""}, "name: a name is required"),
        ({"name": "X", "email": "nope"}, "email: not an email address"),
    ],
)
def test_a_duplicate_or_a_bad_value_is_refused_and_nothing_is_saved(small_store, values, message):
    before = (small_store.path / "contacts.json").read_bytes()
    with pytest.raises(ContactRefused, match=message):
        small_store.add_contact(values)
    assert (small_store.path / "contacts.json").read_bytes() == before
    assert len(small_store) == 3


def test_an_edit_changes_only_what_differs_and_an_undo_puts_it_back(small_store):
    assert small_store.edit_contact(1, {"name": "Ada Lovelace"}) is None
    edit = small_store.edit_contact(1, {"email": "ada@engines.example", "position": "Analyst"})
    assert edit.changes == {
        "email": ("ada@example.com", "ada@engines.example"),
        "position": ("", "Analyst"),
    }
    assert small_store.resolve("ada@example.com") == 1  # still known by the replaced address
    small_store.undo_edit(edit)
    store = reopen(small_store)
    try:
        back = store.contact(1)
        assert (back.email, back.position, back.hand_set) == ("ada@example.com", "", [])
        assert [e.kind for e in store.edits(1)] == ["edited", "undone"]
    finally:
        store.close()


def test_an_edit_to_another_contacts_email_is_refused(small_store):
    with pytest.raises(ContactRefused, match=r"Brian Kernighan <bwk@example.com> \(id 2\)"):
        small_store.edit_contact(1, {"email": "bwk@example.com"})


def test_an_edit_whose_contact_was_not_written_never_shows(small_store, monkeypatch):
    def refuse(documents):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(small_store._files, "write", refuse)
    with pytest.raises(StoreError, match="not saved"):
        small_store.edit_contact(1, {"company": "Analytical"})
    monkeypatch.undo()
    assert small_store.edits(1) == []
    store = reopen(small_store)
    try:
        assert store.contact(1).company == "Engines"
        assert store.edits(1) == []
    finally:
        store.close()


def test_touches_are_journalled_owner_only_and_read_back_by_contact(small_store):
    small_store.add_touch(2, "call", date(2026, 11, 4), "asked about\nrenewal")
    small_store.add_touch(2, "email", date(2026, 11, 1))
    undone = small_store.add_touch(3, "event", date(2026, 11, 2))
    small_store.remove_touch(undone)
    path = small_store.path / "activity" / "touches.jsonl"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    store = reopen(small_store)
    try:
        assert [t.kind for t in store.touches(2)] == ["email", "call"]
        assert store.last_touch(2).note == "asked about renewal"
        assert store.touches(3) == [] and store.last_touch(3) is None
        assert set(store.last_touches()) == {2}
    finally:
        store.close()


def test_a_touch_for_nobody_or_of_no_kind_is_refused(small_store):
    with pytest.raises(StoreError, match="no contact with id 9"):
        small_store.add_touch(9, "call", date(2026, 11, 4))
    with pytest.raises(StoreError, match="unknown kind 'fax'"):
        small_store.add_touch(1, "fax", date(2026, 11, 4))


def test_a_read_only_store_refuses_a_touch(small_store):
    path = small_store.path
    small_store.close()
    with Store.open(path, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.add_touch(1, "call", date(2026, 11, 4))


def test_a_touch_line_cut_short_by_a_crash_is_dropped(small_store):
    small_store.add_touch(1, "call", date(2026, 11, 4))
    path = small_store.path / "activity" / "touches.jsonl"
    small_store.close()
    with path.open("ab") as handle:
        handle.write(b'{"id": "half", "contact_')
    with Store.open(small_store.path) as store:
        assert len(store.touches(1)) == 1
        store.add_touch(1, "meeting", date(2026, 11, 5))
    with Store.open(small_store.path) as store:
        assert [t.kind for t in store.touches(1)] == ["call", "meeting"]


def test_a_damaged_touch_log_is_one_line_naming_the_file(small_store):
    path = small_store.path / "activity" / "touches.jsonl"
    small_store.add_touch(1, "call", date(2026, 11, 4))
    small_store.close()
    path.write_bytes(b"garbage\n")
    with Store.open(small_store.path) as store, pytest.raises(StoreError, match="touches.jsonl"):
        store.touches(1)


def test_backups_and_restore_cover_touches_and_edits(small_store):
    small_store.add_touch(1, "call", date(2026, 11, 4))
    small_store.edit_contact(1, {"company": "Analytical"})
    backup = make_backup(small_store.path, keep=3)
    assert (backup.path / "activity" / "touches.jsonl").exists()
    assert (backup.path / "activity" / "edits.jsonl").exists()
    small_store.add_touch(1, "meeting", date(2026, 11, 5))
    small_store.close()
    restore_backup(small_store.path, backup, backup_is_readable)
    with Store.open(small_store.path) as store:
        assert [t.kind for t in store.touches(1)] == ["call"]
        assert [e.kind for e in store.edits(1)] == ["edited"]


def test_hand_edits_win_over_a_later_import_and_are_counted(small_store):
    small_store.edit_contact(
        1, {"email": "ada@engines.example", "company": "Analytical", "phone": "+44 1"}
    )
    small_store.save_review(Review("r1", 1, FIXED_NOW, "me", {"know_needs": "yes"}))
    result = small_store.import_records(
        [
            ContactRecord(
                name="Ada Lovelace",
                emails=["ada@example.com"],
                company="Engines",
                position="Countess",
                phones=["+44 2"],
            )
        ]
    )
    assert (result.added, result.updated, result.kept) == (0, 1, 2)
    ada = small_store.contact(1)
    assert (ada.email, ada.company, ada.phone, ada.position) == (
        "ada@engines.example",
        "Analytical",
        "+44 1",
        "Countess",
    )
    assert small_store.contact(2).company == "Bell Labs"
    again = small_store.import_records([ContactRecord(name="Brian Kernighan", company="Bell")])
    assert again.kept == 0


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from pathlib import Path
    from reltui.formats.records import ContactRecord
    from reltui.store.db import Store

    store = Store.open(Path(sys.argv[1]))
    store.import_records([ContactRecord(name="Base", emails=["base@example.com"])])
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        store.add_touch(1, "call", date(2026, 11, 4), f"touch {n}")
        store.edit_contact(1, {"notes": f"edit {n}"})
        if n % 5 == 0:
            store.add_contact({"name": f"Person {n}", "email": f"p{n}@example.com"})
    """
)


@pytest.mark.parametrize("delay", [0.2, 0.5, 1.0])
def test_kill_9_while_touching_and_editing_leaves_a_consistent_database(tmp_path, delay):
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
    with Store.open(db) as store:
        notes = store.contact(1).notes
        edits = store.edits(1)
        # Every edit the contact names is in the journal, and the last one is what it holds.
        assert len(edits) == len(store.contact(1).edit_ids)
        if edits:
            assert edits[-1].changes["notes"][1] == notes
        for contact in store.contacts():
            assert [e.kind for e in store.edits(contact.id)][:1] in ([], ["added"], ["edited"])
        touches = store.touches(1)
        assert [t.note for t in touches] == [f"touch {n}" for n in range(1, len(touches) + 1)]
        assert not list(db.rglob(".*.tmp"))


def test_opening_a_database_does_not_read_the_touch_log(small_store):
    small_store.add_touch(1, "call", date(2026, 11, 4))
    store = reopen(small_store)
    try:
        assert not store.touches_read()
        assert store.last_touch(1).kind == "call"
        assert store.touches_read()
    finally:
        store.close()


def test_a_backup_with_a_damaged_touch_log_is_not_offered(small_store):
    from reltui.store.db import newest_good_backup

    small_store.add_touch(1, "call", date(2026, 11, 4))
    backup = make_backup(small_store.path, keep=3)
    assert newest_good_backup(small_store.path) == backup
    touches = backup.path / "activity" / "touches.jsonl"
    touches.write_bytes(touches.read_bytes().replace(b'"call"', b'"fax!"'))
    assert newest_good_backup(small_store.path) is None
