"""The TinyDB-backed store: contacts, the review log, locking, import and export."""

from reltui.store.db import Store, StoreError

__all__ = ["Store", "StoreError"]
