"""The bulk paths of an import and of the contact index give what the record-by-record ones give."""

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from reltui.domain.models import Contact
from reltui.folding import fold, fold_all
from reltui.formats.records import ContactRecord
from reltui.store.merge import all_new, merge_records, new_contact_document

NAME_PIECES = st.sampled_from(
    [
        "Amelia",
        "Chloé",
        "Müller",
        "Zoë",
        "ﬁ",
        "İ",
        "ß",
        "Ǆ",
        "ａｂ",
        "\u0301",
        " ",
        "  ",
        "\t",
        "\u00a0",
    ]
    + ["\u2028", "\x85", "e\u0308\u0323", "O'Brien", "[Bob]", "", "\n"]
)
NAMES = st.lists(st.lists(NAME_PIECES, max_size=4).map("".join), max_size=8)


@given(NAMES)
def test_folding_names_together_folds_each(names):
    assert fold_all(names) == [fold(name) for name in names]


def test_accented_names_sort_with_their_plain_spelling():
    assert fold_all(["Ángel Ruiz", "angel ruiz", "ANGEL  RUIZ "]) == ["angel ruiz"] * 3


def record(name, emails=(), url="", **fields):
    return ContactRecord(name, list(emails), url=url, **fields)


def test_distinct_people_with_emails_are_all_new():
    records = [record("Ann", ["ann@example.com"]), record("Ann", ["ann2@example.com"])]
    assert all_new({}, records)


def test_a_shared_address_a_missing_one_or_a_url_takes_the_slow_way():
    assert not all_new({}, [record("A", ["x@example.com"]), record("B", ["X@example.com"])])
    assert not all_new({}, [record("A", ["x@example.com"]), record("B")])
    assert not all_new({}, [record("A", ["x@example.com"], url="https://example.com/a")])
    assert not all_new({}, [record("A", ["x @example.com"]), record("B", ["x@example.com"])])
    assert not all_new({1: object()}, [record("A", ["x@example.com"])])


EMAILS = st.lists(
    st.sampled_from(["a@x.io", "A@x.io", "b@x.io", " c@x.io", "d@x.io ", ""]), max_size=3
)
RECORDS = st.lists(
    st.builds(
        ContactRecord,
        name=st.sampled_from(["Ann", "Bob", "ann", "Cy"]),
        emails=EMAILS,
        company=st.sampled_from(["", "Acme"]),
        position=st.sampled_from(["", "CTO"]),
        phones=st.lists(st.sampled_from(["1", "2"]), max_size=2),
        notes=st.sampled_from(["", "note"]),
        tags=st.lists(st.sampled_from(["vip", "x"]), max_size=2),
    ),
    max_size=6,
)


@given(RECORDS)
def test_the_bulk_path_writes_what_merging_writes(records):
    result, contacts = merge_records({}, records)
    if all_new({}, records):
        assert result.added == len(records) and len(contacts) == len(records)
        # The same keys in the same order: the stored bytes are the same.
        written = [list(new_contact_document(r).items()) for r in records]
        assert written == [list(c.to_document().items()) for c in contacts]
        assert [c.id for c in contacts] == list(range(1, len(records) + 1))


@given(RECORDS)
def test_a_new_contacts_document_is_what_the_contact_stores(records):
    for number, item in enumerate(records, 1):
        emails, phones = item.emails, item.phones
        contact = Contact(
            number,
            item.name,
            emails[0] if emails else "",
            emails[1:],
            item.company,
            item.position,
            phones[0] if phones else "",
            phones[1:],
            item.notes,
            list(item.tags),
        )
        assert list(new_contact_document(item).items()) == list(contact.to_document().items())


def test_writing_a_few_contacts_keeps_the_index_in_review_order(tmp_path):
    from reltui.store.contact_files import SHARD_SIZE, review_order
    from reltui.store.db import Store

    names = ["Zoë Adams", "zoe adams", "Ángel Ruiz", "Bob", "bob", "Émile", "Chloé Müller"]
    records = [record(name, [f"p{i}@example.com"]) for i, name in enumerate(names * 300)]
    with Store.open(tmp_path / "db") as store:
        store.import_records(records)
        assert len(store) > SHARD_SIZE
        store.edit_contact(5, {"name": "Aaron Aardvark"})
        store.edit_contact(1500, {"name": "zz top"})
        store.edit_contact(7, {"company": "Acme"})  # the name stays, and so does its place
        added = store.add_contact({"name": "Ángela", "email": "angela@example.com"})
        files = store._files
        documents = dict(store.contact_documents())
        assert (files.ids, files.names) == review_order(documents)
        assert files.name(1500) == "zz top"
        assert store.contact_ids()[-1] == added.id
    with Store.open(tmp_path / "db", read_only=True) as again:
        again.load_all()
        assert dict(again.contact_documents()) == documents
        assert again.contact_ids_by_name() == files.ids


PEOPLE = st.lists(
    st.tuples(
        st.sampled_from(["Ann", "ann ", "Bob", "Cy"]),
        st.sampled_from(["", "a@x.io", "A@X.io", "b@x.io"]),
        st.sampled_from(["", "Acme", "acme"]),
    ),
    min_size=1,
    max_size=8,
)


@given(PEOPLE, st.lists(st.tuples(st.integers(0, 7), st.sampled_from(["Ann", "Dee"])), max_size=3))
def test_the_duplicate_index_finds_what_a_scan_finds(tmp_path_factory, people, renames):
    from reltui.domain.contact_rules import find_duplicate
    from reltui.store.db import Store

    records = [
        record(name, [email] if email else [], company=company) for name, email, company in people
    ]
    with Store.open(tmp_path_factory.mktemp("db")) as store:
        store.import_records(records)
        ids = store.contact_ids()
        for index, name in renames:
            contact_id = ids[index % len(ids)]
            store.write_contact(replace(store.contact(contact_id), name=name))
            store.find_duplicate("", "", "")  # the index exists from here on, kept up to date
        for name, email, company in [*people, ("Dee", "", ""), ("Dee", "", "Acme")]:
            for exclude in (None, *ids):
                expected = find_duplicate(name, email, company, store.contacts(), exclude)
                assert store.find_duplicate(name, email, company, exclude) == expected
