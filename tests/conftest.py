"""Shared test set-up: fresh settings for every test, paths to the test data. Nothing here imports Qt: the Qt
fixtures are in tests/gui/conftest.py, so the core tests run where PySide6 is not installed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_dir() -> Path:
    """The folder of the test data files (see tests/data/PROVENANCE.md)."""
    return DATA


@pytest.fixture
def events_csv(data_dir, tmp_path) -> Path:
    """A copy of the real 2021 traffic CSV (second half of the year) in the test's own folder."""
    path = tmp_path / "events.csv"
    shutil.copyfile(data_dir / "iss-traffic-2021h2.csv", path)
    return path


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory, monkeypatch):
    """Every test gets its own empty config and data folders, so a developer's own settings never leak in."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("PLANNER_CONFIG_DIR", str(home / "planner-config"))
    yield
