"""Where returning vehicles land, as bundled data, and finding a zone by what a user types.

The catalogue is ``resources/landing/zones.json`` (its provenance beside it): the Soyuz zone in the Kazakh steppe
near Zhezkazgan and Dragon's named splashdown areas, each with how far from the station's ground track it may
lie, which way the station must be flying over it, and how long after the station's pass the capsule lands
(the lead, derived from real landings). ``planner.orbit.landing`` turns a zone into landing opportunities.

    zone = find_zone("soyuz")              # id or name, any letter case
    zone = find_zone("47.0,69.5")          # a point: the Soyuz zone's reach and lead, either direction
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from functools import lru_cache

from planner.model.lookup import NotFound, find
from planner.resources import resource_path

#: Which way the station flies over a zone on its landing passes.
DIRECTIONS = ("northbound", "southbound", "any")
#: The zone whose reach and lead a bare LAT,LON point borrows.
POINT_TEMPLATE = "soyuz"


class ZoneNotFound(NotFound):
    """No landing zone answers to the text typed, or a LAT,LON that is no place; the message says why."""


@dataclass(frozen=True, slots=True)
class LandingZone:
    """A landing zone: its centre (WGS84 geodetic), how far off the station's ground track it may lie
    (``radius_km``), which way the station flies over it on a landing pass, and the minutes from the station's
    closest approach to the landing (``lead_min``)."""

    id: str
    name: str
    lat_deg: float
    lon_deg: float
    radius_km: float
    lead_min: float
    direction: str = "any"
    vehicle_types: tuple[str, ...] = ()
    source: str = ""
    lead_source: str = ""
    #: the landing must come between sunrise and sunset at the centre (the rules warn otherwise), and why
    daylight_landing: bool = False
    daylight_source: str = ""
    #: the minutes from a vehicle's undocking to its landing here (None: no set time, e.g. Dragon), and the source
    undock_to_land_min: float | None = None
    undock_to_land_source: str = ""


@lru_cache(maxsize=1)
def _catalogue() -> tuple[LandingZone, ...]:
    with resource_path("landing", "zones.json").open(encoding="utf-8") as f:
        entries = json.load(f)["zones"]
    return tuple(
        LandingZone(e["id"], e["name"], float(e["lat_deg"]), float(e["lon_deg"]), float(e["radius_km"]),
                    float(e["lead_min"]), e.get("direction", "any"), tuple(e.get("vehicle_types", ())),
                    e.get("source", ""), e.get("lead_source", ""), bool(e.get("daylight_landing", False)),
                    e.get("daylight_source", ""),
                    float(e["undock_to_land_min"]) if "undock_to_land_min" in e else None,
                    e.get("undock_to_land_source", ""))
        for e in entries
    )


def landing_zones() -> tuple[LandingZone, ...]:
    """The bundled landing zones, in catalogue order."""
    return _catalogue()


def zones_of(vehicle_type: str) -> tuple[LandingZone, ...]:
    """The zones a vehicle type lands in (their ``vehicle_types`` name it), in catalogue order."""
    return tuple(zone for zone in _catalogue() if vehicle_type in zone.vehicle_types)


def zone_at(lat_deg: float, lon_deg: float) -> LandingZone:
    """A zone around a point: the Soyuz zone's reach and lead, a landing pass flown either way."""
    if not (math.isfinite(lat_deg) and math.isfinite(lon_deg)) or not -90 <= lat_deg <= 90 \
            or not -180 <= lon_deg <= 360:
        raise ZoneNotFound(f"'{lat_deg:g},{lon_deg:g}': latitude must be within -90..90 and longitude within "
                           "-180..360")
    lon = (lon_deg + 180.0) % 360.0 - 180.0
    template = find_zone(POINT_TEMPLATE)
    return replace(template, id=f"{lat_deg:g},{lon_deg:g}", name=f"{lat_deg:g}°, {lon:g}°", lat_deg=float(lat_deg),
                   lon_deg=lon, direction="any", vehicle_types=(),
                   source=f"a point given by the user, with the reach and lead of the '{template.id}' zone")


def find_zone(text: str) -> LandingZone:
    """The zone whose id or name is ``text`` (any letter case, spaces squeezed), or the point ``LAT,LON``
    (:func:`zone_at`); a miss is a :class:`ZoneNotFound` listing the zones there are."""
    parts = text.split(",")
    if len(parts) == 2:
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except ValueError:
            pass
        else:
            return zone_at(lat, lon)
    try:
        return find(_catalogue(), text, "landing zone", hint="or LAT,LON")
    except NotFound as exc:
        raise ZoneNotFound(str(exc)) from None
