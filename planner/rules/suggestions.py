"""Fixes for conflicts, worked out from the current timeline when findings are listed: compatible ports
free for the whole stay, the earliest time a port is free, a docked vehicle with a free seat."""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from planner.rules import blocking, lifeboat, missions, ports, spacing
from planner.rules.findings import Finding, Suggestion
from planner.model.time_text import short_time, short_times
from planner.model.catalogue import Station, StationSettings
from planner.rules.spacing import DynamicIndex
from planner.station import PortStay, StationTimeline


class PlanState(NamedTuple):
    """What fixes are worked out from: the station state, its dynamic events, the settings and the catalogue."""

    timeline: StationTimeline
    dynamic: DynamicIndex
    settings: StationSettings
    station: Station

_PORT_RULES = (ports.DOUBLE_BOOKING, ports.COMPATIBILITY, ports.REQUIREMENT, ports.EXISTS)


def suggest(finding: Finding, state: PlanState) -> Finding:
    """The finding with the fixes that exist for it (unchanged when none does)."""
    found: list[Suggestion] = []
    if finding.rule in _PORT_RULES and finding.vehicles and finding.ports:
        stay = _stay(state, finding.vehicles[0], finding.ports[0], finding.start)
        if stay is not None:
            found += free_ports(state, stay)
            if finding.rule == ports.DOUBLE_BOOKING:
                free = earliest_free(state, stay)
                if free is not None:
                    found.append(Suggestion("move-to", f"{stay.port} is free from {short_time(free)}",
                                            port=stay.port, utc=free, vehicle=stay.mission))
    elif finding.rule == blocking.BLOCKING and len(finding.vehicles) == 2:
        occupant = _stay(state, finding.vehicles[1], finding.ports[1], finding.start)
        if occupant is not None and not math.isinf(occupant.end):
            found.append(Suggestion("move-to", f"arrive after {_name(state, occupant.mission)} leaves "
                                    f"{occupant.port} at {short_time(occupant.end)}",
                                    port=finding.ports[0], utc=occupant.end, vehicle=finding.vehicles[0]))
    elif finding.rule in (lifeboat.SEATS, lifeboat.MISSING):
        found += free_seats(state, finding)
    elif finding.rule == spacing.SPACING and finding.vehicles:
        return _spacing_fixes([finding], state)[0]
    elif finding.rule == missions.STAY_LIMIT and finding.vehicles:
        found.append(Suggestion("move-to", f"undock {_name(state, finding.vehicles[0])} by "
                                f"{short_time(finding.start)}", utc=finding.start, vehicle=finding.vehicles[0]))
    return finding.with_suggestions(found) if found else finding


def suggest_all(findings: list[Finding], state: PlanState) -> list[Finding]:
    """:func:`suggest` for every conflict in ``findings`` (the others as they are); the spacing conflicts, a big
    plan's most common, together (their events found by one search, their times worded together)."""
    spaced = [k for k, f in enumerate(findings) if f.rule == spacing.SPACING and f.is_conflict and f.vehicles]
    out = [suggest(f, state) if f.is_conflict and f.rule != spacing.SPACING else f for f in findings]
    for k, fixed in zip(spaced, _spacing_fixes([findings[k] for k in spaced], state)):
        out[k] = fixed
    return out


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
        changes: dict[float, int] = {}
        for person in tl.vehicle_people.get(mid, ()):
            for v, s, e in tl.lifeboats(person):
                if v == mid and s < end and start < e:
                    changes[max(s, start)] = changes.get(max(s, start), 0) + 1
                    changes[e] = changes.get(e, 0) - 1
        count, peak = 0, 0
        for when in sorted(changes):
            count += changes[when]
            peak = max(peak, count)
        if peak < track.seats:
            out.append(Suggestion("use-seat", f"{track.name} has {track.seats - peak} free seat"
                                  f"{'s' if track.seats - peak != 1 else ''} for the whole time", vehicle=mid))
    return out
