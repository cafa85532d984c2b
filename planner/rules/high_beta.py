"""High beta during a dynamic event: a docking, berthing, undocking, unberthing or relocation while the station's
solar beta angle is above its vehicle type's limit, either way (a warning).

    Soyuz MS-20 docks 2021-12-14 12:00 UTC at beta -74.9° (Soyuz MS limit ±70°); |beta| above 70° from
    2021-12-11 20:20 UTC to 2021-12-16 21:40 UTC

Why a warning and not a conflict: the limits are the planner's defaults, set per project (the station settings
``high_beta_docking_deg``, ``high_beta_berthing_deg`` and ``high_beta_russian_deg``, documented with their sources
in ``resources/stations/iss.json``, picked by how the vehicle attaches: ``StationSettings.high_beta_limit_deg``).
The only published number is the Space Shuttle's 60 degrees, above which it could not stay docked; none is
published for today's vehicles, and high beta has moved dynamic events (CRS-5's berthing, New Year 2014/15) rather
than made them impossible. A plan with such an event is worth a look and a decision, not broken the way a
double-booked port is; the fix, when there is one, moves the event out of the high-beta days.

How it is judged: the spans when |beta| is above each limit are worked out once per check over the plan's time
(the judged events' times, joined where less than :data:`JOIN_S` apart, widened to whole hours), by one question per
limit to the rules' :class:`~planner.rules.orbit_rule.OrbitCache`; an edit asks only about time not asked before.
Windows on whole hours put the beta samples on the same grid however the time is cut, so an edit finds the same
spans as a full check. An event is in high beta when it shares a moment with such a span.

Reach: the beta angle depends only on the orbit's plane, which an element set predicts for months (the plane turns
at a rate set by the orbit's size and inclination, which drag and reboosts barely change: the 2021-10-15 and
2021-12-22 sets give the beta angle within half a degree of each other from July 2021 to March 2022,
tests/rules/test_high_beta.py). So an event is judged within the orbit engine's reach of an element set
(:data:`planner.orbit.horizon.REACH_DAYS`, 90 days), not the much shorter element-set age of the activity rules
(where along its orbit the station is, which drifts within weeks). Farther than that, past the bundled ephemeris,
or where SGP4 cannot fly the set, the event gets a warning that it cannot be judged, and why (as the orbit rule
words it).
"""

from __future__ import annotations

import math
from typing import Callable, NamedTuple

import numpy as np

from planner import intervals
from planner.model.catalogue import Station, StationSettings
from planner.model.mission import EventKind
from planner.model.time_text import short_time, span_text
from planner.orbit.errors import CannotJudge
from planner.orbit.horizon import REACH_DAYS, ephemeris_bounds, outside_ephemeris
from planner.rules.activities import element_set_distance
from planner.rules.findings import Finding, Severity
from planner.rules.orbit_rule import OrbitCache, spans
from planner.station import DynamicEvent

HIGH_BETA = "high-beta"

#: Events closer than this are asked about as one window: the plan's time in one question (hourly beta over a year
#: costs a few milliseconds, each window about one), not one per event.
JOIN_S = 30 * 86400.0
#: Each event's window reaches this far beyond it (more than a closed dip of beta below the limit lasts).
PAD_S = 2 * 3600.0
#: Windows are widened to whole multiples of this: the beta samples' step (planner.orbit.beta.SPAN_STEP_S).
STEP_S = 3600.0
#: A span that runs to the edge of the windows worked out is followed this far at a time, at most GROW_TIMES times
#: (the station's high-beta days last up to about ten).
GROW_S = 3 * 86400.0
GROW_TIMES = 8

VERBS = {EventKind.DOCK: "docks", EventKind.BERTH: "berths", EventKind.UNDOCK: "undocks",
         EventKind.UNBERTH: "unberths", EventKind.RELOCATE: "relocates"}


class BetaContext(NamedTuple):
    """What the rule reads: mission heads (name, vehicle type), the catalogue and settings, the element-set
    epochs (sorted epoch seconds) and the orbit's cached answers."""

    heads: object  # mission id -> anything with ``name`` and ``vehicle_type``
    station: Station
    settings: StationSettings
    epochs: list[float]
    cache: OrbitCache


def limit_of(vehicle_type: str, ctx: BetaContext) -> tuple[float, str]:
    """The |beta| limit (degrees) of a vehicle type and the type's name (an unknown type: the docking default)."""
    vtype = ctx.station.vehicle_type(vehicle_type)
    if vtype is None:
        return ctx.settings.high_beta_docking_deg, vehicle_type
    return ctx.settings.high_beta_limit_deg(vtype), vtype.name


def on_hours(windows) -> np.ndarray:
    """``windows`` widened to whole hours, as a normalised interval set."""
    w = np.asarray(windows, dtype=float).reshape(-1, 2)
    return intervals.normalise(np.stack((np.floor(w[:, 0] / STEP_S) * STEP_S,
                                         (np.floor(w[:, 1] / STEP_S) + 1.0) * STEP_S), axis=1))


def high(cache: OrbitCache, limit: float, windows) -> np.ndarray:
    """The high-beta spans (|beta| above ``limit``) over at least ``windows`` (CannotJudge when the orbit cannot
    say)."""
    return cache.condition(("high_beta", limit), None, on_hours(windows))


def first_overlap(spans_: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """For each closed ``[start, end]``: the position of the first span it shares a moment with, -1 for none."""
    if not len(spans_):
        return np.full(len(starts), -1)
    k = np.searchsorted(spans_[:, 1], starts, side="right")  # the first span ending after the start
    inside = (k < len(spans_)) & (spans_[np.minimum(k, len(spans_) - 1), 0] <= ends)
    return np.where(inside, k, -1)


def span_over(cache: OrbitCache, limit: float, start: float, end: float) -> tuple[float, float] | None:
    """The whole high-beta span that ``[start, end]`` shares a moment with (followed beyond the windows worked out
    so far), or None when there is none. CannotJudge when the orbit cannot say."""
    found = high(cache, limit, [(start - PAD_S, end + PAD_S)])
    k = int(first_overlap(found, np.array([start]), np.array([end]))[0])
    if k < 0:
        return None
    a, b = (float(x) for x in found[k])
    for _ in range(GROW_TIMES):
        asked = cache.asked(("high_beta", limit))
        more = []
        if a in asked[:, 0]:
            more.append((a - GROW_S, a))
        if b in asked[:, 1]:
            more.append((b, b + GROW_S))
        if not more:
            break
        try:
            found = high(cache, limit, more)
        except CannotJudge:
            break  # the span as far as the orbit can say
        k = int(first_overlap(found, np.array([start]), np.array([end]))[0])
        a, b = (float(x) for x in found[k])
    return a, b


def in_high_beta(cache: OrbitCache, limit: float, start: float, end: float) -> bool:
    """True when ``[start, end]`` shares a moment with a span of |beta| above ``limit`` (CannotJudge when the orbit
    cannot say)."""
    found = high(cache, limit, [(start - PAD_S, end + PAD_S)])
    return bool(first_overlap(found, np.array([start]), np.array([end]))[0] >= 0)


def high_beta_findings(starts: np.ndarray, ends: np.ndarray, missions: list[str],
                       event_at: Callable[[int], DynamicEvent], ctx: BetaContext) -> dict[tuple, list[Finding]]:
    """(mission, event index) -> the findings of those of these dynamic events that have any (``starts``, ``ends``
    and ``missions`` as columns; ``event_at(k)`` makes the ``k``-th event, asked only for the few worded)."""
    found: dict[tuple, list[Finding]] = {}
    n = len(starts)
    if not n:
        return found
    limits, names = {}, {}
    for mission in set(missions):
        head = ctx.heads.get(mission)
        limits[mission], names[mission] = limit_of(head.vehicle_type if head else "", ctx)
    limit = np.fromiter((limits[m] for m in missions), float, n)
    distance, nearest = element_set_distance(ctx.epochs, starts, ends)
    first, last = ephemeris_bounds()
    far = distance > REACH_DAYS * 86400.0
    beyond = ~far & ((starts - PAD_S - STEP_S < first) | (ends + PAD_S + STEP_S > last))
    for k in np.flatnonzero(far | beyond).tolist():
        event = event_at(k)
        if far[k]:
            reason = _far_reason(float(distance[k]), float(nearest[k]))
        else:
            reason = outside_ephemeris(float(starts[k]) - PAD_S - STEP_S, float(ends[k]) + PAD_S + STEP_S)
        found[(event.mission, event.index)] = [_cannot_judge(event, ctx, limits[event.mission], reason)]
    judged = ~(far | beyond)
    # Every limit over the same windows: the orbit samples the beta angle once for all of them.
    windows = [(a - PAD_S, b + PAD_S) for a, b in spans(starts[judged], ends[judged], JOIN_S)]
    for value in sorted(set(limit[judged].tolist())):
        pos = np.flatnonzero(judged & (limit == value))
        s, e = starts[pos], ends[pos]
        try:
            spans_ = high(ctx.cache, value, windows)
        except CannotJudge as error:
            for k in pos.tolist():
                event = event_at(k)
                found[(event.mission, event.index)] = [_cannot_judge(event, ctx, value, error.reason)]
            continue
        hit = first_overlap(spans_, s, e)
        inside = np.flatnonzero(hit >= 0)
        if not len(inside):
            continue
        # The beta angle at the first moment of each event in high beta, in one question.
        at = np.maximum(s[inside], spans_[hit[inside], 0])
        try:
            betas = ctx.cache.orbit.beta(at).tolist()
        except CannotJudge:
            betas = [math.nan] * len(inside)
        for i, beta in zip(inside.tolist(), betas):
            event = event_at(int(pos[i]))
            whole = span_over(ctx.cache, value, event.start, event.end)
            found[(event.mission, event.index)] = [_finding(event, ctx, value, names[event.mission], beta, whole)]
    return found


def event_findings(events, ctx: BetaContext) -> dict[tuple, list[Finding]]:
    """:func:`high_beta_findings` of a few events given as :class:`DynamicEvent` objects (an edit's)."""
    events = list(events)
    starts = np.fromiter((e.start for e in events), float, len(events))
    ends = np.fromiter((e.end for e in events), float, len(events))
    return high_beta_findings(starts, ends, [e.mission for e in events], events.__getitem__, ctx)


def _said(event: DynamicEvent, ctx: BetaContext) -> str:
    """'Soyuz MS-18 undocks 2021-10-17 01:14 UTC', 'Crew-2 relocates from ... to ...'."""
    head = ctx.heads.get(event.mission)
    name = head.name if head else event.mission
    when = short_time(event.start) if event.end <= event.start else span_text(event.start, event.end)
    return f"{name} {VERBS[event.kind]} {when}"


def _finding(event: DynamicEvent, ctx: BetaContext, limit: float, type_name: str, beta: float,
             whole: tuple[float, float] | None) -> Finding:
    beta_text = "" if math.isnan(beta) else f" at beta {beta:.1f}°"
    span = f"; |beta| above {limit:g}° from {short_time(whole[0])} to {short_time(whole[1])}" if whole else ""
    return Finding(HIGH_BETA, Severity.WARNING, event.start, event.end,
                   f"{_said(event, ctx)}{beta_text} ({type_name} limit ±{limit:g}°){span}",
                   (event.mission,), (), event.ports)


def _cannot_judge(event: DynamicEvent, ctx: BetaContext, limit: float, reason: str) -> Finding:
    return Finding(HIGH_BETA, Severity.WARNING, event.start, event.end,
                   f"{_said(event, ctx)}: its beta angle cannot be judged against the ±{limit:g}° limit: {reason}",
                   (event.mission,), (), event.ports)


def _far_reason(distance: float, nearest: float) -> str:
    if not math.isfinite(distance):
        return "the project has no element set"
    return (f"{distance / 86400:.1f} days from the nearest element set (epoch {short_time(nearest)}), which "
            f"predicts the orbit's plane for about {REACH_DAYS:g} days: import one nearer that time")
