"""The station's state over time as the views see it: the current :class:`~planner.station.StationTimeline` and
a signal when it changes.

The clash checker keeps it current (after every edit, and a new one after a full check); the timeline, calendar,
map and editors are handed it and subscribe to ``changed``, as napari's Qt views take the model they display.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from planner.model import Project

if TYPE_CHECKING:  # (the station state loads on the full check's worker thread, not while the window opens)
    from planner.station import StationTimeline


class StationState(QObject):
    """The current station timeline of one document."""

    #: the timeline changed (an edit was checked) or was replaced (a full check)
    changed = Signal()

    def __init__(self, timeline: StationTimeline | None = None, parent=None):
        super().__init__(parent)
        self._timeline = timeline  # None: an empty plan's, made when first asked for

    @classmethod
    def of(cls, project: Project, parent=None) -> "StationState":
        """A state derived from ``project`` once (for a view shown without a live checker)."""
        from planner.station import StationTimeline

        return cls(StationTimeline.from_project(project), parent)

    @property
    def timeline(self) -> StationTimeline:
        """Every mission's and person's track, the stays by port, the headcount."""
        if self._timeline is None:
            from planner.station import StationTimeline

            self._timeline = StationTimeline.from_project(Project())
        return self._timeline

    def publish(self, timeline: StationTimeline) -> None:
        """``timeline`` is the current state now (the same object updated in place, or a new one)."""
        self._timeline = timeline
        self.changed.emit()
