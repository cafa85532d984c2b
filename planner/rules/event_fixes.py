"""Fixes for the high-beta and landing warnings: the dynamic event moved out of the high-beta days (to the nearest
whole minute before they begin or after they end), and the landing moved to the nearest landing opportunity in
daylight. A Soyuz undocking takes its landing with it, so its fix moves both to a daylight opportunity out of the
high-beta days.

Each is offered only when the edit it makes (:func:`planner.rules.fixes.shift_event`, the same one ``apply_fix``
makes) is judged again by the rules themselves and found clear: the moved events keep their order, no moved dynamic
event is in high beta (or beyond what the orbit can judge), and no moved landing is outside daylight or far from an
opportunity. The other rules (spacing, stays) judge the new time as they judge every fix before it is offered
(:meth:`planner.rules.engine.RuleEngine.judge`).
"""

from __future__ import annotations

import math
from typing import Callable, NamedTuple

import numpy as np

from planner import intervals
from planner.model.catalogue import Station
from planner.model.mission import EventKind, Mission
from planner.model.time_text import short_time
from planner.orbit.errors import CannotJudge
from planner.orbit.horizon import REACH_DAYS
from planner.rules.activities import element_set_distance
from planner.rules.findings import Finding, Suggestion
from planner.rules.fixes import FixError, shift_event
from planner.rules.high_beta import HIGH_BETA, BetaContext, event_findings, limit_of, span_over
from planner.rules.landing_rule import LANDING, LOOK_S, SEARCH_S, LandingContext, is_sound, judge, landing_rows
from planner.station import derive_mission

#: A new time keeps at least this far from the high-beta span, on a whole minute.
MARGIN_S = 60.0
#: The nearest candidates tried on each side before giving up.
TRIES = 6

_ARRIVE = (EventKind.DOCK, EventKind.BERTH)
_LEAVE = (EventKind.UNDOCK, EventKind.UNBERTH)
_DYNAMIC = _ARRIVE + _LEAVE + (EventKind.RELOCATE,)
_INFINITIVES = {EventKind.DOCK: "dock", EventKind.BERTH: "berth", EventKind.UNDOCK: "undock",
                EventKind.UNBERTH: "unberth", EventKind.RELOCATE: "relocate"}


class EventsState(NamedTuple):
    """What these fixes read: the two rules' contexts, the catalogue and the plan's missions by id."""

    beta: BetaContext
    landing: LandingContext
    station: Station
    mission: Callable[[str], Mission | None]


def _events_of(finding: Finding, state: EventsState, rule: str):
    """(the mission, an unmoved copy, the positions of the events a fix of ``rule`` moves together), or None when
    the mission is gone or has no such events."""
    mission = state.mission(finding.vehicles[0]) if finding.vehicles else None
    if mission is None:
        return None
    try:
        still, positions, _ = shift_event(mission, rule, finding.start, finding.start)
    except FixError:
        return None
    return mission, still, positions


def high_beta_fixes(finding: Finding, state: EventsState) -> list[Suggestion]:
    """The event moved out of the high-beta span: the nearest valid time before it and after it, nearest first."""
    found = _events_of(finding, state, HIGH_BETA)
    if found is None:
        return []
    mission, still, positions = found
    index = next(i for i in positions if still.events[i].kind in _DYNAMIC)
    event = still.events[index]
    start = event.utc.timestamp()
    length = (event.end_utc.timestamp() - start) if event.end_utc is not None else 0.0
    limit, _name = limit_of(mission.vehicle_type, state.beta)
    if element_set_distance(state.beta.epochs, np.array([start]), np.array([start + length]))[0][0] > \
            REACH_DAYS * 86400.0:
        return []  # the warning says it cannot be judged: no span to move out of
    try:
        span = span_over(state.beta.cache, limit, start, start + length)
    except CannotJudge:
        return []
    if span is None:
        return []
    a, b = span
    lands = [row for row in landing_rows([still]) if row.index in positions]
    if lands:  # the landing moves too: only to an opportunity, so the candidates come from those
        earlier, later = _opportunity_starts(state, lands[0], start, a - length - MARGIN_S, b + MARGIN_S)
    else:
        earlier = [math.floor((a - MARGIN_S - length) / 60.0) * 60.0]
        later = [math.ceil((b + MARGIN_S) / 60.0) * 60.0]
    also = _also(still, positions, index)
    out = []
    for side, candidates in (("before", earlier), ("after", later)):
        for new in candidates[:TRIES]:
            if _clear(state, mission, HIGH_BETA, finding.start, new):
                edge = (f"before |beta| passes {limit:g}° at {short_time(a)}" if side == "before" else
                        f"after |beta| falls below {limit:g}° at {short_time(b)}")
                if lands:
                    also = (f"; the landing moves with it, to the opportunity in daylight at "
                            f"{short_time(lands[0].utc + new - start)}")
                out.append(Suggestion("move-to", f"{_INFINITIVES[event.kind]} at {short_time(new)}, {edge}{also}",
                                      utc=new, vehicle=mission.id))
                break
    out.sort(key=lambda s: abs(s.utc - start))
    return out


def landing_fixes(finding: Finding, state: EventsState) -> list[Suggestion]:
    """The landing moved (with the undocking before it) to the nearest opportunity in daylight, when one is found."""
    found = _events_of(finding, state, LANDING)
    if found is None:
        return []
    mission, still, positions = found
    rows = [row for row in landing_rows([still]) if abs(row.utc - finding.start) < 1e-3]
    if not rows:
        return []
    row = rows[0]
    judged = judge([row], state.landing)[0]
    if judged.reason is not None or is_sound(judged, row.utc):
        return []  # nothing the orbit can place (or nothing to fix)
    departure = next((still.events[i] for i in positions if still.events[i].kind in _LEAVE), None)
    tried = set()
    # First the opportunities the check worked out around the landing, then farther ones.
    for reach in (LOOK_S, SEARCH_S):
        found = _daylight_landings(state, row.zones, [(row.utc - reach, row.utc + reach)])
        candidates = sorted((t for t in found if t not in tried), key=lambda t: abs(t - row.utc))
        for new in candidates[:TRIES]:
            tried.add(new)
            if _clear(state, mission, LANDING, finding.start, new):
                leave = (f" (undocking at {short_time(departure.utc.timestamp() + new - row.utc)})"
                         if departure is not None else "")
                return [Suggestion("move-to", f"land at {short_time(new)}, the nearest landing opportunity in "
                                   f"daylight{leave}", utc=new, vehicle=mission.id)]
    return []


def _daylight_landings(state: EventsState, zones, windows) -> list[float]:
    """The estimated landings in ``windows`` at these zones that come in daylight, on whole seconds, in time order
    (the Sun asked once per zone)."""
    from planner.orbit.landing import SUNRISE_ELEVATION_DEG

    out = set()
    for zone in zones:
        try:
            # Only those in the windows: the cache answers with every landing it has found so far, and what it
            # has found depends on what was asked before (an edit's re-check, a judged fix).
            times = np.round(state.landing.cache.landings(zone, windows))
            times = times[intervals.covers(intervals.normalise(windows), times, times)]
            sun = state.landing.cache.orbit.sun_elevation(zone.lat_deg, zone.lon_deg, times) if len(times) else times
        except CannotJudge:
            continue
        out.update(times[sun > SUNRISE_ELEVATION_DEG].tolist())
    return sorted(out)


def _opportunity_starts(state: EventsState, row, start: float, latest: float, earliest: float):
    """New starts of a departure that bring its landing (``row``) onto a landing opportunity: those at or before
    ``latest``, latest first, and those at or after ``earliest``, earliest first."""
    descent = row.utc - start
    times = _daylight_landings(state, row.zones, [(latest + descent - SEARCH_S, latest + descent),
                                                  (earliest + descent, earliest + descent + SEARCH_S)])
    starts = [t - descent for t in times]
    return [s for s in reversed(starts) if s <= latest], [s for s in starts if s >= earliest]


def _also(mission: Mission, positions: list[int], index: int) -> str:
    """'; the launch moves with it': what moves with the event."""
    kinds = {mission.events[i].kind for i in positions if i != index}
    if EventKind.LAUNCH in kinds:
        return "; the launch moves with it"
    if EventKind.LAND in kinds:
        return "; the landing moves with it"
    return ""


def _clear(state: EventsState, mission: Mission, rule: str, when: float, new: float) -> bool:
    """True when the mission with the event at ``when`` moved to ``new`` (as the fix would) keeps its order and the
    rules find none of the moved events in high beta, nor any moved landing unsound."""
    try:
        moved, positions, in_order = shift_event(mission, rule, when, new)
    except FixError:
        return False
    if not in_order:
        return False
    try:
        track = derive_mission(moved, state.station)
        dynamic = [e for e in track.dynamic if e.index in positions]
        if dynamic and event_findings(dynamic, state.beta):
            return False
        rows = [row for row in landing_rows([moved]) if row.index in positions]
        return all(is_sound(judged, row.utc) for row, judged in zip(rows, judge(rows, state.landing)))
    except CannotJudge:
        return False
