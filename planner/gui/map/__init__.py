"""The ground-track map (issue 7): where the station flies, in light or shadow, over what, in view of whom.

``install(window)`` adds the Map tab, File > Import Element Sets and File > Export Map to a main window.
"""

from __future__ import annotations


def install(window):
    """Build the map for ``window`` and plug it in; returns the :class:`MapPanel`."""
    from PySide6.QtGui import QAction

    from planner.gui.map.element_import import import_elements_dialog
    from planner.gui.map.exports import add_menu
    from planner.gui.map.panel import MapPanel

    panel = MapPanel(window, window.station)
    window.add_view(panel, "Map")
    window.map_panel = panel
    window.displayZoneChanged.connect(lambda _zone: panel.zone_changed())
    action = QAction("Import &Element Sets…", window)
    action.setStatusTip("Add TLE or OMM element sets to the project (the map and the rules need them)")
    action.triggered.connect(lambda *_: import_elements_dialog(window))
    window.act_import_elements = action
    # Beside the other imports and exports, before Close and Quit.
    before = getattr(window, "act_close", None)
    window.file_menu.insertAction(before, action)
    add_menu(window, panel, before)
    window.file_menu.insertSeparator(before)
    return panel
