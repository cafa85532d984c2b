"""Deriving the station state from the model: one mission's track, one person's stays, a person's lifeboat.

- :func:`derive_mission` turns one mission into a :class:`~planner.station.tracks.MissionTrack`: its stays at
  ports (a relocation ends one stay at the undocking and starts the next at the redocking), its attached
  windows (docked, or flying a relocation: the crew rides along and its seats still count), its flights,
  dynamic events, the crew moves it carries, and the problems in its own sequence of events.
- :func:`derive_person` turns one person's crew moves into a :class:`~planner.station.tracks.PersonTrack`:
  stays aboard (an arrival on one vehicle, a departure on the same or another), flights, and moves that make
  no sense.
"""

from __future__ import annotations

from planner import intervals
from planner.model.catalogue import Station
from planner.model.mission import DYNAMIC_EVENTS, EventKind, Mission
from planner.model.time_text import short_time as _when
from planner.station.tracks import (INF, CrewMove, DynamicEvent, Flight, MissionTrack, PersonStay, PersonTrack,
                                    PortStay, Problem)

_ARRIVALS = (EventKind.DOCK, EventKind.BERTH)
_DEPARTURES = (EventKind.UNDOCK, EventKind.UNBERTH)
_FLIGHT_ORDER = {EventKind.LAUNCH: 0, EventKind.DOCK: 1, EventKind.BERTH: 1, EventKind.RELOCATE: 2,
                 EventKind.UNDOCK: 3, EventKind.UNBERTH: 3, EventKind.LAND: 4}


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
    # Rows may come in any order: same-time rows are read in the order a flight goes (launch, arrive, relocate,
    # leave, land), and only rows that are alike in that too keep their file order.
    kinds = [_FLIGHT_ORDER[e.kind] for e in events]
    order = sorted(range(len(events)), key=lambda i: (stamps[i], kinds[i]))
    times = [stamps[i] for i in order]
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
        if kind is EventKind.RELOCATE and end < t:  # reported, and read as redocking at once: no event runs backwards
            problems.append(Problem(i, end, t, f"{track.name}'s relocation redocks at {_when(end)}, before it "
                                    f"undocks at {_when(t)}", (event.port,)))
            end = t
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


def derive_person(person: str, moves, flights) -> PersonTrack:
    """A person's stays from their crew moves (arrivals open stays, departures close the oldest one open)."""
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
    aboard = tuple(intervals.pairs(intervals.normalise([(s.start, s.end) for s in stays])))
    return PersonTrack(person, tuple(stays), flights, tuple(stray), aboard)


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
    covered = intervals.clip(leaves.attached, stay.start, stay.end) if leaves else intervals.EMPTY
    for s, e in covered.tolist():
        pieces.append((leaves.mission if leaves.is_lifeboat else None, s, e))
    for gs, ge in intervals.complement(covered, stay.start, stay.end).tolist():
        inside = intervals.clip(came.attached, gs, ge) if came else intervals.EMPTY
        for s, e in inside.tolist():
            pieces.append((came.mission if came.is_lifeboat else None, s, e))
        for s, e in intervals.complement(inside, gs, ge).tolist():
            pieces.append((None, s, e))
    pieces.sort(key=lambda p: p[1])
    return pieces
