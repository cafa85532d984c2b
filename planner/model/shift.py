"""Moving a mission in time, and what belongs with it: the activities its crew has planned during its stay.

A launch that slips, or a stay dragged on the timeline, moves every event of the mission by one amount. The
activities of the people who came on it, planned within its time at the station, are planned around their
arrival: they belong with the mission and can move by the same amount. People who go home on another vehicle
are the exception to watch (in 2021 the film crew came on Soyuz MS-19 and left on MS-18): that vehicle does not
move, so their last activities can end up after their ride home. :func:`plan_shift` says which.

Everything here makes changed copies; the app asks the user, then pushes them as one undo step.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime, timedelta

from planner.model.activity import Activity, NeedKind
from planner.model.mission import EventKind, Mission

_COMING = (EventKind.LAUNCH, EventKind.DOCK, EventKind.BERTH)
_ARRIVE = (EventKind.DOCK, EventKind.BERTH)
_LEAVE = (EventKind.UNDOCK, EventKind.UNBERTH)
_ORBIT_NEEDS = (NeedKind.DAYLIGHT, NeedKind.SHADOW, NeedKind.SITE_IN_VIEW, NeedKind.LIVE_LINK)

#: A span of time; None at either end: open on that side.
Span = tuple[datetime | None, datetime | None]


def _move(event, delta: timedelta) -> None:
    event.utc = event.utc + delta
    if event.end_utc is not None:
        event.end_utc = event.end_utc + delta


def shift_mission(mission: Mission, delta: timedelta) -> Mission:
    """A copy with every event (and a relocation's redocking) ``delta`` later; negative: earlier."""
    new = copy.deepcopy(mission)
    for event in new.events:
        _move(event, delta)
    return new


def shift_activity(activity: Activity, delta: timedelta) -> Activity:
    """A copy ``delta`` later (its length kept)."""
    new = copy.deepcopy(activity)
    new.start, new.end = activity.start + delta, activity.end + delta
    return new


def shift_from(mission: Mission, when: datetime, delta: timedelta) -> Mission:
    """A copy with the events at or after ``when`` moved by ``delta`` (a relocation by its undocking time)."""
    new = copy.deepcopy(mission)
    for event in new.events:
        if event.utc >= when:
            _move(event, delta)
    new.sort_events()
    return new


def arriving_crew(mission: Mission) -> frozenset[str]:
    """The people who come to the station on ``mission``: who rides its launch, docking or berthing.

    Those who only go home on it (Dubrov and Vande Hei on Soyuz MS-19) came on another vehicle: their time
    aboard, and what they do in it, does not start with this one.
    """
    return frozenset(p for e in mission.events if e.kind in _COMING for p in e.crew)


def stay_span(mission: Mission) -> Span | None:
    """The mission's time at the station: its first docking or berthing to its last undocking or unberthing
    (a relocation in between keeps it there). None at the end: still there when the plan ends; at the start:
    it leaves without having arrived in the plan. None when it never reaches the station (a launch alone)."""
    start = end = None
    docked = reached = False
    for event in sorted(mission.events, key=lambda e: e.utc):
        if event.kind in _ARRIVE:
            start = event.utc if not reached else start
            docked = reached = True
        elif event.kind in _LEAVE or (event.kind is EventKind.LAND and docked):
            reached = True
            docked, end = False, event.utc
        elif event.kind is EventKind.RELOCATE:
            reached = docked = True
    if not reached:
        return None
    return start, (None if docked else end)


def within(activity: Activity, span: Span) -> bool:
    """True when all of ``activity`` lies in ``span`` (its ends included)."""
    start, end = span
    return (start is None or activity.start >= start) and (end is None or activity.end <= end)


def activities_with(mission: Mission, activities, span: Span | None = None) -> list[Activity]:
    """The activities that belong with ``mission``: at least one of their people came on it, and they lie within
    ``span`` (by default the mission's time at the station, :func:`stay_span`), in the order given."""
    span = stay_span(mission) if span is None else span
    crew = arriving_crew(mission)
    if span is None or not crew:
        return []
    return [a for a in activities if not crew.isdisjoint(a.people) and within(a, span)]  # people first: cheaper


@dataclass(frozen=True, slots=True)
class RideHome:
    """A person who came on the shifted mission and goes home on another one, which does not move."""

    person: str
    mission: Mission  # the vehicle they leave on
    when: datetime  # its undocking (or unberthing) that takes them


def rides_home(mission: Mission, missions) -> dict[str, RideHome]:
    """For each person who comes on ``mission`` and leaves the station on another vehicle: that vehicle and when.

    A person leaves on the first undocking or unberthing that names them after they arrived; people who leave
    on ``mission`` itself, or not within the plan, are not listed (their ride home moves with them, or there
    is none to miss).
    """
    arrivals = {}
    for event in mission.events:
        if event.kind in _ARRIVE:
            for person in event.crew:
                arrivals.setdefault(person, event.utc)
    found: dict[str, RideHome] = {}
    leaving = sorted(((e.utc, m, e) for m in missions for e in m.events if e.kind in _LEAVE and e.crew),
                     key=lambda item: item[0])
    for person, arrived in arrivals.items():
        ride = next(((when, m) for when, m, e in leaving if when > arrived and person in e.crew), None)
        if ride is not None and ride[1].id != mission.id:
            found[person] = RideHome(person, ride[1], ride[0])
    return found


@dataclass(frozen=True, slots=True)
class MissionShift:
    """``mission`` moved by ``delta`` (:attr:`shifted`), and the activities that belong with it, before and after.

    :attr:`orbit_bound` are those of them that need daylight, shadow or a ground site in view: a shift of
    other than whole orbits moves them off their windows (the check says which). :attr:`stranded` pairs each
    moved activity that would end after the ride home of some of its people (which does not move) with those
    rides, one per such person.
    """

    mission: Mission
    delta: timedelta
    shifted: Mission
    activities: tuple[Activity, ...]
    moved: tuple[Activity, ...]
    orbit_bound: tuple[Activity, ...]
    stranded: tuple[tuple[Activity, tuple[RideHome, ...]], ...]

    @property
    def rides(self) -> tuple[RideHome, ...]:
        """The rides home that moved activities would end after: one per vehicle, its earliest such departure."""
        first: dict[str, RideHome] = {}
        for _activity, rides in self.stranded:
            for ride in rides:
                if ride.mission.id not in first or ride.when < first[ride.mission.id].when:
                    first[ride.mission.id] = ride
        return tuple(sorted(first.values(), key=lambda ride: ride.when))

    def moved_rides(self) -> list[Mission]:
        """Copies of the :attr:`rides` vehicles with their departure carrying the crew home, and every event
        after it, moved by :attr:`delta` too (their earlier events, and their own crew's arrival, stay)."""
        return [shift_from(ride.mission, ride.when, self.delta) for ride in self.rides]


def plan_shift(mission: Mission, delta: timedelta, missions, activities, span: Span | None = None) -> MissionShift:
    """What moving ``mission`` by ``delta`` would move: its events, and the activities that belong with it
    (:func:`activities_with` over ``span``, by default its whole time at the station), all by ``delta``.
    ``missions`` are the plan's missions (to find its crew's rides home), ``activities`` the plan's activities."""
    belonging = tuple(activities_with(mission, activities, span))
    moved = tuple(shift_activity(a, delta) for a in belonging)
    rides = rides_home(mission, missions)
    stranded = []
    for activity in moved:
        late = tuple(rides[p] for p in activity.people if p in rides and activity.end > rides[p].when)
        if late:
            stranded.append((activity, late))
    orbit_bound = tuple(a for a in belonging if any(n.kind in _ORBIT_NEEDS for n in a.needs))
    return MissionShift(mission, delta, shift_mission(mission, delta), belonging, moved, orbit_bound, tuple(stranded))


def shift_text(delta: timedelta) -> str:
    """How far a shift goes, as a planner says it: ``4 days later``, ``1 day 2 h earlier``, ``30 min later``."""
    seconds = round(abs(delta.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{days} day{'s' if days != 1 else ''}" if days else "", f"{hours} h" if hours else "",
             f"{minutes} min" if minutes else "", f"{secs} s" if secs and not days else ""]
    words = " ".join(p for p in parts if p) or "0 s"
    return f"{words} {'earlier' if delta < timedelta(0) else 'later'}"
