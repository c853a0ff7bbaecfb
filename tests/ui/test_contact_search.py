"""reltui.review.search: fuzzy matching by name, company or email, best first, never textual."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from reltui.domain.models import Contact
from reltui.folding import fold
from reltui.review.search import ContactSearch

CONTACTS = [
    Contact(id=1, name="Chloé Martin", company="Northgate Physio", email="chloe@northgate.example"),
    Contact(id=2, name="Farid Haddad", company="Cedar Logistics", email="farid@cedar.example"),
    Contact(id=3, name="Yara Haddad", company="Cedar Logistics", email="yara@cedar.example"),
    Contact(id=4, name="Martin Chloe", company="Elsewhere", email="mc@else.example"),
    Contact(id=5, name="Bruno Silva", company="Silva & Sons", email="b@silva.example"),
]
INDEX = ContactSearch(CONTACTS)


def ids(query: str, limit: int = 20) -> list[int]:
    return [hit.contact_id for hit in INDEX.search(query, limit)]


def test_fold_removes_accents_case_and_extra_spaces():
    assert fold("  Chloé   MARTIN ") == "chloe martin"
    assert fold("Zoë") == "zoe"


def test_accent_free_query_finds_the_accented_name_first():
    assert ids("chloe")[:2] == [1, 4]


def test_typo_still_finds_the_name():
    assert ids("bruno silvia")[0] == 5


def test_company_matches_rank_by_name():
    assert ids("cedar")[:2] == [2, 3]


def test_email_matches():
    assert ids("yara@cedar")[0] == 3


def test_empty_query_and_limit():
    assert ids("") == []
    assert ids("   ") == []
    assert len(ids("a", limit=2)) == 2


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_query_returns_known_contacts_without_error(query: str):
    for hit in INDEX.search(query):
        assert hit.contact_id in {contact.id for contact in CONTACTS}


def test_search_module_does_not_import_textual():
    code = "import sys, reltui.review.search; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
