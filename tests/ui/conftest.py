"""Fixtures for the Pilot and snapshot tests: the sample database at a fixed time, app factories."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from ui_support import HOSTILE_NAMES, NOW, clock, open_store, settings

from reltui.formats.records import ContactRecord
from reltui.sample import build_sample_database
from reltui.store.db import Store
from reltui.ui.app import ReltuiApp, make_app


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "db"
    build_sample_database(path, now=NOW, settings=settings())
    return path


@pytest.fixture
def sample_path(sample_template: Path, tmp_path: Path) -> Path:
    """A private copy of the 40-contact sample database."""
    path = tmp_path / "sample-db"
    shutil.copytree(sample_template, path)
    return path


@pytest.fixture
def sample_store(sample_path: Path) -> Iterator[Store]:
    with open_store(sample_path) as store:
        yield store


@pytest.fixture
def hostile_store(tmp_path: Path) -> Iterator[Store]:
    """Contacts whose names and companies are markup, action links and terminal escapes."""
    with open_store(tmp_path / "hostile-db") as store:
        store.import_records(
            [
                ContactRecord(
                    name=name,
                    emails=[f"person{index}@example.com"],
                    company="[/bold] & [red]Co" if index == 0 else "Acme",
                    notes="first line\nsecond \x1b]0;owned\x07line",
                )
                for index, name in enumerate(HOSTILE_NAMES)
            ]
        )
        yield store


AppFactory = Callable[..., ReltuiApp]


@pytest.fixture
def make() -> AppFactory:
    """Build the app through ``make_app`` with fixed settings and clock."""

    def build(store: Store, queue: str = "due", **changes: object) -> ReltuiApp:
        return make_app(settings(**changes), store, queue=queue, clock=clock)

    return build
