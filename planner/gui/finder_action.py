"""Edit ▸ Find a Flight… (Ctrl+Shift+F): the menu's way to the flight finder's dialog, the earliest launch at the time
cursor; the timeline opens it too, at the time of a double-click on empty time (:func:`open_at`).

The dialog's module (:mod:`planner.gui.finder_dialog`) is loaded when it is first opened, not at start-up.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from planner.gui.launch_action import edit_menu_action

TEXT = "Find a Flight…"
SHORTCUT = "Ctrl+Shift+F"


def install(window) -> QAction:
    """Put the action in ``window``'s Edit menu after Land at an Opportunity…"""
    window.act_find_flight = edit_menu_action(
        window, TEXT, "Propose the earliest complete flights of a vehicle that pass every station rule, say why each "
        "earlier launch date was turned down, and add one to the plan in one undo step", lambda: open_at(window),
        after=window.act_landing_opportunity, enabled=lambda: True)
    window.act_find_flight.setShortcut(QKeySequence(SHORTCUT))
    return window.act_find_flight


def open_at(window, earliest: float | None = None):
    """Open the dialog over ``window``, the earliest launch at ``earliest`` (epoch seconds; default the time
    cursor)."""
    from planner.gui.finder_dialog import open_finder

    return open_finder(window, earliest)
