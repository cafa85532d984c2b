"""Edit menu actions on any list of the project: new, duplicate, delete (each one undo step).

Deleting a person or a ground site also removes the references to them (crews, activity people, needs)
in the same undo step, so the project never points at something that is gone.
"""

from __future__ import annotations

import copy
from datetime import timedelta

from planner.gui.commands import InsertItem, RemoveItem, ReplaceItem
from planner.model import Activity, ActivityKind, Event, EventKind, GroundSite, Mission, Person, edits, ids
from planner.model.people import unique_slug
from planner.model.stays import set_stay_port

NOUNS = {"missions": "mission", "activities": "activity", "people": "person", "sites": "ground site",
         "element_sets": "element set"}


def _label(item) -> str:
    return getattr(item, "name", None) or getattr(item, "title", None) or item.id


def default_start(doc):
    """Where new things go in time: after the plan's last event, or the next whole hour today."""
    from datetime import datetime, timezone

    ends = [e.end for m in doc.project.missions for e in m.events]
    if ends:
        return max(ends)
    return datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def new_record(window, collection: str) -> str:
    """Add a new record with sensible defaults, select it, and return its id."""
    doc = window.doc
    taken = {item.id for item in edits.items(doc.project, collection)}
    if collection not in ids.PLACEHOLDER_NAMES:
        raise ValueError(f"new {collection} are imported, not created")
    # A placeholder id: it follows the first name typed (planner.model.ids).
    item_id, name = ids.placeholder_id(collection, taken), ids.PLACEHOLDER_NAMES[collection]
    if collection == "missions":
        item = _new_mission(doc, item_id, name, window.mission_editor.port_status)
    elif collection == "activities":
        start = _activity_start(window)
        item = Activity(item_id, name, ActivityKind.FILM_SHOOT, start, start + timedelta(hours=1))
    elif collection == "people":
        item = Person(item_id, name)
    else:
        item = GroundSite(item_id, name, 0.0, 0.0)
    doc.undo_stack.push(InsertItem(doc, collection, item, text=f"New {NOUNS[collection]}"))
    _show_for_naming(window, collection, item.id)
    return item.id


def _show_for_naming(window, collection: str, item_id: str) -> None:
    """Bring the new record's table (scrolled to it) and its editor to the front, with the name selected
    for typing over: the keyboard goes there, wherever it was."""
    for dock in (window.docks.get(collection), window.docks["editor"]):
        if dock is not None:
            dock.show()
            dock.raise_()
    window.views[collection].select_ids([item_id])
    window.editors[collection].edit_name()


def _new_mission(doc, item_id: str, name: str, port_status=None) -> Mission:
    """A Soyuz flight of ten days after the plan's last event, docked at a compatible port that is free then.

    ``port_status(mission, event index, port)`` is the port picker's answer ("free", "busy: ..."); without
    it, or when no port is free, the first compatible port there is (the clash then shows).
    """
    start = default_start(doc) + timedelta(days=1)
    vehicle_type = "soyuz-ms"
    mission = Mission(
        id=item_id, name=name, vehicle_type=vehicle_type,
        events=[
            Event(EventKind.LAUNCH, start),
            Event(EventKind.DOCK, start + timedelta(hours=3, minutes=30)),
            Event(EventKind.UNDOCK, start + timedelta(days=10)),
            Event(EventKind.LAND, start + timedelta(days=10, hours=3, minutes=30)),
        ],
    )
    ports = [p for p in doc.project.station.compatible_ports(vehicle_type) if p.exists_at(start)]
    free = (p for p in ports if port_status is not None and port_status(mission, 1, p) == "free")
    port = next(free, ports[0] if ports else None)
    set_stay_port(mission, 1, "port", port.id if port else None)
    return mission


def _activity_start(window):
    """At the time cursor when the views have put it somewhere, else after the last activity."""
    from planner.model.times import from_epoch

    if window.time_cursor.time() > 0:
        return from_epoch(window.time_cursor.time()).replace(second=0, microsecond=0)
    activities = window.doc.project.activities
    if activities:
        return max(a.end for a in activities) + timedelta(hours=1)
    return default_start(window.doc)


def duplicate_selected(window, collection: str) -> list[str]:
    """Copy the selected records ('… copy'), as one undo step."""
    doc = window.doc
    ids = window.views[collection].selected_ids()
    if not ids or collection == "element_sets":
        return []
    taken = {item.id for item in edits.items(doc.project, collection)}
    new_ids = []
    doc.undo_stack.beginMacro(f"Duplicate {len(ids)} {NOUNS[collection]}{'s' if len(ids) > 1 else ''}")
    for item_id in ids:
        clone = copy.deepcopy(edits.get_item(doc.project, collection, item_id))
        clone.id = unique_slug(f"{clone.id} copy", taken)
        for attr in ("name", "title"):
            if hasattr(clone, attr):
                setattr(clone, attr, f"{getattr(clone, attr)} copy")
                break
        taken.add(clone.id)
        new_ids.append(clone.id)
        doc.undo_stack.push(InsertItem(doc, collection, clone))
    doc.undo_stack.endMacro()
    window.views[collection].select_ids(new_ids)
    return new_ids


def delete_selected(window, collection: str) -> int:
    """Delete the selected records and the references to them, as one undo step; return how many."""
    doc = window.doc
    ids = window.views[collection].selected_ids()
    if not ids:
        return 0
    first = _label(edits.get_item(doc.project, collection, ids[0]))
    text = f"Delete {first}" if len(ids) == 1 else f"Delete {len(ids)} {NOUNS[collection]}s"
    doc.undo_stack.beginMacro(text)
    gone = set(ids)
    if collection == "people":
        _drop_people(doc, gone)
    elif collection == "sites":
        _drop_sites(doc, gone)
    for item_id in ids:
        doc.undo_stack.push(RemoveItem(doc, collection, item_id))
    doc.undo_stack.endMacro()
    return len(ids)


def _drop_people(doc, gone: set[str]) -> None:
    for mission in doc.project.missions:
        if any(p in gone for e in mission.events for p in e.crew):
            new = copy.deepcopy(mission)
            for event in new.events:
                event.crew = tuple(p for p in event.crew if p not in gone)
            doc.undo_stack.push(ReplaceItem(doc, "missions", mission.id, new))
    for activity in doc.project.activities:
        if gone & set(activity.people):
            new = copy.deepcopy(activity)
            new.people = tuple(p for p in new.people if p not in gone)
            doc.undo_stack.push(ReplaceItem(doc, "activities", activity.id, new))
    for shift in list(doc.project.sleep_shifts):  # a person's own shifts go with them
        if shift.person in gone:
            doc.undo_stack.push(RemoveItem(doc, "sleep_shifts", shift.id))


def _drop_sites(doc, gone: set[str]) -> None:
    for activity in doc.project.activities:
        if any(n.site in gone for n in activity.needs):
            new = copy.deepcopy(activity)
            new.needs = tuple(n for n in new.needs if n.site not in gone)
            doc.undo_stack.push(ReplaceItem(doc, "activities", activity.id, new))
