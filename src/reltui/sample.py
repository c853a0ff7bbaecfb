"""The bundled sample database: fictional contacts with a review history, for ``reltui demo``."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path

from reltui.config import Settings
from reltui.domain.models import Review, normalise_email
from reltui.domain.questions import QUESTION_IDS
from reltui.domain.state import contact_state, review_status
from reltui.formats.reader import read_contacts
from reltui.paths import sample_data_dir
from reltui.review.actions import review_actions
from reltui.store.db import Store, new_review_id, now_local

SAMPLE_REVIEWER = "sample"


def build_sample_database(
    path: Path, now: datetime | None = None, settings: Settings | None = None
) -> Path:
    """Create a database at ``path`` from ``sample_data/`` with its history dated from ``now``."""
    now = now or now_local()
    settings = settings or Settings()
    source = sample_data_dir()
    with Store.open(path) as store:
        store.import_records(read_contacts(source / "contacts.csv").records)
        by_email = {normalise_email(c.email): c.id for c in store.contacts() if c.email}
        with open(source / "reviews.csv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                contact_id = by_email[normalise_email(row["email"])]
                history = store.reviews(contact_id)
                review = Review(
                    id=new_review_id(),
                    contact_id=contact_id,
                    at=now - timedelta(days=int(row["days_ago"])),
                    reviewer=SAMPLE_REVIEWER,
                    answers={qid: row[qid] or None for qid in QUESTION_IDS},
                    decision=row["decision"] or None,
                    note=row["note"],
                )
                carried = contact_state(history).status
                review.status = review_status(review, carried, settings.candidate_min_yes)
                store.save_review(review)
                # The review opened its next actions on its day, as a session does.
                review_actions(store, settings, review, review.at.date())
        with open(source / "touches.csv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                contact_id = by_email[normalise_email(row["email"])]
                on = (now - timedelta(days=int(row["days_ago"]))).date()
                store.add_touch(contact_id, row["kind"], on, row["note"])
    return path
