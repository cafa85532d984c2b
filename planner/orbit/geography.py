"""What lies below: the country (Natural Earth 110 m) or the ocean under a point, and distances to countries.

Countries come from ``resources/naturalearth/ne_110m_countries.json`` (see its PROVENANCE.md). Oceans
and a few seas are named from coarse latitude/longitude boxes (Natural Earth's land polygons are used to
tell land from water, the boxes only to name the water): good for "over the Atlantic", not for a
coastline-exact answer.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

import numpy as np

from planner.resources import resource_path

RESOURCE = ("naturalearth", "ne_110m_countries.json")

# (name, lat_min, lat_max, lon_min, lon_max), checked in order before the oceans.
SEA_BOXES = (
    ("Mediterranean Sea", 30.0, 46.0, -6.0, 36.5),
    ("Black Sea", 40.5, 47.0, 27.0, 42.0),
    ("Caspian Sea", 36.5, 47.5, 46.5, 55.0),
    ("Red Sea", 12.5, 30.0, 32.0, 43.5),
    ("Persian Gulf", 23.5, 30.5, 47.5, 57.0),
    ("Baltic Sea", 53.5, 66.0, 9.5, 30.5),
    ("Hudson Bay", 51.0, 64.0, -95.0, -76.0),
    ("Gulf of Mexico", 18.0, 31.0, -98.0, -81.0),
    ("Caribbean Sea", 9.0, 22.0, -88.0, -60.0),
)


@dataclass(frozen=True)
class Country:
    """One Natural Earth admin-0 country: names, ISO codes, rings as (n, 2) lon/lat arrays."""

    name: str
    name_long: str
    iso_a2: str
    iso_a3: str
    continent: str
    rings: tuple[np.ndarray, ...]
    bbox: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max


@functools.cache
def countries() -> tuple[Country, ...]:
    """Every country of the bundled Natural Earth resource (read once)."""
    path = resource_path(*RESOURCE)
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for c in data["countries"]:
        rings = tuple(np.array(r, dtype=float).reshape(-1, 2) for r in c["rings"])
        allpts = np.concatenate(rings)
        bbox = (allpts[:, 0].min(), allpts[:, 1].min(), allpts[:, 0].max(), allpts[:, 1].max())
        out.append(Country(c["name"], c["name_long"], c["iso_a2"], c["iso_a3"], c["continent"], rings, bbox))
    return tuple(out)


def find_country(name: str) -> Country | None:
    """A country by name, long name or ISO code (case-insensitive), or None."""
    key = name.strip().casefold()
    for c in countries():
        if key in (c.name.casefold(), c.name_long.casefold(), c.iso_a2.casefold(), c.iso_a3.casefold()):
            return c
    return None


def _inside_rings(lon: np.ndarray, lat: np.ndarray, rings) -> np.ndarray:
    """Even-odd rule over all rings (holes included): whether each point is inside."""
    inside = np.zeros(lon.shape, dtype=bool)
    for ring in rings:
        x1, y1 = ring[:-1, 0], ring[:-1, 1]
        x2, y2 = ring[1:, 0], ring[1:, 1]
        # (points, edges) crossing test of a ray going east from each point
        py = lat[:, None]
        straddle = (y1[None, :] > py) != (y2[None, :] > py)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_at = x1[None, :] + (py - y1[None, :]) * (x2 - x1)[None, :] / (y2 - y1)[None, :]
        crossings = (straddle & (lon[:, None] < x_at)).sum(axis=1)
        inside ^= (crossings % 2).astype(bool)
    return inside


def country_index_at(lat_deg, lon_deg) -> np.ndarray:
    """Index into ``countries()`` of the country under each point, -1 over water."""
    lat = np.atleast_1d(np.asarray(lat_deg, dtype=float))
    lon = np.atleast_1d(np.asarray(lon_deg, dtype=float))
    lon = (lon + 180.0) % 360.0 - 180.0
    result = np.full(lat.shape, -1, dtype=int)
    for k, c in enumerate(countries()):
        x0, y0, x1, y1 = c.bbox
        cand = np.flatnonzero((lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1) & (result < 0))
        if len(cand):
            hit = _inside_rings(lon[cand], lat[cand], c.rings)
            result[cand[hit]] = k
    return result


def ocean_at(lat_deg: float, lon_deg: float) -> str:
    """A coarse name for the water at a point (see the module's note: boxes, not coastlines)."""
    lat, lon = float(lat_deg), (float(lon_deg) + 180.0) % 360.0 - 180.0
    for name, la0, la1, lo0, lo1 in SEA_BOXES:
        if la0 <= lat <= la1 and lo0 <= lon <= lo1:
            return name
    if lat >= 66.0:
        return "Arctic Ocean"
    if lat <= -60.0:
        return "Southern Ocean"
    # The Atlantic lies between the Americas and Europe/Africa; where the split falls west depends on
    # the latitude (the Americas' coasts), east on the Cape of Good Hope meridian south of Asia.
    west = -100.0 if lat >= 20 else (-87.0 if lat >= 8 else (-78.0 if lat >= 0 else -69.0))
    if west <= lon < 20.0 or (lat >= 50.0 and 20.0 <= lon < 45.0):
        return "Atlantic Ocean"
    if 20.0 <= lon < 147.0 and lat < 30.0 and not (lon >= 100.0 and lat > -10.0):
        return "Indian Ocean"
    if 20.0 <= lon < 100.0 and lat >= 30.0:
        return "inland water"
    return "Pacific Ocean"


@dataclass(frozen=True)
class Below:
    """What lies under a point: a country (with ISO code) or a body of water."""

    name: str
    iso_a2: str = ""
    is_water: bool = False


def below(lat_deg, lon_deg) -> list[Below]:
    """What lies under each point (arrays of latitude/longitude in degrees)."""
    lat = np.atleast_1d(np.asarray(lat_deg, dtype=float))
    lon = np.atleast_1d(np.asarray(lon_deg, dtype=float))
    index = country_index_at(lat, lon)
    table = countries()
    return [Below(table[k].name, table[k].iso_a2) if k >= 0 else Below(ocean_at(la, lo), "", True)
            for k, la, lo in zip(index.tolist(), lat.tolist(), lon.tolist())]


def distance_to_country_km(country: Country, lat_deg, lon_deg, limit_km: float = np.inf) -> np.ndarray:
    """Ground distance (km) from each point to the country: 0 inside, else to its nearest border point.

    Distances to edges are computed in a local equirectangular projection around each point, good to a
    percent or so up to a thousand kilometres. Points farther than ``limit_km`` beyond the country's
    bounding box get ``inf`` without the edge computation.
    """
    from planner.orbit.geodesy import MEAN_EARTH_RADIUS_KM

    lat = np.atleast_1d(np.asarray(lat_deg, dtype=float))
    lon = (np.atleast_1d(np.asarray(lon_deg, dtype=float)) + 180.0) % 360.0 - 180.0
    out = np.full(lat.shape, np.inf)
    km_per_deg = np.radians(1.0) * MEAN_EARTH_RADIUS_KM
    x0, y0, x1, y1 = country.bbox
    pad_lat = limit_km / km_per_deg if np.isfinite(limit_km) else 180.0
    near_lat = (lat >= y0 - pad_lat) & (lat <= y1 + pad_lat)
    pad_lon = pad_lat / np.maximum(np.cos(np.radians(np.minimum(np.abs(lat) + pad_lat, 89.0))), 1e-3)
    near = near_lat & (((lon >= x0 - pad_lon) & (lon <= x1 + pad_lon)) | (pad_lon >= 180.0) |
                       (x1 + pad_lon > 180.0) & (lon <= x1 + pad_lon - 360.0) |
                       (x0 - pad_lon < -180.0) & (lon >= x0 - pad_lon + 360.0))
    cand = np.flatnonzero(near)
    if not len(cand):
        return out
    clat, clon = lat[cand], lon[cand]
    inside = _inside_rings(clon, clat, country.rings)
    best = np.full(len(cand), np.inf)
    coslat = np.cos(np.radians(clat))[:, None]
    for ring in country.rings:
        # Edge endpoints relative to each point, in km, longitudes wrapped to the nearest side.
        dx1 = ((ring[:-1, 0][None, :] - clon[:, None] + 180.0) % 360.0 - 180.0) * coslat * km_per_deg
        dx2 = ((ring[1:, 0][None, :] - clon[:, None] + 180.0) % 360.0 - 180.0) * coslat * km_per_deg
        dy1 = (ring[:-1, 1][None, :] - clat[:, None]) * km_per_deg
        dy2 = (ring[1:, 1][None, :] - clat[:, None]) * km_per_deg
        ex, ey = dx2 - dx1, dy2 - dy1
        length2 = ex * ex + ey * ey
        with np.errstate(divide="ignore", invalid="ignore"):
            f = np.clip(-(dx1 * ex + dy1 * ey) / length2, 0.0, 1.0)
        f = np.nan_to_num(f)
        px, py = dx1 + f * ex, dy1 + f * ey
        best = np.minimum(best, np.sqrt(px * px + py * py).min(axis=1))
    out[cand] = np.where(inside, 0.0, best)
    return out
