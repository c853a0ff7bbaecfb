"""The bulk paths of an import and of the contact index give what the record-by-record ones give."""

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
