"""The station's state over time, derived once from a project's missions: the base every rule and view reads.

Times are float epoch seconds (``planner.model.times.to_epoch``); an open end is ``math.inf``. Intervals are
half-open ``[start, end)``: a vehicle that undocks at ``t`` and another that docks at ``t`` do not overlap.

- :func:`derive_mission` turns one mission into a :class:`MissionTrack`: its stays at ports (a relocation
  ends one stay at the undocking and starts the next at the redocking), its attached windows (docked, or
  flying a relocation: the crew rides along and its seats still count), its flights, dynamic events, the
  crew moves it carries, and the problems in its own sequence of events.
- :func:`derive_person` turns one person's crew moves into a :class:`PersonTrack`: stays aboard
  (an arrival on one vehicle, a departure on the same or another), flights, and moves that make no sense.
- :class:`StationTimeline` holds both for a whole project, indexed by port and by person, and yields the
  headcount series and each person's lifeboat over time. The rules engine updates it one mission at a time.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass, field
from collections.abc import Sequence
from itertools import chain
from operator import attrgetter
from typing import NamedTuple

import numpy as np

from planner.model.catalogue import Station
from planner.model.mission import DYNAMIC_EVENTS, EventKind, Mission
from planner.model.project import Project
from planner.rules.visits import Aboard, Groups, LazyTracks, MissionHead, PlainPeople, Visits, visit_track

INF = math.inf
_ARRIVALS = (EventKind.DOCK, EventKind.BERTH)
_DEPARTURES = (EventKind.UNDOCK, EventKind.UNBERTH)


class PortStay(NamedTuple):
    """A vehicle at a port over ``[start, end)``; ``arrival`` is the window of the arriving dynamic event."""

    mission: str
    port: str
    start: float
    end: float
    arrival: tuple[float, float]
    by_relocation: bool = False


class DynamicEvent(NamedTuple):
    """A docking, berthing, undocking, unberthing or relocation over ``[start, end]`` (``end`` >= ``start``)."""

    mission: str
    index: int  # position in ``Mission.events``
    kind: EventKind
    start: float
    end: float
    crewed: bool
    ports: tuple[str, ...]


class Flight(NamedTuple):
    """People riding a vehicle away from the station over ``[start, end)`` (after launch, after undocking)."""

    mission: str
    start: float
    end: float
    people: tuple[str, ...]


class CrewMove(NamedTuple):
    """A person arriving at (``arrives``) or leaving the station on a vehicle."""

    person: str
    time: float
    arrives: bool
    mission: str
    index: int


class Problem(NamedTuple):
    """Something impossible in one vehicle's sequence of events (docks before launch, undocks from elsewhere)."""

    index: int
    start: float
    end: float
    message: str
    ports: tuple[str, ...] = ()


@dataclass(slots=True)
class MissionTrack:
    """One mission as the rules see it (see the module docstring)."""

    mission: str
    name: str
    vehicle_type: str
    seats: int
    returns_crew: bool
    max_stay_s: float | None
    tags: tuple[str, ...]
    stays: tuple[PortStay, ...] = ()
    attached: tuple[tuple[float, float], ...] = ()
    dynamic: tuple[DynamicEvent, ...] = ()
    flights: tuple[Flight, ...] = ()
    moves: tuple[CrewMove, ...] = ()
    departures: tuple[tuple[float, int, tuple[str, ...]], ...] = ()  # (time, event index, crew)
    problems: tuple[Problem, ...] = ()
    span: tuple[float, float] = (INF, -INF)  # first and last event time
    arrives_with: str | None = None  # the mission it arrives attached to (see ``Mission.arrives_with``)

    @property
    def is_lifeboat(self) -> bool:
        """True when the vehicle can carry crew home (it has seats and returns crew)."""
        return self.returns_crew and self.seats > 0

    @property
    def people(self) -> frozenset[str]:
        """Everybody named on any of its arrivals, departures or flights."""
        names = {m.person for m in self.moves}
        for flight in self.flights:
            names.update(flight.people)
        return frozenset(names)

    @property
    def ports(self) -> frozenset[str]:
        """Every port it stays at or names."""
        names = {s.port for s in self.stays}
        for problem in self.problems:
            names.update(problem.ports)
        return frozenset(names)

    def attached_at(self, when: float) -> bool:
        """True when the vehicle is docked (or flying a relocation) at ``when``."""
        return any(s <= when < e for s, e in self.attached)


class PersonStay(NamedTuple):
    """A person aboard over ``[start, end)``, arrived on ``came_on``, leaving on ``leaves_on`` (None: not planned)."""

    person: str
    start: float
    end: float
    came_on: str
    leaves_on: str | None


@dataclass(slots=True)
class PersonTrack:
    """One person's stays aboard and flights, and the moves that make no sense (leaving while not aboard)."""

    person: str
    stays: tuple[PersonStay, ...] = ()
    flights: tuple[Flight, ...] = ()
    stray: tuple[CrewMove, ...] = ()
    aboard: tuple[tuple[float, float], ...] = ()  # the union of the stays: when the person is aboard

    @property
    def missions(self) -> frozenset[str]:
        """The vehicles the stays came on or leave on."""
        found = {s.came_on for s in self.stays} | {s.leaves_on for s in self.stays if s.leaves_on}
        return frozenset(found)


class HeadcountStep(NamedTuple):
    """From ``utc`` on, ``people`` are aboard and docked vehicles offer ``seats`` seats home."""

    utc: float
    people: int
    seats: int


def union(intervals) -> list[tuple[float, float]]:
    """Merge overlapping or touching ``(start, end)`` intervals into a sorted list."""
    merged: list[list[float]] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1][1] = end
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def derive_mission(mission: Mission, station: Station) -> MissionTrack:
    """The :class:`MissionTrack` of one mission (events are read in time order; the mission is not changed)."""
    vtype = station.vehicle_type(mission.vehicle_type)
    seats = mission.seats if mission.seats is not None else (vtype.crew_seats if vtype else 0)
    max_days = vtype.max_stay_days if vtype else None
    track = MissionTrack(
        mission=mission.id, name=mission.name or mission.id, vehicle_type=mission.vehicle_type, seats=seats,
        returns_crew=bool(vtype and vtype.returns_crew),
        max_stay_s=None if max_days is None else float(max_days) * 86400.0, tags=tuple(mission.tags),
        arrives_with=mission.arrives_with,
    )
    events = mission.events
    stamps = [e.utc.timestamp() for e in events]  # distinct instants stay distinct floats (to the microsecond)
    order = sorted(range(len(events)), key=stamps.__getitem__)  # stable: same-time rows keep file order
    times = [stamps[i] for i in order]
    if not _plain_visit(track, events, order, times):
        _walk(track, events, order, times)
    return track


def _walk(track: MissionTrack, events, order: list[int], times: list[float]) -> None:
    """Fill ``track`` by walking the events in time order (``order``: positions, ``times``: their seconds)."""
    mid = track.mission
    stays, attached, dynamic, flights, moves, departures, problems = [], [], [], [], [], [], []
    state = "start"  # start, flight, docked, landed
    port = None  # where it is docked
    since = 0.0  # when it got there
    arrival = (0.0, 0.0)
    relocated = False
    attached_from = None
    launched_at = None
    launch_crew = ()
    left_at = None
    left_crew = ()
    for pos, i in enumerate(order):
        event = events[i]
        kind = event.kind
        t = times[pos]
        end = event.end_utc.timestamp() if event.end_utc is not None else t
        if kind in DYNAMIC_EVENTS:
            ports = tuple(p for p in (event.from_port, event.port) if p)
            dynamic.append(DynamicEvent(mid, i, kind, t, end, bool(event.crew), ports))
        if launched_at is not None:  # the launch flight ends at the next event, whatever it is
            flights.append(Flight(mid, launched_at, t, launch_crew))
            launched_at = None
        if left_at is not None:
            flights.append(Flight(mid, left_at, t, left_crew))
            left_at = None
        if kind is EventKind.LAUNCH:
            if state == "docked":
                problems.append(Problem(i, since, t, f"{track.name} launches at {_when(t)} but is already at "
                                        f"{port} since {_when(since)}: it docks before it launches", (port,)))
            elif state == "flight":
                problems.append(Problem(i, t, t, f"{track.name} launches at {_when(t)} while already in flight"))
            elif state == "landed":
                problems.append(Problem(i, t, t, f"{track.name} launches again at {_when(t)} after landing"))
            if state != "docked":
                state = "flight"
                if event.crew:
                    launched_at, launch_crew = t, tuple(event.crew)
            continue
        if kind in _ARRIVALS:
            if state == "docked":
                problems.append(Problem(i, t, t, f"{track.name} {kind.value}s at {event.port} at {_when(t)} while "
                                        f"still at {port}", (event.port, port)))
                stays.append(PortStay(mid, port, since, t, arrival, relocated))
            elif state == "landed":
                problems.append(Problem(i, t, t, f"{track.name} {kind.value}s at {event.port} at {_when(t)} "
                                        "after landing", (event.port,)))
            if attached_from is None:
                attached_from = t
            state, port, since, arrival, relocated = "docked", event.port, t, (t, t), False
            for person in event.crew:
                moves.append(CrewMove(person, t, True, mid, i))
            continue
        if kind in _DEPARTURES:
            if state == "docked":
                if event.port and event.port != port:
                    problems.append(Problem(i, t, t, f"{track.name} {kind.value}s from {event.port} at {_when(t)} "
                                            f"but is at {port}", (event.port, port)))
                stays.append(PortStay(mid, port, since, t, arrival, relocated))
                attached.append((attached_from, t))
            else:
                problems.append(Problem(i, t, t, f"{track.name} {kind.value}s from {event.port} at {_when(t)} "
                                        "but is not docked there", (event.port,) if event.port else ()))
            attached_from = None
            state, port = "flight", None
            for person in event.crew:
                moves.append(CrewMove(person, t, False, mid, i))
            departures.append((t, i, tuple(event.crew)))
            if event.crew:
                left_at, left_crew = t, tuple(event.crew)
            continue
        if kind is EventKind.RELOCATE:
            if end < t:
                problems.append(Problem(i, end, t, f"{track.name}'s relocation redocks at {_when(end)}, before it "
                                        f"undocks at {_when(t)}", (event.port,)))
                end = t
            if state == "docked":
                if event.from_port and event.from_port != port:
                    problems.append(Problem(i, t, t, f"{track.name} relocates from {event.from_port} at {_when(t)} "
                                            f"but is at {port}", (event.from_port, port)))
                stays.append(PortStay(mid, port, since, t, arrival, relocated))
            else:
                problems.append(Problem(i, t, t, f"{track.name} relocates from {event.from_port} at {_when(t)} "
                                        "but is not docked", tuple(p for p in (event.from_port,) if p)))
                attached_from = t
            state, port, since, arrival, relocated = "docked", event.port, end, (t, end), True
            continue
        if kind is EventKind.LAND:
            if state == "docked":
                problems.append(Problem(i, t, t, f"{track.name} lands at {_when(t)} while still docked at {port}",
                                        (port,)))
                stays.append(PortStay(mid, port, since, t, arrival, relocated))
                attached.append((attached_from, t))
                attached_from = None
            elif state == "landed":
                problems.append(Problem(i, t, t, f"{track.name} lands again at {_when(t)}"))
            state, port = "landed", None
    if state == "docked":
        stays.append(PortStay(mid, port, since, INF, arrival, relocated))
        attached.append((attached_from, INF))
    track.stays = tuple(stays)
    track.attached = tuple(attached)
    track.dynamic = tuple(dynamic)
    track.flights = tuple(f for f in flights if f.end > f.start)
    track.moves = tuple(moves)
    track.departures = tuple(departures)
    track.problems = tuple(problems)
    if times:
        track.span = (times[0], times[-1])


def _named(first: str | None, second: str | None) -> tuple[str, ...]:
    if first:
        return (first, second) if second else (first,)
    return (second,) if second else ()


def _plain_visit(track: MissionTrack, events, order: list[int], times: list[float]) -> bool:
    """Fill ``track`` for the common shape of a visit: [launch], docking or berthing at a port, undocking or
    unberthing from it, [landing], exactly as the general walk of :func:`derive_mission` would, only without
    its bookkeeping (most missions of a big plan look like this). False, leaving ``track`` alone, otherwise."""
    n = len(order)
    if n < 2 or n > 4:
        return False
    seq = [events[i] for i in order]
    lead = 1 if seq[0].kind is EventKind.LAUNCH else 0
    if n - lead not in (2, 3):
        return False
    come, go = seq[lead], seq[lead + 1]
    landing = seq[lead + 2] if n - lead == 3 else None
    port = come.port
    if (come.kind not in _ARRIVALS or go.kind not in _DEPARTURES or not port or (go.port and go.port != port)
            or come.end_utc is not None or go.end_utc is not None
            or (landing is not None and landing.kind is not EventKind.LAND)):
        return False
    mid = track.mission
    i1, i2 = order[lead], order[lead + 1]
    t1, t2 = times[lead], times[lead + 1]
    flights = []
    if lead and seq[0].crew and t1 > times[0]:
        flights.append(Flight(mid, times[0], t1, tuple(seq[0].crew)))
    left = tuple(go.crew)
    if landing is not None and left and times[-1] > t2:
        flights.append(Flight(mid, t2, times[-1], left))
    track.stays = (PortStay(mid, port, t1, t2, (t1, t1), False),)
    track.attached = ((t1, t2),)
    track.dynamic = (DynamicEvent(mid, i1, come.kind, t1, t1, bool(come.crew),
                                  (come.from_port, port) if come.from_port else (port,)),
                     DynamicEvent(mid, i2, go.kind, t2, t2, bool(left), _named(go.from_port, go.port)))
    track.flights = tuple(flights)
    track.moves = tuple([CrewMove(person, t1, True, mid, i1) for person in come.crew]
                        + [CrewMove(person, t2, False, mid, i2) for person in left])
    track.departures = ((t2, i2, left),)
    track.span = (times[0], times[-1])
    return True


def derive_person(person: str, moves, flights) -> PersonTrack:
    """A person's stays from their crew moves (arrivals open stays, departures close the oldest one open)."""
    plain = _plain_person(person, moves, flights)
    if plain is not None:
        return plain
    ordered = sorted(moves, key=lambda m: (m.time, m.arrives, m.mission, m.index))
    open_stays: list[CrewMove] = []
    stays, stray = [], []
    for move in ordered:
        if move.arrives:
            open_stays.append(move)
        elif open_stays:
            came = open_stays.pop(0)
            stays.append(PersonStay(person, came.time, move.time, came.mission, move.mission))
        else:
            stray.append(move)
    for came in open_stays:
        stays.append(PersonStay(person, came.time, INF, came.mission, None))
    stays.sort(key=lambda s: (s.start, s.end, s.came_on))
    flights = tuple(sorted(flights, key=lambda f: (f.start, f.end, f.mission)))
    aboard = tuple(union((s.start, s.end) for s in stays))
    return PersonTrack(person, tuple(stays), flights, tuple(stray), aboard)


def _plain_person(person: str, moves, flights) -> PersonTrack | None:
    """The track of the usual person, one arrival and one later departure, as :func:`derive_person` would make
    it; None for anybody else."""
    if len(moves) != 2 or moves[0].arrives == moves[1].arrives:
        return None
    came, went = moves if moves[0].arrives else moves[::-1]
    if not came.time < went.time:
        return None
    flights = tuple(sorted(flights, key=lambda f: (f.start, f.end, f.mission))) if len(flights) > 1 else tuple(flights)
    return PersonTrack(person, (PersonStay(person, came.time, went.time, came.mission, went.mission),),
                       flights, (), ((came.time, went.time),))


def lifeboat_pieces(stay: PersonStay, tracks: dict[str, MissionTrack]) -> list[tuple[str | None, float, float]]:
    """The person's lifeboat over the stay: the vehicle they leave on while it is attached, else the one they
    came on while it is attached, else None; a vehicle that cannot carry crew home counts as None."""
    pieces: list[tuple[str | None, float, float]] = []
    leaves = tracks.get(stay.leaves_on) if stay.leaves_on else None
    if leaves is not None:
        for s, e in leaves.attached:
            if s <= stay.start and stay.end <= e:  # the vehicle they leave on is there all along
                return [(leaves.mission if leaves.is_lifeboat else None, stay.start, stay.end)]
    came = tracks.get(stay.came_on)
    covered = _clip(leaves.attached, stay.start, stay.end) if leaves else []
    for s, e in covered:
        pieces.append((leaves.mission if leaves.is_lifeboat else None, s, e))
    for gs, ge in _gaps(covered, stay.start, stay.end):
        inside = _clip(came.attached, gs, ge) if came else []
        for s, e in inside:
            pieces.append((came.mission if came.is_lifeboat else None, s, e))
        for s, e in _gaps(inside, gs, ge):
            pieces.append((None, s, e))
    pieces.sort(key=lambda p: p[1])
    return pieces


def _clip(intervals, start: float, end: float) -> list[tuple[float, float]]:
    out = []
    for s, e in intervals:
        s, e = max(s, start), min(e, end)
        if s < e:
            out.append((s, e))
    out.sort()
    return out


def _gaps(covered, start: float, end: float) -> list[tuple[float, float]]:
    out, at = [], start
    for s, e in covered:
        if s > at:
            out.append((at, s))
        at = max(at, e)
    if at < end:
        out.append((at, end))
    return out


def _when(t: float) -> str:
    from planner.rules.findings import short_time

    return short_time(t)


_KIND = attrgetter("kind")


class _EventPorts(Sequence):
    """The ports of every dynamic event in :meth:`StationTimeline.dynamic_columns` order (the visits' arrivals,
    their departures, then the other missions' events), each tuple made when read: most are never read."""

    def __init__(self, visits: Visits, more: list[tuple[str, ...]]):
        self._visits = visits
        self._n = len(visits)
        self._more = more

    def __len__(self) -> int:
        return 2 * self._n + len(self._more)

    def __getitem__(self, k: int) -> tuple[str, ...]:
        n = self._n
        if k < n:
            event, port = self._visits.come[k], self._visits.port[k]
            return (event.from_port, port) if event.from_port else (port,)
        if k < 2 * n:
            event = self._visits.go[k - n]
            return _named(event.from_port, event.port)
        return self._more[k - 2 * n]


@dataclass(slots=True, weakref_slot=True)
class StationTimeline:
    """Every mission's track and every person's track for a project, kept up to date one mission at a time.

    ``port_stays[port]`` lists the stays at a port; ``person_missions[person]`` the missions naming a
    person. :meth:`headcount` gives the series of people aboard and seats home.

    Made by :meth:`from_project`, ``missions`` and ``people`` make each track on first access (see
    :mod:`planner.rules.visits`); the columns the full check screens with are in ``visits`` and ``plain``.
    """

    station: Station
    missions: dict[str, MissionTrack] = field(default_factory=dict)
    people: dict[str, PersonTrack] = field(default_factory=dict)
    port_stays: dict[str, list[PortStay]] = field(default_factory=dict)
    person_missions: dict[str, set[str]] = field(default_factory=dict)
    vehicle_people: dict[str, set[str]] = field(default_factory=dict)  # lifeboat candidates: mission -> people
    heads: dict[str, MissionHead] = field(default_factory=dict)  # mission -> name, type, tags, arrives_with
    _deltas: dict[float, list[int]] | None = field(default_factory=dict)
    _delta_columns: tuple | None = None  # (times, people, seats) while ``_deltas`` is not made yet
    _series: list[HeadcountStep] | None = None
    _arrays: tuple | None = None
    visits: Visits | None = None
    plain: PlainPeople | None = None
    ports: Groups | None = None  # port -> visit numbers (ints) and stays of the other missions, in order
    fresh: bool = False  # ``visits`` and ``plain`` still describe the timeline (no mission changed since)
    _aboard: Aboard | None = None

    @classmethod
    def from_project(cls, project: Project) -> "StationTimeline":
        """Derive the whole timeline of a project (tracks are made when first read)."""
        visits = Visits(project.missions, project.station)
        if len(set(visits.ids)) != len(visits.ids):
            return cls._from_project_eagerly(project)
        timeline = cls(project.station, visits=visits)
        station = timeline.station
        vis_of = np.full(len(visits.ids), -1, dtype=np.int64)
        vis_of[visits.mission] = np.arange(len(visits))
        slots = vis_of.tolist()
        irregular = [derive_mission(m, station) if v < 0 else None for m, v in zip(visits.missions, slots)]
        timeline.missions = LazyTracks(
            zip(visits.ids, [v if t is None else t for v, t in zip(slots, irregular)]),
            lambda v: visit_track(visits, v, MissionTrack))
        timeline.heads = LazyTracks(zip(visits.ids, range(len(visits.ids))), visits.head)
        irregular_at = [k for k, t in enumerate(irregular) if t is not None]
        irregular = [irregular[k] for k in irregular_at]
        # Port stays and the people each mission names, in project order (as adding the missions one by one
        # would list them), kept as columns until a port's or a person's entry is read.
        ids, port_of, mission_of = visits.ids, visits.port, visits.mission.tolist()
        crews = (visits.crew_in, visits.crew_out, visits.launch_crew)
        sizes = sum(np.fromiter(map(len, crew), np.int64, len(crew)) for crew in crews)
        stay_port, stay_value = list(port_of), list(range(len(port_of)))
        named_person = list(chain.from_iterable(chain.from_iterable(zip(*crews))))
        named_mission = np.repeat(visits.mission, sizes).tolist()
        if irregular:  # their stays and people go in among the visits', in project order
            stay_at = list(mission_of)
            for k, track in zip(irregular_at, irregular):
                stay_port += [stay.port for stay in track.stays]
                stay_value += track.stays
                stay_at += [k] * len(track.stays)
                named_person += track.people
                named_mission += [k] * len(track.people)
            order = np.argsort(np.asarray(stay_at, np.int64), kind="stable").tolist()
            stay_port, stay_value = [stay_port[i] for i in order], [stay_value[i] for i in order]
            order = np.argsort(np.asarray(named_mission, np.int64), kind="stable").tolist()
            named_person, named_mission = [named_person[i] for i in order], [named_mission[i] for i in order]
        t1, t2 = visits.t1, visits.t2

        def stay_of(value) -> PortStay:
            if type(value) is int:
                a, b = float(t1[value]), float(t2[value])
                return PortStay(ids[mission_of[value]], port_of[value], a, b, (a, a), False)
            return value

        timeline.ports = ports = Groups(stay_port, stay_value)
        # The lazy tables make their values from the timeline's parts, or reach it by a weak reference: no
        # reference cycle, so a replaced timeline is freed at once, without waiting for the cycle collector.
        itself = weakref.ref(timeline)
        timeline.port_stays = LazyTracks(zip(timeline.ports.keys, range(len(timeline.ports.keys))),
                                         lambda i: [stay_of(x) for x in ports.make(i)])
        named = Groups(named_person, [ids[k] for k in named_mission], set)
        timeline.person_missions = named.lazy()
        timeline.plain = plain = PlainPeople(visits, irregular, named.keys)
        timeline.people = LazyTracks(zip(plain.names, range(len(plain.names))),
                                     lambda i: itself()._derive_person(plain.names[i]))
        # Lifeboat candidates: the vehicles each person came on or leaves on.
        boat = list(chain.from_iterable(zip(plain.came_on, plain.leaves_on)))
        boarder = list(chain.from_iterable(zip(plain.plain_names, plain.plain_names)))
        for person in plain.other_names:
            for stay in timeline.people[person].stays:
                for mid in (stay.came_on, stay.leaves_on):
                    if mid:
                        boat.append(mid)
                        boarder.append(person)
        timeline.vehicle_people = Groups(boat, boarder, set).lazy()
        timeline._deltas = None
        timeline._delta_columns = timeline._bulk_deltas(irregular)
        timeline.fresh = True
        return timeline

    @classmethod
    def _from_project_eagerly(cls, project: Project) -> "StationTimeline":
        """Derive every track now (for a project whose missions share ids: the last of each id counts)."""
        timeline = cls(project.station)
        for mission in project.missions:
            timeline._add_mission(derive_mission(mission, timeline.station))
        for person in list(timeline.person_missions):
            timeline._refresh_person(person)
        return timeline

    def irregular(self) -> list[MissionTrack]:
        """The tracks of the missions that are not plain visits (made already by :meth:`from_project`)."""
        visits = self.visits
        return [self.missions[visits.ids[k]] for k in np.flatnonzero(~visits.plain).tolist()
                if visits.ids[k] in self.missions]

    def dynamic_columns(self) -> tuple:
        """Every dynamic event as columns (start, end, crewed, mission, index, kind, ports), for
        :meth:`planner.rules.spacing.DynamicIndex.from_columns` (only right after :meth:`from_project`)."""
        if not self.fresh:
            raise ValueError("the timeline's columns are stale after an edit")
        visits = self.visits
        ids = [visits.ids[k] for k in visits.mission.tolist()]
        lead = visits.lead.astype(np.int64).tolist()
        start = visits.t1.tolist() + visits.t2.tolist()
        mission = ids + ids
        index = lead + [i + 1 for i in lead]
        kind = list(map(_KIND, visits.come)) + list(map(_KIND, visits.go))
        crewed = list(map(bool, visits.crew_in)) + list(map(bool, visits.crew_out))
        more_ports = []
        end = list(start)
        for track in self.irregular():
            for e in track.dynamic:
                start.append(e.start), end.append(e.end), crewed.append(e.crewed), mission.append(e.mission)
                index.append(e.index), kind.append(e.kind), more_ports.append(e.ports)
        return start, end, crewed, mission, index, kind, _EventPorts(visits, more_ports)

    def aboard_map(self) -> Aboard:
        """Person -> when they are aboard (sorted disjoint intervals), without making the plain people's tracks."""
        if not self.fresh:
            return Aboard([], np.zeros(0), np.zeros(0), {p: t.aboard for p, t in self.people.items()})
        if self._aboard is None:
            plain = self.plain
            self._aboard = Aboard(plain.plain_names, plain.arrive, plain.depart,
                                  {person: self.people[person].aboard for person in plain.other_names})
        return self._aboard

    def _derive_person(self, person: str) -> PersonTrack:
        """A person's track from the tracks of the missions naming them."""
        moves, flights = [], []
        for mid in self.person_missions.get(person, ()):
            track = self.missions[mid]
            moves.extend(m for m in track.moves if m.person == person)
            flights.extend(f for f in track.flights if person in f.people)
        return derive_person(person, moves, flights)

    def _bulk_deltas(self, irregular: list[MissionTrack]) -> tuple:
        """Headcount changes as columns (times, people, seats), summed per instant, zero rows dropped."""
        visits, plain = self.visits, self.plain
        times = [plain.arrive, plain.depart]
        people = [np.ones(len(plain.arrive), np.int64), -np.ones(len(plain.depart), np.int64)]
        seats = [np.zeros(len(plain.arrive), np.int64), np.zeros(len(plain.depart), np.int64)]
        boats = visits.lifeboat & (visits.seats > 0)
        times += [visits.t1[boats], visits.t2[boats]]
        people += [np.zeros(int(boats.sum()), np.int64)] * 2
        seats += [visits.seats[boats], -visits.seats[boats]]
        extra_t, extra_p, extra_s = [], [], []
        for person in plain.other_names:
            for s, e in self.people[person].aboard:
                extra_t += [s, e]
                extra_p += [1, -1]
                extra_s += [0, 0]
        for track in irregular:
            if track.is_lifeboat:
                for s, e in track.attached:
                    extra_t += [s, e]
                    extra_p += [0, 0]
                    extra_s += [track.seats, -track.seats]
        times.append(np.asarray(extra_t, float))
        people.append(np.asarray(extra_p, np.int64))
        seats.append(np.asarray(extra_s, np.int64))
        t = np.concatenate(times)
        p, s = np.concatenate(people), np.concatenate(seats)
        finite = np.isfinite(t)
        t, p, s = t[finite], p[finite], s[finite]
        when, inverse = np.unique(t, return_inverse=True)
        dp = np.bincount(inverse, weights=p, minlength=len(when)).astype(np.int64)
        ds = np.bincount(inverse, weights=s, minlength=len(when)).astype(np.int64)
        keep = (dp != 0) | (ds != 0)
        return when[keep], dp[keep], ds[keep]

    def prepare_for_edits(self) -> None:
        """Make the headcount changes by instant that one-mission updates edit (else the first update does)."""
        self._ensure_deltas()

    def _ensure_deltas(self) -> None:
        """Make the per-instant dict of headcount changes the one-mission updates edit."""
        if self._deltas is None:
            when, dp, ds = self._delta_columns
            self._deltas = {t: [a, b] for t, a, b in zip(when.tolist(), dp.tolist(), ds.tolist())}
            self._delta_columns = None

    def update_mission(self, mission_id: str, mission: Mission | None,
                       track: MissionTrack | None = None) -> tuple[MissionTrack | None, set[str]]:
        """Replace (or, with None, remove) one mission; returns its old track and the people whose tracks changed.
        ``track``: the mission's track when the caller has derived it already."""
        old = self.missions.get(mission_id)
        new = track if track is not None else (derive_mission(mission, self.station) if mission is not None else None)
        touched = (set(old.people) if old else set()) | (set(new.people) if new else set())
        for person in touched:  # their tracks as they were, before the edit changes what they are made from
            self.people.get(person)
        self._ensure_deltas()
        self.fresh = False
        if old is not None:
            self._remove_mission(old)
        if new is not None:
            self._add_mission(new)
        for person in touched:
            self._refresh_person(person)
        return old, touched

    def _add_mission(self, track: MissionTrack) -> None:
        self.missions[track.mission] = track
        self.heads[track.mission] = MissionHead(track.name, track.vehicle_type, track.tags, track.arrives_with)
        for stay in track.stays:
            self.port_stays.setdefault(stay.port, []).append(stay)
        for person in track.people:
            self.person_missions.setdefault(person, set()).add(track.mission)
        if track.is_lifeboat:
            for s, e in track.attached:
                self._delta(s, 0, track.seats)
                self._delta(e, 0, -track.seats)

    def _remove_mission(self, track: MissionTrack) -> None:
        del self.missions[track.mission]
        self.heads.pop(track.mission, None)
        for stay in track.stays:
            self.port_stays[stay.port].remove(stay)
        for person in track.people:
            self.person_missions[person].discard(track.mission)
        if track.is_lifeboat:
            for s, e in track.attached:
                self._delta(s, 0, -track.seats)
                self._delta(e, 0, track.seats)

    def _refresh_person(self, person: str) -> None:
        self._ensure_deltas()
        old = self.people.pop(person, None)
        if old is not None:
            for s, e in old.aboard:
                self._delta(s, -1, 0)
                self._delta(e, 1, 0)
            for stay in old.stays:
                for mid in (stay.came_on, stay.leaves_on):
                    if mid in self.vehicle_people:
                        self.vehicle_people[mid].discard(person)
        missions = self.person_missions.get(person) or set()
        if not missions:
            self.person_missions.pop(person, None)
            return
        new = self._derive_person(person)
        self.people[person] = new
        for s, e in new.aboard:
            self._delta(s, 1, 0)
            self._delta(e, -1, 0)
        for stay in new.stays:
            for mid in (stay.came_on, stay.leaves_on):
                if mid:
                    self.vehicle_people.setdefault(mid, set()).add(person)

    def _delta(self, when: float, people: int, seats: int) -> None:
        if math.isinf(when):
            return  # nothing changes at the end of the plan
        entry = self._deltas.get(when)
        if entry is None:
            entry = self._deltas[when] = [0, 0]
        entry[0] += people
        entry[1] += seats
        if entry[0] == 0 and entry[1] == 0:
            del self._deltas[when]
        self._series = None
        self._arrays = None

    def headcount_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The headcount series as columns (times, people, seats); the same tuple until the next change."""
        if self._arrays is None:
            if self._deltas is None:
                when, dp, ds = self._delta_columns
            else:
                when = np.array(sorted(self._deltas), dtype=float)
                dp = np.fromiter((self._deltas[t][0] for t in when.tolist()), np.int64, len(when))
                ds = np.fromiter((self._deltas[t][1] for t in when.tolist()), np.int64, len(when))
            self._arrays = (when, np.cumsum(dp), np.cumsum(ds))
        return self._arrays

    def headcount(self) -> list[HeadcountStep]:
        """Each moment the number of people aboard or of seats home changes, with the new numbers."""
        if self._series is None:
            when, people, seats = self.headcount_arrays()
            self._series = list(map(HeadcountStep, when.tolist(), people.tolist(), seats.tolist()))
        return self._series

    def lifeboats(self, person: str) -> list[tuple[str | None, float, float]]:
        """The person's lifeboat over each of their stays (see :func:`lifeboat_pieces`)."""
        track = self.people.get(person)
        if track is None:
            return []
        pieces = []
        for stay in track.stays:
            pieces.extend(lifeboat_pieces(stay, self.missions))
        return pieces

    def stays_of(self, mission_id: str) -> tuple[PortStay, ...]:
        """A mission's stays at ports, in time order, without making its track when it is a plain visit."""
        missions = self.missions
        if isinstance(missions, LazyTracks):
            v = missions.placeholder(mission_id)
            if v is not None:
                visits = self.visits
                start, end = float(visits.t1[v]), float(visits.t2[v])
                return (PortStay(mission_id, visits.port[v], start, end, (start, start), False),)
        track = missions.get(mission_id)
        return track.stays if track is not None else ()

    def stays_at(self, port: str) -> list[PortStay]:
        """The stays at a port, in time order."""
        return sorted(self.port_stays.get(port, ()), key=lambda s: (s.start, s.end, s.mission))

    def occupant(self, port: str, when: float) -> PortStay | None:
        """The (first) stay at ``port`` covering ``when``, or None when the port is free."""
        for stay in self.port_stays.get(port, ()):
            if stay.start <= when < stay.end:
                return stay
        return None


__all__ = [
    "CrewMove", "DynamicEvent", "Flight", "HeadcountStep", "INF", "MissionTrack", "PersonStay", "PersonTrack",
    "PortStay", "Problem", "StationTimeline", "derive_mission", "derive_person", "lifeboat_pieces", "union",
]
