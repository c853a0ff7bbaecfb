"""Reading contact exports (CSV of several products, vCard) into plain records."""

from reltui.formats.reader import FORMATS, read_contacts
from reltui.formats.records import ContactRecord, ImportFormatError, ParsedFile, SkippedRow

__all__ = [
    "FORMATS",
    "ContactRecord",
    "ImportFormatError",
    "ParsedFile",
    "SkippedRow",
    "read_contacts",
]
