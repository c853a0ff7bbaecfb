"""Fuzzy contact search by name, company or email (rapidfuzz; no UI)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from reltui.domain.models import Contact
from reltui.folding import fold

# Candidates kept from the fast first pass before the finer per-field ranking.
_FIRST_PASS = 200
_FIRST_PASS_CUTOFF = 60


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One contact that matched a query, best first by ``score`` (0-100 plus bonuses)."""

    contact_id: int
    score: float


class ContactSearch:
    """An index of contacts' names, companies and emails, built once and queried per key."""

    def __init__(self, contacts: Iterable[Contact]) -> None:
        self._ids: list[int] = []
        self._names: list[str] = []
        self._companies: list[str] = []
        self._emails: list[str] = []
        self._haystacks: list[str] = []
        for contact in contacts:
            name = fold(contact.name)
            company = fold(contact.company)
            email = " ".join(fold(email) for email in contact.all_emails)
            self._ids.append(contact.id)
            self._names.append(name)
            self._companies.append(company)
            self._emails.append(email)
            self._haystacks.append(f"{name} {company} {email}")

    def __len__(self) -> int:
        return len(self._ids)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """The contacts best matching ``query``; an empty query matches nothing."""
        folded = fold(query)
        if not folded or limit <= 0:
            return []
        first_pass = process.extract(
            folded,
            self._haystacks,
            scorer=fuzz.partial_ratio,
            processor=None,
            limit=max(_FIRST_PASS, limit),
            score_cutoff=_FIRST_PASS_CUTOFF,
        )
        ranked: list[tuple[float, str, int]] = []
        for _, _, index in first_pass:
            score = self._rank(folded, index)
            ranked.append((-score, self._names[index], index))
        ranked.sort()
        return [SearchHit(self._ids[index], -negative) for negative, _, index in ranked[:limit]]

    def _rank(self, query: str, index: int) -> float:
        name = self._names[index]
        score = max(
            fuzz.WRatio(query, name, processor=None),
            0.95 * fuzz.WRatio(query, self._companies[index], processor=None),
            0.9 * fuzz.WRatio(query, self._emails[index], processor=None),
        )
        if name.startswith(query) or f" {query}" in f" {name}":
            score += 10
        elif query in self._haystacks[index]:
            score += 5
        return score
