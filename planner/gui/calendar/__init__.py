"""The calendar: month, week and day pages of vehicle stays, dockings and undockings, and activities.

``install(window)`` adds it as a central tab, follows the shared time cursor and the selection, and selects
(click) or opens (double-click) the record of an entry.
"""

from __future__ import annotations


def install(window):
    """Build the calendar tab of ``window`` and return the :class:`CalendarView`."""
    from planner.gui.calendar.view import CalendarView
    from planner.gui.timeline import _open, _select

    view = CalendarView(window.doc, window.station, window.zone, window)
    window.add_view(view, "Calendar")
    window.calendar_view = view
    view.canvas.itemClicked.connect(lambda collection, item_id: _select(window, collection, item_id))
    view.canvas.itemActivated.connect(lambda collection, item_id: _open(window, collection, item_id))
    window.selectionChanged.connect(view.canvas.set_selection)
    window.displayZoneChanged.connect(lambda _zone: view.canvas.update())  # its days are the zone's days
    window.time_cursor.windowRequested.connect(lambda start, _end: view.show_instant(start))
    window.time_cursor.highlightsChanged.connect(view.canvas.set_highlights)
    view.canvas.set_highlights(*window.time_cursor.highlights())

    # A plan opens on the page of the shared time cursor, which the window has put at the plan's start
    # (planner.gui.time_cursor.plan_start) before telling the views: today is often empty.
    window.doc.projectReset.connect(lambda: view.show_instant(window.time_cursor.time()))
    return view
