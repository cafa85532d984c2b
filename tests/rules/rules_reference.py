"""A brute-force reference for the rules engine, for tests only: every rule as the plainest loop over all
pairs or all instants, with none of the engine's sweeps, indexes, screens or incremental bookkeeping.

It reuses the engine's per-mission and per-person derivations (simple state machines with their own unit
tests); everything that combines missions, people and activities is computed here from scratch.
"""

from __future__ import annotations

import math

from planner.model.activity import ActivityKind, NeedKind
from planner.station import derive_mission, derive_person

INF = math.inf


def key(rule, severity, start, end, vehicles=(), people=(), ports=(), activities=()):
    return (rule, severity, start, end, tuple(sorted(set(vehicles))), tuple(sorted(set(people))),
            tuple(sorted(set(ports))), tuple(sorted(set(activities))))


def engine_keys(findings):
    """The engine's findings in the reference's comparable form."""
    return sorted(key(f.rule, f.severity.value, f.start, f.end, f.vehicles, f.people, f.ports, f.activities)
                  for f in findings)


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
    tracks = {m.id: derive_mission(m, station) for m in project.missions}
    moves, flights = {}, {}
    for t in tracks.values():
        for m in t.moves:
            moves.setdefault(m.person, []).append(m)
        for f in t.flights:
            for p in f.people:
                flights.setdefault(p, []).append(f)
                moves.setdefault(p, [])
    persons = {p: derive_person(p, moves[p], flights.get(p, [])) for p in moves}
    out = []
    add = lambda *a, **k: out.append(key(*a, **k))  # noqa: E731

    # One vehicle on its own.
    for t in tracks.values():
        for p in t.problems:
            add("event-order", "conflict", p.start, p.end, (t.mission,), (), p.ports)
        if t.max_stay_s is not None:
            for s, e in t.attached:
                if e != INF and e - s > t.max_stay_s:
                    add("stay-limit", "conflict", s + t.max_stay_s, e, (t.mission,))
        for when, _i, crew in t.departures:
            if len(crew) > max(t.seats, 0) or (crew and not t.returns_crew):
                add("lifeboat-departure", "conflict", when, when, (t.mission,), crew)

    # Ports: every pair of stays, every stay against the catalogue.
    stays = [s for t in tracks.values() for s in t.stays]
    for i, a in enumerate(stays):
        for b in stays[i + 1:]:
            if a.port == b.port and a.end > a.start and b.end > b.start and max(a.start, b.start) < min(a.end, b.end):
                add("port-double-booking", "conflict", max(a.start, b.start), min(a.end, b.end),
                    (a.mission, b.mission), (), (a.port,))
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

    # Spacing: every pair of dynamic events, except the two arrivals of vehicles that come attached.
    events = [e for t in tracks.values() for e in t.dynamic]
    for i, a in enumerate(events):
        for b in events[i + 1:]:
            if (a.start == b.start and {a.kind.value, b.kind.value} <= {"dock", "berth"} and a.mission != b.mission
                    and (project.mission(a.mission).arrives_with == b.mission
                         or project.mission(b.mission).arrives_with == a.mission)):
                continue
            gap = max(0.0, b.start - a.end, a.start - b.end)
            if a.crewed and b.crewed and gap < settings.spacing_conflict_hours * 3600:
                severity = "conflict"
            elif gap < settings.spacing_warning_hours * 3600:
                severity = "warning"
            else:
                continue
            first, second = (a, b) if (a.start, a.mission, a.index) <= (b.start, b.mission, b.index) else (b, a)
            add("spacing", severity, first.start, max(a.end, b.end), (a.mission, b.mission), (),
                set(a.ports) | set(b.ports))

    # People: every pair of places, and moves that make no sense.
    for p, track in persons.items():
        places = [(s.start, s.end, s.came_on) for s in track.stays] + [(f.start, f.end, f.mission) for f in track.flights]
        for i, a in enumerate(places):
            for b in places[i + 1:]:
                if a[1] > a[0] and b[1] > b[0] and max(a[0], b[0]) < min(a[1], b[1]):
                    add("person-overlap", "conflict", max(a[0], b[0]), min(a[1], b[1]), (a[2], b[2]), (p,))
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
    acts = [(a, a.start.timestamp(), a.end.timestamp()) for a in project.activities]
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
    return sorted(out), series
