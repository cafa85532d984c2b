"""Overflights: when the point under the station is within a radius of a place or a country."""

from __future__ import annotations

import numpy as np

from planner.orbit import intervals
from planner.orbit.geodesy import geodetic, ground_distance_km
from planner.orbit.geography import Country, distance_to_country_km, find_country
from planner.orbit.orbit import Orbit
from planner.orbit.sampling import HermiteOrbit, bisect, sign_changes
from planner.orbit.timebase import epoch_seconds, time_grid


class PlaceError(ValueError):
    """A place that is neither a known country nor a latitude/longitude."""


def resolve_place(place):
    """A ``Country`` for a country name or ISO code; (lat, lon) for a site, a GroundSite or a pair."""
    if isinstance(place, Country):
        return place
    if isinstance(place, str):
        country = find_country(place)
        if country is None:
            raise PlaceError(f"'{place}' is not a country name or ISO code of the Natural Earth 110 m map")
        return country
    if hasattr(place, "lat_deg"):
        return (float(place.lat_deg), float(place.lon_deg))
    lat, lon, *_ = place
    return (float(lat), float(lon))


def overflights(orbit: Orbit, place, start, end, radius_km: float = 0.0, step_s: float = 10.0) -> np.ndarray:
    """Intervals (n, 2) of epoch seconds when the sub-station point is within ``radius_km`` of ``place``.

    ``place``: a country (name or ISO code: inside its borders, or within the radius of them) or a point
    (a GroundSite or (lat, lon); then the radius must be positive). Sampled every ``step_s`` seconds, so
    a crossing of a country's corner shorter than that may be missed; edges are refined to 0.05 s.
    """
    t0, t1 = float(epoch_seconds(start)), float(epoch_seconds(end))
    target = resolve_place(place)
    if not isinstance(target, Country) and radius_km <= 0:
        raise PlaceError("overflights of a point need a radius above 0 km")
    track = HermiteOrbit(orbit, [[t0 - 60.0, t1 + 60.0]], frame="ecef")

    def margin(t):
        lat, lon, _ = geodetic(track.at(t))
        if isinstance(target, Country):
            # Beyond a generous limit the exact distance is not needed, only that it is too far.
            return distance_to_country_km(target, lat, lon, limit_km=radius_km + 200.0) - radius_km
        return ground_distance_km(lat, lon, target[0], target[1]) - radius_km

    grid = time_grid(t0, t1, step_s)
    values = margin(grid)
    i = sign_changes(np.where(values <= 0, 1.0, -1.0))  # where inside (margin <= 0) flips
    crossings = bisect(lambda t: margin(t) <= 0, grid[i], grid[i + 1], tolerance_s=0.05)
    return intervals.from_crossings(t0, t1, bool(values[0] <= 0), crossings)
