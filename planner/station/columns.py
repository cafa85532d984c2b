"""A project's missions as columns, for a full check that makes no Python object per mission or person.

Most missions of a plan are *plain visits*: [launch], docking or berthing at a port, undocking or unberthing
from it, [landing], in time order. :class:`Visits` reads every mission's events once into flat columns, tells
the plain visits from the rest, and keeps what the rules' array passes read. A mission's track
(:class:`~planner.station.tracks.MissionTrack`) is always made by
:func:`~planner.station.derive.derive_mission`, when something first asks for it.
"""

from __future__ import annotations

from datetime import datetime
from itertools import chain, compress, count, repeat
from operator import attrgetter, eq, is_, is_not, not_
from typing import NamedTuple

import numpy as np

from planner.model.catalogue import Station
from planner.model.mission import EventKind

_PORT, _END, _CREW = attrgetter("port"), attrgetter("end_utc"), attrgetter("crew")
_KINDS = tuple(EventKind)
_CODE = {kind: i for i, kind in enumerate(_KINDS)}
_LAUNCH, _LAND = _CODE[EventKind.LAUNCH], _CODE[EventKind.LAND]
_ARRIVALS = np.array([_CODE[EventKind.DOCK], _CODE[EventKind.BERTH]])
_DEPARTURES = np.array([_CODE[EventKind.UNDOCK], _CODE[EventKind.UNBERTH]])


def timestamps(stamps, count: int = -1) -> np.ndarray:
    """Datetimes as an array of ``datetime.timestamp()`` (exactly: columns and tracks must agree); pass their
    ``count`` when known (a list of them is then not made)."""
    return np.fromiter(map(datetime.timestamp, stamps), float, count)


def coded(values: list) -> tuple[list, np.ndarray]:
    """The distinct values in the order they first appear, and each value's number in that list."""
    # One pass numbers each value by where it first appears; those places, in order, become 0, 1, 2 ...
    first_seen: dict = {}
    seen_at = np.fromiter(map(first_seen.setdefault, values, count()), np.int64, len(values))
    dense = np.zeros(len(values), np.int64)
    dense[np.fromiter(first_seen.values(), np.int64, len(first_seen))] = np.arange(len(first_seen))
    return list(first_seen), dense[seen_at]


class MissionHead(NamedTuple):
    """What the rules word a mission by, without its track: name, type, tags, and what it arrives with."""

    name: str
    vehicle_type: str
    tags: tuple[str, ...]
    arrives_with: str | None


class Visits:
    """Every mission's events as columns; ``plain`` marks the plain visits (see the module docstring).

    Per plain visit (arrays indexed by visit number ``v``; ``mission[v]`` is the position in the project):
    ``t0`` launch (nan: none), ``t1`` arrival, ``t2`` departure, ``t3`` landing (nan: none), ``port``,
    ``crew_in``/``crew_out`` (tuples), ``lifeboat`` and ``seats``, ``max_stay`` (inf: no limit).
    """

    def __init__(self, missions, station: Station):
        ms = list(missions)
        self.missions = ms
        m = len(ms)
        self.ids = list(map(attrgetter("id"), ms))
        counts = np.fromiter(map(len, map(attrgetter("events"), ms)), np.int64, m)
        events = list(chain.from_iterable(map(attrgetter("events"), ms)))
        times = timestamps(map(attrgetter("utc"), events), len(events))
        kinds = np.fromiter(map(_CODE.__getitem__, map(attrgetter("kind"), events)), np.int64, len(events))
        off = np.cumsum(counts) - counts
        # Plain: 2..4 events in time order, [launch] arrival departure [landing].
        owner = np.repeat(np.arange(m), counts)
        back = (times[1:] < times[:-1]) & (owner[1:] == owner[:-1])
        ok = (counts >= 2) & (counts <= 4) & (np.bincount(owner[1:][back], minlength=m) == 0)
        # One event past the end stands for "no event" (kind -1, time nan), so a mission without events, or a
        # visit without a landing, reads as such rather than as its neighbour's event or out of bounds.
        last = len(events)
        kinds, times = np.append(kinds, -1), np.append(times, np.nan)
        lead = (kinds[np.minimum(off, last)] == _LAUNCH) & (counts > 0)
        rest = counts - lead
        ok &= (rest == 2) | (rest == 3)
        come = np.minimum(off + lead, last)
        go = np.minimum(come + 1, last)
        land = np.minimum(come + 2, last)
        ok &= np.isin(kinds[come], _ARRIVALS) & np.isin(kinds[go], _DEPARTURES)
        ok &= (rest != 3) | (kinds[land] == _LAND)
        # ... at one port, given by the arrival (the departure names it too or names none), without end times.
        cand = np.flatnonzero(ok)
        arrivals = list(map(events.__getitem__, come[cand].tolist()))
        departures = list(map(events.__getitem__, go[cand].tolist()))
        port_of, port_out = list(map(_PORT, arrivals)), list(map(_PORT, departures))
        nc = len(cand)
        keep = (np.fromiter(map(bool, port_of), bool, nc)
                & np.fromiter(map(is_, map(_END, arrivals), repeat(None)), bool, nc)
                & np.fromiter(map(is_, map(_END, departures), repeat(None)), bool, nc)
                & (np.fromiter(map(not_, port_out), bool, nc) | np.fromiter(map(eq, port_out, port_of), bool, nc)))
        plain = np.zeros(m, dtype=bool)
        plain[cand[keep]] = True
        self.plain = plain
        vis = np.flatnonzero(plain)
        self.mission = vis
        c, g = come[vis], go[vis]
        has_lead, has_land = lead[vis], rest[vis] == 3
        self.t0 = np.where(has_lead, times[off[vis]], np.nan)
        self.t1, self.t2 = times[c], times[g]
        self.t3 = np.where(has_land, times[land[vis]], np.nan)
        self.first = times[off[vis]]
        self.lastt = times[off[vis] + counts[vis] - 1]
        self.come = list(compress(arrivals, keep.tolist()))
        self.go = list(compress(departures, keep.tolist()))
        self.launch = list(map((events + [None]).__getitem__, np.where(has_lead, off[vis], len(events)).tolist()))
        self.port = list(compress(port_of, keep.tolist()))
        self.crew_in = list(map(tuple, map(_CREW, self.come)))
        self.crew_out = list(map(tuple, map(_CREW, self.go)))
        self.lead = has_lead
        self.land = has_land
        # Per mission (all of them): what the rules word it by, and its type's numbers.
        vtypes = list(map(attrgetter("vehicle_type"), ms))
        types = {t: station.vehicle_type(t) for t in set(vtypes)}
        self.names = [mission.name or mission.id for mission in ms]
        self.tags = list(map(tuple, map(attrgetter("tags"), ms)))
        self.arrives_with = list(map(attrgetter("arrives_with"), ms))
        # The type's numbers by a table lookup per mission (a plan has a handful of types).
        type_list = list(types)
        type_code = dict(zip(type_list, range(len(type_list))))
        of_type = np.fromiter(map(type_code.__getitem__, vtypes), np.int64, m)
        known = [types[t] is not None for t in type_list]
        seats = list(map(attrgetter("seats"), ms))
        has_own = np.fromiter(map(is_not, seats, repeat(None)), bool, m)
        type_seats = np.array([types[t].crew_seats if types[t] else 0 for t in type_list], np.int64)
        self.seats_all = type_seats[of_type]
        own = np.flatnonzero(has_own).tolist()  # a mission's own number of seats, where it has one
        self.seats_all[own] = [seats[k] for k in own]
        self.returns_all = np.array([bool(types[t] and types[t].returns_crew) for t in type_list], bool)[of_type]
        self.known_all = np.array(known, bool)[of_type]
        self.max_stay_all = np.array([types[t].max_stay_days * 86400.0 if types[t] and types[t].max_stay_days
                                      is not None else np.inf for t in type_list], float)[of_type]
        self.vtypes = vtypes
        self.seats = self.seats_all[vis]
        self.lifeboat = self.returns_all[vis]  # can carry crew home (with seats > 0)
        # The launch flight's people, when there is such a flight (crew aboard, launched before arriving).
        self.launch_crew = [tuple(e.crew) if e is not None and e.crew and t1 > t0 else ()
                            for e, t0, t1 in zip(self.launch, self.t0.tolist(), self.t1.tolist())]

    def head(self, k: int) -> MissionHead:
        """The :class:`MissionHead` of the mission at position ``k``."""
        return MissionHead(self.names[k], self.vtypes[k], self.tags[k], self.arrives_with[k])

    def people_of(self, v: int) -> tuple[str, ...]:
        """Everybody plain visit ``v`` names (its moves and flights), as its track's ``people``."""
        return tuple(dict.fromkeys(self.crew_in[v] + self.crew_out[v] + self.launch_crew[v]))

    def __len__(self) -> int:
        return len(self.mission)


class PlainPeople:
    """The people of a timeline as columns: the *plain* ones arrive once and leave once, later (their track
    has one stay); ``other_names`` are the rest, whose tracks the rules derive one by one.

    For the plain ones (arrays in the order of ``plain_names``): ``arrive``/``depart`` times,
    ``came_on``/``leaves_on`` mission ids, ``leave_visit`` the plain visit they leave on (-1: another mission).
    ``places``: (person number, start, end) of their stay and every flight they ride, for the overlap screen.
    """

    def __init__(self, visits: Visits, irregular, names: list[str]):
        self.names = names
        code = dict(zip(names, range(len(names))))
        n = len(names)
        nv = len(visits)
        vis_ids = list(map(visits.ids.__getitem__, visits.mission.tolist()))
        visit_no = np.arange(nv)

        def crews(rows, mask=None):
            """(person codes, visit numbers) of the crews of the visits in ``mask`` (all when None)."""
            picked = rows if mask is None else [rows[v] for v in np.flatnonzero(mask).tolist()]
            sizes = np.fromiter(map(len, picked), np.int64, len(picked))
            people = np.fromiter(map(code.__getitem__, chain.from_iterable(picked)), np.int64, int(sizes.sum()))
            return people, np.repeat(visit_no if mask is None else np.flatnonzero(mask), sizes)

        # Arrivals and departures: from the visits' crews, then the other missions' moves. ``source`` is the
        # visit number, or -1 - k for the k-th move of another mission.
        a_code, a_src = crews(visits.crew_in)
        d_code, d_src = crews(visits.crew_out)
        a_time, d_time = visits.t1[a_src], visits.t2[d_src]
        extra = [m for track in irregular for m in track.moves]
        moves = {True: [m for m in extra if m.arrives], False: [m for m in extra if not m.arrives]}
        if extra:
            def more(found):
                return (np.fromiter((code[m.person] for m in found), np.int64, len(found)),
                        -1 - np.arange(len(found)), np.fromiter((m.time for m in found), float, len(found)))
            c, src, t = more(moves[True])
            a_code, a_src, a_time = np.concatenate([a_code, c]), np.concatenate([a_src, src]), np.concatenate([a_time, t])
            c, src, t = more(moves[False])
            d_code, d_src, d_time = np.concatenate([d_code, c]), np.concatenate([d_src, src]), np.concatenate([d_time, t])
        n_arr, n_dep = np.bincount(a_code, minlength=n), np.bincount(d_code, minlength=n)
        arrive, depart = np.full(n, np.nan), np.full(n, np.nan)
        arrive[a_code], depart[d_code] = a_time, d_time
        came, left = np.zeros(n, np.int64), np.zeros(n, np.int64)
        came[a_code], left[d_code] = a_src, d_src
        plain = (n_arr == 1) & (n_dep == 1) & (arrive < depart)
        who = np.flatnonzero(plain)
        self.plain_names = list(map(names.__getitem__, who.tolist()))
        self.other_names = list(map(names.__getitem__, np.flatnonzero(~plain).tolist()))
        self.arrive, self.depart = arrive[who], depart[who]

        def missions_of(src: np.ndarray, found) -> list[str]:
            # Visit numbers index the visits' ids; -1 - k the k-th move of another mission, listed after them.
            every = vis_ids + [move.mission for move in found] if found else vis_ids
            return list(map(every.__getitem__, np.where(src >= 0, src, nv - 1 - src).tolist()))

        self.came_on = missions_of(came[who], moves[True])
        self.leaves_on = missions_of(left[who], moves[False])
        self.leave_visit = np.maximum(left[who], -1)
        # Places of the plain people (numbered in ``plain_names`` order): the stay and every flight. A name
        # twice in one crew makes two places that clash: the exact rule then decides.
        launch, launched = crews(visits.launch_crew)
        landing_crews = visits.land & (visits.t3 > visits.t2)
        landed, home = crews(visits.crew_out, landing_crews)
        f_code = [launch, landed]
        f_start = [visits.t0[launched], visits.t2[home]]
        f_end = [visits.t1[launched], visits.t3[home]]
        flights = [(code[p], f.start, f.end) for track in irregular for f in track.flights for p in dict.fromkeys(f.people)]
        if flights:
            f_code.append(np.fromiter((c for c, _s, _e in flights), np.int64, len(flights)))
            f_start.append(np.fromiter((s for _c, s, _e in flights), float, len(flights)))
            f_end.append(np.fromiter((e for _c, _s, e in flights), float, len(flights)))
        number = np.full(n, -1, np.int64)
        number[who] = np.arange(len(who))
        f_num = number[np.concatenate(f_code)]
        mine = f_num >= 0
        self.places = (np.concatenate([np.arange(len(who)), f_num[mine]]),
                       np.concatenate([self.arrive, np.concatenate(f_start)[mine]]),
                       np.concatenate([self.depart, np.concatenate(f_end)[mine]]))


class Aboard:
    """Person -> when they are aboard (sorted disjoint intervals), the plain people's kept as two columns."""

    def __init__(self, names: list[str], start: np.ndarray, end: np.ndarray, others: dict[str, tuple]):
        self._code = dict(zip(names, range(len(names))))
        self._start, self._end = start, end
        self._others = others

    def get(self, person: str, default=None):
        """The person's intervals, or ``default`` for somebody never aboard."""
        k = self._code.get(person)
        if k is not None:
            return ((float(self._start[k]), float(self._end[k])),)
        return self._others.get(person, default)

    def single(self, people: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each of ``people``: how many intervals, and the interval's start and end when there is one."""
        n = len(people)
        code = np.fromiter(map(self._code.get, people, repeat(-1)), np.int64, n)
        plain = code >= 0
        counts = np.ones(n, np.int64)
        start, end = np.full(n, np.nan), np.full(n, np.nan)
        start[plain], end[plain] = self._start[code[plain]], self._end[code[plain]]
        for i in np.flatnonzero(~plain).tolist():
            found = self._others.get(people[i]) or ()
            counts[i] = len(found)
            if len(found) == 1:
                start[i], end[i] = found[0]
        return counts, start, end
