"""Edit ▸ Land at an Opportunity…: the menu's way to the mission editor's landing opportunities dialog, and which
missions it is for (those whose type lands in a zone giving a time from undocking to landing: Soyuz).

The dialog's module (:mod:`planner.gui.landing_dialog`) is loaded when it is first opened, not at start-up.
"""

from __future__ import annotations

from PySide6.QtGui import QAction

from planner.gui.launch_action import edit_menu_action
from planner.model import Mission
from planner.model.landing_choice import return_zones

TEXT = "Land at an Opportunity…"


def can_land(mission: Mission | None) -> bool:
    """Whether the dialog can land ``mission``: its type lands in a zone that gives an undocking time."""
    return mission is not None and bool(return_zones(mission.vehicle_type))


def landing_tip(mission: Mission | None, station) -> str:
    """What the button does for ``mission``, or why it cannot."""
    if mission is None or can_land(mission):
        return "Choose a landing opportunity at the landing zone: the landing and the undocking move together, in one " \
               "undo step"
    found = station.vehicle_type(mission.vehicle_type)
    name = found.name if found is not None else mission.vehicle_type
    return (f"For vehicles landing in a zone with a set time from undocking to landing (Soyuz): {name} has none "
            "in the catalogue, so set its undocking and landing by hand")


def install(window) -> QAction:
    """Put the action in ``window``'s Edit menu after Launch at an Opportunity…, for the mission in the editor;
    enabled when that mission can be landed at an opportunity."""
    editor = window.mission_editor
    window.act_landing_opportunity = edit_menu_action(
        window, TEXT, "List the landing opportunities around the selected mission's landing and set its landing and "
        "undocking from one, in one undo step", editor.open_landing_dialog, after=window.act_launch_opportunity,
        enabled=lambda: can_land(editor.mission()))
    return window.act_landing_opportunity
