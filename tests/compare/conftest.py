"""Plans to compare: the bundled example ("The Challenge, 2021"), a fresh copy for each side, edited in code."""

from __future__ import annotations

import copy

import pytest


@pytest.fixture
def example(_example_once):
    """A function returning a fresh copy of the bundled example each time it is called."""
    return lambda: copy.deepcopy(_example_once)
