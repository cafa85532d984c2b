"""Passes of the station over ground sites: rise, culmination, set and maximum elevation.

SGP4 runs once on a 60 s grid for all sites; each site's candidate passes come from a cheap bound on
the angle between the station and the site seen from the Earth's centre, and rise, set and culmination
are then refined by bisection on the interpolated orbit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np

from planner.orbit import intervals, screen
from planner.orbit.geodesy import ecef_of, up_of
from planner.orbit.horizon import as_windows
from planner.orbit.orbit import Orbit
from planner.orbit.sampling import HermiteOrbit, Scan, bisect, secant
from planner.orbit.timebase import epoch_seconds, to_datetime

_PAD_S = 20 * 60.0  # a low-orbit pass lasts under 15 minutes: look this far past the span's ends
_GEODETIC_MARGIN_RAD = np.radians(0.5)  # geocentric vs geodetic vertical, and the ellipsoid's shape
# The elevation bends over a knot step: regula falsi alone stalled seconds from a rise or set (2.4 s in ten days of
# passes); six halvings (to a second) first leave a nearly straight stretch, where three steps reach microseconds.
_REFINE = dict(halvings=6, iterations=3)


@dataclass(frozen=True)
class Site:
    """Where to look from: geodetic latitude and longitude (degrees), height (m), minimum elevation."""

    lat_deg: float
    lon_deg: float
    alt_m: float = 0.0
    min_elevation_deg: float = 0.0
    name: str = ""

    @classmethod
    def of(cls, site, min_elevation_deg: float | None = None) -> "Site":
        """A Site from a ``GroundSite``, a ``Site`` or a (lat, lon[, alt_m]) tuple."""
        if isinstance(site, Site):
            return site if min_elevation_deg is None else Site(site.lat_deg, site.lon_deg, site.alt_m,
                                                               min_elevation_deg, site.name)
        if hasattr(site, "lat_deg"):
            return cls(site.lat_deg, site.lon_deg, site.alt_m,
                       site.min_elevation_deg if min_elevation_deg is None else min_elevation_deg, site.name)
        lat, lon, *rest = site
        return cls(float(lat), float(lon), float(rest[0]) if rest else 0.0, min_elevation_deg or 0.0)


@dataclass(frozen=True)
class Pass:
    """One pass over a site. ``rise``/``set`` are None when the station is already up at, or still up
    after, the edge of the computed span; times are UTC epoch seconds."""

    site: int
    rise: float | None
    culminate: float
    set: float | None
    max_elevation_deg: float

    def as_dict(self) -> dict:
        """The pass with ISO UTC times, as the command line prints it."""
        from planner.model.times import format_utc

        def iso(t):
            return None if t is None else format_utc(to_datetime(round(t, 3)))

        return {"rise": iso(self.rise), "culminate": iso(self.culminate), "set": iso(self.set),
                "max_elevation_deg": round(self.max_elevation_deg, 2)}

    @property
    def rise_datetime(self) -> datetime | None:
        return None if self.rise is None else to_datetime(self.rise)

    @property
    def set_datetime(self) -> datetime | None:
        return None if self.set is None else to_datetime(self.set)


def find_passes(orbit: Orbit, sites, start, end, min_elevation_deg: float | None = None) -> list[Pass]:
    """Passes culminating in ``start..end`` above each site's minimum elevation, ordered by culmination.

    ``sites`` is a list of ``Site``/``GroundSite``/(lat, lon[, alt]) tuples; ``min_elevation_deg``
    overrides each site's own. ``Pass.site`` is the index of the site in ``sites``.
    """
    t0, t1 = float(epoch_seconds(start)), float(epoch_seconds(end))
    sites = [Site.of(s, min_elevation_deg) for s in sites]
    if not sites or t1 <= t0:
        return []
    track = HermiteOrbit(orbit, [[t0 - _PAD_S, t1 + _PAD_S]], frame="ecef")
    runs = _candidate_runs(track, sites)
    return _refine(track, sites, runs, t0, t1)


def _site_vectors(sites: list[Site]):
    lat = np.array([s.lat_deg for s in sites])
    lon = np.array([s.lon_deg for s in sites])
    alt = np.array([s.alt_m for s in sites]) / 1000.0
    return ecef_of(lat, lon, alt), up_of(lat, lon), np.radians([s.min_elevation_deg for s in sites])


def _reach(track: HermiteOrbit, sites: list[Site]):
    """The angle between each site and the station seen from the Earth's centre at each knot (a list, one array
    per site), the farthest such angle at which the station can be above each site's minimum elevation, and how
    fast the angle can change (rad/s)."""
    pos, vel = track.pos, track.vel
    radius = np.sqrt((pos * pos).sum(axis=0))
    rate = float(np.nanmax(np.sqrt((vel * vel).sum(axis=0)) / radius)) * 1.05
    r_max = float(np.nanmax(radius))
    site_pos, _up, min_el = _site_vectors(sites)
    site_r = np.sqrt((site_pos * site_pos).sum(axis=0))
    # Farthest central angle at which the station can be above the minimum elevation (spherical Earth).
    reach = np.arccos(np.clip(site_r / r_max * np.cos(min_el), -1, 1)) - min_el + _GEODETIC_MARGIN_RAD
    unit, site_unit = pos / radius, site_pos / site_r
    # One site at a time: all of them at once (50 sites, 30 days) outgrow the caches and took three times longer.
    psi = [np.arccos(np.clip((unit * site_unit[:, k, None]).sum(axis=0), -1.0, 1.0)) for k in range(len(sites))]
    return psi, reach, rate


def _candidate_runs(track: HermiteOrbit, sites: list[Site]) -> np.ndarray:
    """Rows (site, first knot, last knot) of knot runs that may hold a pass."""
    psi, reach, rate = _reach(track, sites)
    rows = []
    for k in range(len(sites)):
        # The lowest the angle can get between two knots, given how fast it can change.
        low = (psi[k][:-1] + psi[k][1:] - rate * track.step) / 2
        near = np.concatenate(([False], low <= reach[k], [False]))
        edges = np.flatnonzero(near[1:] != near[:-1])
        first, last = edges[0::2], edges[1::2]  # knot intervals first..last-1 are near: knots first..last
        rows.append(np.stack((np.full(len(first), k), first, last), axis=1))
    return np.concatenate(rows) if rows else np.zeros((0, 3), int)


def _refine(track: HermiteOrbit, sites: list[Site], runs: np.ndarray, t0: float, t1: float) -> list[Pass]:
    site_pos, up, min_el = _site_vectors(sites)
    if not len(runs):
        return []
    which = runs[:, 0]
    p_site, u_site = site_pos[:, which], up[:, which]
    sin_min = np.sin(min_el[which])

    # Elevation at every knot of every run, flattened; ``seg`` says which run a knot belongs to.
    lengths = runs[:, 2] - runs[:, 1] + 1
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    seg = np.repeat(np.arange(len(runs)), lengths)
    knot = runs[seg, 1] + np.arange(lengths.sum()) - starts[seg]
    rho = track.pos[:, knot] - p_site[:, seg]
    sin_el = (rho * u_site[:, seg]).sum(axis=0) / np.sqrt((rho * rho).sum(axis=0))
    sin_el = np.nan_to_num(sin_el, nan=-2.0)

    # The highest knot of each run; the culmination lies within a knot step of it.
    best = np.maximum.reduceat(sin_el, starts)
    is_best = sin_el == best[seg]
    top = np.minimum.reduceat(np.where(is_best, np.arange(len(sin_el)), len(sin_el)), starts)
    top_knot = knot[top]
    # A run whose best knot is at its edge is cut by the padded span: no whole pass there. Its highest
    # possible elevation is also skipped when it cannot reach the minimum.
    ok = (top > starts) & (top < starts + lengths - 1) & (best > sin_min - 0.05)
    r = np.flatnonzero(ok)

    def sin_elevation(t, idx):
        return _sin_elevation(track.at(t), p_site[:, idx], u_site[:, idx])

    def climbing(t, idx):
        return _climb_rate(*track.pv(t), p_site[:, idx], u_site[:, idx])

    lo, hi = track.knots[top_knot[r] - 1], track.knots[top_knot[r] + 1]
    culm = bisect(lambda t: climbing(t, r), lo, hi, tolerance_s=0.02)
    max_sin = sin_elevation(culm, r)
    keep = (max_sin >= sin_min[r]) & (culm >= t0) & (culm <= t1)
    r, culm, max_sin = r[keep], culm[keep], max_sin[keep]

    # Rise: between the last knot below the minimum before the culmination and the next knot (or the
    # culmination); set likewise after it. None when the run has no such knot (the span's edge).
    below = sin_el < sin_min[seg]
    culm_of = np.full(len(runs), np.nan)
    culm_of[r] = culm
    t_knot = track.knots[knot]
    before = below & (t_knot < culm_of[seg])
    after = below & (t_knot > culm_of[seg])
    last_before = np.maximum.reduceat(np.where(before, np.arange(len(sin_el)), -1), starts)[r]
    first_after = np.minimum.reduceat(np.where(after, np.arange(len(sin_el)), len(sin_el)), starts)[r]
    rise = np.full(len(r), np.nan)
    sett = np.full(len(r), np.nan)

    def above(t, idx):
        return sin_elevation(t, idx) - sin_min[idx]

    a = np.flatnonzero(last_before >= 0)
    ra, ka = r[a], knot[last_before[a]]
    lo_a, hi_a = track.knots[ka], np.minimum(track.knots[ka + 1], culm[a])
    rise[a] = secant(lambda t: above(t, ra), lo_a, hi_a, above(lo_a, ra), above(hi_a, ra), **_REFINE)
    b = np.flatnonzero(first_after < len(sin_el))
    rb, kb = r[b], knot[np.minimum(first_after[b], len(sin_el) - 1)]
    lo_b, hi_b = np.maximum(track.knots[kb - 1], culm[b]), track.knots[kb]
    sett[b] = secant(lambda t: above(t, rb), lo_b, hi_b, above(lo_b, rb), above(hi_b, rb), **_REFINE)

    max_el = np.degrees(np.arcsin(np.clip(max_sin, -1, 1)))
    order = np.argsort(culm, kind="stable")
    site_of = which[r].tolist()
    rise_l, culm_l, set_l, el_l = rise.tolist(), culm.tolist(), sett.tolist(), max_el.tolist()
    return [Pass(site_of[i], None if rise_l[i] != rise_l[i] else rise_l[i], culm_l[i],
                 None if set_l[i] != set_l[i] else set_l[i], el_l[i]) for i in order]


def in_view_within(orbit: Orbit, site, windows, min_elevation_deg: float | None = None,
                   track: HermiteOrbit | None = None) -> np.ndarray:
    """The times inside ``windows`` ((n, 2) epoch seconds, sorted and disjoint) when the station is above the
    site's minimum elevation (``min_elevation_deg`` overrides the site's own).

    SGP4 runs only around the windows, so the work follows the time they hold, however they are spread.
    ``track``: an Earth-fixed :class:`HermiteOrbit` at the knot step over the windows, when the caller has one
    (several sites and relays over one span share it, :mod:`planner.orbit.coverage`): SGP4 then does not run here.
    Raises :class:`CannotJudge` naming the first window where SGP4 fails or past which they hold too much time.
    """
    site = Site.of(site, min_elevation_deg)
    windows = as_windows(windows)
    if not len(windows):
        return intervals.EMPTY.copy()
    if track is None:
        # Where the station surely stays out of the site's reach over a coarse step, it is not in view: the rest
        # is looked at closely.
        coarse = HermiteOrbit(orbit, windows, frame="ecef", step_s=screen.SITE_STEP_S)
        psi, reach, rate = _reach(coarse, [site])
        _near, out = screen.steady(coarse.knots, reach[0] - psi[0], rate * coarse.step)
        windows = screen.parts(windows, coarse.knots, ~out, coarse.step)
        if not len(windows):
            return intervals.EMPTY.copy()
        track = HermiteOrbit(orbit, windows, frame="ecef")
    site_pos, up, min_el = _site_vectors([site])
    sin_min = float(np.sin(min_el[0]))

    def above(t):
        return _sin_elevation(track.at(t), site_pos, up) - sin_min

    def climbing(t):
        return _climb_rate(*track.pv(t), site_pos, up)

    scan = Scan(track, windows)
    starts = windows[:, 0]
    start_pos, start_vel = track.pv(starts)
    f = scan.merge(_sin_elevation(track.pos, site_pos, up), _sin_elevation(start_pos, site_pos, up)) - sin_min
    rate = scan.merge(_climb_rate(track.pos, track.vel, site_pos, up), _climb_rate(start_pos, start_vel, site_pos, up))
    t, s = scan.t, scan.steps
    up_now, up_next, rising, rising_next = f[s] > 0, f[s + 1] > 0, rate[s] > 0, rate[s + 1] > 0
    # Within a step the elevation turns at most once (culminations are most of an orbit apart): where both ends
    # are below and it culminates between them, it may rise above and set again (a short pass); likewise above.
    turns = np.flatnonzero((up_now == up_next) & (rising != up_now) & (rising_next == up_now))
    turn = bisect(climbing, t[s[turns]], t[s[turns] + 1], tolerance_s=0.02)
    f_turn = above(turn)
    twice = (f_turn > 0) != up_now[turns]
    turns, turn, f_turn = turns[twice], turn[twice], f_turn[twice]
    once = np.flatnonzero(up_now != up_next)
    lo = np.concatenate((t[s[once]], t[s[turns]], turn))
    hi = np.concatenate((t[s[once] + 1], turn, t[s[turns] + 1]))
    f_lo = np.concatenate((f[s[once]], f[s[turns]], f_turn))
    f_hi = np.concatenate((f[s[once] + 1], f_turn, f[s[turns] + 1]))
    crossings = secant(above, lo, hi, f_lo, f_hi, **_REFINE)
    return scan.within(f[scan.starts] > 0, crossings, np.concatenate((once, turns, turns)))


def _sin_elevation(pos: np.ndarray, site_pos: np.ndarray, up: np.ndarray) -> np.ndarray:
    rho = pos - site_pos
    return (rho * up).sum(axis=0) / np.sqrt((rho * rho).sum(axis=0))


def _climb_rate(pos: np.ndarray, vel: np.ndarray, site_pos: np.ndarray, up: np.ndarray) -> np.ndarray:
    """d/dt of sin(elevation) = d/dt (rho . up / |rho|)."""
    rho = pos - site_pos
    dist = np.sqrt((rho * rho).sum(axis=0))
    return (vel * up).sum(axis=0) / dist - (rho * up).sum(axis=0) * (rho * vel).sum(axis=0) / dist ** 3


def in_view_intervals(orbit: Orbit, site, start, end, min_elevation_deg: float | None = None) -> np.ndarray:
    """Intervals (n, 2) of epoch seconds, clipped to ``start..end``, when the station is above the site's
    minimum elevation."""
    t0, t1 = float(epoch_seconds(start)), float(epoch_seconds(end))
    return in_view_within(orbit, site, [[t0, t1]], min_elevation_deg)
