"""Settings: station thresholds are the project's (undoable, saved), preferences are the user's."""

from __future__ import annotations

import shutil

from PySide6.QtGui import QPalette

from planner.resources import example_project_path
from planner.gui.main_window import MainWindow
from planner.gui.settings import Settings
from planner.gui.settings_dialog import SettingsDialog
from planner.store import load_project


def test_tightening_the_spacing_threshold_is_undoable_and_saved(qtbot, tmp_path, checked):
    path = tmp_path / "plan.issplan"
    shutil.copyfile(example_project_path(), path)
    window = MainWindow()
    qtbot.addWidget(window)
    window.files.open_path(path)
    warnings_before = len(checked(window).checker.findings)
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.station_editors["spacing_warning_hours"].setValue(72.0)
    dialog.accept()
    assert window.doc.project.effective_settings.spacing_warning_hours == 72.0
    assert len(checked(window).checker.findings) > warnings_before  # more pairs of events are now too close
    assert window.isWindowModified()
    window.files.save()
    assert load_project(path).effective_settings.spacing_warning_hours == 72.0
    window.act_undo.trigger()
    assert window.doc.project.effective_settings.spacing_warning_hours == 24.0
    assert len(checked(window).checker.findings) == warnings_before


def test_restore_defaults_and_preferences(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.station_editors["headcount_limit"].setValue(20)
    dialog.restore_defaults()
    assert dialog.chosen_settings() == window.doc.project.station.settings
    dialog.zone_combo.setCurrentIndex(dialog.zone_combo.findData("Europe/Moscow"))
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.accept()
    assert window.doc.undo_stack.count() == 0  # nothing changed in the project
    assert Settings().get("display_timezone") == "Europe/Moscow"
    assert Settings().get("theme") == "dark"
    from PySide6.QtWidgets import QApplication

    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() < 80
    from planner.gui.theme import apply_theme

    apply_theme("system")
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() > 150


def test_a_preference_the_app_does_not_know_falls_back_to_its_default(qtbot):
    # A hand-edited or foreign settings file must not stop the app from starting.
    Settings().set("display_timezone", "Mars/Olympus_Mons")
    Settings().set("theme", "neon")
    assert Settings().get("display_timezone") == "UTC"
    assert Settings().get("theme") == "system"
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.zone() == "UTC"
