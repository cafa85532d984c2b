"""The station's state as value types: a vehicle's stays at ports, its dynamic events and flights, the crew
moves it carries, a person's stays aboard, and the headcount series.

Times are float epoch seconds (``planner.model.times.to_epoch``); an open end is ``math.inf``. Intervals are
half-open ``[start, end)``: a vehicle that undocks at ``t`` and another that docks at ``t`` do not overlap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from planner.model.mission import EventKind

INF = math.inf


class PortStay(NamedTuple):
    """A vehicle at a port over ``[start, end)``; ``arrival`` is the window of the arriving dynamic event."""

    mission: str
    port: str
    start: float
    end: float
    arrival: tuple[float, float]
    by_relocation: bool = False


class DynamicEvent(NamedTuple):
    """A docking, berthing, undocking, unberthing or relocation over ``[start, end]`` (``end`` >= ``start``)."""

    mission: str
    index: int  # position in ``Mission.events``
    kind: EventKind
    start: float
    end: float
    crewed: bool
    ports: tuple[str, ...]


class Flight(NamedTuple):
    """People riding a vehicle away from the station over ``[start, end)`` (after launch, after undocking)."""

    mission: str
    start: float
    end: float
    people: tuple[str, ...]


class CrewMove(NamedTuple):
    """A person arriving at (``arrives``) or leaving the station on a vehicle."""

    person: str
    time: float
    arrives: bool
    mission: str
    index: int


class Problem(NamedTuple):
    """Something impossible in one vehicle's sequence of events (docks before launch, undocks from elsewhere)."""

    index: int
    start: float
    end: float
    message: str
    ports: tuple[str, ...] = ()


@dataclass(slots=True)
class MissionTrack:
    """One mission as the rules see it (see the module docstring)."""

    mission: str
    name: str
    vehicle_type: str
    seats: int
    returns_crew: bool
    max_stay_s: float | None
    tags: tuple[str, ...]
    stays: tuple[PortStay, ...] = ()
    attached: tuple[tuple[float, float], ...] = ()
    dynamic: tuple[DynamicEvent, ...] = ()
    flights: tuple[Flight, ...] = ()
    moves: tuple[CrewMove, ...] = ()
    departures: tuple[tuple[float, int, tuple[str, ...]], ...] = ()  # (time, event index, crew)
    problems: tuple[Problem, ...] = ()
    span: tuple[float, float] = (INF, -INF)  # first and last event time
    arrives_with: str | None = None  # the mission it arrives attached to (see ``Mission.arrives_with``)

    @property
    def is_lifeboat(self) -> bool:
        """True when the vehicle can carry crew home (it has seats and returns crew)."""
        return self.returns_crew and self.seats > 0

    @property
    def people(self) -> frozenset[str]:
        """Everybody named on any of its arrivals, departures or flights."""
        names = {m.person for m in self.moves}
        for flight in self.flights:
            names.update(flight.people)
        return frozenset(names)

    @property
    def ports(self) -> frozenset[str]:
        """Every port it stays at or names."""
        names = {s.port for s in self.stays}
        for problem in self.problems:
            names.update(problem.ports)
        return frozenset(names)

    def attached_at(self, when: float) -> bool:
        """True when the vehicle is docked (or flying a relocation) at ``when``."""
        return any(s <= when < e for s, e in self.attached)


class PersonStay(NamedTuple):
    """A person aboard over ``[start, end)``, arrived on ``came_on``, leaving on ``leaves_on`` (None: not planned)."""

    person: str
    start: float
    end: float
    came_on: str
    leaves_on: str | None


@dataclass(slots=True)
class PersonTrack:
    """One person's stays aboard and flights, and the moves that make no sense (leaving while not aboard)."""

    person: str
    stays: tuple[PersonStay, ...] = ()
    flights: tuple[Flight, ...] = ()
    stray: tuple[CrewMove, ...] = ()
    aboard: tuple[tuple[float, float], ...] = ()  # the union of the stays: when the person is aboard

    @property
    def missions(self) -> frozenset[str]:
        """The vehicles the stays came on or leave on."""
        found = {s.came_on for s in self.stays} | {s.leaves_on for s in self.stays if s.leaves_on}
        return frozenset(found)


class HeadcountStep(NamedTuple):
    """From ``utc`` on, ``people`` are aboard and docked vehicles offer ``seats`` seats home."""

    utc: float
    people: int
    seats: int
