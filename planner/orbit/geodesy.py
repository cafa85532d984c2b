"""WGS84 geodesy on arrays: Earth-fixed coordinates to latitude, longitude, height and back; distances."""

from __future__ import annotations

import numpy as np

WGS84_A_KM = 6378.137
WGS84_F = 1.0 / 298.257223563
_E2 = WGS84_F * (2.0 - WGS84_F)
_B_KM = WGS84_A_KM * (1.0 - WGS84_F)
_EP2 = _E2 / (1.0 - _E2)
MEAN_EARTH_RADIUS_KM = 6371.0088


def geodetic(xyz_km: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Latitude and longitude (degrees, longitude in [-180, 180)) and height (km) of Earth-fixed points (3, n).

    Bowring's formula: one step is good to well under a millimetre at the heights of low orbits.
    """
    x, y, z = xyz_km
    p = np.hypot(x, y)
    beta = np.arctan2(z * WGS84_A_KM, p * _B_KM)
    sb, cb = np.sin(beta), np.cos(beta)
    lat = np.arctan2(z + _EP2 * _B_KM * sb * sb * sb, p - _E2 * WGS84_A_KM * cb * cb * cb)
    sl, cl = np.sin(lat), np.cos(lat)
    n = WGS84_A_KM / np.sqrt(1.0 - _E2 * sl * sl)
    height = p * cl + z * sl - WGS84_A_KM * WGS84_A_KM / n
    lon = np.degrees(np.arctan2(y, x))
    lon = np.where(lon >= 180.0, lon - 360.0, lon)
    return np.degrees(lat), lon, height


def ecef_of(lat_deg, lon_deg, alt_km=0.0) -> np.ndarray:
    """Earth-fixed coordinates (km, shape (3, ...)) of geodetic points."""
    lat, lon = np.radians(lat_deg), np.radians(lon_deg)
    sl, cl = np.sin(lat), np.cos(lat)
    n = WGS84_A_KM / np.sqrt(1.0 - _E2 * sl * sl)
    return np.stack(((n + alt_km) * cl * np.cos(lon), (n + alt_km) * cl * np.sin(lon),
                     (n * (1.0 - _E2) + alt_km) * sl))


def up_of(lat_deg, lon_deg) -> np.ndarray:
    """The local vertical (unit vector along the ellipsoid normal, shape (3, ...)) of geodetic points."""
    lat, lon = np.radians(lat_deg), np.radians(lon_deg)
    return np.stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def central_angle_deg(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle angle in degrees between points (haversine, good at small distances)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return np.degrees(2.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))))


def ground_distance_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance on the mean-radius sphere (km)."""
    return np.radians(central_angle_deg(lat1, lon1, lat2, lon2)) * MEAN_EARTH_RADIUS_KM
