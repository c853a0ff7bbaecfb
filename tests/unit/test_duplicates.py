"""The compact duplicate index finds what the domain rule finds, also when hashes collide."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import reltui.store.duplicates as duplicates
from reltui.domain.contact_rules import find_duplicate
from reltui.domain.models import Contact
from reltui.store.duplicates import DuplicateIndex

NAMES = st.sampled_from(["Ada Lovelace", "ada  lovelace", "Grace Hopper", "Zoë Ng", ""])
EMAILS = st.sampled_from(["", "ada@example.com", "ADA@example.com ", "grace@example.org"])
COMPANIES = st.sampled_from(["", "Analytical Engines", "analytical engines", "Navy"])
DOCUMENTS = st.lists(
    st.fixed_dictionaries(
        {"name": NAMES.filter(bool), "email": EMAILS, "company": COMPANIES},
        optional={"emails": st.lists(EMAILS.filter(bool), max_size=2)},
    ),
    max_size=12,
)


def _check(documents, name, email, company, exclude) -> None:
    by_id = dict(enumerate(documents, 1))
    index = DuplicateIndex(by_id.items())
    contacts = [Contact.from_document(i, document) for i, document in by_id.items()]
    expected = find_duplicate(name, email, company, contacts, exclude)
    found = index.first_match(name, email, company, exclude, by_id.__getitem__)
    assert found == (expected.id if expected else None)


@settings(max_examples=300)
@given(DOCUMENTS, NAMES, EMAILS, COMPANIES, st.sampled_from([None, 1, 2]))
def test_the_index_finds_what_the_rule_finds(documents, name, email, company, exclude):
    _check(documents, name, email, company, exclude)


@settings(max_examples=300)
@given(DOCUMENTS, NAMES, EMAILS, COMPANIES, st.sampled_from([None, 1, 2]))
def test_colliding_hashes_are_told_apart_by_the_contacts_own_keys(
    documents, name, email, company, exclude
):
    original = duplicates.HASH_MASK
    duplicates.HASH_MASK = 1  # two hashes in all: nearly every key collides
    try:
        _check(documents, name, email, company, exclude)
    finally:
        duplicates.HASH_MASK = original


def test_an_edit_moves_a_contact_between_keys():
    ada = {"name": "Ada Lovelace", "email": "ada@example.com", "company": "Engines"}
    index = DuplicateIndex([(1, ada)])
    moved = {**ada, "email": "countess@example.com"}
    index.remove(1, ada)
    index.add(1, moved)
    documents = {1: moved}
    assert index.first_match("", "ada@example.com", "", None, documents.__getitem__) is None
    assert index.first_match("", "countess@example.com", "", None, documents.__getitem__) == 1
    assert index.first_match("ada lovelace", "", "engines", None, documents.__getitem__) == 1
    assert index.first_match("ada lovelace", "", "engines", 1, documents.__getitem__) is None


def test_a_review_checks_every_shard_keeping_them_only_for_a_small_database(tmp_path, monkeypatch):
    from reltui.store import relationship
    from reltui.store.db import Store

    with Store.open(tmp_path / "db", create=True) as store:
        for number in range(3):
            store.add_contact({"name": f"Person {number}", "email": f"p{number}@example.com"})
    with Store.open(tmp_path / "db") as store:
        store.check_contacts()
        assert len(store._files.documents) == 3
    monkeypatch.setattr(relationship, "KEEP_CHECKED_UP_TO", 2)
    with Store.open(tmp_path / "db") as store:
        store.check_contacts()
        assert store._files.documents == {}
        # The index built while checking finds an existing contact for the first edit.
        assert store.find_duplicate("Someone", "P1@example.com", "").name == "Person 1"
