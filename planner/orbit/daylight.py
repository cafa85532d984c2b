"""Sunlight on the station: sunlit, penumbra and umbra intervals, with transitions refined to a fraction of a second.

"Sunlit" follows skyfield's ``is_sunlit``: the centre of the Sun is not hidden by a spherical Earth of
radius 6378.1366 km. The penumbra is the part where the Earth's limb crosses the Sun's disc.
"""

from __future__ import annotations

import numpy as np

from planner.orbit import intervals, screen
from planner.orbit.errors import CannotJudge
from planner.orbit.horizon import as_windows, beyond_ephemeris, outside_ephemeris
from planner.orbit.orbit import Orbit
from planner.orbit.sampling import HermiteOrbit, Scan, grid_covering, secant
from planner.orbit.timebase import epoch_seconds

EARTH_RADIUS_KM = 6378.1366  # skyfield's ERAD: the sphere its is_sunlit tests against
SUN_RADIUS_KM = 695700.0  # IAU 2015 nominal solar radius
_SUN_KNOT_S = 3600.0  # the Sun moves 0.04 degrees an hour: linear interpolation between hourly knots is exact
_ROTATION_BLOCK_S = 5 * 86400.0
_SECANT_STEPS = 4  # regula falsi steps on brackets of up to a knot step (the margins are nearly straight there)
_MAX_RATE_RAD_S = 0.0013  # the Sun-Earth separation seen from a low orbit changes no faster than its mean motion


def sun_teme(seconds, knot_s: float = _SUN_KNOT_S) -> np.ndarray:
    """Geocentric Sun position (km, shape (3, n)) in the TEME frame of date, from DE421, interpolated between knots
    every ``knot_s`` (hourly: exact to metres; the beta angle, a direction only, takes six-hourly ones)."""
    seconds = np.atleast_1d(epoch_seconds(seconds))
    lo = np.floor(seconds.min() / knot_s) * knot_s
    hi = np.ceil(seconds.max() / knot_s) * knot_s
    if (hi - lo) / knot_s > 4 * len(seconds):  # a few times far apart: only the knots either side of each
        below = np.floor(seconds / knot_s)
        knots = np.unique(np.concatenate((below, below + 1.0))) * knot_s
    else:
        knots = np.arange(lo, hi + knot_s, knot_s)
    sun = _sun_teme_knots(knots)
    return np.stack([np.interp(seconds, knots, sun[i]) for i in range(3)])


def _sun_teme_knots(knots: np.ndarray) -> np.ndarray:
    from skyfield.nutationlib import iau2000b_radians
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
    at = skyfield_times((blocks + 0.5) * _ROTATION_BLOCK_S)
    # IAU 2000B nutation, as skyfield's own almanac uses it: within a milliarcsecond of the full series (far less
    # than the block's own turn) at a twentieth of its cost, which was a tenth of a year's daylight.
    at._nutation_angles_radians = iau2000b_radians(at)
    rotation = TEME.rotation_at(at)  # (3, 3, n_blocks)
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
        light = _light(orbit, as_windows([[t0, t1]]), (0, 1, -1), step_s)
        # centre: sunlit (skyfield's test); far edge: some of the disc shows; near edge: all of it.
        self.sunlit = light[0]
        self.umbra = intervals.complement(light[1], t0, t1)
        self.penumbra = intervals.subtract(light[1], light[-1])
        self.shadow = intervals.complement(self.sunlit, t0, t1)


def _light(orbit: Orbit, windows: np.ndarray, limbs: tuple[int, ...], step_s: float) -> dict[int, np.ndarray]:
    """For each limb, the times inside the normalised ``windows`` when that part of the Sun is above the Earth's
    limb: 0 its centre, +1 its far edge (some light), -1 its near edge (all of it)."""
    if not len(windows):
        return {limb: intervals.EMPTY.copy() for limb in limbs}
    beyond_ephemeris(windows)  # said before the orbit is flown there
    sun_t = grid_covering(windows, _SUN_KNOT_S)
    sun_knots = _sun_teme_knots(sun_t)

    def sun_at(t):
        return np.stack([np.interp(t, sun_t, sun_knots[i]) for i in range(3)])

    # Where every limb surely stays lit, or dark, over a coarse step, that is the answer; the rest is looked at closely.
    coarse = HermiteOrbit(orbit, windows, frame="teme", step_s=screen.SUNLIGHT_STEP_S)
    sep, earth, sun_radius = shadow_geometry(coarse.pos, sun_at(coarse.knots))
    lit, dark = screen.steady(coarse.knots, [sep - earth + limb * sun_radius for limb in limbs],
                              _MAX_RATE_RAD_S * coarse.step)
    closely = screen.parts(windows, coarse.knots, ~lit & ~dark, coarse.step)
    found = _changes(orbit, closely, limbs, step_s, sun_at)
    lit = screen.parts(windows, coarse.knots, lit, coarse.step)
    return {limb: intervals.union(lit, found[limb]) for limb in limbs}


def _changes(orbit: Orbit, windows: np.ndarray, limbs: tuple[int, ...], step_s: float, sun_at):
    """:func:`_light` on knots every 60 s over the normalised ``windows``, the Sun's place given by ``sun_at``."""
    if not len(windows):
        return {limb: intervals.EMPTY.copy() for limb in limbs}
    track = HermiteOrbit(orbit, windows, frame="teme")

    def margins(t, limb):
        sep, earth, sun_radius = shadow_geometry(track.at(t), sun_at(t))
        return sep - earth + limb * sun_radius

    # The margins at the knots and the windows' starts. Within a step a margin crosses zero once where its ends'
    # signs differ; where they agree it may dip across and back (a short eclipse at a high beta angle) only if it
    # could travel both ways within the step: there, and there only, it is scanned every ``step_s``.
    scan = Scan(track, windows)
    starts = windows[:, 0]
    sep, earth, sun_radius = scan.merge(np.stack(shadow_geometry(track.pos, sun_at(track.knots))),
                                        np.stack(shadow_geometry(track.at(starts), sun_at(starts))))
    t, s = scan.t, scan.steps
    travel = _MAX_RATE_RAD_S * (t[s + 1] - t[s])
    lo, hi, f_lo, f_hi, kind, step, holds = [], [], [], [], [], [], {}
    for limb in limbs:
        values = sep - earth + limb * sun_radius
        holds[limb] = values[scan.starts] > 0
        v0, v1 = values[s], values[s + 1]
        flip = np.flatnonzero((v0 > 0) != (v1 > 0))
        maybe = np.flatnonzero(((v0 > 0) == (v1 > 0)) & (np.abs(v0) + np.abs(v1) < travel))
        fine = np.minimum(t[s[maybe], None] + np.arange(0.0, track.step + step_s, step_s), t[s[maybe] + 1, None])
        f_fine = margins(fine.ravel(), limb).reshape(fine.shape)
        m, j = np.nonzero((f_fine[:, 1:] > 0) != (f_fine[:, :-1] > 0))
        lo += [t[s[flip]], fine[m, j]]
        hi += [t[s[flip] + 1], fine[m, j + 1]]
        f_lo += [v0[flip], f_fine[m, j]]
        f_hi += [v1[flip], f_fine[m, j + 1]]
        kind.append(np.full(len(flip) + len(m), limb))
        step += [flip, maybe[m]]
    # One vectorised refinement for the kinds of crossing together.
    kind, step = np.concatenate(kind), np.concatenate(step)
    crossings = secant(lambda x: margins(x, kind), *(np.concatenate(a) for a in (lo, hi, f_lo, f_hi)),
                       iterations=_SECANT_STEPS)
    return {limb: scan.within(holds[limb], crossings[kind == limb], step[kind == limb]) for limb in limbs}


def sunlit_within(orbit: Orbit, windows, step_s: float = 10.0) -> np.ndarray:
    """The times inside ``windows`` ((n, 2) epoch seconds, sorted and disjoint) when the station is sunlit.

    SGP4 and the Sun are computed only around the windows, so the work follows the time they hold, however they
    are spread. Raises :class:`CannotJudge` naming the first window past the ephemeris, where SGP4 fails, or past
    which the windows hold too much time.
    """
    return _light(orbit, as_windows(windows), (0,), step_s)[0]


def sunlit_intervals(orbit: Orbit, start, end, step_s: float = 10.0) -> np.ndarray:
    """Intervals (n, 2) of epoch seconds when the station is sunlit in ``start..end``."""
    return sunlit_within(orbit, [[float(epoch_seconds(start)), float(epoch_seconds(end))]], step_s)


def shadow_intervals(orbit: Orbit, start, end, step_s: float = 10.0) -> np.ndarray:
    """Intervals (n, 2) of epoch seconds when the station is in the Earth's shadow (the Sun's centre hidden)."""
    return Daylight(orbit, start, end, step_s).shadow
