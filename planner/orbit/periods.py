"""Plain entry points for the rules engine: a project's element sets in, (start, end) UTC datetimes out."""

from __future__ import annotations

from datetime import datetime

from planner.model.elements import ElementSet
from planner.orbit import intervals
from planner.orbit.daylight import Daylight
from planner.orbit.orbit import Orbit
from planner.orbit.passes import Site, in_view_intervals

Period = tuple[datetime, datetime]


def _orbit(element_sets) -> Orbit:
    return element_sets if isinstance(element_sets, Orbit) else Orbit.from_sets(list(element_sets))


def sunlit_periods(element_sets: list[ElementSet] | Orbit, start: datetime, end: datetime) -> list[Period]:
    """When the station is sunlit in ``start..end`` (the ISS's sets, each time using the nearest epoch)."""
    return intervals.as_datetimes(Daylight(_orbit(element_sets), start, end).sunlit)


def shadow_periods(element_sets: list[ElementSet] | Orbit, start: datetime, end: datetime) -> list[Period]:
    """When the station is in the Earth's shadow in ``start..end``."""
    return intervals.as_datetimes(Daylight(_orbit(element_sets), start, end).shadow)


def site_in_view_periods(element_sets: list[ElementSet] | Orbit, start: datetime, end: datetime,
                         lat_deg: float, lon_deg: float, alt_m: float = 0.0,
                         min_elevation_deg: float = 10.0) -> list[Period]:
    """When the station is above ``min_elevation_deg`` seen from the site, clipped to ``start..end``."""
    site = Site(lat_deg, lon_deg, alt_m, min_elevation_deg)
    return intervals.as_datetimes(in_view_intervals(_orbit(element_sets), site, start, end))
