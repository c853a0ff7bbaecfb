"""CSV export of every touch: ``contact_id,name,email,kind,date,note``, formula-safe."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO

from reltui.store.db import Store
from reltui.store.export import LINE_END, neutralised
from reltui.store.files import atomic_writer

TOUCH_HEADER = ("contact_id", "name", "email", "kind", "date", "note")


def write_touches(store: Store, handle: IO[str]) -> int:
    """Write the header and one row per touch, by contact id then date; returns the rows."""
    writer = csv.writer(handle, lineterminator=LINE_END)
    writer.writerow(TOUCH_HEADER)
    touches = sorted(store.all_touches(), key=lambda touch: (touch.contact_id, touch.order))
    for touch in touches:
        contact = store.contact(touch.contact_id)
        cells = [contact.name, contact.email, touch.kind, touch.on.isoformat(), touch.note]
        writer.writerow([str(touch.contact_id), *neutralised(cells)])
    return len(touches)


def touches_to_file(store: Store, path: Path) -> int:
    """Write the touches CSV to ``path`` atomically, owner-only."""
    with atomic_writer(path, "w", encoding="utf-8", newline="") as handle:
        return write_touches(store, handle)
