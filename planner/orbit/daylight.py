"""Sunlight on the station: sunlit, penumbra and umbra intervals, with transitions refined to a fraction of a second.

"Sunlit" follows skyfield's ``is_sunlit``: the centre of the Sun is not hidden by a spherical Earth of
radius 6378.1366 km. The penumbra is the part where the Earth's limb crosses the Sun's disc.
"""

from __future__ import annotations

import numpy as np

from planner.orbit import intervals
from planner.orbit.errors import CannotJudge
from planner.orbit.horizon import outside_ephemeris, span_too_long
from planner.orbit.orbit import Orbit
from planner.orbit.sampling import HermiteOrbit, secant, sign_changes
from planner.orbit.timebase import epoch_seconds

EARTH_RADIUS_KM = 6378.1366  # skyfield's ERAD: the sphere its is_sunlit tests against
SUN_RADIUS_KM = 695700.0  # IAU 2015 nominal solar radius
_SUN_KNOT_S = 3600.0  # the Sun moves 0.04 degrees an hour: linear interpolation between hourly knots is exact
_ROTATION_BLOCK_S = 5 * 86400.0
_MAX_RATE_RAD_S = 0.0013  # the Sun-Earth separation seen from a low orbit changes no faster than its mean motion


def sun_teme(seconds) -> np.ndarray:
    """Geocentric Sun position (km, shape (3, n)) in the TEME frame of date, from DE421."""
    seconds = np.atleast_1d(epoch_seconds(seconds))
    lo = np.floor(seconds.min() / _SUN_KNOT_S) * _SUN_KNOT_S
    hi = np.ceil(seconds.max() / _SUN_KNOT_S) * _SUN_KNOT_S
    knots = np.arange(lo, hi + _SUN_KNOT_S, _SUN_KNOT_S)
    sun = _sun_teme_knots(knots)
    return np.stack([np.interp(seconds, knots, sun[i]) for i in range(3)])


def _sun_teme_knots(knots: np.ndarray) -> np.ndarray:
    from skyfield.sgp4lib import TEME

    from planner.orbit.skydata import ephemeris, skyfield_times

    beyond = outside_ephemeris(float(knots.min()), float(knots.max())) if knots.size else None
    if beyond:  # jplephem would say OutOfRangeError with Julian dates
        raise CannotJudge(beyond, float(knots.min()), float(knots.max()))
    t = skyfield_times(knots)
    # The segments of DE421 straight from jplephem (positions only): Sun - (Earth-Moon barycentre + Earth).
    pairs = ephemeris().spk.pairs
    sun_gcrs = sum(sign * pairs[key].compute(t.whole, t.tdb_fraction)
                   for sign, key in ((1, (0, 10)), (-1, (0, 3)), (-1, (3, 399))))
    # GCRS -> TEME is precession and nutation: it turns by about an arcsecond in five days (a few
    # centimetres at the station), so one rotation per five days (nutation is the costly part) is enough.
    block = np.floor(knots / _ROTATION_BLOCK_S)
    blocks, which = np.unique(block, return_inverse=True)
    rotation = TEME.rotation_at(skyfield_times((blocks + 0.5) * _ROTATION_BLOCK_S))  # (3, 3, n_blocks)
    return np.einsum("ijn,jn->in", rotation[:, :, which], sun_gcrs)


def shadow_geometry(r_teme: np.ndarray, sun: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Angle between the Sun's centre and the Earth's centre seen from the station, the Earth's and
    the Sun's angular radii (radians, each shape (n,))."""
    to_sun = sun - r_teme
    d_sun = np.sqrt((to_sun * to_sun).sum(axis=0))
    d_earth = np.sqrt((r_teme * r_teme).sum(axis=0))
    cos_sep = -(to_sun * r_teme).sum(axis=0) / (d_sun * d_earth)
    separation = np.arccos(np.clip(cos_sep, -1.0, 1.0))
    return separation, np.arcsin(np.minimum(EARTH_RADIUS_KM / d_earth, 1.0)), np.arcsin(SUN_RADIUS_KM / d_sun)


def sunlit_at(orbit: Orbit, seconds) -> np.ndarray:
    """Whether the station is sunlit at each time (the Sun's centre above the Earth's limb)."""
    seconds = np.atleast_1d(epoch_seconds(seconds))
    r, _ = orbit.teme(seconds)
    sep, earth, _sun = shadow_geometry(r, sun_teme(seconds))
    return sep > earth


class Daylight:
    """Sunlight on the station over one span: sunlit, penumbra and umbra intervals (epoch seconds)."""

    def __init__(self, orbit: Orbit, start, end, step_s: float = 10.0):
        t0, t1 = float(epoch_seconds(start)), float(epoch_seconds(end))
        self.start, self.end = t0, t1
        beyond = span_too_long(t0, t1) or outside_ephemeris(t0, t1)  # said before the orbit is flown there
        if beyond:
            raise CannotJudge(beyond, t0, t1)
        track = HermiteOrbit(orbit, t0 - 60.0, t1 + 60.0, frame="teme")
        sun_lo, sun_hi = t0 - 2 * 3600.0, t1 + 2 * 3600.0
        knots = np.arange(np.floor(sun_lo / _SUN_KNOT_S), np.ceil(sun_hi / _SUN_KNOT_S) + 1) * _SUN_KNOT_S
        sun_knots = _sun_teme_knots(knots)

        def margins(t, limb):
            # limb 0: the Sun's centre at the Earth's limb; +1: its far edge (some light); -1: its near edge.
            sun = np.stack([np.interp(t, knots, sun_knots[i]) for i in range(3)])
            sep, earth, sun_radius = shadow_geometry(track.at(t), sun)
            return sep - earth + limb * sun_radius

        # Scan at the knots, then at ``step_s`` only inside the knot intervals where a margin could
        # change sign: a fine scan everywhere would cost more than the propagation itself.
        kt = track.knots
        sep, earth, sun_radius = shadow_geometry(
            track.pos, np.stack([np.interp(kt, knots, sun_knots[i]) for i in range(3)]))
        reach = _MAX_RATE_RAD_S * track.step + sun_radius.max()
        near = np.abs(sep - earth) < reach
        near = np.flatnonzero((near[:-1] | near[1:]) & (kt[1:] > t0) & (kt[:-1] < t1))
        fine = (kt[near][:, None] + np.arange(0.0, track.step + 1e-9, step_s)[None, :]).ravel()
        grid = np.union1d(np.clip(fine, t0, t1), [t0, t1])
        sep, earth, sun_radius = shadow_geometry(
            track.at(grid), np.stack([np.interp(grid, knots, sun_knots[i]) for i in range(3)]))
        found = {}
        brackets = []
        for limb in (0, 1, -1):
            values = sep - earth + limb * sun_radius
            i = sign_changes(values)
            # Two grid points far apart (no fine scan between them) cannot hold a crossing.
            i = i[grid[i + 1] - grid[i] <= step_s + 1e-6]
            found[limb] = (bool(values[0] > 0), len(i))
            brackets.append((i, np.full(len(i), limb), values[i], values[i + 1]))
        # One vectorised refinement for the three kinds of crossing together.
        i = np.concatenate([b[0] for b in brackets])
        limbs = np.concatenate([b[1] for b in brackets])
        crossings = secant(lambda t: margins(t, limbs), grid[i], grid[i + 1],
                           np.concatenate([b[2] for b in brackets]), np.concatenate([b[3] for b in brackets]))
        pieces = np.split(crossings, np.cumsum([found[0][1], found[1][1]]))
        make = {limb: intervals.from_crossings(t0, t1, found[limb][0], np.sort(piece))
                for limb, piece in zip((0, 1, -1), pieces)}
        # centre: sunlit (skyfield's test); far edge: some of the disc shows; near edge: all of it.
        self.sunlit = make[0]
        self.umbra = intervals.complement(make[1], t0, t1)
        self.penumbra = intervals.subtract(make[1], make[-1])
        self.shadow = intervals.complement(self.sunlit, t0, t1)


def sunlit_intervals(orbit: Orbit, start, end, step_s: float = 10.0) -> np.ndarray:
    """Intervals (n, 2) of epoch seconds when the station is sunlit."""
    return Daylight(orbit, start, end, step_s).sunlit


def shadow_intervals(orbit: Orbit, start, end, step_s: float = 10.0) -> np.ndarray:
    """Intervals (n, 2) of epoch seconds when the station is in the Earth's shadow (the Sun's centre hidden)."""
    return Daylight(orbit, start, end, step_s).shadow
