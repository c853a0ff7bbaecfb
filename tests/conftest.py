"""Fixtures shared by every test: an isolated home, no reltui environment, a small store."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reltui.formats.records import ContactRecord
from reltui.store.db import Store

FIXED_NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
SMALL_CONTACTS = (
    ContactRecord(name="Ada Lovelace", emails=["ada@example.com"], company="Engines"),
    ContactRecord(name="Brian Kernighan", emails=["bwk@example.com"], company="Bell Labs"),
    ContactRecord(name="Grace Hopper", emails=["grace@example.com"], company="Navy"),
)


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> Path:
    """A fresh HOME and XDG directories, and no RELTUI_* variables from the developer's shell."""
    root = tmp_path_factory.mktemp("env")
    home = root / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        path = root / name.lower()
        path.mkdir()
        monkeypatch.setenv(name, str(path))
    for name in list(os.environ):
        if name.startswith("RELTUI_"):
            monkeypatch.delenv(name)
    return home


@pytest.fixture
def fixed_now() -> datetime:
    return FIXED_NOW


@pytest.fixture
def small_store(tmp_path: Path) -> Iterator[Store]:
    """A writable store of three never-reviewed contacts, with the clock fixed at FIXED_NOW."""
    with Store.open(tmp_path / "small-db", clock=lambda: FIXED_NOW) as store:
        store.import_records(list(SMALL_CONTACTS))
        yield store
