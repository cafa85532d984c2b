"""Ground sites: mission control centres, launch sites, antennas, places to film over."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True, eq=True)
class GroundSite:
    """A place on Earth (WGS84 geodetic)."""

    id: str
    name: str
    lat_deg: float
    lon_deg: float
    alt_m: float = 0.0
    min_elevation_deg: float = 10.0  # the station counts as "in view" above this elevation
    note: str = ""
    extra: dict = field(default_factory=dict, compare=False)
