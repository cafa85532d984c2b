"""Launch sites of vehicles bound for the station, as bundled data, and finding one by what a user types.

The catalogue is ``resources/launch/sites.json`` (its provenance beside it): each pad's coordinates, the way
launches from it to the station fly (north-east from Baikonur and Florida, south-east from Wallops and
Tanegashima) and the sources of both. A project adds its own launch sites as ground sites: they may fly either way.

    site = find_launch_site("lc-39a")                       # id, name or alias, any letter case
    site = find_launch_site("Kourou", project.sites)        # a project's ground site by id or name
    site = usual_launch_site("soyuz-ms")                    # where a vehicle type launches from: Baikonur Site 31/6
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from planner.model.lookup import NotFound, find
from planner.resources import resource_path

#: The ways a launch into the plane can fly (prograde orbits: the first two).
DIRECTIONS = ("northeast", "southeast", "northwest", "southwest")


class LaunchSiteNotFound(NotFound):
    """No launch site, or several, answer to the text typed; the message says which there are."""


@dataclass(frozen=True, slots=True)
class LaunchSite:
    """A launch pad (WGS84 geodetic) and the ways its launches to the station fly (empty: either way)."""

    id: str
    name: str
    lat_deg: float
    lon_deg: float
    alt_m: float = 0.0
    directions: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    vehicles: str = ""
    source: str = ""
    direction_source: str = ""

    def flies(self, direction: str) -> bool:
        """Whether launches from here to the station fly ``direction`` ('northeast', 'southeast', ...)."""
        return not self.directions or direction in self.directions


@lru_cache(maxsize=1)
def _catalogue() -> tuple[LaunchSite, ...]:
    with resource_path("launch", "sites.json").open(encoding="utf-8") as f:
        entries = json.load(f)["sites"]
    return tuple(
        LaunchSite(e["id"], e["name"], float(e["lat_deg"]), float(e["lon_deg"]), float(e.get("alt_m", 0.0)),
                   tuple(e.get("directions", ())), tuple(e.get("aliases", ())), e.get("vehicles", ""),
                   e.get("source", ""), e.get("direction_source", ""))
        for e in entries
    )


def launch_sites() -> tuple[LaunchSite, ...]:
    """The bundled launch sites, in catalogue order (records are frozen: a project adds its own instead)."""
    return _catalogue()


def from_ground_site(site) -> LaunchSite:
    """A project's ground site as a launch site: its place, either way, its note as the source."""
    return LaunchSite(site.id, site.name, float(site.lat_deg), float(site.lon_deg), float(site.alt_m),
                      source=getattr(site, "note", "") or "a ground site of the project")


def find_launch_site(text: str, project_sites: Sequence = ()) -> LaunchSite:
    """The launch site whose id, name or alias is ``text`` (any letter case, spaces squeezed): the catalogue's and
    the project's ground sites (``project_sites``), an id before a name or alias. A name several sites share is
    refused naming their ids (``'Baikonur'``: Sites 31/6 and 1/5); so is a miss, listing the sites there are."""
    sites = list(_catalogue()) + [from_ground_site(s) for s in project_sites]
    try:
        return find(sites, text, "launch site", names=lambda s: (s.name, *s.aliases))
    except NotFound as exc:
        raise LaunchSiteNotFound(str(exc)) from None


def usual_launch_site(vehicle_type: str, type_name: str = "") -> LaunchSite | None:
    """Where launches of a vehicle type (its id) leave from, as the catalogue says, or None when it does not say.

    The pad its launches in the leads data flew from most often (a tie: the latest launch's pad): Baikonur Site 31/6
    for Soyuz MS and Progress MS, Kennedy LC-39A for both Dragons, Wallops Pad 0A for Cygnus. A type without
    launches there: the first pad whose vehicles name the type (``type_name``, e.g. 'Starliner': SLC-41)."""
    from planner.model.rendezvous import lead_data

    by_id = {s.id: s for s in _catalogue()}
    entry = next((e for e in lead_data() if e["vehicle_type"] == vehicle_type), None)
    launches = sorted((launch for launch in (entry or {}).get("launches", ()) if launch.get("site") in by_id),
                      key=lambda launch: launch["liftoff"])
    if launches:
        counts = Counter(launch["site"] for launch in launches)
        most = max(counts.values())
        return by_id[next(launch["site"] for launch in reversed(launches) if counts[launch["site"]] == most)]
    if type_name.strip():
        named = re.compile(rf"(?<![\w-]){re.escape(type_name.strip())}(?![\w-])", re.IGNORECASE)
        return next((site for site in _catalogue() if named.search(site.vehicles)), None)
    return None
