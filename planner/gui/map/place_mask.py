"""Which track samples lie over the chosen place: a raster of the country, or distances for a radius.

The map highlights overflights sample by sample (every 10 s), so it needs a cheap yes/no per point, not
the crossing times to a twentieth of a second that :func:`planner.orbit.overflights` refines (that costs
tens of milliseconds per hour of track against a country of 600 border edges, more than a frame). A
country alone becomes a bitmap of 0.05 degrees (5 km, under a second of flight); a radius around a
country or a site is measured with the orbit engine's own distance functions.
"""

from __future__ import annotations

import functools

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

from planner.gui.map.qt_geometry import country_path

MASK_DEG = 0.05
MAX_MASK_PX = 12_000_000  # Russia's box (360 x 40 degrees) is 5.8 million pixels at 0.05 degrees


@functools.lru_cache(maxsize=8)
def country_mask(name: str) -> tuple[np.ndarray, float, float, float] | None:
    """A boolean raster of the country (rows from its north edge), its west and north edges and pixel size."""
    from planner.orbit.geography import find_country

    country = find_country(name)
    path = country_path(name)
    if country is None or path is None:
        return None
    x0, y0, x1, y1 = country.bbox
    res = MASK_DEG
    while ((x1 - x0) / res + 2) * ((y1 - y0) / res + 2) > MAX_MASK_PX:
        res *= 2.0
    w, h = int(np.ceil((x1 - x0) / res)) + 1, int(np.ceil((y1 - y0) / res)) + 1
    image = QImage(w, h, QImage.Format.Format_Grayscale8)
    image.fill(0)
    painter = QPainter(image)
    # Path coordinates are (longitude, -latitude); pixel (0, 0) is the box's north-west corner.
    painter.setTransform(QTransform(1.0 / res, 0.0, 0.0, 1.0 / res, -x0 / res, y1 / res))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255))
    painter.drawPath(path)
    painter.end()
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(h, image.bytesPerLine())
    return rows[:, :w] > 127, float(x0), float(y1), res


def over_place(place, radius_km: float, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Whether each point (degrees) is over ``place`` (a country name or a site) or within ``radius_km`` of it."""
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    good = np.isfinite(lat) & np.isfinite(lon)
    out = np.zeros(lat.shape, bool)
    if isinstance(place, str):
        if radius_km <= 0:
            found = country_mask(place)
            if found is None:
                return out
            mask, west, north, res = found
            col = np.floor((np.where(good, lon, 0.0) - west) / res).astype(int)
            row = np.floor((north - np.where(good, lat, 0.0)) / res).astype(int)
            ok = good & (col >= 0) & (col < mask.shape[1]) & (row >= 0) & (row < mask.shape[0])
            out[ok] = mask[row[ok], col[ok]]
            return out
        from planner.orbit.geography import distance_to_country_km, find_country

        country = find_country(place)
        if country is None:
            return out
        k = np.flatnonzero(good)
        out[k] = distance_to_country_km(country, lat[k], lon[k], limit_km=radius_km) <= radius_km
        return out
    if radius_km <= 0:
        return out
    from planner.orbit.geodesy import ground_distance_km

    k = np.flatnonzero(good)
    out[k] = ground_distance_km(lat[k], lon[k], place.lat_deg, place.lon_deg) <= radius_km
    return out
