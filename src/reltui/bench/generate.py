"""Synthetic contacts for the benchmark: a generic CSV, its vCard twin and a year of history,
from a fixed seed."""

from __future__ import annotations

import contextlib
import csv
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import orjson

from reltui.domain.models import Review
from reltui.domain.questions import QUESTION_IDS
from reltui.domain.rules import Answer, Status
from reltui.domain.state import review_status
from reltui.domain.touches import TOUCH_KINDS
from reltui.store.files import FILE_MODE, ensure_private_dir
from reltui.store.review_log import SEGMENT_SIZE

SEED = 20261116
HEADER = ("First Name", "Last Name", "Email", "Company", "Job Title", "Phone", "Notes", "Tags")
# A review history for this share of the contacts, as after a year of weekly reviews.
REVIEWED_SHARE = 0.05
HISTORY_WEEKS = 52
HISTORY_REVIEWER = "bench"
# Touches logged and next actions opened over the same year: up to so many for each reviewed
# contact.
MAX_TOUCHES_PER_CONTACT = 3
MAX_ACTIONS_PER_CONTACT = 2
ACTION_TEXTS = (
    "Send the renewal quote",
    "Call about the maintenance plan",
    "Ask for a referral",
    "Book the annual review",
)

FIRST_NAMES = [
    "Amelia",
    "Bruno",
    "Chloé",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Keira",
    "Luis",
    "Maya",
    "Nils",
    "Olu",
    "Priya",
    "Quentin",
    "Rosa",
    "Samir",
    "Tomasz",
    "Uma",
    "Viktor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoë",
    "Aaron",
    "Beatriz",
    "Cyrus",
    "Dalia",
    "Emeka",
    "Freya",
    "Gustav",
    "Hana",
    "Ivan",
    "Julia",
    "Kenji",
    "Leila",
    "Marco",
    "Noor",
    "Oscar",
    "Paula",
    "Rafael",
    "Sofia",
    "Theo",
    "Ulla",
    "Vera",
    "William",
    "Yara",
    "Zain",
]
LAST_NAMES = [
    "Hart",
    "Silva",
    "Okafor",
    "Nakamura",
    "Müller",
    "Kowalski",
    "Haddad",
    "Jensen",
    "Rossi",
    "Dubois",
    "Novak",
    "Ahmed",
    "Fischer",
    "García",
    "Ivanova",
    "Johansson",
    "Kim",
    "Larsen",
    "Moreau",
    "Nguyen",
    "O'Brien",
    "Petrov",
    "Quinn",
    "Reyes",
    "Schmidt",
    "Tanaka",
    "Urban",
    "Varga",
    "Walsh",
    "Xu",
    "Young",
    "Zimmermann",
    "Bauer",
    "Costa",
    "Eriksen",
    "Fontaine",
    "Gallagher",
    "Horvath",
    "Iqbal",
    "Lindqvist",
    "Mendes",
    "Nowak",
    "Patel",
    "Sato",
    "Weber",
]
COMPANY_WORDS = [
    "Harbor",
    "Summit",
    "Cedar",
    "Atlas",
    "Beacon",
    "Copper",
    "Delta",
    "Ember",
    "Falcon",
    "Granite",
    "Horizon",
    "Iris",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Meridian",
    "Northwind",
    "Orchid",
    "Pinnacle",
    "Quarry",
    "Riverside",
    "Sable",
    "Tidewater",
    "Union",
    "Vertex",
    "Willow",
]
COMPANY_KINDS = (
    "Dental",
    "Joinery",
    "Logistics",
    "Consulting",
    "Bakery",
    "Architects",
    "Analytics",
    "Legal LLP",
    "Engineering",
    "Studios",
    "Foods",
    "Clinic",
)
POSITIONS = (
    "Owner",
    "Managing Director",
    "Practice Manager",
    "Head of Operations",
    "Finance Director",
    "Office Manager",
    "CTO",
    "Partner",
    "Procurement Lead",
    "Marketing Manager",
)
NOTE_PHRASES = (
    "Met at the spring trade fair.",
    "Introduced by a mutual client.",
    "Prefers a call on Tuesday mornings.",
    "Slow to reply to email; text works.",
    "Asked about the annual maintenance plan.",
    "Renewal due in the autumn.",
    "Has two sites and wants one invoice.",
    "Referred a neighbour last year.",
    "Budget is set in January.",
    "Interested in the premium tier.",
    "Moved offices recently.",
    "Works with our competitor too.",
)
TAGS = ("retainer", "annual review", "referral", "priority", "newsletter", "trade fair", "vip")


@dataclass(frozen=True, slots=True)
class Dataset:
    """A generated CSV and what the benchmark needs to know about it."""

    path: Path
    rows: int
    first_in_queue: str


def contact_rows(count: int, seed: int = SEED) -> list[list[str]]:
    """``count`` rows of realistic contact data, the same for the same ``seed``."""
    rng = random.Random(seed)
    rows: list[list[str]] = []
    seen_emails: set[str] = set()
    for index in range(count):
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(LAST_NAMES)
        company = f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_KINDS)}"
        domain = company.split()[0].lower() + "-" + company.split()[1].lower() + ".example.com"
        local = f"{_ascii(first)}.{_ascii(last)}"
        email = f"{local}@{domain}"
        if email in seen_emails:
            email = f"{local}{index}@{domain}"
        seen_emails.add(email)
        phone = f"+44 20 {rng.randrange(7000, 8000)} {rng.randrange(0, 10000):04d}"
        notes = _notes(rng)
        tags = "; ".join(rng.sample(TAGS, rng.choice((0, 0, 1, 1, 2, 3))))
        rows.append(
            [first, last, email, company, rng.choice(POSITIONS), phone, notes, tags],
        )
    return rows


def _ascii(name: str) -> str:
    table = str.maketrans({"é": "e", "ë": "e", "ü": "u", "í": "i", "'": ""})
    return name.lower().translate(table)


def _notes(rng: random.Random) -> str:
    """About a hundred characters of notes."""
    parts: list[str] = []
    while sum(len(part) + 1 for part in parts) < 90:
        parts.append(rng.choice(NOTE_PHRASES))
    return " ".join(parts)


def write_csv(path: Path, count: int, seed: int = SEED) -> Dataset:
    """Write ``count`` contacts as a generic CSV at ``path``."""
    rows = contact_rows(count, seed)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    # The "all" queue is sorted by name (case folded), then by id, which follows row order.
    first = min(range(count), key=lambda i: (f"{rows[i][0]} {rows[i][1]}".casefold(), i))
    return Dataset(path, count, f"{rows[first][0]} {rows[first][1]}")


def write_vcards(path: Path, count: int, seed: int = SEED) -> Path:
    """Write the contacts of ``write_csv`` (same seed, same people) as vCard 3.0 at ``path``."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        for first, last, email, company, title, phone, notes, tags in contact_rows(count, seed):
            lines = [
                "BEGIN:VCARD",
                "VERSION:3.0",
                f"N:{_vcard_text(last)};{_vcard_text(first)};;;",
                f"FN:{_vcard_text(f'{first} {last}')}",
                f"EMAIL;TYPE=INTERNET:{email}",
                f"ORG:{_vcard_text(company)}",
                f"TITLE:{_vcard_text(title)}",
                f"TEL;TYPE=WORK:{phone}",
                f"NOTE:{_vcard_text(notes)}",
            ]
            if tags:
                lines.append("CATEGORIES:" + ",".join(_vcard_text(t) for t in tags.split("; ")))
            lines.append("END:VCARD")
            handle.write("\r\n".join(lines) + "\r\n")
    return path


def _vcard_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


def history_reviews(
    contact_count: int, now: datetime, seed: int = SEED, candidate_min_yes: int = 3
) -> list[Review]:
    """Past reviews for a share of the contacts (ids 1..count), one to three each, oldest first."""
    rng = random.Random(seed + 1)
    reviewed = rng.sample(range(1, contact_count + 1), int(contact_count * REVIEWED_SHARE))
    reviews: list[Review] = []
    for contact_id in sorted(reviewed):
        previous: Review | None = None
        weeks_ago = rng.randrange(4, HISTORY_WEEKS)
        for _ in range(rng.randrange(1, 4)):
            answers = {
                qid: rng.choice((Answer.YES, Answer.YES, Answer.NO, Answer.UNSURE))
                for qid in QUESTION_IDS
            }
            review = Review(
                id=f"{rng.getrandbits(64):016x}",
                contact_id=contact_id,
                at=now - timedelta(weeks=weeks_ago, hours=rng.randrange(0, 48)),
                reviewer=HISTORY_REVIEWER,
                answers=dict(answers),
                note=rng.choice(("", "", "Follow up after the holidays.")),
            )
            carried = Status(previous.status) if previous else Status.UNREVIEWED
            review.status = review_status(review, carried, candidate_min_yes)
            reviews.append(review)
            previous = review
            weeks_ago -= rng.randrange(1, 4)
            if weeks_ago < 1:
                break
    return reviews


def write_history(db_path: Path, reviews: list[Review]) -> int:
    """Write ``reviews`` as the database's review log (segments of 128); returns the count.

    Saving them one by one through the store would fsync each one; a benchmark database does
    not need that, so the segment files are written directly in the store's layout.
    """
    directory = ensure_private_dir(db_path / "reviews")
    for start in range(0, len(reviews), SEGMENT_SIZE):
        chunk = reviews[start : start + SEGMENT_SIZE]
        table = {str(number): review.to_document() for number, review in enumerate(chunk, 1)}
        path = directory / f"{start // SEGMENT_SIZE + 1:06d}.json"
        path.write_bytes(orjson.dumps({"reviews": table}))
        path.chmod(FILE_MODE)
    return len(reviews)


def history_touches(
    reviewed: list[int], now: datetime, seed: int = SEED
) -> list[tuple[int, str, datetime, str]]:
    """Touches over the past year for the ``reviewed`` contacts: ``(id, kind, when, note)``,
    oldest first."""
    rng = random.Random(seed + 2)
    touches = []
    for contact_id in sorted(set(reviewed)):
        for _ in range(rng.randrange(0, MAX_TOUCHES_PER_CONTACT + 1)):
            when = now - timedelta(days=rng.randrange(1, 7 * HISTORY_WEEKS))
            note = rng.choice(("", "", "Asked about the renewal.", "Left a message."))
            touches.append((contact_id, rng.choice(TOUCH_KINDS), when, note))
    touches.sort(key=lambda touch: touch[2])
    return touches


@contextlib.contextmanager
def _without_fsync() -> Iterator[None]:
    """Skip fsync while a benchmark database is filled: it is thrown away after the run, and
    thousands of synced appends would time the disk instead of building the history."""
    original = os.fsync
    os.fsync = lambda fd: None  # type: ignore[assignment]
    try:
        yield
    finally:
        os.fsync = original


def write_touches(db_path: Path, touches: list[tuple[int, str, datetime, str]]) -> int:
    """Log ``touches`` through the store's own API (its journal, checksums and all)."""
    from reltui.store.db import Store

    moment: list[datetime] = []
    with _without_fsync(), Store.open(db_path, clock=lambda: moment[-1]) as store:
        for contact_id, kind, when, note in touches:
            moment.append(when)
            store.add_touch(contact_id, kind, when.date(), note)
    return len(touches)


def write_actions(db_path: Path, reviewed: list[int], now: datetime, seed: int = SEED) -> int:
    """A year of next actions for the ``reviewed`` contacts, opened and most of them done or
    dropped, through the store's own API (its journal, checksums and all); returns how many."""
    from reltui.domain.actions import DONE, DROPPED, close
    from reltui.store.db import Store

    rng = random.Random(seed + 3)
    count = 0
    with _without_fsync(), Store.open(db_path) as store:
        for contact_id in sorted(set(reviewed)):
            for _ in range(rng.randrange(0, MAX_ACTIONS_PER_CONTACT + 1)):
                opened = now - timedelta(days=rng.randrange(7, 7 * HISTORY_WEEKS))
                due = (opened + timedelta(days=rng.randrange(1, 21))).date()
                text = rng.choice(ACTION_TEXTS)
                action = store.open_action(contact_id, text, due, at=opened)
                state = rng.choice((DONE, DONE, DONE, DROPPED, None))
                if state is not None:
                    store.save_action(close(action, state, due))
                count += 1
    return count
