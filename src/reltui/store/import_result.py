"""What an import did: counts the store returns and the command line prints."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class ImportResult:
    """Counts of what an import did (or, in a dry run, would do)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    # Records that matched a contact this same import had already added or updated.
    merged: int = 0
    # Fields the import would have changed but left as the user set them by hand.
    kept: int = 0
