"""The station timeline: a lane per port, the people aboard, activity lanes, findings as bands; drag to edit.

``install(window)`` puts it in the main window's central tabs, wires it to the selection, the shared time
cursor and the clash panel, and adds File > Export Schedule.
"""

from __future__ import annotations


def install(window):
    """Build the timeline tab of ``window`` (a MainWindow) and return the :class:`TimelineView`."""
    from planner.gui.timeline.export import install_export_menu
    from planner.gui.timeline.view import TimelineView

    view = TimelineView(window.doc, window.station, window.checker, window.time_cursor, window.zone, window)
    window.add_view(view, "Timeline")
    window.timeline_view = view
    canvas = view.canvas
    canvas.itemClicked.connect(lambda collection, item_id: _select(window, collection, item_id))
    canvas.itemActivated.connect(lambda collection, item_id: _open(window, collection, item_id))
    window.selectionChanged.connect(canvas.set_selection)
    window.displayZoneChanged.connect(lambda _zone: canvas.update())  # the axis and tooltips follow the clock
    install_export_menu(window, canvas)
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
