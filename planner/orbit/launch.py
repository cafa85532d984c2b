"""Launch opportunities: when a vehicle can lift off from a site to reach the station's orbit, and when it arrives.

An opportunity is a moment the site passes through the station's orbital plane (``in_plane``, from
``planner.orbit.inplane``) in a direction launches from that site fly (the catalogue's ``directions``: north-east
from Baikonur and Florida, south-east from Wallops and Tanegashima; either way for a site without them), and the
estimated liftoff ``launch``: the in-plane moment less the vehicle type's lead (``planner.model.rendezvous``),
since real launches lift off a few minutes early and close the rest during the ascent.

    site = find_launch_site("Baikonur Site 31")
    found = launch_opportunities(orbit, site, start, end, vehicle_type="soyuz-ms")
    found[0].launch, found[0].direction, found[0].azimuth_deg
    found[0].arrival(default_profile("soyuz-ms")).typical          # the docking time

Times are UTC epoch seconds (``launch_datetime`` and ``in_plane_datetime`` give aware datetimes); an opportunity
counts when its in-plane moment lies within ``start..end``. Opportunities come about 23 minutes earlier each day:
the plane turns west by about 5° a day while the Earth turns the site east.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np

from planner.model.launch_sites import LaunchSite
from planner.model.rendezvous import Arrival, LaunchLead, RendezvousProfile, arrival, launch_lead
from planner.orbit.inplane import plane_crossings
from planner.orbit.orbit import Orbit
from planner.orbit.timebase import epoch_seconds, to_datetime


@dataclass(frozen=True)
class LaunchOpportunity:
    """One chance to launch from ``site`` into the station's plane: UTC epoch seconds, degrees from north."""

    site: LaunchSite
    in_plane: float
    launch: float
    direction: str
    azimuth_deg: float
    inertial_azimuth_deg: float
    lead: LaunchLead

    @property
    def in_plane_datetime(self) -> datetime:
        return to_datetime(self.in_plane)

    @property
    def launch_datetime(self) -> datetime:
        return to_datetime(self.launch)

    def arrival(self, profile: RendezvousProfile) -> Arrival:
        """When a vehicle lifting off at this opportunity's estimated liftoff arrives with ``profile``."""
        return arrival(to_datetime(round(self.launch)), profile)

    def as_dict(self) -> dict:
        """The opportunity as the command line writes it: ISO UTC times to the second, the azimuth to 0.01°."""
        from planner.model.times import format_utc

        return {"site": self.site.name, "in_plane": format_utc(to_datetime(round(self.in_plane))),
                "launch": format_utc(to_datetime(round(self.launch))), "direction": self.direction,
                "azimuth_deg": round(self.azimuth_deg, 2)}


def launch_opportunities(orbit: Orbit, site: LaunchSite, start, end,
                         vehicle_type: str | None = None) -> list[LaunchOpportunity]:
    """The launch opportunities from ``site`` whose in-plane moment lies in ``start..end``, in time order.

    ``vehicle_type`` (an id of the station catalogue) sets the lead; None, or a type with no launches in the data,
    gets the default lead. Raises ``CannotJudge`` where SGP4 cannot fly the element sets (how far the span lies
    from their epochs is ``planner.orbit.Horizon``'s to judge).
    """
    return launch_opportunities_at(orbit, [site], start, end, vehicle_type)[0]


def launch_opportunities_at(orbit: Orbit, sites: list[LaunchSite], start, end,
                            vehicle_type: str | None = None) -> list[list[LaunchOpportunity]]:
    """:func:`launch_opportunities` for several sites at once (SGP4 runs once for all): one list per site."""
    lead = launch_lead(vehicle_type)
    t0, t1 = float(epoch_seconds(start)), float(epoch_seconds(end))
    found = plane_crossings(orbit, [(s.lat_deg, s.lon_deg, s.alt_m) for s in sites], t0, t1)
    result = []
    for site, crossings in zip(sites, found):
        keep = (crossings.times >= t0) & (crossings.times <= t1)
        rows = []
        for k in np.flatnonzero(keep):
            direction = crossings.direction(k)
            if not site.flies(direction):
                continue
            t = float(crossings.times[k])
            rows.append(LaunchOpportunity(site, t, t - lead.seconds, direction, float(crossings.azimuth_deg[k]),
                                          float(crossings.inertial_azimuth_deg[k]), lead))
        result.append(rows)
    return result


def out_of_reach(orbit: Orbit, site: LaunchSite, when) -> str | None:
    """Why ``site`` never passes through the plane (its latitude beyond the orbit's inclination), or None."""
    r, v = orbit.teme(np.atleast_1d(epoch_seconds(when)))
    h = np.cross(r, v, axis=0)[:, 0]
    inclination = float(np.degrees(np.arccos(h[2] / np.sqrt(h @ h))))
    reach = min(inclination, 180.0 - inclination)
    if abs(site.lat_deg) > reach:
        return (f"its latitude, {abs(site.lat_deg):.2f}° {'N' if site.lat_deg >= 0 else 'S'}, is beyond the "
                f"{reach:.2f}° the orbit's plane reaches")
    return None
