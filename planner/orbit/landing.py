"""Landing opportunities: the passes of the station over a landing zone, the capsule's estimated landing a few
minutes later, and whether the Sun is up at the zone then.

    for o in landing_opportunities(orbit, find_zone("soyuz"), start, end):
        o.landing, o.sun_elevation_deg, o.daylight        # also o.station_pass, o.off_track_km, o.northbound

How the landing time is estimated. A Soyuz undocks, drifts away and burns to leave orbit about 2.5 hours later;
it flies on the station's orbit (the separation burns move it by some kilometres) and lands about 3.5 hours after
undocking, on a pass whose ground track crosses the landing zone. The capsule falls behind the station as it
descends and lands a roughly fixed time after the station itself flies over: the zone's ``lead_min``. It is the
time from the station's closest approach to the zone's centre (found here as the culmination of the pass seen from
the centre, :func:`planner.orbit.passes.find_passes`) to the landing, measured on the real landings of Soyuz
MS-18 (2021-10-17 04:35, 15.3 min after the station's pass) and MS-20 (2021-12-20 03:12:52, 15.8 min) with element
sets two days from each: ``resources/landing/PROVENANCE.md`` has the derivation and tests/orbit/test_landing.py
repeats it. A pass counts when the station's ground track comes within the zone's ``radius_km`` of its centre
flying the zone's way (Soyuz comes in over Africa and the Middle East: northbound).

The Sun's elevation is that of its centre above the zone centre's horizon (geodetic vertical, no refraction), from
the bundled ephemeris; ``daylight`` is between sunrise and sunset: the elevation above -0.833 degrees, where the
upper edge of the Sun shows over a sea horizon with standard refraction (the almanac's sunrise).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.model.landing_zones import LandingZone
from planner.orbit.daylight import sun_teme
from planner.orbit.geodesy import MEAN_EARTH_RADIUS_KM, ecef_of, geodetic, ground_distance_km, up_of
from planner.orbit.orbit import Orbit
from planner.orbit.passes import Site, find_passes
from planner.orbit.timebase import epoch_seconds, gmst82, to_datetime, ut1_minus_utc

#: The Sun's centre at this elevation is sunrise or sunset: its upper edge on the horizon, refraction 34'.
SUNRISE_ELEVATION_DEG = -0.833
# The lowest a pass's highest elevation can be when the ground track comes within a zone's radius is worked out for
# a station this much below its lowest perigee height (the ellipsoid and SGP4's short-period terms).
_HEIGHT_MARGIN_KM = 30.0


@dataclass(frozen=True)
class LandingOpportunity:
    """One landing opportunity at a zone (times in UTC epoch seconds)."""

    zone: str  # the zone's id
    station_pass: float  # the station's closest approach to the zone's centre
    landing: float  # the estimated landing: the pass plus the zone's lead
    off_track_km: float  # the ground distance from the zone's centre to the point below the station then
    northbound: bool
    sun_elevation_deg: float  # at the zone's centre at the landing
    daylight: bool  # between sunrise and sunset there

    def as_dict(self) -> dict:
        """The opportunity as the command line prints it: ``zone``, ``landing`` (ISO UTC to the second),
        ``sun_elevation_deg``, ``daylight``."""
        from planner.model.times import format_utc

        return {"zone": self.zone, "landing": format_utc(to_datetime(round(self.landing))),
                "sun_elevation_deg": round(self.sun_elevation_deg, 2), "daylight": self.daylight}


def sun_elevation_deg(lat_deg: float, lon_deg: float, seconds, alt_m: float = 0.0) -> np.ndarray:
    """Elevation (degrees) of the Sun's centre above the geodetic horizon of a place, at each time (no refraction).
    """
    seconds = np.atleast_1d(epoch_seconds(seconds))
    if not seconds.size:
        return np.zeros(0)
    sun = sun_teme(seconds)
    # TEME to Earth-fixed by the sidereal angle, as the orbit turns the station.
    theta = gmst82(seconds, ut1_minus_utc(seconds))
    c, s = np.cos(theta), np.sin(theta)
    sun = np.stack((c * sun[0] + s * sun[1], c * sun[1] - s * sun[0], sun[2]))
    to_sun = sun - ecef_of(lat_deg, lon_deg, alt_m / 1000.0)[:, None]
    up = up_of(lat_deg, lon_deg)
    return np.degrees(np.arcsin(up @ to_sun / np.sqrt((to_sun * to_sun).sum(axis=0))))


def _min_elevation_deg(orbit: Orbit, radius_km: float) -> float:
    """The elevation seen from a zone's centre below which no pass's highest point comes within ``radius_km``."""
    lowest = min(s.altp * s.radiusearthkm for s in orbit.satrecs) - _HEIGHT_MARGIN_KM
    psi = radius_km / MEAN_EARTH_RADIUS_KM
    r = MEAN_EARTH_RADIUS_KM + max(lowest, 100.0)
    return float(np.degrees(np.arctan2(np.cos(psi) - MEAN_EARTH_RADIUS_KM / r, np.sin(psi))))


def landing_opportunities(orbit: Orbit, zone: LandingZone, start, end) -> list[LandingOpportunity]:
    """The landing opportunities at ``zone`` whose estimated landing lies in ``start..end``, in time order.

    Raises :class:`~planner.orbit.errors.CannotJudge` where SGP4 cannot fly the element sets or past the ephemeris.
    """
    t0, t1 = float(epoch_seconds(start)), float(epoch_seconds(end))
    lead = zone.lead_min * 60.0
    site = Site(zone.lat_deg, zone.lon_deg, 0.0, max(_min_elevation_deg(orbit, zone.radius_km), 0.0), zone.id)
    passes = find_passes(orbit, [site], t0 - lead, t1 - lead)
    top = np.array([p.culminate for p in passes])
    if not len(top):
        return []
    lat, lon, _height = geodetic(orbit.ecef(top))
    off = ground_distance_km(lat, lon, zone.lat_deg, zone.lon_deg)
    northbound = orbit.teme(top)[1][2] > 0  # the Earth turns about z: TEME and Earth-fixed agree on it
    way = np.ones(len(top), dtype=bool) if zone.direction == "any" else northbound == (zone.direction == "northbound")
    keep = (off <= zone.radius_km) & way
    top, off, northbound = top[keep], off[keep], northbound[keep]
    landing = top + lead  # within start..end: the passes were looked for a lead earlier
    sun = sun_elevation_deg(zone.lat_deg, zone.lon_deg, landing)
    return [LandingOpportunity(zone.id, a, b, c, d, e, e_up)
            for a, b, c, d, e, e_up in zip(top.tolist(), landing.tolist(), off.tolist(), northbound.tolist(),
                                           sun.tolist(), (sun > SUNRISE_ELEVATION_DEG).tolist())]
