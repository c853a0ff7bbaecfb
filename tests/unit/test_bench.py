"""The benchmark: its synthetic data is deterministic and importable, and every figure is reported.

No timing is asserted here: the figures depend on the machine.
"""

from datetime import UTC, datetime, timedelta

import orjson

from reltui.bench.__main__ import BASELINE_RATIOS, ROWS, main
from reltui.bench.generate import (
    contact_rows,
    history_reviews,
    history_touches,
    write_csv,
    write_touches,
    write_vcards,
)
from reltui.formats.reader import read_contacts
from reltui.store.db import Store

FIXED_NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def test_the_same_seed_gives_the_same_contacts():
    assert contact_rows(50) == contact_rows(50)
    assert contact_rows(50, seed=1) != contact_rows(50, seed=2)


def test_contacts_look_real():
    rows = contact_rows(200)
    emails = [row[2] for row in rows]
    assert len(set(emails)) == len(emails)
    notes = [len(row[6]) for row in rows]
    assert 80 <= sum(notes) / len(notes) <= 140


def test_the_csv_imports_every_row(tmp_path):
    dataset = write_csv(tmp_path / "contacts.csv", 120)
    parsed = read_contacts(dataset.path)
    assert parsed.format == "csv"
    assert len(parsed.records) == 120
    assert not parsed.skipped
    with Store.open(tmp_path / "db") as store:
        result = store.import_records(parsed.records)
        assert result.added == 120
        first = min(store.contacts(), key=lambda contact: (contact.name.casefold(), contact.id))
        assert first.name == dataset.first_in_queue


def test_history_is_deterministic_and_oldest_first():
    reviews = history_reviews(400, FIXED_NOW)
    again = history_reviews(400, FIXED_NOW)
    assert [r.to_document() for r in reviews] == [r.to_document() for r in again]
    for before, after in zip(reviews, reviews[1:], strict=False):
        if before.contact_id == after.contact_id:
            assert before.at < after.at


def test_bench_reports_every_figure(capsys):
    assert main(["--sizes", "40,60", "--answers", "6", "--json", "--smoke"]) == 0
    document = orjson.loads(capsys.readouterr().out)
    assert document["sizes"] == [40, 60]
    for size in ("40", "60"):
        figures = document["results"][size]
        for name, *_ in ROWS:
            assert isinstance(figures[name], int | float), name
            assert figures[name] > 0, name
        assert figures["answers"] == 6
    assert set(document["ratios"]) == {
        "first_contact_seconds",
        "answer_p50_ms",
        "answer_p95_ms",
        "touch_p95_ms",
        "edit_p95_ms",
        "action_done_p95_ms",
        "bytes_per_answer",
    }
    assert "first contact on screen" in document["table"]


def test_bench_compares_every_target_with_its_baseline(capsys):
    assert main(["--sizes", "130", "--answers", "3", "--json", "--smoke"]) == 0
    document = orjson.loads(capsys.readouterr().out)
    baselines = document["baselines"]
    assert baselines["machine_reference"] > 0
    assert baselines["minimal_app_seconds"] > 0
    assert baselines["help_seconds"] > 0
    against = document["baseline_ratios"]["130"]
    assert set(against) == {label for label, *_ in BASELINE_RATIOS}
    assert all(value > 0 for value in against.values())
    assert "first screen / minimal app" in document["table"]


def test_history_touches_are_logged_through_the_store(tmp_path):
    dataset = write_csv(tmp_path / "contacts.csv", 300)
    with Store.open(tmp_path / "db") as store:
        store.import_records(read_contacts(dataset.path).records)
    reviewed = [review.contact_id for review in history_reviews(300, FIXED_NOW)]
    touches = history_touches(reviewed, FIXED_NOW)
    assert touches == history_touches(reviewed, FIXED_NOW)
    assert write_touches(tmp_path / "db", touches) == len(touches) > 0
    with Store.open(tmp_path / "db", read_only=True) as store:
        logged = store.all_touches()
        assert len(logged) == len(touches)
        assert {touch.contact_id for touch in logged} <= set(reviewed)
        assert min(touch.on for touch in logged) >= (FIXED_NOW - timedelta(weeks=52)).date()


def test_the_vcard_twin_holds_the_same_people(tmp_path):
    csv_people = read_contacts(write_csv(tmp_path / "contacts.csv", 80).path).records
    cards = read_contacts(write_vcards(tmp_path / "contacts.vcf", 80)).records

    def fields(r):
        return (r.name, r.emails, r.company, r.position, r.phones, r.notes, r.tags)

    assert [fields(r) for r in cards] == [fields(r) for r in csv_people]
