"""Map tests: the bundled example open with the map tab shown (dialogs are recorded by tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def window(example_window, qtbot):
    """A main window over a copy of the bundled example, the map tab shown, 1400 x 900."""
    win = example_window
    win.central_tabs.setCurrentWidget(win.map_panel)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win
