"""What the finder proposes: the request (vehicle, crew, site, earliest launch, stay) and the candidate flight
made from one launch opportunity, one port and one length of stay, as a mission of the plan.

A candidate flight: liftoff at the opportunity's estimated liftoff, arrival at the rendezvous profile's typical
time (:func:`planner.model.launch_choice.launch_at`), departure the stay's length after the arrival, landing:

- for a vehicle type with a landing zone that gives a time from undocking to landing (the Soyuz zone): the landing
  opportunity in daylight nearest to the nominal landing (the departure plus that time), within
  :data:`LANDING_LOOK_S`, with the undocking moved before it (:func:`planner.model.landing_choice.land_at`);
- for the others: :data:`DEFAULT_UNDOCK_TO_LAND_H` after the departure, a planner default (Dragon's time from
  undocking to splashdown is chosen flight by flight: Crew-2 took 8.5 h and CRS-23 13.8 h in the 2021 data).

The crew are the given people, or placeholders (``proposed-crew-1`` ...) that exist only on the candidate's events,
so the lifeboat, headcount and people rules count them; nothing is added to the project's people.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from planner.model.catalogue import Station
from planner.model.landing_choice import land_at, return_zones, undock_to_land
from planner.model.launch_choice import launch_at
from planner.model.launch_sites import LaunchSite
from planner.model.mission import Event, EventKind, Mission
from planner.model.rendezvous import RendezvousProfile, arrival, default_profile
from planner.orbit.timebase import to_datetime

#: Planner defaults, hours from undocking to landing for types whose landing zone gives no time (see above).
DEFAULT_UNDOCK_TO_LAND_H = {"crew-dragon": 8.5, "cargo-dragon": 13.8}
#: A type in neither the zones nor the defaults lands this long after undocking (Crew-2's 8.5 h; planner default).
FALLBACK_UNDOCK_TO_LAND_H = 8.5
#: A zone's landing is looked for this far either side of the nominal landing (opportunities come about daily).
LANDING_LOOK_S = 86400.0
#: The id and name the candidate flight has in the plan while it is judged.
CANDIDATE_ID = "proposed-flight"


class RequestError(ValueError):
    """The request cannot be searched as given; the message says why in the user's words."""


@dataclass(frozen=True)
class FlightRequest:
    """What the user asks for: a vehicle type (its id), a crew size or the people (person ids), the launch site,
    the earliest launch (aware UTC), the lengths of stay to try in days (each, in order), and optionally a port
    (its id) and a rendezvous profile (default: the type's first)."""

    vehicle_type: str
    crew: int
    site: LaunchSite
    earliest: datetime
    stay_days: tuple[float, ...]
    port: str | None = None
    people: tuple[str, ...] = ()
    profile: RendezvousProfile | None = None


@dataclass(frozen=True)
class Plan:
    """The request checked against the station: the ports to try, the crew ids, the profile, the landing."""

    request: FlightRequest
    name: str
    ports: tuple[str, ...]
    crew: tuple[str, ...]
    profile: RendezvousProfile
    zone: object | None  # a LandingZone with an undocking-to-landing time, or None
    undock_to_land: timedelta


def plan_request(request: FlightRequest, station: Station, taken_people) -> Plan:
    """Check the request against the station; :class:`RequestError` saying what is wrong otherwise."""
    vtype = station.vehicle_type(request.vehicle_type)
    if vtype is None:
        raise RequestError(f"no vehicle type '{request.vehicle_type}' at {station.name}")
    if request.earliest.tzinfo is None:
        raise RequestError("the earliest launch must be a UTC time")
    if not request.stay_days or any(not math.isfinite(d) or d <= 0 for d in request.stay_days):
        raise RequestError("the length of stay must be a positive number of days")
    people = tuple(request.people)
    if people and len(people) != request.crew:
        raise RequestError(f"{len(people)} people named for a crew of {request.crew}")
    if request.crew < 0 or request.crew > vtype.crew_seats:
        raise RequestError(f"a crew of {request.crew} does not fit a {vtype.name} ({vtype.crew_seats} seats)")
    compatible = tuple(p.id for p in station.compatible_ports(vtype.id))
    if request.port is not None:
        if station.port(request.port) is None:
            raise RequestError(f"no port '{request.port}' at {station.name} (ports: "
                               f"{', '.join(p.id for p in station.ports)})")
        if request.port not in compatible:
            raise RequestError(f"a {vtype.name} cannot use {request.port} (it can use: "
                               f"{', '.join(compatible) or 'none'})")
        compatible = (request.port,)
    if not compatible:
        raise RequestError(f"no port of {station.name} takes a {vtype.name}")
    profile = request.profile or default_profile(vtype.id)
    if profile is None:
        raise RequestError(f"no rendezvous profile for a {vtype.name}: its arrival cannot be estimated")
    if not people:
        taken = set(taken_people)
        people, k = [], 1
        while len(people) < request.crew:
            pid = f"proposed-crew-{k}"
            if pid not in taken:
                people.append(pid)
            k += 1
    zones = return_zones(vtype.id)
    zone = zones[0] if zones else None
    hours = DEFAULT_UNDOCK_TO_LAND_H.get(vtype.id, FALLBACK_UNDOCK_TO_LAND_H)
    after = undock_to_land(zone) if zone is not None else timedelta(hours=hours)
    return Plan(request, f"Proposed {vtype.name}", compatible, tuple(people), profile, zone, after)


def departure_kind(profile: RendezvousProfile) -> EventKind:
    return EventKind.UNBERTH if profile.arrival == "berth" else EventKind.UNDOCK


def docked(plan: Plan, launch: float, in_plane: float | None, port: str) -> Mission:
    """The candidate launched at ``launch`` (epoch seconds) and arrived at ``port``: launch and arrival only."""
    bare = Mission(CANDIDATE_ID, plan.name, plan.request.vehicle_type,
                   [Event(EventKind.LAUNCH, to_datetime(round(launch)), crew=plan.crew)])
    when = arrival(to_datetime(round(launch)), plan.profile)
    plane = to_datetime(round(in_plane)) if in_plane is not None else None
    return launch_at(bare, when, plan.request.site.name, plane, port=port)


def nominal_departure(mission: Mission, stay_days: float) -> datetime:
    return mission.first(EventKind.DOCK, EventKind.BERTH).utc + timedelta(days=stay_days)


def returned(plan: Plan, mission: Mission, stay_days: float, landing: float | None = None,
             sun_deg: float | None = None) -> Mission:
    """The docked candidate with its departure and landing: at ``landing`` (epoch seconds, a zone's landing
    opportunity) when given, else the default time after the stay's end."""
    if landing is not None:
        return land_at(mission, to_datetime(round(landing)), plan.zone, sun_deg, True)
    leave = nominal_departure(mission, stay_days)
    port = mission.first(EventKind.DOCK, EventKind.BERTH).port
    new = Mission(mission.id, mission.name, mission.vehicle_type, list(mission.events))
    new.events.append(Event(departure_kind(plan.profile), leave, port=port, crew=plan.crew,
                            source=f"Planner estimate: {stay_days:g} days after the arrival"))
    new.events.append(Event(EventKind.LAND, leave + plan.undock_to_land, crew=plan.crew,
                            source=f"Planner estimate: {plan.undock_to_land.total_seconds() / 3600:.3g} h after "
                                   "undocking"))
    return new
