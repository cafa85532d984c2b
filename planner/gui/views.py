"""The big views of the main window (timeline, calendar, map) plug in here, one line each."""

from __future__ import annotations

from planner.gui import map as ground_map
from planner.gui import calendar, timeline


def install_views(window) -> None:
    """Create the central views of ``window`` (a :class:`planner.gui.main_window.MainWindow`)."""
    # Each view module offers install(window): it builds its widget, calls window.add_view(widget,
    # title) and connects itself to window.doc, window.station, window.checker (findings), window.time_cursor and the selection.
    timeline.install(window)
    calendar.install(window)
    ground_map.install(window)
