"""The store: contacts, the review log, touches and edits, locking, import and export."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reltui.store.db import Store, StoreError

__all__ = ["Store", "StoreError"]


def __getattr__(name: str) -> Any:
    # Imported when first asked for: a command that needs only one store module (the errors,
    # the files) does not pay for the whole store.
    if name in __all__:
        from reltui.store import db

        return getattr(db, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
