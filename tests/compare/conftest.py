"""Plans to compare: the bundled example ("The Challenge, 2021"), loaded afresh for each side and edited in code."""

from __future__ import annotations

import pytest

from planner.resources import example_project_path
from planner.store import load_project


@pytest.fixture
def example():
    """A function returning a fresh copy of the bundled example each time it is called."""
    return lambda: load_project(example_project_path())
