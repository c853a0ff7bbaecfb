"""Rules for contacts the user adds and edits: who a typed CONTACT is, duplicates, bad values."""

import pytest

from reltui.domain.contact_rules import (
    ContactNotFound,
    email_problem,
    find_duplicate,
    form_problems,
    resolve_contact,
)
from reltui.domain.edits import changes_between, parse_tags, with_values
from reltui.domain.models import Contact

PEOPLE = [
    Contact(1, "Ángel Ruiz", "angel@example.com", company="Acme"),
    Contact(2, "Angel Ruiz", "a.ruiz@other.example", company="Other"),
    Contact(3, "Grace Hopper", "grace@example.com", ["g.hopper@navy.example"], company="Navy"),
]


def resolve(query):
    emails = ((c.id, c.name, c.all_emails) for c in PEOPLE)
    return resolve_contact(query, {c.id for c in PEOPLE}, [(c.id, c.name) for c in PEOPLE], emails)


def test_a_contact_is_found_by_id_email_or_name_ignoring_case_and_accents():
    assert resolve("3") == 3
    assert resolve("G.HOPPER@navy.example") == 3
    assert resolve("  grace   HOPPER ") == 3


def test_a_name_two_contacts_share_once_folded_lists_both():
    with pytest.raises(ContactNotFound) as refused:
        resolve("angel ruiz")
    message = str(refused.value)
    assert message.startswith("2 contacts match 'angel ruiz': ")
    assert "Ángel Ruiz (id 1)" in message and "Angel Ruiz (id 2)" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("9", "no contact with id 9"),
        ("nobody@example.com", "no contact with email 'nobody@example.com'"),
        ("Nobody", "no contact with name 'Nobody'"),
        ("  ", "no contact given"),
    ],
)
def test_an_unknown_contact_is_one_line(query, message):
    with pytest.raises(ContactNotFound, match=message):
        resolve(query)


def test_emails_are_read_only_for_a_query_that_looks_like_one():
    def explode():
        raise AssertionError("emails read")
        yield  # pragma: no cover

    assert resolve_contact("Grace Hopper", {3}, [(3, "Grace Hopper")], explode()) == 3


def test_a_duplicate_is_the_same_email_or_the_same_name_at_the_same_company():
    assert find_duplicate("X", "GRACE@example.com ", "", PEOPLE).id == 3
    assert find_duplicate("grace  hopper", "", "navy", PEOPLE).id == 3
    assert find_duplicate("Grace Hopper", "", "Army", PEOPLE) is None
    assert find_duplicate("Grace Hopper", "grace@example.com", "Navy", PEOPLE, exclude=3) is None


def test_an_email_must_be_an_address_but_is_never_looked_up():
    assert email_problem("someone@nowhere.example") is None
    assert email_problem("") is None
    assert email_problem("not an email").startswith("not an email address")


def test_a_form_needs_a_name_and_one_line_fields():
    assert form_problems({"name": "  ", "email": "x@", "company": "a\nb", "notes": "a\nb"}) == {
        "name": "a name is required",
        "email": form_problems({"email": "x@"})["email"],
        "company": "one line only",
    }


def test_an_edit_marks_fields_hand_set_and_remembers_a_replaced_email():
    contact = Contact(5, "Ada", "old@example.com", tags=["a"])
    changes = changes_between(
        contact, {"email": "new@example.com", "tags": "a, b ,a", "name": "Ada"}
    )
    assert changes == {"email": ("old@example.com", "new@example.com"), "tags": ("a", "a, b")}
    changed = with_values(contact, changes)
    assert (changed.email, changed.tags) == ("new@example.com", ["a", "b"])
    assert changed.hand_set == ["email", "tags"]
    assert changed.former_emails == ["old@example.com"]
    assert contact.email == "old@example.com"  # the original is untouched


def test_tags_are_split_at_commas():
    assert parse_tags(" vip,  board member ,,vip") == ["vip", "board member"]
