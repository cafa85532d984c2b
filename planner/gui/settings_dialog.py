"""Settings: the project's station thresholds (undoable, saved in the project) and the user's own
preferences (display time zone, theme, autosave; kept in QSettings)."""

from __future__ import annotations

import json

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QGroupBox, QLabel, QSpinBox,
    QVBoxLayout,
)

from planner.gui.commands import SetPart
from planner.gui.settings import DISPLAY_TIMEZONES, THEMES, Settings
from planner.model import StationSettings
from planner.resources import resource_path



def _setting_docs(station_id: str) -> dict[str, dict]:
    """Each station setting's unit and explanation, from the catalogue file."""
    try:
        data = json.loads(resource_path("stations", f"{station_id}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("settings", {})


class SettingsDialog(QDialog):
    """Edit settings; OK applies them (station thresholds as one undo step)."""

    def __init__(self, window, parent=None):
        super().__init__(parent or window)
        self.window = window
        self.setWindowTitle("Settings")
        self.prefs = Settings()
        project = window.doc.project
        current = project.effective_settings
        defaults = project.station.settings
        docs = _setting_docs(project.station_id)

        station_box = QGroupBox(f"Station thresholds for this project ({project.station.name})", self)
        station_form = QFormLayout(station_box)
        self.station_editors: dict[str, QSpinBox | QDoubleSpinBox] = {}
        for name in StationSettings.names():
            value, default = getattr(current, name), getattr(defaults, name)
            doc = docs.get(name, {})
            if isinstance(default, int):
                editor = QSpinBox(self)
                editor.setRange(0, 1000)
            else:
                editor = QDoubleSpinBox(self)
                editor.setRange(0.0, 100000.0)
                editor.setDecimals(1)
            editor.setValue(value)
            unit = doc.get("unit", "")
            if unit:
                editor.setSuffix(f" {unit}")
            text = doc.get("doc", "")
            editor.setToolTip(f"{text}\nDefault: {default} {unit}".strip())
            editor.setAccessibleName(name.replace("_", " "))
            self.station_editors[name] = editor
            station_form.addRow(name.replace("_", " ").capitalize() + ":", editor)
        note = QLabel("Thresholds the station does not publish are planner defaults; hover a field for its meaning. "
                      "They are saved in the project file.", self)
        note.setWordWrap(True)
        station_form.addRow(note)
        restore = QDialogButtonBox(self)
        self.restore_button = restore.addButton("Restore Defaults", QDialogButtonBox.ButtonRole.ResetRole)
        self.restore_button.clicked.connect(self.restore_defaults)
        station_form.addRow(restore)

        user_box = QGroupBox("Your preferences (all projects)", self)
        user_form = QFormLayout(user_box)
        self.zone_combo = QComboBox(self)
        for zone, label in DISPLAY_TIMEZONES.items():
            self.zone_combo.addItem(label, zone)
        self.zone_combo.setCurrentIndex(max(0, self.zone_combo.findData(self.prefs.get("display_timezone"))))
        self.theme_combo = QComboBox(self)
        for theme, label in THEMES.items():
            self.theme_combo.addItem(label, theme)
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(self.prefs.get("theme"))))
        self.autosave_spin = QSpinBox(self)
        self.autosave_spin.setRange(10, 3600)
        self.autosave_spin.setSuffix(" s")
        self.autosave_spin.setValue(self.prefs.get("autosave_seconds"))
        user_form.addRow("Show &times in:", self.zone_combo)
        user_form.addRow("T&heme:", self.theme_combo)
        user_form.addRow("&Autosave every:", self.autosave_spin)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(station_box)
        layout.addWidget(user_box)
        layout.addWidget(buttons)

    def restore_defaults(self) -> None:
        """Put the catalogue's defaults in the station fields."""
        defaults = self.window.doc.project.station.settings
        for name, editor in self.station_editors.items():
            editor.setValue(getattr(defaults, name))

    def chosen_settings(self) -> StationSettings:
        """The station settings as the fields say."""
        values = {}
        for name, editor in self.station_editors.items():
            default = getattr(self.window.doc.project.station.settings, name)
            values[name] = int(editor.value()) if isinstance(default, int) else float(editor.value())
        return StationSettings(**values)

    def accept(self) -> None:  # noqa: D102 (Qt)
        doc = self.window.doc
        chosen = self.chosen_settings()
        if chosen != doc.project.effective_settings:
            doc.undo_stack.push(SetPart(doc, "settings", chosen, "Change station settings"))
        self.prefs.set("autosave_seconds", self.autosave_spin.value())
        self.window.files.autosave_timer.setInterval(self.autosave_spin.value() * 1000)
        self.window.set_display_zone(self.zone_combo.currentData())
        self.prefs.set("theme", self.theme_combo.currentData())
        from planner.gui.theme import apply_theme

        apply_theme(self.theme_combo.currentData())
        super().accept()
