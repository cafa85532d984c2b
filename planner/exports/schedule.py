"""The schedule as a flat list: every vehicle stay, docking, undocking and activity with its time span.

The calendar view, the iCalendar export and the schedule CSV all read this one list, so they agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from planner.model import Project
from planner.model.mission import DYNAMIC_EVENTS, EventKind
from planner.rules.timeline import StationTimeline

#: entry kinds, in the order same-time entries are listed
KINDS = ("event", "stay", "activity")


@dataclass(frozen=True, slots=True)
class ScheduleEntry:
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
    """Every stay, station event (launch to landing) and activity of ``project``, ordered by start time."""
    timeline = timeline or StationTimeline.from_project(project)
    names = project.person_names()
    ports = {p.id: p.name for p in project.station.ports}
    entries: list[ScheduleEntry] = []
    for mission in project.missions:
        track = timeline.missions.get(mission.id)
        for n, stay in enumerate(track.stays if track else ()):
            entries.append(ScheduleEntry(
                f"stay-{mission.id}-{n}", "stay", stay.start, stay.end,
                f"{mission.name} at {ports.get(stay.port, stay.port)}", "missions", mission.id, stay.port,
                (), mission.vehicle_type))
        for n, event in enumerate(mission.events):
            start = event.utc.timestamp()
            end = event.end.timestamp()
            crew = tuple(names.get(p, p) for p in event.crew)
            entries.append(ScheduleEntry(
                f"event-{mission.id}-{n}", "event", start, max(start, end), _event_title(mission.name, event, ports),
                "missions", mission.id, event.port or "", crew, event.kind.value))
    for activity in project.activities:
        entries.append(ScheduleEntry(
            f"activity-{activity.id}", "activity", activity.start.timestamp(), activity.end.timestamp(),
            activity.title, "activities", activity.id, "", tuple(names.get(p, p) for p in activity.people),
            activity.kind.value))
    entries.sort(key=lambda e: (e.start, KINDS.index(e.kind), e.title, e.uid))
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
