"""Edit menu actions on any list of the project: new, duplicate, delete (each one undo step).

Deleting a person or a ground site also removes the references to them (crews, activity people, needs)
in the same undo step, so the project never points at something that is gone.
"""

from __future__ import annotations

import copy
from datetime import timedelta

from planner.gui.commands import InsertItem, RemoveItem, ReplaceItem
from planner.model import Activity, ActivityKind, Event, EventKind, GroundSite, Mission, Person, edits
from planner.model.people import unique_slug

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
    if collection == "missions":
        item = _new_mission(doc, taken)
    elif collection == "activities":
        start = _activity_start(window)
        item = Activity(unique_slug("activity", taken), "New activity", ActivityKind.FILM_SHOOT, start,
                        start + timedelta(hours=1))
    elif collection == "people":
        item = Person(unique_slug("new person", taken), "New person")
    elif collection == "sites":
        item = GroundSite(unique_slug("new site", taken), "New ground site", 0.0, 0.0)
    else:
        raise ValueError(f"new {collection} are imported, not created")
    doc.undo_stack.push(InsertItem(doc, collection, item, text=f"New {NOUNS[collection]}"))
    window.views[collection].select_ids([item.id])
    return item.id


def _new_mission(doc, taken) -> Mission:
    start = default_start(doc) + timedelta(days=1)
    vehicle_type = "soyuz-ms"
    port = next((p.id for p in doc.project.station.compatible_ports(vehicle_type) if p.exists_at(start)), None)
    return Mission(
        id=unique_slug("new vehicle", taken), name="New vehicle", vehicle_type=vehicle_type,
        events=[
            Event(EventKind.LAUNCH, start),
            Event(EventKind.DOCK, start + timedelta(hours=3, minutes=30), port=port),
            Event(EventKind.UNDOCK, start + timedelta(days=10), port=port),
            Event(EventKind.LAND, start + timedelta(days=10, hours=3, minutes=30)),
        ],
    )


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


def _drop_sites(doc, gone: set[str]) -> None:
    for activity in doc.project.activities:
        if any(n.site in gone for n in activity.needs):
            new = copy.deepcopy(activity)
            new.needs = tuple(n for n in new.needs if n.site not in gone)
            doc.undo_stack.push(ReplaceItem(doc, "activities", activity.id, new))
