"""Filming windows: the times that satisfy every constraint at once, ranked.

Constraints: the station sunlit or in shadow; a place or country below within a radius; a ground site
in view (downlink); a live link through a network's relays or sites (:mod:`planner.orbit.coverage`); the station
not busy with a dynamic event (docking, undocking, relocation...).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from planner.orbit import intervals
from planner.orbit.daylight import Daylight
from planner.orbit.orbit import Orbit
from planner.orbit.overflights import overflights
from planner.orbit.passes import Site, in_view_intervals
from planner.orbit.timebase import epoch_seconds, to_datetime

#: Planner default: keep this long before and after a dynamic event free of filming.
DYNAMIC_EVENT_MARGIN_S = 2 * 3600.0
RANKINGS = ("longest", "elevation", "earliest")


@dataclass
class WindowRequest:
    """What a filming window needs. Unset constraints are not applied."""

    light: str | None = None  # "sunlit" or "shadow"
    place: object | None = None  # a country name/ISO code, a GroundSite or (lat, lon)
    radius_km: float = 0.0
    site: object | None = None  # a GroundSite, Site or (lat, lon[, alt_m]) that must see the station
    min_elevation_deg: float | None = None  # overrides the site's own
    busy: list = field(default_factory=list)  # (start, end) pairs when the station is not available
    min_duration_s: float = 60.0
    link: str | None = None  # a live link through the network "us", "ru" or "any"
    link_sites: tuple = ()  # the project's ground sites (the Russian ones count for "ru")


@dataclass(frozen=True)
class Window:
    """A filming window in UTC epoch seconds, with the site's best elevation when a site was asked for."""

    start: float
    end: float
    max_elevation_deg: float | None = None

    @property
    def duration_s(self) -> float:
        return self.end - self.start

    def as_dict(self) -> dict:
        """ISO UTC times and numbers, as the command line prints them."""
        from planner.model.times import format_utc

        return {"start": format_utc(to_datetime(round(self.start, 1))),
                "end": format_utc(to_datetime(round(self.end, 1))),
                "duration_s": round(self.duration_s, 1),
                "max_elevation_deg": None if self.max_elevation_deg is None else round(self.max_elevation_deg, 2)}


def busy_around_dynamic_events(missions, margin_s: float = DYNAMIC_EVENT_MARGIN_S) -> np.ndarray:
    """Intervals when the station is busy: each docking, undocking, berthing or relocation, plus a margin."""
    from planner.model.mission import DYNAMIC_EVENTS

    pairs = []
    for mission in missions:
        for event in mission.events:
            if event.kind in DYNAMIC_EVENTS:
                end = event.end_utc or event.utc
                pairs.append((event.utc.timestamp() - margin_s, end.timestamp() + margin_s))
    return intervals.normalise(np.array(pairs, dtype=float).reshape(-1, 2))


def filming_windows(orbit: Orbit, start, end, request: WindowRequest, rank: str = "longest") -> list[Window]:
    """Windows in ``start..end`` meeting every constraint of ``request``, best first by ``rank``."""
    if rank not in RANKINGS:
        raise ValueError(f"unknown ranking '{rank}': use one of {', '.join(RANKINGS)}")
    t0, t1 = float(epoch_seconds(start)), float(epoch_seconds(end))
    ok = np.array([[t0, t1]])
    if request.light is not None:
        if request.light not in ("sunlit", "shadow"):
            raise ValueError(f"light must be 'sunlit' or 'shadow', not '{request.light}'")
        daylight = Daylight(orbit, t0, t1)
        ok = intervals.intersect(ok, daylight.sunlit if request.light == "sunlit" else daylight.shadow)
    site = None
    if request.site is not None and len(ok):
        site = Site.of(request.site, request.min_elevation_deg)
        ok = intervals.intersect(ok, in_view_intervals(orbit, site, t0, t1))
    if request.place is not None and len(ok):
        ok = intervals.intersect(ok, overflights(orbit, request.place, t0, t1, request.radius_km))
    if request.link is not None and len(ok):
        from planner.orbit.coverage import check_network, link_within

        ok = link_within(orbit, check_network(request.link, allow_any=True), ok, request.link_sites)
    if request.busy and len(ok):
        ok = intervals.subtract(ok, intervals.make(request.busy))
    ok = ok[intervals.duration(ok) >= request.min_duration_s]
    windows = [Window(float(a), float(b), _best_elevation(orbit, site, a, b) if site else None) for a, b in ok]
    if rank == "longest":
        windows.sort(key=lambda w: (-w.duration_s, w.start))
    elif rank == "elevation":
        windows.sort(key=lambda w: (-(w.max_elevation_deg or -90.0), -w.duration_s, w.start))
    else:
        windows.sort(key=lambda w: w.start)
    return windows


def _best_elevation(orbit: Orbit, site: Site, a: float, b: float) -> float:
    from planner.orbit.geodesy import ecef_of, up_of

    t = np.linspace(a, b, max(int((b - a) / 5.0), 2))
    rho = orbit.ecef(t) - ecef_of(site.lat_deg, site.lon_deg, site.alt_m / 1000.0)[:, None]
    sin_el = (rho * up_of(site.lat_deg, site.lon_deg)[:, None]).sum(axis=0) / np.sqrt((rho * rho).sum(axis=0))
    return float(np.degrees(np.arcsin(np.clip(sin_el.max(), -1, 1))))
