"""DuplicateIndex: which contacts are the same person, in 8 bytes a key, so a million fit."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from reltui.domain.models import normalise_email, normalise_text

# A key's hash keeps 31 bits, over the 32 of the contact id, in one signed 64-bit number.
ID_BITS = 32
HASH_MASK = (1 << 31) - 1


def duplicate_keys(document: Mapping[str, Any]) -> list[str]:
    """What makes two contacts the same person (``contact_rules.find_duplicate``): each of the
    emails, and the name with the company, normalised; the two kinds never equal each other."""
    email = document.get("email", "")
    emails = document.get("emails") or []
    addresses = [email, *emails] if email else emails
    keys = [f"e:{address}" for address in dict.fromkeys(map(normalise_email, addresses))]
    keys.append(
        f"n:{normalise_text(document['name'])}\x00{normalise_text(document.get('company', ''))}"
    )
    return keys


def _hash(key: str) -> int:
    return hash(key) & HASH_MASK


class DuplicateIndex:
    """Every contact's keys as ``hash << 32 | id`` in one sorted array (a million contacts:
    16 MB, where dictionaries of strings and lists took 350 MB), with the changes since it was
    built beside it. A hash can be shared by two different keys, so each id found is checked
    against its contact's own keys before it counts.
    """

    def __init__(self, documents: Iterable[tuple[int, Mapping[str, Any]]]) -> None:
        packed = [
            _hash(key) << ID_BITS | contact_id
            for contact_id, document in documents
            for key in duplicate_keys(document)
        ]
        packed.sort()
        self._packed = array("q", packed)
        self._added: dict[int, set[int]] = {}  # by key hash: ids given the key since built
        self._removed: set[int] = set()  # packed entries taken away since built

    def add(self, contact_id: int, document: Mapping[str, Any]) -> None:
        for key in duplicate_keys(document):
            key_hash = _hash(key)
            self._added.setdefault(key_hash, set()).add(contact_id)

    def remove(self, contact_id: int, document: Mapping[str, Any]) -> None:
        for key in duplicate_keys(document):
            key_hash = _hash(key)
            self._removed.add(key_hash << ID_BITS | contact_id)
            self._added.get(key_hash, set()).discard(contact_id)

    def _ids(self, key: str) -> set[int]:
        key_hash = _hash(key)
        packed, removed = self._packed, self._removed
        found: set[int] = set()
        position = bisect_left(packed, key_hash << ID_BITS)
        while position < len(packed) and packed[position] >> ID_BITS == key_hash:
            if packed[position] not in removed:
                found.add(packed[position] & ((1 << ID_BITS) - 1))
            position += 1
        return found | self._added.get(key_hash, set())

    def first_match(
        self,
        name: str,
        email: str,
        company: str,
        exclude: int | None,
        document_of: Callable[[int], Mapping[str, Any]],
    ) -> int | None:
        """The lowest id with ``email`` (if any), or ``name`` (if any) and ``company``."""
        wanted: list[str] = []
        if normalise_email(email):
            wanted.append(f"e:{normalise_email(email)}")
        if normalise_text(name):
            wanted.append(f"n:{normalise_text(name)}\x00{normalise_text(company)}")
        candidates = sorted({i for key in wanted for i in self._ids(key)} - {exclude})
        for contact_id in candidates:
            if set(wanted) & set(duplicate_keys(document_of(contact_id))):
                return contact_id
        return None
