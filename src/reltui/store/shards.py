"""Shards of contacts: which shard holds an id, and the records a shard's table must hold.

A shard is read whole and believed only when every key and record passes the checks of
``validation.contact_problem``; they are made a shard at a time, not a record at a time, and
only a shard that fails is read again record by record to say which record and why.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reltui.store.errors import CorruptDatabase
from reltui.store.validation import CONTACT_LISTS, CONTACT_TEXT, contact_problem

SHARD_SIZE = 1000
Document = dict[str, Any]
# The fields ``contact_problem`` checks, and each type it lets them have.
_LISTS = CONTACT_LISTS
_CHECKED = frozenset(("name", *CONTACT_TEXT, *CONTACT_LISTS))
_ALLOWED_SHAPES = frozenset(
    [("name", str)]
    + [(name, kind) for name in CONTACT_TEXT for kind in (str, type(None))]
    + [(name, kind) for name in CONTACT_LISTS for kind in (list, type(None))]
)


def shard_of(contact_id: int) -> int:
    """The shard holding ``contact_id``."""
    return (contact_id - 1) // SHARD_SIZE + 1


def shard_runs(ids: list[int]) -> Iterator[tuple[int, int, int]]:
    """``(shard, start, end)`` for each run of ``ids`` (sorted) in one shard."""
    start = 0
    while start < len(ids):
        number = shard_of(ids[start])
        end = bisect_right(ids, number * SHARD_SIZE, start)
        yield number, start, end
        start = end


def documents_of(path: Path, table: Any, shard: int | None = None) -> dict[int, Document]:
    """The contact documents of a stored table, checked for shape (raises ``CorruptDatabase``)."""
    if not isinstance(table, dict):
        raise CorruptDatabase(f"{path}: file is corrupt (contacts table)")
    documents = _well_formed(table, shard)
    if documents is not None:
        return documents
    # Something is wrong: find the first record that is, and say what.
    documents = {}
    for key, document in table.items():
        if not key.isdigit() or (shard is not None and shard_of(int(key)) != shard):
            raise CorruptDatabase(f"{path}: file is corrupt (contact id {key!r} out of place)")
        problem = contact_problem(document) if type(document) is dict else "not a record"
        if problem is not None:
            raise CorruptDatabase(
                f"{path}: contact {key}: file is corrupt (bad contact record: {problem})"
            )
        documents[int(key)] = document
    return documents


def _well_formed(table: dict[str, Any], shard: int | None) -> dict[int, Document] | None:
    """The documents of ``table`` when every key and record passes ``documents_of``'s checks,
    made a shard at a time rather than a record at a time; ``None`` when one does not."""
    keys = list(table)
    if not "".join(keys).isdigit() or not all(keys):
        return None
    ids = list(map(int, keys))
    if shard is not None and ids and (shard_of(min(ids)) != shard or shard_of(max(ids)) != shard):
        return None
    records = list(table.values())
    if {type(record) for record in records} - {dict}:
        return None
    # Every field of every record with its type: the checks of ``contact_problem`` at once.
    shapes = {(name, type(value)) for record in records for name, value in record.items()}
    if not shapes <= _ALLOWED_SHAPES | {shape for shape in shapes if shape[0] not in _CHECKED}:
        return None
    if not all(type(record.get("name")) is str for record in records):
        return None
    listed = {
        type(item) for record in records for name in _LISTS for item in record.get(name) or ()
    }
    if listed - {str}:
        return None
    return dict(zip(ids, records, strict=True))
