"""From liftoff to arrival: how long before the in-plane moment each vehicle type lifts off, and how long its
rendezvous with the station takes, as bundled data; and the docking time of a launch.

``resources/launch/leads.json``: each vehicle type's lead (seconds before its site passes through the station's
orbital plane), derived from the real 2021 launches (docs/launch-opportunities.md).
``resources/launch/rendezvous.json``: rendezvous profiles (Soyuz/Progress 2-orbit, 4-orbit and 2-day; Crew and
Cargo Dragon; Cygnus capture and berthing; Starliner), each a range of durations with the flights it comes from.

    lead = launch_lead("soyuz-ms")                        # LaunchLead: .seconds, .source, .derived
    profile = default_profile("soyuz-ms")                 # the type's first profile: Soyuz 2-orbit
    arrival(launch_time, profile).typical                 # the docking time (aware UTC datetime)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from planner.resources import resource_path


@dataclass(frozen=True, slots=True)
class LaunchLead:
    """How many seconds before the in-plane moment a vehicle type lifts off (negative: after), and why.

    ``derived``: False when the type has no launch in the data and gets the catalogue's default."""

    vehicle_type: str
    seconds: float
    source: str
    derived: bool = True


@dataclass(frozen=True, slots=True)
class Span:
    """A duration range in minutes: the shortest, the usual, the longest."""

    min: float
    typical: float
    max: float

    @classmethod
    def of(cls, data: dict) -> "Span":
        low, mid, high = (float(data[k]) for k in ("min", "typical", "max"))
        if not 0 <= low <= mid <= high:
            raise ValueError(f"a duration range must be 0 <= min <= typical <= max minutes, not {data}")
        return cls(low, mid, high)


@dataclass(frozen=True, slots=True)
class RendezvousProfile:
    """How long a vehicle takes from liftoff to arrival at the station.

    ``arrival`` is 'dock', or 'berth' for a vehicle the robot arm captures first: then ``capture`` counts from
    liftoff to the capture and ``minutes`` from the capture to the berthing; otherwise ``minutes`` counts from
    liftoff to the docking."""

    id: str
    name: str
    vehicle_types: tuple[str, ...]
    arrival: str
    minutes: Span
    capture: Span | None = None
    source: str = ""
    examples: tuple[dict, ...] = ()


@dataclass(frozen=True, slots=True)
class Arrival:
    """When a vehicle launched at ``launch`` arrives with ``profile``: ``earliest``, ``typical`` and ``latest`` docking
    (or berthing) times, and for a berthed vehicle the capture times too (``capture``: earliest, typical, latest)."""

    launch: datetime
    profile: RendezvousProfile
    earliest: datetime
    typical: datetime
    latest: datetime
    capture: tuple[datetime, datetime, datetime] | None = None

    def contains(self, when: datetime) -> bool:
        """Whether ``when`` lies within the profile's range of arrival times."""
        return self.earliest <= when <= self.latest


@lru_cache(maxsize=1)
def _leads() -> tuple[dict[str, LaunchLead], LaunchLead]:
    with resource_path("launch", "leads.json").open(encoding="utf-8") as f:
        data = json.load(f)
    by_type = {e["vehicle_type"]: LaunchLead(e["vehicle_type"], float(e["lead_s"]), e["source"])
               for e in data["vehicle_types"]}
    default = data["default"]
    return by_type, LaunchLead("", float(default["lead_s"]), default["source"], derived=False)


def launch_lead(vehicle_type: str | None) -> LaunchLead:
    """The lead of a vehicle type (its id); a type with no launch in the data, or None, gets the default lead."""
    by_type, default = _leads()
    if vehicle_type in by_type:
        return by_type[vehicle_type]
    return LaunchLead(vehicle_type or "", default.seconds, default.source, derived=False)


def lead_data() -> list[dict]:
    """The leads catalogue's per-type entries as written (each with the launches it was derived from)."""
    with resource_path("launch", "leads.json").open(encoding="utf-8") as f:
        return json.load(f)["vehicle_types"]


@lru_cache(maxsize=1)
def rendezvous_profiles() -> tuple[RendezvousProfile, ...]:
    """The bundled rendezvous profiles, in catalogue order."""
    with resource_path("launch", "rendezvous.json").open(encoding="utf-8") as f:
        entries = json.load(f)["profiles"]
    return tuple(
        RendezvousProfile(e["id"], e["name"], tuple(e["vehicle_types"]), e.get("arrival", "dock"),
                          Span.of(e["minutes"]), Span.of(e["capture_minutes"]) if "capture_minutes" in e else None,
                          e.get("source", ""), tuple(e.get("examples", ())))
        for e in entries
    )


def profiles_for(vehicle_type: str) -> tuple[RendezvousProfile, ...]:
    """The profiles a vehicle type flies (its id), its default first; empty for a type with none."""
    return tuple(p for p in rendezvous_profiles() if vehicle_type in p.vehicle_types)


def default_profile(vehicle_type: str) -> RendezvousProfile | None:
    """The profile a vehicle type flies unless told otherwise, or None."""
    found = profiles_for(vehicle_type)
    return found[0] if found else None


def find_profile(profile_id: str) -> RendezvousProfile:
    """The profile with this id (any letter case); KeyError naming the ids there are otherwise."""
    for profile in rendezvous_profiles():
        if profile.id.casefold() == profile_id.strip().casefold():
            return profile
    raise KeyError(f"no rendezvous profile '{profile_id}' (profiles: "
                   f"{', '.join(p.id for p in rendezvous_profiles())})")


def arrival(launch: datetime, profile: RendezvousProfile) -> Arrival:
    """When a vehicle lifting off at ``launch`` (aware UTC) docks, or is captured and berthed, with ``profile``."""
    if launch.tzinfo is None:
        raise ValueError("naive datetime: planner times are always UTC-aware")
    cap = profile.capture or Span(0.0, 0.0, 0.0)

    def at(minutes: float) -> datetime:
        return launch + timedelta(minutes=minutes)

    capture = (at(cap.min), at(cap.typical), at(cap.max)) if profile.capture else None
    m = profile.minutes
    return Arrival(launch, profile, at(cap.min + m.min), at(cap.typical + m.typical), at(cap.max + m.max), capture)
