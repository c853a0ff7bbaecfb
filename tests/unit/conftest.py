"""Fixtures for the store and CLI unit tests."""

from datetime import UTC, datetime

import pytest
from test_trend import TODAY, at, build_review_log

from reltui.formats.records import ContactRecord
from reltui.store.db import Store

FIXED_NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "db"


@pytest.fixture
def store(db_path):
    with Store.open(db_path, clock=lambda: FIXED_NOW) as opened:
        opened.import_records(
            [
                ContactRecord(name="Ada Lovelace", emails=["ada@example.com"], company="Engines"),
                ContactRecord(name="Brian Kernighan", emails=["bwk@example.com"], company="Bell"),
                ContactRecord(name="Grace Hopper", emails=["grace@example.com"], company="Navy"),
            ]
        )
        yield opened


@pytest.fixture
def review_log_db(db_path):
    """The database of test_trend's review log, closed, for the CLI to open."""
    store, _ = build_review_log(db_path)
    store.close()
    return db_path


@pytest.fixture
def cli_today(monkeypatch):
    """The report and stats commands take test_trend's TODAY as today."""
    for command in ("report", "stats"):
        monkeypatch.setattr(f"reltui.cli.{command}.now_local", lambda: at(TODAY))
