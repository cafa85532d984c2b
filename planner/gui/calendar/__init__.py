"""The calendar: month, week and day pages of vehicle stays, dockings and undockings, and activities.

``install(window)`` adds it as a central tab, follows the shared time cursor and the selection, and selects
(click) or opens (double-click) the record of an entry.
"""

from __future__ import annotations


def install(window):
    """The function that builds the calendar tab of ``window`` (the window builds it when first shown)."""
    return lambda: build(window)


def build(window):
    """The :class:`CalendarView`, on the page of the shared time cursor, following it and the selection."""
    from planner.gui.calendar.view import CalendarView
    from planner.gui.timeline import _open, _select

    view = CalendarView(window.doc, window.station, window.zone, window)
    view.canvas.itemClicked.connect(lambda collection, item_id: _select(window, collection, item_id))
    view.canvas.itemActivated.connect(lambda collection, item_id: _open(window, collection, item_id))
    window.follow_selection(view.canvas.set_selection)
    window.displayZoneChanged.connect(lambda _zone: view.canvas.update())  # its days are the zone's days
    window.time_cursor.windowRequested.connect(lambda start, _end: view.show_instant(start))
    window.time_cursor.highlightsChanged.connect(view.canvas.set_highlights)
    view.canvas.set_highlights(*window.time_cursor.highlights())

    # A plan opens on the page of the shared time cursor, which the window has put at the plan's start
    # (planner.gui.time_cursor.plan_start) before telling the views: today is often empty.
    window.doc.projectReset.connect(lambda: view.show_instant(window.time_cursor.time()))
    view.show_instant(window.time_cursor.time())
    return view
