"""The time the views look at: one cursor shared by the timeline, the calendar and the map.

A plan opens where it starts (:func:`plan_start`): the cursor is put there before the views are told of the new
plan, so each of them finds it there (:func:`open_plans_at_start`).
"""

from __future__ import annotations

import time as wallclock

from PySide6.QtCore import QObject, Signal

from planner.model import Project


def plan_start(project: Project) -> float:
    """Where a plan opens (epoch seconds UTC): its first activity's start; without activities its first docking or
    berthing (the first stay); without one its first event of any kind; without missions the newest element set's
    epoch (where its orbit is known); for an empty plan, now."""
    if project.activities:
        return min(a.start for a in project.activities).timestamp()
    events = [e for m in project.missions for e in m.events]
    arrivals = [e.utc for e in events if e.kind.arrives]
    if arrivals or events:
        return min(arrivals or [e.utc for e in events]).timestamp()
    if project.element_sets:
        return max(s.epoch for s in project.element_sets).timestamp()
    return wallclock.time()


def open_plans_at_start(cursor: "TimeCursor", doc) -> None:
    """Put ``cursor`` at :func:`plan_start` of every plan ``doc`` (a ProjectDocument) opens, reverts to, recovers or
    starts anew. Call it before the views connect to ``doc``: they then find the cursor at the new plan's start."""
    doc.projectReset.connect(lambda: cursor.set_time(plan_start(doc.project)))


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
