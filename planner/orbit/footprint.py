"""Visibility circles: the ground within which a satellite stands above a minimum elevation, as map polygons."""

from __future__ import annotations

import numpy as np

from planner.orbit.geodesy import MEAN_EARTH_RADIUS_KM


def footprint_radius_deg(alt_km: float, min_elevation_deg: float = 0.0) -> float:
    """Central angle (degrees) from the sub-satellite point to where it is seen at ``min_elevation_deg``.

    Spherical Earth of mean radius: the same circle bounds where a site sees the satellite and where the
    satellite must be for the site to see it.
    """
    e = np.radians(min_elevation_deg)
    r = MEAN_EARTH_RADIUS_KM
    return float(np.degrees(np.arccos(r * np.cos(e) / (r + max(alt_km, 0.0))) - e))


def small_circle(lat_deg: float, lon_deg: float, radius_deg: float, samples: int = 181) -> tuple[np.ndarray, np.ndarray]:
    """A closed polygon (longitudes, latitudes in degrees) of the points ``radius_deg`` from a centre.

    Longitudes are unwrapped (continuous around the centre, possibly beyond +/-180): draw the polygon
    shifted by -360, 0 and +360 degrees to cover the map. A circle around a pole is closed over the pole,
    so that it fills the polar cap on a flat map.
    """
    phi0, rho = np.radians(lat_deg), np.radians(radius_deg)
    bearing = np.linspace(0.0, 2.0 * np.pi, samples)
    sin_lat = np.sin(phi0) * np.cos(rho) + np.cos(phi0) * np.sin(rho) * np.cos(bearing)
    lat = np.arcsin(np.clip(sin_lat, -1.0, 1.0))
    dlon = np.arctan2(np.sin(bearing) * np.sin(rho) * np.cos(phi0), np.cos(rho) - np.sin(phi0) * sin_lat)
    lon = lon_deg + np.degrees(np.unwrap(dlon))
    lat = np.degrees(lat)
    turn = lon[-1] - lon[0]
    if abs(turn) > 180.0:  # the circle goes round a pole: close it over that pole
        pole = 90.0 if lat_deg > 0 else -90.0
        lon = np.concatenate((lon, [lon[-1], lon[0]]))
        lat = np.concatenate((lat, [pole, pole]))
    return lon, lat
