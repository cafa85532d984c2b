"""The schedule as a flat list: every vehicle stay, docking, undocking and activity with its time span.

The calendar view, the iCalendar export and the schedule CSV all read this one list, so they agree.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from planner.model import Project
from planner.model.mission import DYNAMIC_EVENTS, EventKind
from planner.rules.timeline import StationTimeline

#: entry kinds, in the order same-time entries are listed
KINDS = ("event", "stay", "activity")


class ScheduleEntry(NamedTuple):
    """One line of the schedule over ``[start, end]`` in epoch seconds (``end`` is ``math.inf`` for a stay with no
    planned departure; an event has ``end == start`` unless it lasts, like a relocation).

    ``collection``/``item_id`` name the record it comes from (``missions`` or ``activities``); ``uid`` is stable
    across exports of the same plan.
    """

    uid: str
    kind: str  # "stay", "event" or "activity"
    start: float
    end: float
    title: str
    collection: str
    item_id: str
    port: str = ""
    people: tuple[str, ...] = ()
    detail: str = ""  # the event kind, the vehicle type or the activity kind

    @property
    def open_ended(self) -> bool:
        """True for a stay that has no planned departure."""
        return math.isinf(self.end)


def schedule_entries(project: Project, timeline: StationTimeline | None = None) -> list[ScheduleEntry]:
    """Every stay, station event (launch to landing) and activity of ``project``, ordered by start time.

    A big plan has a hundred thousand lines: the stays are read from the timeline without making each
    mission's track, and the lines are named tuples.
    """
    timeline = timeline or StationTimeline.from_project(project)
    names = project.person_names()
    ports = {p.id: p.name for p in project.station.ports}
    entries: list[ScheduleEntry] = []
    add = entries.append
    for mission in project.missions:
        mid, name = mission.id, mission.name
        for n, stay in enumerate(timeline.stays_of(mid)):
            add(ScheduleEntry(f"stay-{mid}-{n}", "stay", stay.start, stay.end,
                              f"{name} at {ports.get(stay.port, stay.port)}", "missions", mid, stay.port,
                              (), mission.vehicle_type))
        for n, event in enumerate(mission.events):
            start, end = event.utc.timestamp(), event.end.timestamp()
            crew = tuple([names.get(p, p) for p in event.crew]) if event.crew else ()
            add(ScheduleEntry(f"event-{mid}-{n}", "event", start, max(start, end), _event_title(name, event, ports),
                              "missions", mid, event.port or "", crew, event.kind.value))
    for activity in project.activities:
        start, end = activity.start.timestamp(), activity.end.timestamp()
        people = activity.people
        add(ScheduleEntry(f"activity-{activity.id}", "activity", start, end, activity.title, "activities",
                          activity.id, "", tuple([names.get(p, p) for p in people]) if people else (),
                          activity.kind.value))
    rank = {kind: i for i, kind in enumerate(KINDS)}
    entries.sort(key=lambda e: (e.start, rank[e.kind], e.title, e.uid))
    return entries


_VERBS = {
    EventKind.LAUNCH: "launches", EventKind.DOCK: "docks at", EventKind.BERTH: "is berthed at",
    EventKind.UNDOCK: "undocks from", EventKind.UNBERTH: "is unberthed from", EventKind.LAND: "lands",
}


def _event_title(name: str, event, ports: dict[str, str]) -> str:
    if event.kind is EventKind.RELOCATE:
        return (f"{name} relocates from {ports.get(event.from_port, event.from_port or '?')} "
                f"to {ports.get(event.port, event.port or '?')}")
    verb = _VERBS[event.kind]
    if event.kind in DYNAMIC_EVENTS:
        return f"{name} {verb} {ports.get(event.port, event.port or '?')}"
    return f"{name} {verb}"
