"""Edit menu actions on missions: new, duplicate, delete (each one undo step)."""

from __future__ import annotations

import copy
from datetime import timedelta

from planner.gui.commands import InsertItem, RemoveItem
from planner.model import Event, EventKind, Mission
from planner.model.people import unique_slug


def new_mission(window, vehicle_type: str = "soyuz-ms") -> str:
    """Add a vehicle with a launch, a docking, an undocking and a landing after the plan's last event."""
    from planner.gui.mission_editor import _default_start

    doc = window.doc
    start = _default_start(doc) + timedelta(days=1)
    station = doc.project.station
    port = next((p.id for p in station.compatible_ports(vehicle_type) if p.exists_at(start)), None)
    mission = Mission(
        id=unique_slug("new vehicle", {m.id for m in doc.project.missions}),
        name="New vehicle",
        vehicle_type=vehicle_type,
        events=[
            Event(EventKind.LAUNCH, start),
            Event(EventKind.DOCK, start + timedelta(hours=3, minutes=30), port=port),
            Event(EventKind.UNDOCK, start + timedelta(days=10), port=port),
            Event(EventKind.LAND, start + timedelta(days=10, hours=3, minutes=30)),
        ],
    )
    doc.undo_stack.push(InsertItem(doc, "missions", mission, text="New mission"))
    window.views["missions"].select_ids([mission.id])
    return mission.id


def duplicate_selected(window) -> list[str]:
    """Copy the selected missions (named '… copy'), as one undo step."""
    doc = window.doc
    ids = window.views["missions"].selected_ids()
    taken = {m.id for m in doc.project.missions}
    new_ids = []
    doc.undo_stack.beginMacro("Duplicate missions" if len(ids) > 1 else "Duplicate mission")
    for mission_id in ids:
        clone = copy.deepcopy(doc.project.mission(mission_id))
        clone.id = unique_slug(f"{clone.id} copy", taken)
        clone.name = f"{clone.name} copy"
        taken.add(clone.id)
        new_ids.append(clone.id)
        doc.undo_stack.push(InsertItem(doc, "missions", clone))
    doc.undo_stack.endMacro()
    window.views["missions"].select_ids(new_ids)
    return new_ids


def delete_selected(window) -> int:
    """Delete the selected missions, as one undo step; return how many."""
    doc = window.doc
    ids = window.views["missions"].selected_ids()
    if not ids:
        return 0
    doc.undo_stack.beginMacro(f"Delete {len(ids)} missions" if len(ids) > 1 else f"Delete {doc.project.mission(ids[0]).name}")
    for mission_id in ids:
        doc.undo_stack.push(RemoveItem(doc, "missions", mission_id))
    doc.undo_stack.endMacro()
    return len(ids)
