"""The time the views look at: one cursor shared by the timeline, the calendar and the map."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class TimeCursor(QObject):
    """A UTC instant (epoch seconds) and a time window the views should show."""

    timeChanged = Signal(float)
    #: a view asked the others to show this window (start, end), e.g. a clicked finding
    windowRequested = Signal(float, float)
    #: candidate windows to mark on every time view (e.g. filming windows found by the map's dialog):
    #: a list of ``(start, end, label)`` in epoch seconds, and the index of the chosen one (-1 for none)
    highlightsChanged = Signal(list, int)

    def __init__(self, when: float = 0.0, parent=None):
        super().__init__(parent)
        self._time = float(when)
        self._highlights: list[tuple[float, float, str]] = []
        self._chosen = -1

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

    def highlights(self) -> tuple[list[tuple[float, float, str]], int]:
        """The marked candidate windows and the index of the chosen one (-1 for none)."""
        return list(self._highlights), self._chosen

    def set_highlights(self, windows: list[tuple[float, float, str]], chosen: int = -1) -> None:
        """Mark candidate windows on the time views; an empty list clears them."""
        windows = [(float(s), float(e), str(label)) for s, e, label in windows]
        chosen = chosen if 0 <= chosen < len(windows) else -1
        if windows != self._highlights or chosen != self._chosen:
            self._highlights, self._chosen = windows, chosen
            self.highlightsChanged.emit(list(windows), chosen)
