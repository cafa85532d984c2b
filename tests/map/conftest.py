"""Map tests: a main window with the bundled example open, dialogs recorded instead of shown."""

from __future__ import annotations

import shutil

import pytest

from planner.gui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch):
    """Errors and questions are recorded on the window (``errors``, ``confirms``), never shown; unsaved
    changes are discarded when a window closes."""
    from PySide6.QtWidgets import QMessageBox

    def confirm(self, title, text):
        self.__dict__.setdefault("confirms", []).append((title, text))
        return False

    def show_error(self, title, text):
        self.__dict__.setdefault("errors", []).append((title, text))

    monkeypatch.setattr(MainWindow, "ask_save_changes", lambda self: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(MainWindow, "confirm", confirm)
    monkeypatch.setattr(MainWindow, "show_error", show_error)


@pytest.fixture
def window(qtbot, tmp_path):
    """A main window over a copy of the bundled example, the map tab shown, 1400 x 900."""
    from planner.gui.app import example_project_path

    path = tmp_path / "challenge.issplan"
    shutil.copyfile(example_project_path(), path)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_path(path) is None
    win.central_tabs.setCurrentWidget(win.map_panel)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win
