"""The changes a drag on the timeline makes, as changed copies of a mission or an activity (no Qt).

Moving a whole mission or activity in time is :mod:`planner.model.shift`'s (the mission editor shifts a
mission the same way); the edges and ports of stays are here.

A port stay is bounded by two events: its arrival (a docking or berthing, or the redocking end of a
relocation) and its departure (an undocking or unberthing, the undocking start of a relocation, or a landing
while docked). :func:`stay_events` finds them in the same order :func:`planner.station.timeline.derive_mission`
finds the stays, so the n-th stay of a track is the n-th entry.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from planner.model import Activity, Mission
from planner.model.mission import EventKind
from planner.model.times import from_epoch

MIN_STAY_S = 60.0  # a drag never makes a stay or an activity shorter than a minute


@dataclass(frozen=True, slots=True)
class StayEvents:
    """Where a stay's ends live: (event index, time field, port field) of its arrival and its departure."""

    port: str | None
    arrival: tuple[int, str, str]
    departure: tuple[int, str, str | None] | None  # None: still docked at the end of the plan


def stay_events(mission: Mission) -> list[StayEvents]:
    """The events bounding each stay of ``mission``, in the order of its track's stays."""
    order = sorted(range(len(mission.events)), key=lambda i: mission.events[i].utc)
    out: list[StayEvents] = []
    current = None  # (port, arrival)
    for i in order:
        event = mission.events[i]
        if event.kind in (EventKind.DOCK, EventKind.BERTH):
            if current is not None:
                out.append(StayEvents(current[0], current[1], (i, "utc", None)))
            current = (event.port, (i, "utc", "port"))
        elif event.kind in (EventKind.UNDOCK, EventKind.UNBERTH):
            if current is not None:
                out.append(StayEvents(current[0], current[1], (i, "utc", "port")))
            current = None
        elif event.kind is EventKind.RELOCATE:
            if current is not None:
                out.append(StayEvents(current[0], current[1], (i, "utc", "from_port")))
            current = (event.port, (i, "end_utc", "port"))
        elif event.kind is EventKind.LAND and current is not None:
            out.append(StayEvents(current[0], current[1], (i, "utc", None)))
            current = None
    if current is not None:
        out.append(StayEvents(current[0], current[1], None))
    return out


def _get(mission: Mission, where) -> float:
    event = mission.events[where[0]]
    value = getattr(event, where[1]) or event.utc
    return value.timestamp()


def _set(mission: Mission, where, t: float) -> None:
    setattr(mission.events[where[0]], where[1], from_epoch(t))


def move_stay_edge(mission: Mission, ordinal: int, edge: str, when: float) -> Mission:
    """A copy with the arrival (``edge="start"``) or departure (``"end"``) of stay ``ordinal`` at ``when``.

    The stay keeps at least a minute; a relocation keeps its redocking after its undocking.
    """
    ends = stay_events(mission)[ordinal]
    new = copy.deepcopy(mission)
    if edge == "start":
        where = ends.arrival
        if ends.departure is not None:
            when = min(when, _get(mission, ends.departure) - MIN_STAY_S)
        if where[1] == "end_utc":
            when = max(when, mission.events[where[0]].utc.timestamp())
    elif edge == "end":
        if ends.departure is None:
            raise ValueError("this stay has no departure to move")
        where = ends.departure
        when = max(when, _get(mission, ends.arrival) + MIN_STAY_S)
        relocation = mission.events[where[0]]
        if where[2] == "from_port" and relocation.end_utc is not None:
            when = min(when, relocation.end_utc.timestamp())
    else:
        raise ValueError(f"unknown edge {edge!r}")
    _set(new, where, when)
    new.sort_events()
    return new


def change_stay_port(mission: Mission, ordinal: int, port: str) -> Mission:
    """A copy with stay ``ordinal`` at ``port``: its arrival's port and its departure's port both change."""
    ends = stay_events(mission)[ordinal]
    new = copy.deepcopy(mission)
    setattr(new.events[ends.arrival[0]], ends.arrival[2], port)
    if ends.departure is not None and ends.departure[2] is not None:
        setattr(new.events[ends.departure[0]], ends.departure[2], port)
    return new


def stay_span(mission: Mission, ordinal: int) -> tuple[float, float | None]:
    """(arrival, departure or None) of stay ``ordinal`` in epoch seconds."""
    ends = stay_events(mission)[ordinal]
    return _get(mission, ends.arrival), (_get(mission, ends.departure) if ends.departure else None)


def move_activity_edge(activity: Activity, edge: str, when: float) -> Activity:
    """A copy with its start or end at ``when`` (it keeps at least a minute)."""
    new = copy.deepcopy(activity)
    if edge == "start":
        new.start = from_epoch(min(when, activity.end.timestamp() - MIN_STAY_S))
    elif edge == "end":
        new.end = from_epoch(max(when, activity.start.timestamp() + MIN_STAY_S))
    else:
        raise ValueError(f"unknown edge {edge!r}")
    return new
