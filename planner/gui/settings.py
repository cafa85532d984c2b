"""The user's own preferences (not the project's): one typed wrapper over QSettings with one defaults dict.

Tests and portable installs point ``PLANNER_CONFIG_DIR`` at a folder; the settings then live in an INI
file there instead of the system's place.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10

DEFAULTS: dict[str, object] = {
    "recent_files": [],
    "last_project": "",
    "display_timezone": "UTC",  # UTC, Europe/Moscow or America/Chicago (mission control clocks)
    "theme": "system",  # system, light, dark
    "window/geometry": QByteArray(),
    "window/state": QByteArray(),
    "autosave_seconds": 60,
    "elements/source": "",  # Element Sets > Update From Source…: '' is CelesTrak's OMM JSON of the ISS
    "elements/timeout_seconds": 20,  # the same default as planner update-elements --timeout
}

DISPLAY_TIMEZONES = {
    "UTC": "UTC",
    "Europe/Moscow": "Moscow (MSK)",
    "America/Chicago": "Houston (CT)",
}


THEMES = {"system": "Follow the system", "light": "Light", "dark": "Dark"}

#: keys whose value must be one of a few: anything else read back (a hand-edited or older file) is the default
CHOICES: dict[str, tuple[str, ...]] = {"display_timezone": tuple(DISPLAY_TIMEZONES), "theme": tuple(THEMES)}


def _qsettings() -> QSettings:
    folder = os.environ.get("PLANNER_CONFIG_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return QSettings(str(Path(folder) / "planner.ini"), QSettings.Format.IniFormat)
    return QSettings()


class Settings:
    """Typed access to the user's preferences; every key has a default in :data:`DEFAULTS`."""

    def __init__(self):
        self._store = _qsettings()

    def get(self, key: str):
        """The stored value, converted to the default's type (the default when unset or unreadable)."""
        default = DEFAULTS[key]
        value = self._store.value(key, default)
        if isinstance(default, list):
            if value in (None, ""):
                return []
            return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
        if isinstance(default, bool):
            return value in (True, "true", "1", 1)
        if isinstance(default, int):
            try:
                return int(value)
            except (TypeError, ValueError):
                return default
        if isinstance(default, QByteArray):
            return value if isinstance(value, QByteArray) else default
        text = str(value) if value is not None else default
        return default if key in CHOICES and text not in CHOICES[key] else text

    def set(self, key: str, value) -> None:
        """Store a value (the key must be known)."""
        if key not in DEFAULTS:
            raise KeyError(key)
        self._store.setValue(key, value)
        self._store.sync()

    def recent_files(self) -> list[str]:
        """Recent project files, newest first, only those that still exist."""
        return [p for p in self.get("recent_files") if Path(p).is_file()]

    def add_recent_file(self, path: Path | str) -> None:
        """Put ``path`` first in the recent files list."""
        text = str(Path(path).resolve())
        files = [text] + [p for p in self.get("recent_files") if p != text]
        self.set("recent_files", files[:MAX_RECENT])
        self.set("last_project", text)
