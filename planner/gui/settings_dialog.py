"""Settings: the project's station thresholds (undoable, saved in the project) and the user's own
preferences (display time zone, theme, autosave, the download timeout of element sets; kept in QSettings)."""

from __future__ import annotations

import json
import re

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QSpinBox,
    QVBoxLayout,
)

from planner.gui.commands import SetPart
from planner.gui.element_update import timeout_editor
from planner.gui.settings import DISPLAY_TIMEZONES, THEMES, Settings
from planner.model import StationSettings
from planner.model.crew_day import DayTemplate
from planner.resources import resource_path



def _setting_docs(station_id: str, part: str = "settings") -> dict[str, dict]:
    """Each station setting's (or crew-day value's) unit and explanation, from the catalogue file."""
    try:
        data = json.loads(resource_path("stations", f"{station_id}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get(part, {})


#: An hour of the day as typed: ``05:30``, ``5:30``, ``01:30 +1 d`` (past midnight), or hours as a number (``5.5``).
_CLOCK = re.compile(r"^\s*(\d{1,2})(?::(\d{2}))?\s*(\+\s*1\s*d)?\s*$")
_CLOCK_SO_FAR = re.compile(r"^\s*\d{0,2}(:([0-5]\d?)?)?\s*(\+\s*1?\s*d?)?\s*$|^\s*\d{0,2}\.\d*\s*$")


class ClockHourBox(QDoubleSpinBox):
    """An hour of the GMT day as a clock reads it (``06:00``, ``21:30``; past midnight ``01:30 +1 d``), typed so or
    as hours (``5.5``); the arrows step a quarter of an hour. The template keeps hours as numbers."""

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt)
        day, minutes = divmod(round(value * 60), 24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}" + (f" +{day} d" if day else "")

    def _parsed(self, text: str) -> float | None:
        match = _CLOCK.match(text)
        if match:
            minutes = int(match.group(2) or 0)
            value = int(match.group(1)) + minutes / 60 + (24 if match.group(3) else 0) if minutes < 60 else None
        else:
            try:
                value = float(text)
            except ValueError:
                value = None
        return value if value is not None and self.minimum() <= value <= self.maximum() else None

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt)
        value = self._parsed(text)
        return self.value() if value is None else value

    def validate(self, text: str, pos: int):  # noqa: D102 (Qt)
        if self._parsed(text) is not None:
            return QValidator.State.Acceptable, text, pos
        state = QValidator.State.Intermediate if _CLOCK_SO_FAR.match(text) else QValidator.State.Invalid
        return state, text, pos


_DAY_LABELS = {"post_sleep_hours": "Post-sleep", "pre_sleep_hours": "Pre-sleep", "conference_hours": "Each conference"}


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
        day_box = self._crew_day_box(project)
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
        self.timeout_spin = timeout_editor(self, self.prefs.get("elements/timeout_seconds"))
        self.timeout_spin.setAccessibleName("Download timeout")
        self.timeout_spin.setSizePolicy(self.autosave_spin.sizePolicy())  # as wide as the fields above it
        self.timeout_spin.setToolTip("How long Element Sets > Update From Source… waits for a download before it "
                                     "gives up (its dialog shows it too)")
        user_form.addRow("&Download timeout:", self.timeout_spin)  # Element Sets > Update From Source… shows it too

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        project_row = QHBoxLayout()
        project_row.addWidget(station_box)
        project_row.addWidget(day_box)
        layout.addLayout(project_row)
        layout.addWidget(user_box)
        layout.addWidget(buttons)

    def _crew_day_box(self, project) -> QGroupBox:
        """The crew's day template (GMT hours), one field per value, each with its source as a tooltip."""
        box = QGroupBox("The crew's day (GMT)", self)
        form = QFormLayout(box)
        current, defaults = project.effective_crew_day, project.station.crew_day
        docs = _setting_docs(project.station_id, "crew_day")
        self.day_editors: dict[str, QDoubleSpinBox] = {}
        for name in DayTemplate.names():
            clock = name.endswith("_hour")
            editor = ClockHourBox(self) if clock else QDoubleSpinBox(self)
            editor.setRange(0.0, 48.0 if clock else 24.0)
            editor.setDecimals(4 if clock else 2)  # a typed minute is kept whole (05:45 is 5.75 h, 05:50 5.8333 h)
            editor.setSingleStep(0.25)
            editor.setValue(getattr(current, name))
            if clock:
                editor.setKeyboardTracking(False)  # 05:45 typed is taken at Enter, not as 5 h on its first key
            else:
                editor.setSuffix(" h")
            doc = docs.get(name, {}).get("doc", "")
            default = getattr(defaults, name)
            default_text = f"{editor.textFromValue(default)} GMT" if clock else f"{default:g} h"
            editor.setToolTip(f"{doc}\nDefault: {default_text}".strip())
            label = _DAY_LABELS.get(name, name.replace("_hours", "").replace("_hour", "").replace("_", " ").capitalize())
            editor.setAccessibleName(label)
            self.day_editors[name] = editor
            form.addRow(f"{label}:", editor)
        note = QLabel("Shifts of chosen days:\nEdit > Sleep Shifts…", self)
        note.setToolTip("A day whose work is 0 h is a day off. A sleep shift moves the wake and sleep of a day, for "
                        "the crew or one person (around a night-time docking or undocking).")
        form.addRow(note)
        return box

    def restore_defaults(self) -> None:
        """Put the catalogue's defaults in the station fields."""
        defaults = self.window.doc.project.station.settings
        for name, editor in self.station_editors.items():
            editor.setValue(getattr(defaults, name))
        day = self.window.doc.project.station.crew_day
        for name, editor in self.day_editors.items():
            editor.setValue(getattr(day, name))

    def chosen_crew_day(self) -> DayTemplate:
        """The crew's day as the fields say (unknown file fields kept)."""
        current = self.window.doc.project.effective_crew_day
        return current.updated(**{name: float(editor.value()) for name, editor in self.day_editors.items()})

    def chosen_settings(self) -> StationSettings:
        """The station settings as the fields say."""
        values = {}
        for name, editor in self.station_editors.items():
            default = getattr(self.window.doc.project.station.settings, name)
            values[name] = int(editor.value()) if isinstance(default, int) else float(editor.value())
        return StationSettings(**values)

    def accept(self) -> None:  # noqa: D102 (Qt)
        doc = self.window.doc
        chosen, day = self.chosen_settings(), self.chosen_crew_day()
        changes = []
        if chosen != doc.project.effective_settings:
            changes.append(("settings", chosen, "Change station settings"))
        if day != doc.project.effective_crew_day:
            changes.append(("crew_day", day, "Change the crew's day"))
        if len(changes) > 1:
            doc.undo_stack.beginMacro("Change station settings and the crew's day")
        for part, value, text in changes:
            doc.undo_stack.push(SetPart(doc, part, value, text))
        if len(changes) > 1:
            doc.undo_stack.endMacro()
        self.prefs.set("autosave_seconds", self.autosave_spin.value())
        self.prefs.set("elements/timeout_seconds", self.timeout_spin.value())
        self.window.files.autosave_timer.setInterval(self.autosave_spin.value() * 1000)
        self.window.set_display_zone(self.zone_combo.currentData())
        self.prefs.set("theme", self.theme_combo.currentData())
        from planner.gui.theme import apply_theme

        apply_theme(self.theme_combo.currentData())
        super().accept()
