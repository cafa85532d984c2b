"""Missions: a visiting vehicle and the events of its flight."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum


class EventKind(str, Enum):
    """What happens to a vehicle at an event (the traffic CSV's ``event`` column)."""

    LAUNCH = "launch"
    DOCK = "dock"
    BERTH = "berth"
    RELOCATE = "relocate"
    UNDOCK = "undock"
    UNBERTH = "unberth"
    LAND = "land"

    @property
    def arrives(self) -> bool:
        """True for events that attach a vehicle to a port."""
        return self in (EventKind.DOCK, EventKind.BERTH)

    @property
    def departs(self) -> bool:
        """True for events that detach a vehicle from a port."""
        return self in (EventKind.UNDOCK, EventKind.UNBERTH)


#: Events at the station that move a vehicle (what the spacing rule spaces out).
DYNAMIC_EVENTS = frozenset({EventKind.DOCK, EventKind.BERTH, EventKind.RELOCATE, EventKind.UNDOCK, EventKind.UNBERTH})


@dataclass(slots=True, eq=True)
class Event:
    """One event of a mission.

    ``crew`` holds person ids: on dock/berth who arrives, on undock/unberth who leaves, on
    launch/land/relocate who rides. For a relocation ``utc`` is the undocking, ``end_utc`` the
    redocking, ``from_port`` the port left and ``port`` the new one.
    """

    kind: EventKind
    utc: datetime
    port: str | None = None
    from_port: str | None = None
    end_utc: datetime | None = None
    crew: tuple[str, ...] = ()
    note: str = ""
    source: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def end(self) -> datetime:
        """When the event is over (the redocking for a relocation)."""
        return self.end_utc or self.utc


@dataclass(slots=True, eq=True)
class Mission:
    """A vehicle's flight: its type, its events in time order, and what it carries.

    ``tags`` mark what matters to the rules (e.g. ``roll-out-solar-arrays``); ``seats`` overrides the
    vehicle type's number of crew seats for this flight (None: the type's). ``arrives_with`` names the mission
    this vehicle arrives attached to (the Progress M-UM tug brought Prichal): their arrivals are one event.
    """

    id: str
    name: str
    vehicle_type: str
    events: list[Event] = field(default_factory=list)
    tags: tuple[str, ...] = ()
    seats: int | None = None
    note: str = ""
    extra: dict = field(default_factory=dict, compare=False)
    arrives_with: str | None = None

    def sort_events(self) -> None:
        """Put the events in time order (stable, so same-time events keep their written order)."""
        self.events.sort(key=lambda e: e.utc)

    def first(self, *kinds: EventKind) -> Event | None:
        """The earliest event of one of these kinds, or None."""
        return next((e for e in self.events if e.kind in kinds), None)

    def last(self, *kinds: EventKind) -> Event | None:
        """The latest event of one of these kinds, or None."""
        return next((e for e in reversed(self.events) if e.kind in kinds), None)

    @property
    def crewed(self) -> bool:
        """True when anybody rides on any of its events."""
        return any(e.crew for e in self.events)
