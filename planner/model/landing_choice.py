"""A mission landed at a chosen landing opportunity: its landing and its undocking set together.

    new = land_at(mission, landing_time, find_zone("soyuz"), sun_elevation_deg=24.1)

The mission's last landing moves to ``landing`` (a landing opportunity's estimated landing,
:mod:`planner.orbit.landing`) and its last undocking (or unberthing) to the zone's time from undocking to landing
before it (``undock_to_land_min`` in ``resources/landing/zones.json``, with its source: 201.7 min at the Soyuz zone,
the mean of Soyuz MS-18's and MS-20's real returns); both are added when the mission has none (the undocking from
the port it last arrived at). Every other event stays where it is, so an undocking that would come at or before
the mission's previous event (its docking, or a relocation's redocking) is refused with
:class:`LandingChoiceError` saying which, never reordered.

This is the one edit that moves a landing to an opportunity: the app's Land at an Opportunity… dialog
(:mod:`planner.gui.landing_dialog`) makes it, and a fix that moves a landing should make it too.
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta

from planner.model.crew import flight_crew
from planner.model.event_words import event_noun, second_text
from planner.model.landing_zones import LandingZone, zones_of
from planner.model.mission import Event, EventKind, Mission

_DEPARTURES = (EventKind.UNDOCK, EventKind.UNBERTH)
_AT_PORT = (EventKind.DOCK, EventKind.BERTH, EventKind.RELOCATE)
_VERBS = {EventKind.UNDOCK: "undock", EventKind.UNBERTH: "unberth"}


class LandingChoiceError(ValueError):
    """The opportunity cannot be used for the mission as planned; the message says why and what to do."""


def return_zones(vehicle_type: str) -> tuple[LandingZone, ...]:
    """The zones ``vehicle_type`` lands in that give a time from undocking to landing: those :func:`land_at` can
    land it in (the Soyuz zone; Dragon's time from undocking to splashdown is chosen flight by flight)."""
    return tuple(zone for zone in zones_of(vehicle_type) if zone.undock_to_land_min is not None)


def undock_to_land(zone: LandingZone) -> timedelta:
    """The zone's time from undocking to landing, to the second; :class:`LandingChoiceError` when it gives none."""
    if zone.undock_to_land_min is None:
        raise LandingChoiceError(f"the landing zone {zone.name} gives no time from undocking to landing: "
                                 "set the undocking by hand")
    return timedelta(seconds=round(zone.undock_to_land_min * 60.0))


def duration_text(span: timedelta) -> str:
    """'3 h 22 min' (to the minute)."""
    hours, minutes = divmod(round(span.total_seconds() / 60.0), 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


def sun_text(elevation_deg: float, daylight: bool | None = None) -> str:
    """'Sun 24.1° up, in daylight' or 'Sun 6.6° down, outside daylight' ('Sun 24.1° up' when ``daylight`` is not
    known)."""
    said = f"Sun {abs(elevation_deg):.1f}° {'up' if elevation_deg >= 0 else 'down'}"
    return said if daylight is None else f"{said}, {'in' if daylight else 'outside'} daylight"


def land_at(mission: Mission, landing: datetime, zone: LandingZone, sun_elevation_deg: float | None = None,
            daylight: bool | None = None) -> Mission:
    """A copy of ``mission`` landing at ``landing`` in ``zone`` and undocking the zone's undocking-to-landing time
    before it.

    The new events' ``source`` says they are the planner's estimate (the zone, the Sun there when given).
    Raises :class:`LandingChoiceError` when the undocking (the landing, for a mission that never docked) would come
    at or before another event of the mission, or when the zone gives no undocking-to-landing time."""
    undock = landing - undock_to_land(zone)
    new = copy.deepcopy(mission)
    land = new.last(EventKind.LAND)
    leave = new.last(*_DEPARTURES)
    stay = new.last(*_AT_PORT)
    kind = leave.kind if leave is not None else (EventKind.UNBERTH if stay is not None and stay.kind is
                                                 EventKind.BERTH else EventKind.UNDOCK)
    port = None if leave is not None or stay is None else stay.port
    # The first of the moved events must come after all the others.
    first, when = (kind, undock) if leave is not None or port is not None else (EventKind.LAND, landing)
    others = [e for e in new.events if e is not land and e is not leave]
    previous = max(others, key=lambda e: e.end, default=None)
    if previous is not None and when <= previous.end:
        what = (f"{event_noun(previous.kind)} at {second_text(previous.utc)}" if previous.end_utc is None else
                f"relocation, redocked at {second_text(previous.end)}")
        moved = f"land at {second_text(landing)}" if first is EventKind.LAND else \
            f"{_VERBS[first]} at {second_text(when)} to land at {second_text(landing)}"
        raise LandingChoiceError(f"{mission.name} would {moved}, before its {what}: choose a later opportunity, or "
                                 f"move the {event_noun(previous.kind)} first")
    sun = f", {sun_text(sun_elevation_deg, daylight)}" if sun_elevation_deg is not None else ""
    home = flight_crew(mission)
    crew = home.home if home.home else home.up
    if land is None:
        land = Event(EventKind.LAND, landing, crew=crew)
        new.events.append(land)
    land.utc = landing
    land.source = f"Planner estimate: a landing opportunity at {zone.name}{sun}"
    if leave is None and port is not None:
        leave = Event(kind, undock, port=port, crew=crew)
        new.events.append(leave)
    if leave is not None:
        leave.utc = undock
        leave.source = (f"Planner estimate: {duration_text(undock_to_land(zone))} before the landing at {zone.name}, "
                        "the zone's time from undocking to landing")
    new.sort_events()
    return new
