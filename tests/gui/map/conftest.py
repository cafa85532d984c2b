"""Map tests: the bundled example open with the map tab shown (dialogs are recorded by tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def window(example_window, example_tab):
    """A main window over a copy of the bundled example, the map tab shown."""
    return example_tab(example_window.map_panel)
