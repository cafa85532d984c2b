"""A brute-force reference for the rules engine, for tests only: every rule as the plainest loop over all
pairs or all instants, with none of the engine's sweeps, indexes, screens or incremental bookkeeping.

It shares no code with ``planner.station`` or ``planner.rules``: each vehicle's events are walked here, in
time order, by a state machine written from DOMAIN.md (a vehicle is before its first event, flying, at a port
or landed; a relocation leaves one port and docks at another, its crew riding along and still aboard; a
person is aboard from an arrival until a departure). Only the model's value classes are read.

Where the domain notes say nothing, it follows the engine's stated conventions, so the two can be compared:
same-time events of one vehicle are read in flight order (launch, dock or berth, relocate, undock or unberth,
land), alike ones in their written order; an impossible event is reported as a problem
over the moment it happens (a launch while docked: from the docking on) naming the ports involved, and the
walk goes on as if it had happened (an arrival while docked ends the stay at the old port; a departure from
elsewhere or while not docked still leaves; a relocation while not docked counts as attached from its
undocking); a person leaving closes the earliest of their open stays, and same-time departures come first.

It covers the rules a check runs without an orbit (test_against_reference.py checks plans that have none). The
rules on the orbit are compared with references of their own, asking the orbit activity by activity or event by
event: test_orbit_rule.py (daylight, sites in view), test_high_beta.py and test_landing_rule.py.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta, timezone
from typing import NamedTuple

from planner.model.activity import ActivityKind, NeedKind
from planner.model.mission import EventKind

INF = math.inf


def key(rule, severity, start, end, vehicles=(), people=(), ports=(), activities=()):
    return (rule, severity, start, end, tuple(sorted(set(vehicles))), tuple(sorted(set(people))),
            tuple(sorted(set(ports))), tuple(sorted(set(activities))))


def engine_keys(findings):
    """The engine's findings in the reference's comparable form."""
    return sorted(key(f.rule, f.severity.value, f.start, f.end, f.vehicles, f.people, f.ports, f.activities)
                  for f in findings)


# One vehicle: its events in time order to its stays at ports, the crew it brings and takes, its problems.

class Stay(NamedTuple):
    mission: str
    port: str
    start: float
    end: float
    arrival: tuple[float, float]  # the arriving event: a docking's instant, a relocation's undock..redock


class Move(NamedTuple):
    person: str
    time: float
    arrives: bool
    mission: str
    index: int


class Dynamic(NamedTuple):
    mission: str
    index: int
    kind: EventKind
    start: float
    end: float
    crewed: bool
    ports: tuple[str, ...]


class Vehicle(NamedTuple):
    mission: str
    vehicle_type: str
    tags: tuple[str, ...]
    seats: int
    returns_crew: bool
    max_stay_s: float | None
    stays: list  # Stay
    attached: list  # (start, end): docked, or flying a relocation
    dynamic: list  # Dynamic
    flights: list  # (start, end, people): riding away from the station after a launch or a departure
    moves: list  # Move
    departures: list  # (time, crew)
    problems: list  # (start, end, ports)

    @property
    def is_lifeboat(self) -> bool:
        return self.returns_crew and self.seats > 0


def vehicle_track(mission, station) -> Vehicle:
    """Walk one mission's events in time order (same-time events in flight order, then as written)."""
    vtype = station.vehicle_type(mission.vehicle_type)
    seats = mission.seats if mission.seats is not None else (vtype.crew_seats if vtype else 0)
    max_days = vtype.max_stay_days if vtype else None
    v = Vehicle(mission.id, mission.vehicle_type, tuple(mission.tags), seats, bool(vtype and vtype.returns_crew),
                None if max_days is None else max_days * 86400.0, [], [], [], [], [], [], [])
    where = "before"  # before its first event (flying or docked unknown), "flying", "docked", "landed"
    port = since = arrival = attached_since = None  # while docked: where, since when, how it came, attached since
    riding = None  # (since, people) of a flight that ends at the vehicle's next event
    rank = {"launch": 0, "dock": 1, "berth": 1, "relocate": 2, "undock": 3, "unberth": 3, "land": 4}
    for index, e in sorted(enumerate(mission.events), key=lambda pair: (pair[1].utc, rank[pair[1].kind.value])):
        t = e.utc.timestamp()
        end = max(t, e.end_utc.timestamp()) if e.end_utc is not None else t  # no event ends before it starts
        if riding is not None:
            if t > riding[0]:
                v.flights.append((riding[0], t, riding[1]))
            riding = None
        if e.kind is not EventKind.LAUNCH and e.kind is not EventKind.LAND:
            named = tuple(p for p in (e.from_port, e.port) if p)
            v.dynamic.append(Dynamic(mission.id, index, e.kind, t, end, bool(e.crew), named))

        if e.kind is EventKind.LAUNCH:
            if where == "docked":  # it was at the port before it even left the ground; it stays there
                v.problems.append((since, t, (port,)))
            else:
                if where != "before":  # flying already, or launching again after landing
                    v.problems.append((t, t, ()))
                where = "flying"
                if e.crew:
                    riding = (t, tuple(e.crew))

        elif e.kind in (EventKind.DOCK, EventKind.BERTH):
            if where == "docked":  # docks somewhere else without leaving first
                v.problems.append((t, t, (e.port, port)))
                v.stays.append(Stay(mission.id, port, since, t, arrival))
            elif where == "landed":
                v.problems.append((t, t, (e.port,)))
            if where != "docked":
                attached_since = t
            where, port, since, arrival = "docked", e.port, t, (t, t)
            v.moves.extend(Move(p, t, True, mission.id, index) for p in e.crew)

        elif e.kind in (EventKind.UNDOCK, EventKind.UNBERTH):
            if where == "docked":
                if e.port and e.port != port:  # leaves a port it is not at
                    v.problems.append((t, t, (e.port, port)))
                v.stays.append(Stay(mission.id, port, since, t, arrival))
                v.attached.append((attached_since, t))
            else:
                v.problems.append((t, t, (e.port,) if e.port else ()))
            where, port = "flying", None
            v.moves.extend(Move(p, t, False, mission.id, index) for p in e.crew)
            v.departures.append((t, tuple(e.crew)))
            if e.crew:
                riding = (t, tuple(e.crew))

        elif e.kind is EventKind.RELOCATE:  # undock at t, fly with the crew aboard, redock at end
            if e.end_utc is not None and e.end_utc.timestamp() < t:
                v.problems.append((e.end_utc.timestamp(), t, (e.port,)))
            if where == "docked":
                if e.from_port and e.from_port != port:
                    v.problems.append((t, t, (e.from_port, port)))
                v.stays.append(Stay(mission.id, port, since, t, arrival))
            else:
                v.problems.append((t, t, (e.from_port,) if e.from_port else ()))
                attached_since = t
            where, port, since, arrival = "docked", e.port, end, (t, end)

        elif e.kind is EventKind.LAND:
            if where == "docked":
                v.problems.append((t, t, (port,)))
                v.stays.append(Stay(mission.id, port, since, t, arrival))
                v.attached.append((attached_since, t))
            elif where == "landed":
                v.problems.append((t, t, ()))
            where, port = "landed", None
    if where == "docked":
        v.stays.append(Stay(mission.id, port, since, INF, arrival))
        v.attached.append((attached_since, INF))
    return v


# One person: their arrivals and departures (on any vehicles) to their stays aboard.

class PersonStay(NamedTuple):
    start: float
    end: float
    came_on: str
    leaves_on: str | None


class Person(NamedTuple):
    stays: list  # PersonStay
    flights: list  # (start, end, mission)
    stray: list  # Move: leaving while not aboard
    aboard: list  # (start, end): the stays' union, touching ones joined


def person_track(moves, flights) -> Person:
    """A person is aboard from an arrival until a departure; a departure with nobody aboard is stray."""
    stays, stray, open_arrivals = [], [], []
    for m in sorted(moves, key=lambda m: (m.time, m.arrives, m.mission, m.index)):
        if m.arrives:
            open_arrivals.append(m)
        elif open_arrivals:
            came = open_arrivals.pop(0)
            stays.append(PersonStay(came.time, m.time, came.mission, m.mission))
        else:
            stray.append(m)
    stays += [PersonStay(came.time, INF, came.mission, None) for came in open_arrivals]
    aboard = []
    for s in sorted(stays, key=lambda s: (s.start, s.end)):
        if s.end <= s.start:
            continue
        if aboard and s.start <= aboard[-1][1]:
            aboard[-1] = (aboard[-1][0], max(aboard[-1][1], s.end))
        else:
            aboard.append((s.start, s.end))
    return Person(stays, flights, stray, aboard)


def _attached(track, t):
    return any(s <= t < e for s, e in track.attached)


def _merge_runs(instants, flags):
    """Merge consecutive elementary intervals [instants[i], instants[i+1]) whose flag holds."""
    runs = []
    for i, flag in enumerate(flags):
        if not flag:
            continue
        start, end = instants[i], instants[i + 1] if i + 1 < len(instants) else INF
        if runs and runs[-1][1] == start:
            runs[-1][1] = end
            runs[-1][2].append(i)
        else:
            runs.append([start, end, [i]])
    return runs


def reference(project):
    """(findings as comparable keys, headcount series as (utc, people, seats) tuples)."""
    station = project.station
    settings = project.effective_settings
    tracks = {m.id: vehicle_track(m, station) for m in project.missions}
    moves, flights = {}, {}
    for t in tracks.values():
        for m in t.moves:
            moves.setdefault(m.person, []).append(m)
        for start, end, people in t.flights:
            for p in people:
                flights.setdefault(p, []).append((start, end, t.mission))
                moves.setdefault(p, [])
    persons = {p: person_track(moves[p], flights.get(p, [])) for p in moves}
    out = []
    add = lambda *a, **k: out.append(key(*a, **k))  # noqa: E731

    # One vehicle on its own.
    for t in tracks.values():
        for start, end, ports in t.problems:
            add("event-order", "conflict", start, end, (t.mission,), (), ports)
        if t.max_stay_s is not None:
            for s, e in t.attached:
                if e != INF and e - s > t.max_stay_s:
                    add("stay-limit", "conflict", s + t.max_stay_s, e, (t.mission,))
        for when, crew in t.departures:
            if len(crew) > max(t.seats, 0) or (crew and not t.returns_crew):
                add("lifeboat-departure", "conflict", when, when, (t.mission,), crew)

    # Ports: each run of time a port holds two stays or more (checked at every instant a stay begins or ends),
    # naming every vehicle there during the run; every stay against the catalogue.
    stays = [s for t in tracks.values() for s in t.stays]
    for port in {s.port for s in stays}:
        here = [s for s in stays if s.port == port and s.end > s.start]
        cuts = sorted({x for s in here for x in (s.start, s.end)} - {INF})
        there = [[s for s in here if s.start <= t < s.end] for t in cuts]
        for start, end, idx in _merge_runs(cuts, [len(at) >= 2 for at in there]):
            add("port-double-booking", "conflict", start, end, [s.mission for i in idx for s in there[i]], (), (port,))
    for s in stays:
        port = station.port(s.port)
        track = tracks[s.mission]
        if port is None:
            add("port-exists", "conflict", s.start, s.end, (s.mission,), (), (s.port,))
            continue
        if port.exists_from is not None and s.start < port.exists_from.timestamp():
            add("port-exists", "conflict", s.start, min(s.end, port.exists_from.timestamp()), (s.mission,), (), (s.port,))
        if port.exists_until is not None and s.end > port.exists_until.timestamp():
            add("port-exists", "conflict", max(s.start, port.exists_until.timestamp()), s.end, (s.mission,), (), (s.port,))
        vtype = station.vehicle_type(track.vehicle_type)
        if not port.accepts(vtype):
            add("port-compatibility", "conflict", s.start, s.end, (s.mission,), (), (s.port,))
        for r in station.port_requirements:
            if r.tag in track.tags and s.port not in r.ports:
                add("port-requirement", "conflict", s.start, s.end, (s.mission,), (), (s.port,))
    for block in project.effective_port_blocks:
        for occ in stays:
            t = tracks[occ.mission]
            if occ.port != block.occupied or occ.end <= occ.start or not block.blocks(t.vehicle_type, t.tags):
                continue
            for arr in stays:
                first, last = arr.arrival
                if arr.port == block.blocked and arr.mission != occ.mission and occ.start <= last and occ.end > first:
                    add("port-blocking", "conflict", first, last, (arr.mission, occ.mission), (),
                        (block.blocked, block.occupied))

    # Spacing: each event (in order of start, mission, row) against the earlier event that ends last, and a
    # crewed one also against the earlier crewed event that ends last (the later of equal ends), except the two
    # arrivals of vehicles that come attached.
    events = sorted((e for t in tracks.values() for e in t.dynamic), key=lambda e: (e.start, e.mission, e.index))
    warn, conflict = settings.spacing_warning_hours * 3600, settings.spacing_conflict_hours * 3600

    def last_to_end(before):
        best = None
        for e in before:
            if best is None or e.end >= best.end:
                best = e
        return best

    for k, b in enumerate(events):
        nearest = last_to_end(events[:k])
        nearest_crewed = last_to_end([e for e in events[:k] if e.crewed]) if b.crewed else None
        pairs = []
        if nearest is not None:
            gap = max(0.0, b.start - nearest.end)
            if nearest.crewed and b.crewed and gap < conflict:
                pairs.append((nearest, "conflict"))
            elif gap < warn:
                pairs.append((nearest, "warning"))
        if nearest_crewed is not None and nearest_crewed is not nearest and max(0.0, b.start - nearest_crewed.end) < conflict:
            pairs.append((nearest_crewed, "conflict"))
        for a, severity in pairs:
            if (a.start == b.start and {a.kind.value, b.kind.value} <= {"dock", "berth"} and a.mission != b.mission
                    and (project.mission(a.mission).arrives_with == b.mission
                         or project.mission(b.mission).arrives_with == a.mission)):
                continue
            add("spacing", severity, a.start, max(a.end, b.end), (a.mission, b.mission), (), set(a.ports) | set(b.ports))

    # People: each run of time a person is in two places or more (checked at every instant a place begins or
    # ends), naming every vehicle of those places; and moves that make no sense.
    for p, track in persons.items():
        places = [(s.start, s.end, s.came_on) for s in track.stays] + list(track.flights)
        places = [place for place in places if place[1] > place[0]]
        cuts = sorted({x for place in places for x in place[:2]} - {INF})
        there = [[place for place in places if place[0] <= t < place[1]] for t in cuts]
        for start, end, idx in _merge_runs(cuts, [len(at) >= 2 for at in there]):
            add("person-overlap", "conflict", start, end, [place[2] for i in idx for place in there[i]], (p,))
        for m in track.stray:
            add("person-not-aboard", "conflict", m.time, m.time, (m.mission,), (p,))

    # Lifeboats and headcount: evaluate at every instant where anything changes.
    instants = sorted(({x for t in tracks.values() for w in t.attached for x in w}
                       | {x for tr in persons.values() for s in tr.stays for x in (s.start, s.end)}) - {INF})

    def lifeboat_at(stay, t):
        for mid in (stay.leaves_on, stay.came_on):
            if mid is not None and mid in tracks and _attached(tracks[mid], t):
                return mid if tracks[mid].is_lifeboat else None
        return None

    state = []  # per instant: (people aboard, seats, {vehicle: [people]}, {person: missing})
    for t in instants:
        aboard = {p for p, tr in persons.items() if any(s.start <= t < s.end for s in tr.stays)}
        seats = sum(tr.seats for tr in tracks.values() if tr.is_lifeboat and _attached(tr, t))
        assigned, missing = {}, set()
        for p, tr in persons.items():
            for s in tr.stays:
                if s.start <= t < s.end:
                    boat = lifeboat_at(s, t)
                    if boat is None:
                        missing.add(p)
                    else:
                        assigned.setdefault(boat, []).append(p)
        state.append((len(aboard), seats, assigned, missing))
    series, last = [], (0, 0)
    for t, (n, seats, _a, _m) in zip(instants, state):
        if (n, seats) != last:
            series.append((t, n, seats))
            last = (n, seats)
    for vehicle, track in tracks.items():
        flags = [len(s[2].get(vehicle, ())) > track.seats for s in state]
        for start, end, idx in _merge_runs(instants, flags):
            people = {p for i in idx for p in state[i][2][vehicle]}
            add("lifeboat-seats", "conflict", start, end, (vehicle,), people)
    for p in persons:
        for start, end, _idx in _merge_runs(instants, [p in s[3] for s in state]):
            add("lifeboat-missing", "conflict", start, end, (), (p,))
    for level, severity in ((settings.headcount_warning, "warning"), (settings.headcount_limit, "conflict")):
        for start, end, _idx in _merge_runs(instants, [s[0] > level for s in state]):
            add("headcount", severity, start, end)

    # Activities: each against every person, event and element set; every pair of activities.
    acts = [(a, a.start.timestamp(), a.end.timestamp()) for a in project.activities if a.status.value != "skipped"]
    epochs = [e.epoch.timestamp() for e in project.element_sets]
    for a, s, e in acts:
        for p in a.people:
            aboard = persons[p].aboard if p in persons else ()
            if not any(lo <= s and e <= hi and s < hi for lo, hi in aboard):
                add("activity-outside-stay", "conflict", s, e, (), (p,), (), (a.id,))
        guarded = a.kind is ActivityKind.EVA or any(n.kind is NeedKind.NO_DYNAMIC_EVENT for n in a.needs)
        if guarded:
            for ev in events:
                if ev.start < e and ev.end >= s:
                    add("activity-dynamic-event", "conflict", max(s, ev.start),
                        min(e, ev.end) if ev.end > ev.start else ev.start, (ev.mission,), a.people, ev.ports, (a.id,))
        if any(n.kind in (NeedKind.DAYLIGHT, NeedKind.SHADOW, NeedKind.SITE_IN_VIEW) for n in a.needs):
            worst = min((max(abs(s - ep), abs(e - ep)) for ep in epochs), default=INF)
            if worst > settings.element_set_max_age_days * 86400:
                add("element-set-age", "warning", s, e, (), (), (), (a.id,))
    for i, (a, s1, e1) in enumerate(acts):
        for b, s2, e2 in acts[i + 1:]:
            shared = set(a.people) & set(b.people)
            if shared and max(s1, s2) < min(e1, e2):
                add("activity-overlap", "conflict", max(s1, s2), min(e1, e2), (), shared, (), (a.id, b.id))
    _crew_day(project, acts, add)
    return sorted(out), series


def _crew_day(project, acts, add):
    """The crew-day rules, walked day by day with datetimes (the engine's stated conventions: a day's blocks run
    from its wake, shifts added up; a day holding no work has a day off between its conferences; a crowded day's
    blocks never go back in time; planned time is summed per wake-to-sleep span in whole milliseconds)."""
    tpl = project.effective_crew_day
    hours = lambda h: timedelta(hours=h)  # noqa: E731

    def budget(day: date) -> float:
        return {5: tpl.saturday_work_hours, 6: tpl.sunday_work_hours}.get(day.weekday(), tpl.work_hours)

    def wake_sleep(person, day: date):
        wake_move = sleep_move = 0.0
        for shift in project.sleep_shifts:
            if shift.person in (None, person) and shift.day in (None, day):
                wake_move += shift.wake_delay_hours
                sleep_move += shift.sleep_delay_hours
        midnight = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        wake = midnight + hours(tpl.wake_hour + wake_move)
        return wake, max(midnight + hours(tpl.sleep_hour + sleep_move), wake)

    def blocks(person, first: date, last: date):
        marks = []
        day = first
        while day <= last:
            wake, sleep = wake_sleep(person, day)
            middle = "off" if budget(day) <= 0 else "work"
            post, conf, pre = hours(tpl.post_sleep_hours), hours(tpl.conference_hours), hours(tpl.pre_sleep_hours)
            marks += [(wake, "post"), (wake + post, "conf"), (wake + post + conf, middle), (sleep - pre - conf, "conf"),
                      (sleep - pre, "pre"), (sleep, "sleep")]
            day += timedelta(days=1)
        out, latest = [], None
        for (t, kind), (t2, _next) in zip(marks, marks[1:]):
            latest = t if latest is None or t > latest else latest
            stop = max(latest, t2)
            if stop > latest:
                out.append((latest.timestamp(), stop.timestamp(), kind))
        return out

    def day_of(seconds: float) -> date:
        return datetime.fromtimestamp(seconds, timezone.utc).date()

    for a, s, e in acts:
        hits = {"rest": [], "off": []}
        for p in a.people:
            for bs, be, kind in blocks(p, day_of(s) - timedelta(days=2), day_of(e) + timedelta(days=2)):
                inside = (bs < e and be > s) if e > s else bs <= s < be
                if inside and kind in ("sleep", "post", "pre", "off"):
                    hits["off" if kind == "off" else "rest"].append((p, max(bs, s), min(be, e)))
        for rule, found in (("crew-rest", hits["rest"]), ("crew-day-off", hits["off"])):
            if found:
                add(rule, "warning", min(h[1] for h in found), max(h[2] for h in found), (), [h[0] for h in found],
                    (), (a.id,))
    planned = {}  # (person, day) -> [milliseconds, activity ids]
    for a, s, e in acts:
        for p in a.people:
            day = day_of(s) - timedelta(days=1)
            while day <= day_of(e) + timedelta(days=1):
                wake, sleep = wake_sleep(p, day)
                ms = round((min(e, sleep.timestamp()) - max(s, wake.timestamp())) * 1000)
                if ms > 0:
                    entry = planned.setdefault((p, day), [0, set(), wake, sleep])
                    entry[0] += ms
                    entry[1].add(a.id)
                day += timedelta(days=1)
    for (p, day), (ms, ids, wake, sleep) in planned.items():
        if budget(day) > 0 and ms > round(budget(day) * 3600 * 1000):
            add("crew-workload", "warning", wake.timestamp(), sleep.timestamp(), (), (p,), (), ids)
