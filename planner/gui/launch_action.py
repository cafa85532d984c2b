"""Edit ▸ Launch at an Opportunity…: the menu's way to the mission editor's launch opportunities dialog.

The dialog's module (:mod:`planner.gui.launch_dialog`) is loaded when it is first opened, not at start-up.
"""

from __future__ import annotations

from PySide6.QtGui import QAction

TEXT = "Launch at an Opportunity…"


def install(window) -> QAction:
    """Put the action in ``window``'s Edit menu after New Mission, for the mission in the editor; the editor's own
    button opens the same dialog, around the window's time cursor for a mission without launch."""
    editor = window.mission_editor
    editor.cursor_time = window.time_cursor.time
    window.act_launch_opportunity = edit_menu_action(
        window, TEXT, "List a site's launch opportunities around the selected mission and set its launch and docking "
        "from one, in one undo step", editor.open_launch_dialog, after=window.act_new_mission,
        enabled=lambda: editor.mission() is not None)
    return window.act_launch_opportunity


def edit_menu_action(window, text: str, tip: str, slot, after: QAction, enabled) -> QAction:
    """An Edit-menu action ``text`` placed after ``after``, running ``slot()``, enabled as ``enabled()`` says each
    time the menu opens."""
    action = QAction(text, window)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    action.triggered.connect(lambda *_: slot())
    actions = window.edit_menu.actions()
    at = actions.index(after) + 1
    window.edit_menu.insertAction(actions[at] if at < len(actions) else None, action)
    window.edit_menu.aboutToShow.connect(lambda: action.setEnabled(bool(enabled())))
    return action
