"""The schedule as a flat list: every vehicle stay, docking, undocking and activity with its time span.

The calendar view, the iCalendar export and the schedule CSV all read this one list, so they agree.
"""

from __future__ import annotations

import math
from itertools import chain
from operator import attrgetter
from typing import NamedTuple

import numpy as np

from planner.model import Project
from planner.model.mission import DYNAMIC_EVENTS, EventKind
from planner.station import StationTimeline
from planner.station.columns import timestamps

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
    status: str = ""  # an activity's status (an ActivityStatus value)

    @property
    def open_ended(self) -> bool:
        """True for a stay that has no planned departure."""
        return math.isinf(self.end)


def schedule_entries(project: Project, timeline: StationTimeline | None = None) -> list[ScheduleEntry]:
    """Every stay, station event (launch to landing) and activity of ``project``, ordered by start time.

    A big plan has a hundred thousand lines: the stays are read from the timeline without making each
    mission's track, and the lines are named tuples.
    """
    return Schedule(project, timeline).entries()


class Schedule:
    """The schedule of a plan, its lines made only for the stretch of time asked for.

    A big plan has 150,000 lines; a calendar page shows a few days of them. The start of every event and
    activity is read once, into a sorted array; :meth:`starting_between` makes the lines of one stretch,
    in the order :func:`schedule_entries` lists them all. The stays (one per visit) are made at once.
    """

    def __init__(self, project: Project, timeline: StationTimeline | None = None):
        timeline = timeline or StationTimeline.from_project(project)
        # The plan as it is now: lines made later read these lists, not the plan's (edited since, maybe).
        self._missions, self._activities = list(project.missions), list(project.activities)
        self._names = project.person_names()
        self._ports = {p.id: p.name for p in project.station.ports}
        missions = self._missions
        stays = []
        for mission in missions:
            mid, name = mission.id, mission.name
            for n, stay in enumerate(timeline.stays_of(mid)):
                stays.append(ScheduleEntry(f"stay-{mid}-{n}", "stay", stay.start, stay.end,
                                           f"{name} at {self._ports.get(stay.port, stay.port)}", "missions", mid,
                                           stay.port, (), mission.vehicle_type))
        stays.sort(key=_order)
        self.stays = stays
        self._stay_start = np.fromiter(map(attrgetter("start"), stays), float, len(stays))
        self._stay_end = np.fromiter(map(attrgetter("end"), stays), float, len(stays))
        # Events (mission position, event number) then activities, by start.
        counts = np.fromiter(map(len, map(attrgetter("events"), missions)), np.int64, len(missions))
        self._event_mission = np.repeat(np.arange(len(missions)), counts)
        self._event_number = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        events = chain.from_iterable(map(attrgetter("events"), missions))
        starts = np.concatenate([timestamps(map(attrgetter("utc"), events), len(self._event_mission)),
                                 timestamps(map(attrgetter("start"), self._activities), len(self._activities))])
        self._order = np.argsort(starts, kind="stable")
        self._starts = starts[self._order]

    def starting_between(self, t0: float, t1: float) -> list[ScheduleEntry]:
        """The events and activities starting in ``[t0, t1)``, in schedule order."""
        lo, hi = np.searchsorted(self._starts, (t0, t1), side="left").tolist()
        return sorted(map(self._line, self._order[lo:hi].tolist()), key=_order)

    def stays_between(self, t0: float, t1: float) -> list[ScheduleEntry]:
        """The vehicle stays over any part of ``[t0, t1)``, in schedule order."""
        found = np.flatnonzero((self._stay_start < t1) & (self._stay_end > t0)).tolist()
        return [self.stays[k] for k in found]

    def entries(self) -> list[ScheduleEntry]:
        """Every line, in order."""
        every = self.stays + list(map(self._line, range(len(self._starts))))
        every.sort(key=_order)
        return every

    def _line(self, source: int) -> ScheduleEntry:
        events = len(self._event_mission)
        if source < events:
            mission = self._missions[int(self._event_mission[source])]
            n = int(self._event_number[source])
            event = mission.events[n]
            start, end = event.utc.timestamp(), event.end.timestamp()
            crew = tuple([self._names.get(p, p) for p in event.crew]) if event.crew else ()
            return ScheduleEntry(f"event-{mission.id}-{n}", "event", start, max(start, end),
                                 event_title(mission.name, event, self._ports), "missions", mission.id,
                                 event.port or "", crew, event.kind.value)
        activity = self._activities[source - events]
        people = activity.people
        return ScheduleEntry(f"activity-{activity.id}", "activity", activity.start.timestamp(),
                             activity.end.timestamp(), activity.title, "activities", activity.id, "",
                             tuple([self._names.get(p, p) for p in people]) if people else (), activity.kind.value,
                             activity.status.value)


_RANK = {kind: i for i, kind in enumerate(KINDS)}


def _order(entry: ScheduleEntry) -> tuple:
    return entry.start, _RANK[entry.kind], entry.title, entry.uid


_VERBS = {
    EventKind.LAUNCH: "launches", EventKind.DOCK: "docks at", EventKind.BERTH: "is berthed at",
    EventKind.UNDOCK: "undocks from", EventKind.UNBERTH: "is unberthed from", EventKind.LAND: "lands",
}


def event_title(name: str, event, ports: dict[str, str]) -> str:
    """What happens at a mission's event, in words: "Soyuz MS-19 docks at Rassvet nadir" (port names from ``ports``,
    else the port ids)."""
    if event.kind is EventKind.RELOCATE:
        return (f"{name} relocates from {ports.get(event.from_port, event.from_port or '?')} "
                f"to {ports.get(event.port, event.port or '?')}")
    verb = _VERBS[event.kind]
    if event.kind in DYNAMIC_EVENTS:
        return f"{name} {verb} {ports.get(event.port, event.port or '?')}"
    return f"{name} {verb}"
