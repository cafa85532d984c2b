"""A landing outside daylight, or far from every landing opportunity, at a zone that asks for daylight (a warning).

    Soyuz MS-20 lands 2021-12-21 02:25 UTC before sunrise at Zhezkazgan (Sun -6.6°)
    Soyuz MS-20 lands 2021-12-20 03:53 UTC, 40 min from the nearest landing opportunity at Zhezkazgan
    (2021-12-20 03:12 UTC)

Which landings: the landings of vehicle types whose landing zone asks for daylight (``daylight_landing`` in
``resources/landing/zones.json``, with its source: NASA's ground rules ask for a Soyuz landing between sunrise and
sunset at the site). Dragon's zones do not: Dragon comes down at night too, sets its own place along the orbit with
its burns, and the weather decides its day. The zones a vehicle type lands in are the zones naming it
(:func:`planner.model.landing_zones.zones_of`).

Daylight: the Sun's centre above -0.833 degrees at the zone's centre at the planned landing (sunrise as the almanac
has it, :data:`planner.orbit.landing.SUNRISE_ELEVATION_DEG`); the Sun alone decides it, so it is judged wherever the
bundled ephemeris reaches. Landing opportunities: the estimated landings of :mod:`planner.orbit.landing` (the
station's pass over the zone plus the zone's lead, derived from the real landings of 2021). A planned landing more
than :data:`TOLERANCE_MIN` from the nearest one is "far": the capsule comes down only on a pass over the zone, and
a minute along the orbit moves the landing point by hundreds of kilometres, so a landing that far off cannot be
where the plan says; 10 minutes is a planner default well above what the estimate misses by (the two real 2021
landings came within a minute of it; the lead's two measurements differ by half a minute). Opportunities depend on
where along its orbit the station is, which drifts within weeks, so they are judged only within the project's
element-set age (``element_set_max_age_days``, as the activity rules: with a 65-day-old set MS-20's pass comes 23
minutes early); farther, the warning says they cannot be judged (and the daylight is still judged).

The fix, where one is found: the landing moved, with the undocking before it, to the nearest opportunity in
daylight within :data:`SEARCH_S`, offered only when the landing then meets this rule and the undocking is not in
high beta (:mod:`planner.rules.event_fixes`).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from planner.model.catalogue import StationSettings
from planner.model.landing_zones import LandingZone, zones_of
from planner.model.mission import EventKind
from planner.model.time_text import short_time
from planner.orbit.errors import CannotJudge
from planner.orbit.horizon import outside_ephemeris
from planner.rules.activities import element_set_distance
from planner.rules.findings import Finding, Severity
from planner.rules.orbit_rule import OrbitCache, spans

LANDING = "landing"

#: A landing farther than this from every landing opportunity is far from them (planner default, see above).
TOLERANCE_MIN = 10.0
#: The nearest opportunity is looked for this far either side of a landing (they come about once a day).
LOOK_S = 1.5 * 86400.0
#: How far either way the fix looks for an opportunity in daylight.
SEARCH_S = 3 * 86400.0
#: Whether the Sun is rising is read this long after the landing.
_RISING_S = 60.0


class LandingRow(NamedTuple):
    """A landing the rule judges: the mission, its name, the event's position and time, and the zones its type
    lands in that ask for daylight."""

    mission: str
    name: str
    index: int
    utc: float
    zones: tuple[LandingZone, ...]


class LandingContext(NamedTuple):
    """What the rule reads: the settings, the element-set epochs (sorted epoch seconds), the orbit's cached
    answers."""

    settings: StationSettings
    epochs: list[float]
    cache: OrbitCache


def daylight_zones(vehicle_type: str) -> tuple[LandingZone, ...]:
    """The zones a vehicle type lands in that ask for a landing in daylight."""
    return tuple(zone for zone in zones_of(vehicle_type) if zone.daylight_landing)


def landing_rows(missions) -> list[LandingRow]:
    """The landings of these missions that the rule judges (those of types landing where daylight is asked)."""
    rows, zones = [], {}
    for mission in missions:
        kind = mission.vehicle_type
        if kind not in zones:
            zones[kind] = daylight_zones(kind)
        if zones[kind]:
            rows += [LandingRow(mission.id, mission.name, i, e.utc.timestamp(), zones[kind])
                     for i, e in enumerate(mission.events) if e.kind is EventKind.LAND]
    return rows


class Judged(NamedTuple):
    """What the rule found about one landing (times in epoch seconds; nan where not worked out)."""

    zone: LandingZone
    sun_deg: float  # at the zone's centre at the landing
    rising: bool
    nearest: float  # the nearest estimated landing at that zone (nan: none within LOOK_S, or not judged)
    reason: str | None  # why the opportunities (or, with ``sun_deg`` nan, everything) cannot be judged


def judge(rows: list[LandingRow], ctx: LandingContext) -> list[Judged]:
    """Each landing's Sun and nearest opportunity (the orbit asked once per zone for all of them)."""
    t = np.fromiter((r.utc for r in rows), float, len(rows))
    out: list[Judged | None] = [None] * len(rows)
    beyond = [outside_ephemeris(x - LOOK_S, x + LOOK_S) for x in t.tolist()]
    distance, nearest_epoch = element_set_distance(ctx.epochs, t, t)
    limit = ctx.settings.element_set_max_age_days * 86400.0
    by_zone: dict[str, list[int]] = {}
    for k, row in enumerate(rows):
        if beyond[k]:
            out[k] = Judged(row.zones[0], math.nan, False, math.nan, beyond[k])
        else:
            for zone in row.zones:
                by_zone.setdefault(zone.id, []).append(k)
    zone_of = {zone.id: zone for row in rows for zone in row.zones}
    for zone_id, pos in by_zone.items():
        zone = zone_of[zone_id]
        at = t[pos]
        sun = ctx.cache.orbit.sun_elevation(zone.lat_deg, zone.lon_deg, np.concatenate((at, at + _RISING_S)))
        now, later = sun[:len(pos)], sun[len(pos):]
        judged = distance[pos] <= limit
        nearest = np.full(len(pos), math.nan)
        reasons: list[str | None] = [None if ok else _far_reason(float(d), float(e), limit) for d, e, ok in
                                     zip(distance[pos].tolist(), nearest_epoch[pos].tolist(), judged.tolist())]
        if judged.any():
            try:
                times = ctx.cache.landings(zone, [(a - LOOK_S, b + LOOK_S) for a, b in
                                                  spans(at[judged], at[judged], LOOK_S)])
            except CannotJudge as error:
                reasons = [error.reason if ok else r for ok, r in zip(judged.tolist(), reasons)]
            else:
                nearest[judged] = nearest_of(times, at[judged], LOOK_S)
        for i, k in enumerate(pos):
            found = Judged(zone, float(now[i]), bool(later[i] > now[i]), float(nearest[i]), reasons[i])
            # With several zones, the one with the nearest opportunity counts.
            if out[k] is None or _gap(found, t[k]) < _gap(out[k], t[k]):
                out[k] = found
    return out


def _gap(judged: Judged, when: float) -> float:
    return abs(judged.nearest - when) if not math.isnan(judged.nearest) else math.inf


def nearest_of(times: np.ndarray, at: np.ndarray, look_s: float) -> np.ndarray:
    """For each instant of ``at``: the nearest of the sorted ``times`` within ``look_s``, nan for none."""
    if not len(times):
        return np.full(len(at), math.nan)
    k = np.searchsorted(times, at)
    before = times[np.maximum(k - 1, 0)]
    after = times[np.minimum(k, len(times) - 1)]
    best = np.where(np.abs(at - before) <= np.abs(after - at), before, after)
    return np.where(np.abs(best - at) <= look_s, best, math.nan)


def is_sound(judged: Judged, when: float) -> bool:
    """True when the landing at ``when`` breaks nothing of this rule: in daylight, near an opportunity."""
    from planner.orbit.landing import SUNRISE_ELEVATION_DEG

    return (judged.reason is None and judged.sun_deg > SUNRISE_ELEVATION_DEG
            and abs(judged.nearest - when) <= TOLERANCE_MIN * 60.0)


def landing_findings(rows: list[LandingRow], ctx: LandingContext) -> dict[str, list[Finding]]:
    """Mission id -> the findings of its landings among ``rows`` (missions without any have no entry)."""
    from planner.orbit.landing import SUNRISE_ELEVATION_DEG

    found: dict[str, list[Finding]] = {}
    if not rows:
        return found
    for row, judged in zip(rows, judge(rows, ctx)):
        said = f"{row.name} lands {short_time(row.utc)}"
        where = judged.zone.name
        if math.isnan(judged.sun_deg):
            message = f"{said}: daylight and landing opportunities at {where} cannot be judged: {judged.reason}"
        else:
            parts = []
            if judged.sun_deg <= SUNRISE_ELEVATION_DEG:
                parts.append(f" {'before sunrise' if judged.rising else 'after sunset'} at {where} "
                             f"(Sun {judged.sun_deg:.1f}°)")
            there = "there" if parts else f"at {where}"
            if judged.reason is not None:
                parts.append(f"; whether it meets a landing opportunity {there} cannot be judged: {judged.reason}")
            elif math.isnan(judged.nearest):
                parts.append(f", with no landing opportunity {there} within {LOOK_S / 3600:g} h")
            elif abs(judged.nearest - row.utc) > TOLERANCE_MIN * 60.0:
                parts.append(f", {_duration(abs(judged.nearest - row.utc))} from the nearest landing opportunity "
                             f"{there} ({short_time(judged.nearest)})")
            if not parts:
                continue
            message = said + "".join(parts)
        found.setdefault(row.mission, []).append(
            Finding(LANDING, Severity.WARNING, row.utc, row.utc, message, (row.mission,)))
    return found


def _duration(seconds: float) -> str:
    """'40 min', '10.5 h'."""
    return f"{seconds / 60:.0f} min" if seconds < 2 * 3600 else f"{seconds / 3600:.1f} h"


def _far_reason(distance: float, nearest: float, limit_s: float) -> str:
    if not math.isfinite(distance):
        return "the project has no element set"
    return (f"{distance / 86400:.1f} days from the nearest element set (epoch {short_time(nearest)}), which "
            f"places the station along its orbit for {limit_s / 86400:g} days: import one nearer that time")
