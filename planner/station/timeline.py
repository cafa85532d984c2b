"""The station's state over time for a whole project: every mission's and person's track, indexed by port and
by person, the headcount series and each person's lifeboat. Rules and views read it; the rules engine updates
it one mission at a time.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter

import numpy as np

from planner.model.catalogue import Station
from planner.model.mission import Mission
from planner.model.project import Project
from planner.station.columns import Aboard, MissionHead, PlainPeople, Visits
from planner.station.derive import derive_mission, derive_person, lifeboat_pieces
from planner.station.lazy import Groups, LazyTracks
from planner.station.tracks import HeadcountStep, MissionTrack, PersonTrack, PortStay


def _named(first: str | None, second: str | None) -> tuple[str, ...]:
    if first:
        return (first, second) if second else (first,)
    return (second,) if second else ()


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

    Made by :meth:`from_project`, ``missions`` and ``people`` make each track on first access; the columns the
    full check reads are in ``visits`` and ``plain`` (:mod:`planner.station.columns`) while ``fresh``.
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
    _lifeboats: dict = field(default_factory=dict)  # person -> their lifeboat pieces, until their track changes

    @classmethod
    def from_project(cls, project: Project) -> "StationTimeline":
        """Derive the whole timeline of a project (tracks are made when first read). Where missions share an id
        (the loader refuses that; a program may still build such a project) the last of them counts."""
        last = {m.id: m for m in project.missions}
        missions = project.missions
        if len(last) < len(missions):
            missions = [m for m in missions if last[m.id] is m]
        visits = Visits(missions, project.station)
        timeline = cls(project.station, visits=visits)
        station = timeline.station
        vis_of = np.full(len(visits.ids), -1, dtype=np.int64)
        vis_of[visits.mission] = np.arange(len(visits))
        slots = vis_of.tolist()
        irregular = [derive_mission(m, station) if v < 0 else None for m, v in zip(visits.missions, slots)]
        timeline.missions = LazyTracks(
            zip(visits.ids, [v if t is None else t for v, t in zip(slots, irregular)]),
            lambda v: derive_mission(visits.missions[int(visits.mission[v])], station))
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
        self._lifeboats.pop(person, None)  # the vehicles of their stays are the missions that changed
        old = self.people.pop(person, None)
        if old is not None:
            for s, e in old.aboard:
                self._delta(s, -1, 0)
                self._delta(e, 1, 0)
            for stay in old.stays:
                for mid in (stay.came_on, stay.leaves_on):
                    if mid in self.vehicle_people:
                        aboard = self.vehicle_people[mid]
                        aboard.discard(person)
                        if not aboard:  # nobody's lifeboat any more: as if it never was (as a fresh timeline has it)
                            del self.vehicle_people[mid]
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
        return self._boats(person)[0]

    def lifeboat_spans(self, person: str, vehicle: str) -> list[tuple[float, float]]:
        """When ``vehicle`` is the person's lifeboat."""
        return self._boats(person)[1].get(vehicle, [])

    def _boats(self, person: str) -> tuple[list, dict]:
        """The person's lifeboat pieces, and their spans by vehicle (kept until the person's track changes)."""
        found = self._lifeboats.get(person)
        if found is None:
            track = self.people.get(person)
            pieces = [p for stay in track.stays for p in lifeboat_pieces(stay, self.missions)] if track else []
            by_vehicle: dict[str, list[tuple[float, float]]] = {}
            for vehicle, s, e in pieces:
                if vehicle is not None:
                    by_vehicle.setdefault(vehicle, []).append((s, e))
            found = self._lifeboats[person] = (pieces, by_vehicle)
        return found

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


__all__ = ["StationTimeline"]
