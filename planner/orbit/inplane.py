"""When launch sites pass through the station's orbital plane: the moments, the ascent's direction and azimuth.

A vehicle reaches the station's orbit without a costly change of plane only when the Earth's rotation carries its
launch site through that plane: about twice a day, once where the orbit heads north-east over the site and once
where it heads south-east (for a site nearer the equator than the inclination; farther out, never).

    found = plane_crossings(orbit, [(45.996, 63.564, 0.0)], start, end)[0]
    found.times, found.northbound, found.azimuth_deg       # arrays, one entry per crossing, in time order

How: the plane's normal is ``r x v`` of the osculating state in SGP4's TEME frame; the site's geocentric direction is
turned into the same frame by the GMST-1982 angle (``frames``, the turn the ground track uses); the site is in the
plane where the dot product of the two unit vectors changes sign. SGP4 runs once on a coarse grid for all the sites
(``COARSE_STEP_S``), and each sign change is then refined by regula falsi on fresh SGP4 states, not on interpolated
ones: the osculating normal wobbles by up to about a tenth of a degree within an orbit, which interpolating it over
the grid step would turn into tens of seconds.

Azimuths are measured from north at the site. ``inertial_azimuth_deg`` is the heading of the plane itself over the
site (spherical trigonometry: sin(azimuth) = cos(inclination) / cos(latitude)). ``azimuth_deg``, the one a launch
flies, is corrected for the Earth's rotation: the vehicle starts with the site's eastward speed, so it must add
the orbital velocity less that speed, which points a little nearer north or south (Vallado, *Fundamentals of
Astrodynamics and Applications*, section 6.4.1; the same correction as OrbiterWiki's "Launch Azimuth" page).
The orbital speed is that of a circular orbit ``INSERTION_ALTITUDE_KM`` above the site, where vehicles bound for the
station are put in (Soyuz MS-06: 197 x 255 km about nine minutes after liftoff, der-orion.com 2017). For
Baikonur's Site 31 that gives 61.7-61.8° against the plane's 62.9°.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.orbit.checks import MU_KM3_S2
from planner.orbit.errors import CannotJudge
from planner.orbit.frames import EARTH_ROTATION_RAD_S
from planner.orbit.geodesy import ecef_of
from planner.orbit.horizon import sgp4_failure, span_too_long
from planner.orbit.orbit import Orbit
from planner.orbit.sampling import secant
from planner.orbit.timebase import epoch_seconds, gmst82, time_grid, ut1_minus_utc

#: SGP4's step over the span: a twentieth of bare SGP4's work at 60 s. A site crosses the plane twice a day,
#: hours apart (4.6 h at Baikonur, 8.5 h at the Cape), closer together the nearer its latitude is to the inclination,
#: where the two merge into one due-east moment: a pair less than a step apart, at a site within about 0.05° of
#: latitude of the inclination (5 km), may be missed.
COARSE_STEP_S = 1200.0
#: Where launches to the station put their vehicles (about 200 x 250 km): the speed the azimuth's Earth-rotation
#: correction uses. 50 km either way moves the azimuth by under 0.05°.
INSERTION_ALTITUDE_KM = 200.0
# Regula falsi after halving: the dot product is nearly a sine of the Earth's turn, smooth over a step; five
# halvings (to 37 s) and four steps reach milliseconds (tests/orbit/test_launch.py holds it to skyfield).
_REFINE = dict(halvings=5, iterations=4)


@dataclass(frozen=True)
class PlaneCrossings:
    """One site's passages through the orbital plane, in time order (arrays of equal length).

    ``times``: UTC epoch seconds. ``northbound``: the orbit heads north over the site there (north-east for the
    station's prograde orbit; south-east otherwise). ``azimuth_deg``: the ground azimuth a launch into the plane
    flies (corrected for the Earth's rotation); ``inertial_azimuth_deg``: the plane's own heading over the site;
    ``inclination_deg``: the osculating inclination at the crossing.
    """

    times: np.ndarray
    northbound: np.ndarray
    azimuth_deg: np.ndarray
    inertial_azimuth_deg: np.ndarray
    inclination_deg: np.ndarray

    def __len__(self) -> int:
        return len(self.times)

    def direction(self, k: int) -> str:
        """'northeast', 'southeast' (or for a retrograde orbit 'northwest', 'southwest') of crossing ``k``."""
        return direction_of(float(self.azimuth_deg[k]))


def direction_of(azimuth_deg: float) -> str:
    """The quarter an azimuth (degrees from north, clockwise) points into: 'northeast', 'southeast', ..."""
    a = azimuth_deg % 360.0
    return ("north" if a < 90.0 or a > 270.0 else "south") + ("east" if a < 180.0 else "west")


def plane_crossings(orbit: Orbit, sites, start, end) -> list[PlaneCrossings]:
    """The moments in ``start..end`` each site passes through the orbital plane, one :class:`PlaneCrossings` per site.

    ``sites``: (lat_deg, lon_deg[, alt_m]) tuples, geodetic (WGS84). SGP4 runs once for all of them. Raises
    :class:`CannotJudge` where SGP4 cannot fly the element sets over the span (this function does not judge how far
    from the epochs the span lies: ``planner.orbit.Horizon`` does).
    """
    t0, t1 = float(epoch_seconds(start)), float(epoch_seconds(end))
    too_long = span_too_long(t0, t1)
    if too_long:
        raise CannotJudge(too_long, t0, t1)
    sites = [_site_tuple(s) for s in sites]
    if not sites:
        return []
    grid = time_grid(t0, t1, COARSE_STEP_S)
    r, v = orbit.teme(grid)
    missing = sgp4_failure(orbit, grid, r)
    if missing:
        raise CannotJudge(missing, t0, t1)
    normal = _unit(np.cross(r, v, axis=0))
    theta = gmst82(grid, ut1_minus_utc(grid))
    cos_t, sin_t = np.cos(theta), np.sin(theta)
    found = []
    for lat, lon, alt_m in sites:
        u = _unit(ecef_of(lat, lon, alt_m / 1000.0))
        f = _dot_site(normal, cos_t, sin_t, u)
        k = np.flatnonzero((f[:-1] > 0) != (f[1:] > 0))
        times = _refine(orbit, u, grid[k], grid[k + 1], f[k], f[k + 1])
        found.append(_describe(orbit, times, lat, lon, alt_m))
    return found


def _site_tuple(site) -> tuple[float, float, float]:
    if hasattr(site, "lat_deg"):
        return float(site.lat_deg), float(site.lon_deg), float(getattr(site, "alt_m", 0.0))
    lat, lon, *rest = site
    return float(lat), float(lon), float(rest[0]) if rest else 0.0


def _unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.sqrt((vectors * vectors).sum(axis=0))


def _dot_site(normal: np.ndarray, cos_t: np.ndarray, sin_t: np.ndarray, u: np.ndarray) -> np.ndarray:
    """normal . (the site's unit vector turned from Earth-fixed into TEME by the sidereal angle)."""
    x = cos_t * u[0] - sin_t * u[1]
    y = sin_t * u[0] + cos_t * u[1]
    return normal[0] * x + normal[1] * y + normal[2] * u[2]


def _state(orbit: Orbit, t: np.ndarray, dut1: np.ndarray):
    """The plane's unit normal (TEME) and the sidereal angle's cosine and sine at times ``t``."""
    r, v = orbit.teme(t)
    theta = gmst82(t, dut1)
    return _unit(np.cross(r, v, axis=0)), np.cos(theta), np.sin(theta)


def _refine(orbit: Orbit, u: np.ndarray, lo, hi, f_lo, f_hi) -> np.ndarray:
    if not len(lo):
        return np.zeros(0)
    # UT1 - UTC drifts by about a millisecond a day: within a bracket it is its value at the bracket's start, or at
    # its end past a UTC midnight (where a leap second makes it jump).
    dut1_lo, dut1_hi = np.split(ut1_minus_utc(np.concatenate((lo, hi))), 2)
    day_lo = np.floor(lo / 86400.0)

    def fn(t):
        return _dot_site(*_state(orbit, t, np.where(np.floor(t / 86400.0) == day_lo, dut1_lo, dut1_hi)), u)

    # The coarse values were computed the same way at the grid times: the brackets are consistent.
    return secant(fn, lo, hi, f_lo, f_hi, **_REFINE)


def _describe(orbit: Orbit, times: np.ndarray, lat: float, lon: float, alt_m: float) -> PlaneCrossings:
    """Direction, azimuths and inclination at each crossing."""
    if not len(times):
        empty = np.zeros(0)
        return PlaneCrossings(empty, np.zeros(0, bool), empty, empty, empty)
    normal, cos_t, sin_t = _state(orbit, times, ut1_minus_utc(times))
    site = ecef_of(lat, lon, alt_m / 1000.0)
    x = cos_t * site[0] - sin_t * site[1]  # the site in TEME (km)
    y = sin_t * site[0] + cos_t * site[1]
    pos = np.stack((x, y, np.broadcast_to(site[2], x.shape)))
    s = _unit(pos)
    heading = np.cross(normal, s, axis=0)  # the way the orbit moves over the site (unit: normal is orthogonal to s)
    alpha = np.arctan2(y, x)  # the site's right ascension in TEME
    phi = np.radians(lat)
    east = np.stack((-np.sin(alpha), np.cos(alpha), np.zeros_like(alpha)))
    north = np.stack((-np.sin(phi) * np.cos(alpha), -np.sin(phi) * np.sin(alpha), np.full_like(alpha, np.cos(phi))))
    h_east, h_north = (heading * east).sum(axis=0), (heading * north).sum(axis=0)
    speed = np.sqrt(MU_KM3_S2 / (np.sqrt((pos * pos).sum(axis=0)) + INSERTION_ALTITUDE_KM))
    site_speed = EARTH_ROTATION_RAD_S * np.hypot(site[0], site[1])  # eastward, km/s
    azimuth = np.degrees(np.arctan2(speed * h_east - site_speed, speed * h_north)) % 360.0
    inertial = np.degrees(np.arctan2(h_east, h_north)) % 360.0
    inclination = np.degrees(np.arccos(np.clip(normal[2], -1.0, 1.0)))
    return PlaneCrossings(times, h_north > 0, azimuth, inertial, inclination)
