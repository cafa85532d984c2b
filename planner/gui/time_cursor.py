"""The time the views look at: one cursor shared by the timeline, the calendar and the map."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class TimeCursor(QObject):
    """A UTC instant (epoch seconds) and a time window the views should show."""

    timeChanged = Signal(float)
    #: a view asked the others to show this window (start, end), e.g. a clicked finding
    windowRequested = Signal(float, float)

    def __init__(self, when: float = 0.0, parent=None):
        super().__init__(parent)
        self._time = float(when)

    def time(self) -> float:
        """The cursor's instant, epoch seconds UTC."""
        return self._time

    def set_time(self, when: float) -> None:
        """Move the cursor (views follow)."""
        when = float(when)
        if when != self._time:
            self._time = when
            self.timeChanged.emit(when)

    def show_window(self, start: float, end: float) -> None:
        """Ask the views to show ``[start, end]`` (and put the cursor at its start)."""
        self.set_time(start)
        self.windowRequested.emit(float(start), float(end))
