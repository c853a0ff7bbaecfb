"""Where reltui keeps its files, as functions so tests can redirect them through the environment."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "reltui"


def data_dir() -> Path:
    """The user's data directory for reltui (XDG_DATA_HOME on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The user's config directory for reltui (XDG_CONFIG_HOME on Linux)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    """The config file: ``RELTUI_CONFIG`` if set, else ``config.yaml`` in the config directory."""
    override = os.environ.get("RELTUI_CONFIG")
    return Path(override).expanduser() if override else config_dir() / "config.yaml"


def default_db_path() -> Path:
    """The database directory used when neither ``--db``, ``RELTUI_DB`` nor the config names one."""
    return data_dir() / "db"


def sample_data_dir() -> Path:
    """The bundled sample data: inside the installed package, or beside the source tree."""
    packaged = Path(__file__).parent / "sample_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "sample_data"
