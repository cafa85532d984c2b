"""Day and night on the ground: the point under the Sun and the night side as a polygon on a flat map."""

from __future__ import annotations

import numpy as np

from planner.orbit.timebase import epoch_seconds, gmst82, ut1_minus_utc


def subsolar_point(seconds) -> tuple[np.ndarray, np.ndarray]:
    """Latitude and longitude (degrees) of the point with the Sun at its zenith, at each time."""
    from planner.orbit.daylight import sun_teme

    seconds = np.atleast_1d(epoch_seconds(seconds))
    sun = sun_teme(seconds)
    # TEME to Earth-fixed by the sidereal angle, as the orbit does for the station.
    theta = gmst82(seconds, ut1_minus_utc(seconds))
    c, s = np.cos(theta), np.sin(theta)
    x, y = c * sun[0] + s * sun[1], c * sun[1] - s * sun[0]
    return np.degrees(np.arctan2(sun[2], np.hypot(x, y))), np.degrees(np.arctan2(y, x))


def terminator_latitudes(sun_lat_deg: float, sun_lon_deg: float, lon_deg) -> np.ndarray:
    """Latitude (degrees) of the day/night line at each longitude, for the Sun above the given point.

    The line is where the Sun's centre is on a spherical Earth's horizon (no refraction, no twilight).
    """
    # Exactly at an equinox the line runs through the poles: a tiny tilt keeps the formula finite.
    dec = np.radians(sun_lat_deg if abs(sun_lat_deg) > 1e-6 else 1e-6)
    hour = np.radians(np.asarray(lon_deg, dtype=float) - sun_lon_deg)
    return np.degrees(np.arctan(-np.cos(hour) / np.tan(dec)))


def night_polygon(seconds: float, samples: int = 361) -> tuple[np.ndarray, np.ndarray]:
    """The night side as one closed polygon of (longitude, latitude) degrees on -180..180 x -90..90."""
    sun_lat, sun_lon = (float(v[0]) for v in subsolar_point(seconds))
    lon = np.linspace(-180.0, 180.0, samples)
    lat = terminator_latitudes(sun_lat, sun_lon, lon)
    # The pole away from the Sun is dark: close the polygon over it.
    pole = -90.0 if sun_lat >= 0 else 90.0
    return np.concatenate((lon, [180.0, -180.0])), np.concatenate((lat, [pole, pole]))


def sun_altitude_deg(seconds: float, lat_deg, lon_deg) -> np.ndarray:
    """Geocentric altitude of the Sun's centre (degrees) seen from points on a spherical Earth."""
    sun_lat, sun_lon = (float(v[0]) for v in subsolar_point(seconds))
    lat, lon, dec = np.radians(lat_deg), np.radians(np.asarray(lon_deg) - sun_lon), np.radians(sun_lat)
    return np.degrees(np.arcsin(np.sin(lat) * np.sin(dec) + np.cos(lat) * np.cos(dec) * np.cos(lon)))
