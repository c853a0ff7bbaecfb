"""Reading contact exports (CSV of several products, vCard) into plain records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reltui.formats.records import ContactRecord, ImportFormatError, ParsedFile, SkippedRow

if TYPE_CHECKING:
    from reltui.formats.reader import FORMATS, read_contacts

__all__ = [
    "FORMATS",
    "ContactRecord",
    "ImportFormatError",
    "ParsedFile",
    "SkippedRow",
    "read_contacts",
]


def __getattr__(name: str) -> Any:
    # The readers are imported when first asked for: the records alone are light.
    if name in ("FORMATS", "read_contacts"):
        from reltui.formats import reader

        return getattr(reader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
