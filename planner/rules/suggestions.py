"""Fixes for conflicts, worked out from the current timeline when findings are listed: compatible ports
free for the whole stay, the earliest time a port is free, a docked vehicle with a free seat, a return crew to
join, and for an activity the nearest time that meets its orbit needs or lies in its people's stay. Some warnings
have fixes too (:data:`WARNING_FIXES`): a dynamic event in high beta and a landing outside daylight or far from
an opportunity (:mod:`planner.rules.event_fixes`), an activity in its people's rest or on their day off (the
nearest time in the working hours of all of them), and an activity that goes without the live link it needs for
some minutes (the nearest time with that link for all of it, its other needs met).

Every fix is offered only when the plan's rules, judging the plan with the fix applied, find its finding gone and
no new conflict (``PlanState.judge``, the engine's :meth:`~planner.rules.engine.RuleEngine.judge`): one check
for all of them, made after each kind has worked out its own."""

from __future__ import annotations

import math
from typing import Callable, NamedTuple

import numpy as np

from planner import intervals
from planner.model.activity import NeedKind
from planner.rules import activities, blocking, event_fixes, high_beta, landing_rule, lifeboat, missions, orbit_rule
from planner.rules import crew_day as crew_rules
from planner.rules import ports, spacing
from planner.rules.findings import Finding, Suggestion
from planner.model.time_text import short_time, short_times
from planner.model.catalogue import Station, StationSettings
from planner.rules.placement import (SEARCH_S, STEP_S, ActivityState, Search, aboard, moved_text, nearest_stay, place,
                                     working_starts)
from planner.rules.spacing import DynamicIndex
from planner.station import CrewMove, PortStay, StationTimeline, derive_person, lifeboat_pieces


class PlanState(NamedTuple):
    """What fixes are worked out from: the station state, its dynamic events, the settings and the catalogue,
    and what the activity fixes read (None: no activity fixes)."""

    timeline: StationTimeline
    dynamic: DynamicIndex
    settings: StationSettings
    station: Station
    activities: ActivityState | None = None
    events: event_fixes.EventsState | None = None  # what the high-beta and landing fixes read (None: no orbit)
    #: True when a fix, applied, takes its finding away and brings no new conflict (None: every fix offered).
    judge: Callable[[Finding, Suggestion], bool] | None = None


#: The warnings that have fixes (the others are worth a look, with nothing obvious to change).
WARNING_FIXES = (high_beta.HIGH_BETA, landing_rule.LANDING, crew_rules.REST_RULE, crew_rules.DAY_OFF_RULE,
                 orbit_rule.LINK)
_PORT_RULES = (ports.DOUBLE_BOOKING, ports.COMPATIBILITY, ports.REQUIREMENT, ports.EXISTS)
_MOVABLE = (orbit_rule.ORBIT, activities.OUTSIDE_STAY)  # activity conflicts a move of the activity fixes
_RESTING = (crew_rules.REST_RULE, crew_rules.DAY_OFF_RULE)  # activity warnings a move into working hours fixes
_LINKED = (orbit_rule.LINK,)  # the activity warning a move to a time with the link fixes


def suggest(finding: Finding, state: PlanState) -> Finding:
    """The finding with the fixes that exist for it and that the rules find work (unchanged when none does)."""
    return _offered(*_suggest(finding, state), state)


def _offered(finding: Finding, judged: tuple[Suggestion, ...], state: PlanState) -> Finding:
    """The finding with only the fixes ``state.judge`` finds work (those in ``judged`` were found to already)."""
    if state.judge is None or not finding.suggestions:
        return finding
    return finding.with_suggestions([s for s in finding.suggestions if s in judged or state.judge(finding, s)])


def _suggest(finding: Finding, state: PlanState) -> tuple[Finding, tuple[Suggestion, ...]]:
    """The finding with the fixes worked out for it, and those of them judged already."""
    found: list[Suggestion] = []
    judged: tuple[Suggestion, ...] = ()
    if finding.rule in _PORT_RULES and finding.vehicles and finding.ports:
        stay = _stay(state, finding.vehicles[0], finding.ports[0], finding.start)
        if stay is not None:
            found += free_ports(state, stay)
            if finding.rule == ports.DOUBLE_BOOKING:
                free = free_from(state, finding, stay)
                if free is not None:
                    found.append(free)
                    judged = (free,)
    elif finding.rule == blocking.BLOCKING and len(finding.vehicles) == 2:
        occupant = _stay(state, finding.vehicles[1], finding.ports[1], finding.start)
        if occupant is not None and not math.isinf(occupant.end):
            found.append(Suggestion("move-to", f"arrive after {_name(state, occupant.mission)} leaves "
                                    f"{occupant.port} at {short_time(occupant.end)}",
                                    port=finding.ports[0], utc=occupant.end, vehicle=finding.vehicles[0]))
    elif finding.rule == lifeboat.SEATS:
        found += free_seats(state, finding)
    elif finding.rule == lifeboat.MISSING and finding.people:
        found += return_seats(state, finding)
    elif finding.rule in _MOVABLE + _RESTING + _LINKED and len(finding.activities) == 1:
        found += [fix for fix in activity_fixes([finding], state) if fix is not None]
    elif finding.rule == spacing.SPACING and finding.vehicles:
        return _spacing_fixes([finding], state)[0], judged
    elif finding.rule == missions.STAY_LIMIT and finding.vehicles:
        found.append(Suggestion("move-to", f"undock {_name(state, finding.vehicles[0])} by "
                                f"{short_time(finding.start)}", utc=finding.start, vehicle=finding.vehicles[0]))
    elif finding.rule == high_beta.HIGH_BETA and state.events is not None:
        found += event_fixes.high_beta_fixes(finding, state.events)
    elif finding.rule == landing_rule.LANDING and state.events is not None:
        found += event_fixes.landing_fixes(finding, state.events)
    return (finding.with_suggestions(found) if found else finding), judged


def suggest_all(findings: list[Finding], state: PlanState) -> list[Finding]:
    """:func:`suggest` for every conflict and fixable warning in ``findings`` (the others as they are); the spacing
    conflicts, a big plan's most common, together (their events found by one search, their times worded together),
    and the activities' orbit and stay conflicts and link warnings together (the orbit asked once, the new times
    judged at once)."""
    spaced = [k for k, f in enumerate(findings) if f.rule == spacing.SPACING and f.is_conflict and f.vehicles]
    moving = [k for k, f in enumerate(findings) if len(f.activities) == 1
              and (f.rule in _MOVABLE and f.is_conflict or f.rule in _LINKED)]
    together = set(spaced) | set(moving)
    out = [_suggest(f, state) if (f.is_conflict or f.rule in WARNING_FIXES) and k not in together else (f, ())
           for k, f in enumerate(findings)]
    for k, fixed in zip(spaced, _spacing_fixes([findings[k] for k in spaced], state)):
        out[k] = (fixed, ())
    for k, fix in zip(moving, activity_fixes([findings[k] for k in moving], state)):
        if fix is not None:
            out[k] = (findings[k].with_suggestions([fix]), ())
    return [_offered(f, judged, state) for f, judged in out]


def _spacing_fixes(findings: list[Finding], state: PlanState) -> list[Finding]:
    """Spacing conflicts with their fix: the later vehicle's event moved to the crewed gap after the end of the
    earlier vehicle's event (which starts when the finding does)."""
    index = state.dynamic
    starts = index.arrays()[0]
    # The latest end of each mission's events starting at each instant the findings start at.
    latest: dict[tuple[float, str], float] = {}
    for when in sorted({f.start for f in findings}):
        lo, hi = np.searchsorted(starts, when, side="left"), np.searchsorted(starts, when, side="right")
        for mission, end in map(index.mission_and_end, range(int(lo), int(hi))):
            latest[(when, mission)] = max(end, latest.get((when, mission), end))
    need = state.settings.spacing_conflict_hours * 3600
    fixable = [(k, latest[(f.start, f.vehicles[0])] + need) for k, f in enumerate(findings)
               if (f.start, f.vehicles[0]) in latest]
    out = list(findings)
    for (k, when), text in zip(fixable, short_times([when for _k, when in fixable])):
        out[k] = findings[k].with_suggestions([_move_later(state, findings[k].vehicles[-1], when, text)])
    return out


def _move_later(state, later: str, when: float, when_text: str) -> Suggestion:
    """The fix of a spacing conflict: the later vehicle's event moved to ``when`` (worded ``when_text``)."""
    return Suggestion("move-to", f"move {_name(state, later)}'s event to {when_text} or later", utc=when,
                      vehicle=later)


def _name(state, mission: str) -> str:
    head = state.timeline.heads.get(mission)
    return head.name if head else mission


def _stay(state, mission: str, port: str, when: float) -> PortStay | None:
    track = state.timeline.missions.get(mission)
    if track is None:
        return None
    for stay in track.stays:
        if stay.port == port and stay.start <= when <= max(stay.start, stay.end):
            return stay
    return next((s for s in track.stays if s.port == port), None)


def _free(state, port: str, start: float, end: float, mission: str) -> bool:
    return not any(s.start < end and start < s.end and s.mission != mission and s.end > s.start
                   for s in state.timeline.port_stays.get(port, ()))


def free_ports(state, stay: PortStay) -> list[Suggestion]:
    """Ports the vehicle may use that exist and are free for its whole stay."""
    track = state.timeline.missions[stay.mission]
    required = [set(r.ports) for r in state.station.port_requirements if r.tag in track.tags]
    out = []
    for port in state.station.compatible_ports(track.vehicle_type):
        if port.id == stay.port or any(port.id not in r for r in required):
            continue
        if port.exists_from is not None and stay.start < port.exists_from.timestamp():
            continue
        if port.exists_until is not None and stay.end > port.exists_until.timestamp():
            continue
        if _free(state, port.id, stay.start, stay.end, stay.mission):
            out.append(Suggestion("use-port", f"use {port.id}, free for the whole stay", port=port.id,
                                  vehicle=stay.mission))
    return out


def earliest_free(state, stay: PortStay) -> float | None:
    """The earliest time from the stay's start when no other vehicle is at its port."""
    others = sorted((s for s in state.timeline.port_stays.get(stay.port, ())
                     if s.mission != stay.mission and s.end > stay.start and s.end > s.start),
                    key=lambda s: s.start)
    when = stay.start
    for other in others:
        if other.start > when:
            break
        when = max(when, other.end)
    return None if math.isinf(when) else when


#: How far past the time the port is first free the 'free from' fix looks, and how many of its candidates the
#: rules judge before it gives up.
FREE_REACH_S = 90 * 86400.0
FREE_TRIES = 12


def free_from(state, finding: Finding, stay: PortStay) -> Suggestion | None:
    """The 'free from' fix of a double booking: the vehicle's flight moved, whole, to arrive at the earliest time
    its port is free for the stay and the rules find its finding gone and no new conflict (spacing from the events
    around it, headcount and the rest: ``state.judge``), or None when none of the nearest candidates does.

    The candidates are the times the port is free from (the first, and the ends of the later stays there) and the
    times each of the vehicle's own dynamic events comes a spacing margin (or nothing) after another's end: the
    times something that stands in the way stops doing so, tried in time order (never minute by minute)."""
    first = earliest_free(state, stay)
    if first is None:
        return None
    # The port must be free when the vehicle arrives (the rest of the stay the rules judge).
    candidates = [(when, after) for when, after in _free_candidates(state, stay, first)
                  if _free(state, stay.port, when, when + STEP_S, stay.mission)]
    for when, after in candidates[:FREE_TRIES]:
        text = f"{stay.port} is free from {short_time(when)}"
        if after is not None:
            text += f" (after the spacing from {_name(state, after.mission)}'s {spacing.NOUNS[after.kind]})"
        fix = Suggestion("move-to", text, port=stay.port, utc=when, vehicle=stay.mission)
        if state.judge is None or state.judge(finding, fix):
            return fix
    return None


def _free_candidates(state, stay: PortStay, first: float) -> list[tuple[float, object]]:
    """The times from ``first`` on (within :data:`FREE_REACH_S`) the 'free from' fix may propose, in time order,
    each with the dynamic event whose spacing it keeps (None: a time the port, or something else, becomes free)."""
    last = first + FREE_REACH_S
    found: dict[float, object] = {first: None}
    for other in state.timeline.port_stays.get(stay.port, ()):
        if other.mission != stay.mission and first < other.end <= last:
            found.setdefault(other.end, None)
    track = state.timeline.missions.get(stay.mission)
    need = state.settings.spacing_conflict_hours * 3600
    index = state.dynamic
    starts, ends = index.arrays()[:2]
    for own in (track.dynamic if track is not None else ()):
        offset = own.start - stay.start  # the event starts at ``when + offset`` once moved
        lo = int(np.searchsorted(starts, first + offset - need - index.longest, side="left"))
        hi = int(np.searchsorted(starts, last + offset, side="right"))
        for k in range(lo, hi):
            if not first + offset - need < ends[k] <= last + offset:
                continue
            event = index.event(k)
            if event.mission == stay.mission:
                continue
            for margin, after in ((0.0, None), (need, event)):
                when = float(ends[k]) + margin - offset
                if first < when <= last and found.get(when) is None:
                    found[when] = after
    return sorted(found.items(), key=lambda item: item[0])


def free_seats(state, finding: Finding) -> list[Suggestion]:
    """Docked vehicles that can carry crew home and have a seat free for the whole window."""
    start, end = finding.start, finding.end
    tl = state.timeline
    out = []
    for mid, track in tl.missions.items():
        if not track.is_lifeboat or mid in finding.vehicles:
            continue
        if not any(s <= start and end <= e for s, e in track.attached):
            continue
        peak = _peak(state, mid, start, end)
        if peak < track.seats:
            out.append(Suggestion("use-seat", f"{track.name} has {track.seats - peak} free seat"
                                  f"{'s' if track.seats - peak != 1 else ''} for the whole time", vehicle=mid))
    return out


def _peak(state, mission: str, start: float, end: float, leave_out: str | None = None) -> int:
    """The most people whose lifeboat ``mission`` is at one moment of ``[start, end)`` (``leave_out`` not counted)."""
    tl = state.timeline
    changes: dict[float, int] = {}
    for person in tl.vehicle_people.get(mission, ()):
        if person == leave_out:
            continue
        for v, s, e in tl.lifeboats(person):
            if v == mission and s < end and start < e:
                changes[max(s, start)] = changes.get(max(s, start), 0) + 1
                changes[e] = changes.get(e, 0) - 1
    count, peak = 0, 0
    for when in sorted(changes):
        count += changes[when]
        peak = max(peak, count)
    return peak


def return_seats(state, finding: Finding) -> list[Suggestion]:
    """For somebody aboard with no seat home (``lifeboat-missing``): each vehicle docked when that starts that
    can carry crew home and has a seat for them until it leaves, offered as joining its return crew (the
    ``use-seat`` fix: they leave on it instead of the vehicle they leave on now).

    Offered only when it takes away every moment they have no seat, leaves nobody's seat short, and leaves
    none of their activities outside their stay (their stay then ends when that vehicle leaves)."""
    person, start = finding.people[0], finding.start
    tl = state.timeline
    track = tl.people.get(person)
    if track is None:
        return []
    before = tl.lifeboats(person)
    no_seat = intervals.normalise([(s, e) for v, s, e in before if v is None])
    out = []
    for mid, vehicle in tl.missions.items():
        if not vehicle.is_lifeboat or not any(s <= start < e for s, e in vehicle.attached):
            continue
        leave = next((d for d in vehicle.departures if d[0] >= start), None)
        if leave is None or person in leave[2] or len(leave[2]) >= vehicle.seats:
            continue
        pieces = _pieces_leaving_on(state, track, mid, leave, start)
        short = intervals.normalise([(s, e) for v, s, e in pieces if v is None])
        if len(intervals.intersect(short, [(start, finding.end)])) or len(intervals.subtract(short, no_seat)):
            continue
        if any(v == mid and _peak(state, mid, s, e, leave_out=person) >= vehicle.seats for v, s, e in pieces):
            continue
        if _strands_activities(state, person, track.aboard, pieces):
            continue
        who = _person_name(state, person)
        out.append(Suggestion("use-seat", f"add {who} to {vehicle.name}'s return crew: a free seat home, leaving "
                              f"at {short_time(leave[0])}", vehicle=mid))
    return out


def _pieces_leaving_on(state, track, mission: str, leave, start: float):
    """The person's lifeboat pieces once they leave on ``mission`` at its departure ``leave`` (time, event index,
    crew) instead of on the first departure they have from ``start`` on (as the ``use-seat`` fix edits it)."""
    tl = state.timeline
    moves = [m for mid in tl.person_missions.get(track.person, ()) for m in tl.missions[mid].moves
             if m.person == track.person]
    going = [m for m in moves if not m.arrives and m.time >= start and m.mission != mission]
    if going:
        moves.remove(min(going, key=lambda m: (m.time, m.mission, m.index)))
    moves.append(CrewMove(track.person, leave[0], False, mission, leave[1]))
    after = derive_person(track.person, moves, ())
    return [p for stay in after.stays for p in lifeboat_pieces(stay, tl.missions)]


def _strands_activities(state, person: str, aboard_before, pieces) -> bool:
    """True when one of the person's activities inside their stays falls outside them with these pieces."""
    acts = state.activities
    if acts is None:
        return False
    after = intervals.normalise([(s, e) for _v, s, e in pieces])
    before = intervals.normalise(aboard_before)
    for row in map(acts.rows.get, acts.activities_of(person)):
        if row is None:
            continue
        until = max(row.end, row.start + 1e-6)
        if intervals.covers(before, [row.start], [until])[0] and not intervals.covers(after, [row.start], [until])[0]:
            return True
    return False


def _person_name(state, person: str) -> str:
    acts = state.activities
    return acts.context.names.get(person, person) if acts is not None else person


# -- activities -------------------------------------------------------------------------------------------

def activity_fixes(findings: list[Finding], state: PlanState) -> list[Suggestion | None]:
    """The fix of each activity's orbit or stay conflict, rest or link warning (all worked out together), or None
    where there is none: the activity moved to the nearest time that meets its orbit needs (in its people's stay
    when it is in it now; for a link warning, in their working hours too when it is in them now), into the time its
    people are all aboard nearest it, or into their working hours."""
    acts = state.activities
    if acts is None:
        return [None] * len(findings)
    rows = [acts.rows.get(f.activities[0]) for f in findings]
    plans = [_searches(f, row, acts) if row is not None else [] for f, row in zip(findings, rows)]
    done: list[tuple | None] = [None] * len(findings)
    for stage in range(max(map(len, plans), default=0)):  # each search's fallback after the ones before
        todo = [i for i, plan in enumerate(plans) if done[i] is None and stage < len(plan)]
        searches = [plans[i][stage] for i in todo]
        for i, search, moved in zip(todo, searches, place(searches, [findings[i] for i in todo], acts)):
            if moved is not None:
                done[i] = (search, moved)
    return [_move_text(findings[i], *done[i], acts) if done[i] else None for i in range(len(findings))]


def _searches(finding: Finding, row, acts: ActivityState) -> list[Search]:
    """Where to look for the activity's new time, in order of preference."""
    if finding.rule in _RESTING:
        if acts.crew_day is None or not row.people:
            return []
        lo, hi = row.start - SEARCH_S, row.start + SEARCH_S
        orbit = bool(row.orbit_needs) and acts.orbit is not None
        return [Search(row, row.start, lo, hi, stay=True, orbit=orbit, working=True)]
    if finding.rule in (orbit_rule.ORBIT, orbit_rule.LINK):
        if acts.orbit is None or not row.orbit_needs:
            return []
        lo, hi = row.start - SEARCH_S, row.start + SEARCH_S
        # A warning's fix brings no other warning: in the working hours when the activity is in them now.
        working = finding.rule == orbit_rule.LINK and _working_now(row, acts)
        plan = [Search(row, row.start, lo, hi, stay=True, orbit=True, working=working)]
        if row.people and not activities.within(aboard(acts.context, row.people), row.start, row.end):
            plan.append(Search(row, row.start, lo, hi, stay=False, orbit=True, working=working))  # out of the stay
        return plan
    span = nearest_stay(row, acts)
    if span is None:
        return []
    want = min(max(row.start, span[0]), span[1])
    lo, hi = max(span[0], want - SEARCH_S), min(span[1], want + SEARCH_S)
    plan = [Search(row, want, lo, hi, stay=True, orbit=False)]
    if row.orbit_needs and acts.orbit is not None:
        plan.insert(0, Search(row, want, lo, hi, stay=True, orbit=True))
    return plan


def _move_text(finding: Finding, search: Search, moved, acts: ActivityState) -> Suggestion:
    row = search.row
    if finding.rule in _RESTING:
        met = f", {_needs_text(row, acts)}" if search.orbit else ""
        text = f"move to {moved_text(row, moved)}, the nearest time in the working hours of {_people_text(row, acts)}"
        text += met
    elif finding.rule == orbit_rule.ORBIT:
        text = f"move to {moved_text(row, moved)}, the nearest time {_needs_text(row, acts)}"
    elif finding.rule == orbit_rule.LINK:
        links = [n for n in row.orbit_needs if n.kind is NeedKind.LIVE_LINK]
        others = [n for n in row.orbit_needs if n.kind is not NeedKind.LIVE_LINK]
        text = (f"move to {moved_text(row, moved)}, the nearest time {_needs_text(row, acts, links)} for its whole "
                f"length")
        if others:
            text += f", {_needs_text(row, acts, others)}"
    else:
        met = f", {_needs_text(row, acts)}" if search.orbit else ""
        text = f"move with the stay to {moved_text(row, moved)}, the nearest time {_aboard_text(row, acts)}{met}"
    return Suggestion("move-activity", text, utc=moved.start, activity=row.id)


def _needs_text(row, acts: ActivityState, needs=None) -> str:
    """'in daylight and with Mission Control Moscow in view': the activity's orbit needs (or those of them)."""
    words = []
    for need in row.orbit_needs if needs is None else needs:
        if need.kind is NeedKind.DAYLIGHT:
            word = "in daylight"
        elif need.kind is NeedKind.SHADOW:
            word = "in Earth's shadow"
        elif need.kind is NeedKind.LIVE_LINK:
            word = f"with {orbit_rule.LINK_WORDS[need.network or 'any']}"
        else:
            site = acts.sites.get(need.site)
            word = f"with {site.name if site else need.site} in view"
        if word not in words:
            words.append(word)
    return " and ".join(words)


def _working_now(row, acts: ActivityState) -> bool:
    """True when all of the activity lies in the working hours of all its people now."""
    if acts.crew_day is None or not row.people:
        return False
    return any(a <= row.start <= b for a, b in working_starts(acts.crew_day, row.people, row.start, row.start,
                                                                 row.end - row.start))


def _people_text(row, acts: ActivityState) -> str:
    """'Ann', 'Ann and Bo', 'Ann, Bo and Cy', 'all 4 of its people'."""
    names = [acts.context.names.get(p, p) for p in row.people]
    if len(names) > 3:
        return f"all {len(names)} of its people"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _aboard_text(row, acts: ActivityState) -> str:
    """'Ann is aboard', 'Ann and Bo are both aboard', 'all 4 of its people are aboard'."""
    names = [acts.context.names.get(p, p) for p in row.people]
    if len(names) == 1:
        return f"{names[0]} is aboard"
    if len(names) == 2:
        return f"{names[0]} and {names[1]} are both aboard"
    if len(names) == 3:
        return f"{names[0]}, {names[1]} and {names[2]} are all aboard"
    return f"all {len(names)} of its people are aboard"
