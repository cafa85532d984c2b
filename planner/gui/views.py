"""The big views of the main window (timeline, calendar, map) plug in here, one line each."""

from __future__ import annotations

from planner.gui import map as ground_map
from planner.gui import calendar, timeline
from planner.gui.time_cursor import open_plans_at_start, plan_start


def install_views(window) -> None:
    """Create the central views of ``window`` (a :class:`planner.gui.main_window.MainWindow`)."""
    # The shared time cursor first: at the plan's start, and at every new plan's start before the views hear of
    # that plan (they connect below, after it), so that each of them opens on the plan, not on today.
    window.time_cursor.set_time(plan_start(window.doc.project))
    open_plans_at_start(window.time_cursor, window.doc)
    # Each view module offers install(window): it builds its widget, calls window.add_view(widget,
    # title) and connects itself to window.doc, window.station, window.checker (findings), window.time_cursor and the selection.
    timeline.install(window)
    calendar.install(window)
    ground_map.install(window)
