"""Launch sites of vehicles bound for the station, as bundled data, and finding one by what a user types.

The catalogue is ``resources/launch/sites.json`` (its provenance beside it): each pad's coordinates, the way
launches from it to the station fly (north-east from Baikonur and Florida, south-east from Wallops and
Tanegashima) and the sources of both. A project adds its own launch sites as ground sites: they may fly either way.

    site = find_launch_site("lc-39a")                       # id, name or alias, any letter case
    site = find_launch_site("Kourou", project.sites)        # a project's ground site by id or name
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from planner.resources import resource_path

#: The ways a launch into the plane can fly (prograde orbits: the first two).
DIRECTIONS = ("northeast", "southeast", "northwest", "southwest")
_LISTED = 12  # how many known sites a "no such site" message lists


class LaunchSiteNotFound(ValueError):
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


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


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
    key = _key(text)
    sites = list(_catalogue()) + [from_ground_site(s) for s in project_sites]
    by_id = [s for s in sites if s.id.casefold() == key]
    if by_id:
        return by_id[0]
    named = [s for s in sites if _key(s.name) == key or any(_key(a) == key for a in s.aliases)]
    if len(named) == 1:
        return named[0]
    if named:
        raise LaunchSiteNotFound(f"'{text}' names {len(named)} launch sites "
                                 f"({', '.join(f'{s.name} ({s.id})' for s in named)}): give one of them")
    known = ", ".join(f"{s.name} ({s.id})" for s in sites[:_LISTED])
    more = " ..." if len(sites) > _LISTED else ""
    raise LaunchSiteNotFound(f"no launch site '{text}' (launch sites: {known}{more})")
