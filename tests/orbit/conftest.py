"""Fixtures of the orbit tests: the real ISS element set; helpers live in orbit_testkit.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from planner.orbit import Orbit

# --import-mode=importlib does not put test folders on sys.path; the helpers module needs it.
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture
def iss_sets(data_dir):
    """The real ISS element set of 2021-10-15."""
    from planner.orbit import read_elements

    return read_elements(data_dir / "iss-2021-10-15.tle")


@pytest.fixture
def iss_orbit(iss_sets):
    return Orbit(iss_sets)


