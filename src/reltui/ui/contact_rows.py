"""The rows of the contact list: one flat record per contact, filtered and sorted as lists.

Built once (in a worker) and then kept up to date one contact at a time, so opening the list,
filtering and sorting cost plain list operations even on 100,000 contacts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from reltui.domain.cooling import DEFAULT_TOUCH_DAYS, is_cooling
from reltui.domain.models import Contact
from reltui.domain.rules import STATUS_ORDER, Status
from reltui.folding import fold
from reltui.store.db import Store
from reltui.ui.text import in_columns, safe
from reltui.ui.views import day

AT_RISK = "at risk"
COOLING = "cooling"
STATUS_FILTERS: tuple[str, ...] = ("all", *STATUS_ORDER, AT_RISK, COOLING)
# After the days since the last touch, on a cooling contact's row.
COOLING_MARK = "❄"
COLUMNS: tuple[str, ...] = ("name", "company", "status", "reviewed", "due", "touched")
_NEVER = float("-inf")


@dataclass(slots=True)
class ContactRow:
    """One contact as the list shows it; ``haystack`` is what the filter box matches."""

    contact_id: int
    name: str
    company: str
    email: str
    status: Status = Status.UNREVIEWED
    at_risk: bool = False
    reviewed_at: datetime | None = None
    due_at: datetime | None = None
    answered: int = 0  # questions answered in a review in progress
    touched_on: date | None = None
    cooling: bool = False
    today: date | None = field(default=None, repr=False)
    name_key: str = field(default="", repr=False)
    company_key: str = field(default="", repr=False)
    haystack: str = field(default="", repr=False)

    @property
    def reviewed(self) -> str:
        if self.answered:
            return f"in progress {self.answered}/4"
        return day(self.reviewed_at)

    @property
    def due(self) -> str:
        return day(self.due_at) or "now"

    @property
    def touched(self) -> str:
        """How long since the last touch, short: ``today``, ``12d``; a later day as ``11-20``."""
        if self.touched_on is None:
            return ""
        days = (self.today - self.touched_on).days if self.today else -1
        if days == 0:
            return "today"
        mark = COOLING_MARK if self.cooling else ""
        return f"{days}d{mark}" if days > 0 else self.touched_on.isoformat()[5:]

    @property
    def status_label(self) -> str:
        return f"{self.status} !" if self.at_risk else str(self.status)


def _sort_key(column: str):  # noqa: ANN202 - a key function for list.sort
    if column == "name":
        return lambda row: (row.name_key, row.contact_id)
    if column == "company":
        return lambda row: (row.company_key, row.name_key)
    if column == "status":
        order = {status: index for index, status in enumerate(STATUS_ORDER)}
        return lambda row: (not row.at_risk, order[row.status])
    if column == "reviewed":
        return lambda row: row.reviewed_at.timestamp() if row.reviewed_at else _NEVER
    if column == "due":
        return lambda row: row.due_at.timestamp() if row.due_at else _NEVER
    if column == "touched":
        return lambda row: row.touched_on.toordinal() if row.touched_on else _NEVER
    raise ValueError(f"unknown column {column!r}")


class ContactRows:
    """Every contact's row, with O(1) updates and O(n) filtering."""

    def __init__(
        self,
        store: Store,
        cadence_days: Mapping[Status, int],
        today: date | None = None,
        touch_days: Mapping[Status, int] = DEFAULT_TOUCH_DAYS,
    ) -> None:
        self._store = store
        self._touch_days = touch_days
        self._today = today
        self._cadence_days = cadence_days
        self.rows: list[ContactRow] = []
        self.by_id: dict[int, ContactRow] = {}
        # Read once for every row: each contact's last touch, from the touch log's index.
        self._last_touches = store.last_touches()
        for contact in store.contacts():
            row = ContactRow(contact.id, "", "", "")
            self._describe(row, contact)
            self._fill(row)
            self.rows.append(row)
            self.by_id[contact.id] = row

    @staticmethod
    def _describe(row: ContactRow, contact: Contact) -> None:
        row.name = in_columns(safe(contact.name))
        row.company = in_columns(safe(contact.company))
        row.email = in_columns(safe(contact.email))
        row.name_key = fold(row.name)
        row.company_key = fold(row.company)
        emails = " ".join(fold(email) for email in contact.all_emails)
        row.haystack = f"{row.name_key} {row.company_key} {emails}"

    def _fill(self, row: ContactRow) -> None:
        touch = self._last_touches.get(row.contact_id)
        row.touched_on = touch.on if touch is not None else None
        row.today = self._today
        state = self._store.state(row.contact_id)
        row.status = state.status
        row.at_risk = state.at_risk
        row.reviewed_at = state.last_reviewed
        row.due_at = state.next_due(self._cadence_days)
        row.answered = state.answered
        row.cooling = self._today is not None and is_cooling(
            row.status, row.touched_on, self._today, self._touch_days
        )

    def refresh(self, contact_id: int) -> None:
        """Bring one contact's row up to date after a review, a touch or an edit; a contact
        added since the rows were built gets its row."""
        self._last_touches = self._store.last_touches()
        row = self.by_id.get(contact_id)
        if row is None:
            row = ContactRow(contact_id, "", "", "")
            self.rows.append(row)
            self.by_id[contact_id] = row
        self._describe(row, self._store.contact(contact_id))
        self._fill(row)

    def view(
        self, status: str = "all", query: str = "", sort: str = "name", reverse: bool = False
    ) -> list[ContactRow]:
        """The rows matching ``status`` and ``query`` (substring of name/company/email), sorted."""
        rows = self.rows
        if status == AT_RISK:
            rows = [row for row in rows if row.at_risk]
        elif status == COOLING:
            rows = [row for row in rows if row.cooling]
        elif status != "all":
            rows = [row for row in rows if row.status == status]
        needle = fold(query)
        if needle:
            rows = [row for row in rows if needle in row.haystack]
        return sorted(rows, key=_sort_key(sort), reverse=reverse)
