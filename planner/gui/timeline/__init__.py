"""The station timeline: a lane per port, the people aboard, activity lanes, findings as bands; drag to edit.

``install(window)`` adds File > Export Schedule and gives the main window the builder of its tab, which wires
the view to the selection, the shared time cursor and the clash panel.
"""

from __future__ import annotations


def install(window):
    """Add File > Export Schedule to ``window`` (a MainWindow); return the function that builds its
    :class:`TimelineView` (the window builds it when the tab is first shown)."""
    from planner.gui.timeline.export_menu import install_export_menu

    install_export_menu(window, lambda: window.timeline_view.canvas)
    return lambda: build(window)


def build(window):
    """The timeline tab's view, wired to the window's plan, selection and time cursor."""
    from planner.gui.timeline.view import TimelineView

    view = TimelineView(window.doc, window.station, window.checker, window.time_cursor, window.zone, window)
    view.set_clock(window.clock)
    canvas = view.canvas
    canvas.itemClicked.connect(lambda collection, item_id: _select(window, collection, item_id))
    canvas.itemActivated.connect(lambda collection, item_id: _open(window, collection, item_id))
    canvas.emptyTimeActivated.connect(lambda when: _find_flight(window, when))
    window.follow_selection(canvas.set_selection)
    window.displayZoneChanged.connect(lambda _zone: canvas.update())  # the axis and tooltips follow the clock
    return view


def _select(window, collection: str, item_id: str) -> None:
    table = window.views.get(collection)
    if table is not None:
        table.select_ids([item_id])


def _open(window, collection: str, item_id: str) -> None:
    """Double-click: the mission in the editor (raised), or the activity selected in its table (raised)."""
    _select(window, collection, item_id)
    if collection == "missions":
        window.mission_editor.set_mission(item_id)
        dock = window.docks.get("editor")
    else:
        dock = window.docks.get(collection)
    if dock is not None:
        dock.show()
        dock.raise_()


def _find_flight(window, when: float) -> None:
    """Double-click on empty time: Find a Flight… with the earliest launch there."""
    from planner.gui import finder_action

    finder_action.open_at(window, when)
