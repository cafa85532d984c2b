"""The ground-track map (issue 7): where the station flies, in light or shadow, over what, in view of whom.

``install(window)`` adds the Import Element Sets action (the Element Sets menu holds it:
:mod:`planner.gui.element_sets_menu`) and File > Export Map to a main window and gives it the builder of the Map tab.
"""

from __future__ import annotations


def install(window):
    """Add the map's File menu entries to ``window``; return the function that builds its :class:`MapPanel` (the
    window builds it when the tab is first shown: the map computes the station's track)."""
    from PySide6.QtGui import QAction

    from planner.gui.map.element_import import import_elements_dialog
    from planner.gui.map.exports import add_menu

    action = QAction("Import &Element Sets…", window)
    action.setStatusTip("Add TLE or OMM element sets to the project (the map and the rules need them)")
    action.triggered.connect(lambda *_: import_elements_dialog(window))
    window.act_import_elements = action
    # Beside the other imports and exports, before Close and Quit.
    before = getattr(window, "act_close", None)
    window.file_menu.insertAction(before, action)
    add_menu(window, lambda: window.map_panel, before)
    window.file_menu.insertSeparator(before)
    return lambda: build(window)


def build(window):
    """The map tab's panel, following the window's plan, time cursor and display clock."""
    from planner.gui.map.panel import MapPanel

    panel = MapPanel(window, window.station)
    panel.export_actions = window.map_export_actions
    window.displayZoneChanged.connect(lambda _zone: panel.zone_changed())
    return panel
