"""A flight's crew: who flies up and who flies home on a mission, in seat order, read from and written to its events.

A mission's events each hold their own crew (:class:`~planner.model.mission.Event`): who rides at a launch or a
landing, who arrives at a docking, who leaves at an undocking. A planner thinks of one crew per flight instead:

- **up**: who launches and arrives: the launch, docking and berthing events (the *up side*);
- **home**: who leaves and lands: the undocking, unberthing and landing events (the *home side*).

The order of a crew is its seat order: the first person sits in the vehicle type's first seat (a Soyuz
commander), and so on (:meth:`~planner.model.catalogue.VehicleType.seat_name`).

Reading
    A side's crew is the crew of its first event, in the mission's event order, that carries anybody (nobody
    when none does). A side with no event at all has nobody.

Writing (:func:`with_flight_crew`)
    An event *follows* a change of its side's crew when it carries the old crew of its side (the same people,
    in any order) or nobody (not filled in yet); it then carries the new crew in the new seat order. An event
    that carries anybody else keeps them: that is a difference made on purpose on the event itself, such as a
    handover. A relocation (its crew rides along) follows the up crew when it carries the old up crew or
    nobody, else the home crew when it carries the old home crew, else it keeps its own.

    So, in 2021, Soyuz MS-19 flew up with Shkaplerov, Peresild and Shipenko and home with Shkaplerov, Dubrov
    and Vande Hei: a new seat order for its up crew changes its launch and docking only; the film crew's
    undocking and landing on Soyuz MS-18 are MS-18's home side and do not move.

Nothing here refuses more people than seats: that is the planner's call to make and the rules' to flag
(``lifeboat-seats``, the vehicle's own departure); :func:`seat_count` says how many seats there are.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from planner.model.catalogue import Station
from planner.model.mission import Event, EventKind, Mission

#: The events that carry the crew that flies up (who rides, who arrives).
UP_KINDS = frozenset({EventKind.LAUNCH, EventKind.DOCK, EventKind.BERTH})
#: The events that carry the crew that flies home (who leaves, who rides down).
HOME_KINDS = frozenset({EventKind.UNDOCK, EventKind.UNBERTH, EventKind.LAND})

Crew = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FlightCrew:
    """Who flies up and who flies home on one mission, each in seat order, and whether the mission has events
    of each side at all (a flight with no undocking or landing planned has no way home to set)."""

    up: Crew = ()
    home: Crew = ()
    has_up: bool = False
    has_home: bool = False

    @property
    def same(self) -> bool:
        """True when the same people fly home in the same seats as they flew up."""
        return self.up == self.home


def flight_crew(mission: Mission) -> FlightCrew:
    """The mission's up and home crews as its events hold them (see the module's reading rule)."""
    return FlightCrew(
        up=_side_crew(mission.events, UP_KINDS),
        home=_side_crew(mission.events, HOME_KINDS),
        has_up=any(e.kind in UP_KINDS for e in mission.events),
        has_home=any(e.kind in HOME_KINDS for e in mission.events),
    )


def _side_crew(events: list[Event], kinds: frozenset) -> Crew:
    return next((e.crew for e in events if e.kind in kinds and e.crew), ())


def _same_people(a: Crew, b: Crew) -> bool:
    return sorted(a) == sorted(b)


def _follows(event_crew: Crew, old: Crew) -> bool:
    return not event_crew or _same_people(event_crew, old)


def with_flight_crew(mission: Mission, up: Crew | list[str] | None = None,
                     home: Crew | list[str] | None = None) -> Mission:
    """An edited copy of ``mission`` with a new ``up`` and/or ``home`` crew (None: that side as it is) written
    onto the events that follow it (see the module's writing rule); ``mission`` is not changed."""
    old = flight_crew(mission)
    new_up = old.up if up is None else tuple(up)
    new_home = old.home if home is None else tuple(home)
    for crew in (new_up, new_home):
        if len(set(crew)) != len(crew):
            raise ValueError(f"a person sits in two seats: {', '.join(crew)}")
    edited = copy.deepcopy(mission)
    for event in edited.events:
        if event.kind in UP_KINDS:
            if _follows(event.crew, old.up):
                event.crew = new_up
        elif event.kind in HOME_KINDS:
            if _follows(event.crew, old.home):
                event.crew = new_home
        elif event.kind is EventKind.RELOCATE:
            if _follows(event.crew, old.up):
                event.crew = new_up
            elif _same_people(event.crew, old.home):
                event.crew = new_home
    return edited


def own_crew_events(mission: Mission) -> list[int]:
    """The indexes of the events whose crew differs from their side's flight crew (set on the event itself,
    e.g. for a handover): the events a change of the flight crew leaves as they are. Events with nobody on
    them are not listed (they follow)."""
    crew = flight_crew(mission)
    found = []
    for index, event in enumerate(mission.events):
        if not event.crew:
            continue
        if event.kind in UP_KINDS:
            differs = not _same_people(event.crew, crew.up)
        elif event.kind in HOME_KINDS:
            differs = not _same_people(event.crew, crew.home)
        else:
            differs = not (_same_people(event.crew, crew.up) or _same_people(event.crew, crew.home))
        if differs:
            found.append(index)
    return found


def seat_count(mission: Mission, station: Station) -> int:
    """The crew seats of this flight: the mission's own number, else its vehicle type's (0: unknown type)."""
    if mission.seats is not None:
        return mission.seats
    vtype = station.vehicle_type(mission.vehicle_type)
    return vtype.crew_seats if vtype else 0


def seat_names(mission: Mission, station: Station, count: int | None = None) -> list[str]:
    """The names of the flight's first ``count`` seats (default: all of its seats), "Seat N" where unnamed."""
    vtype = station.vehicle_type(mission.vehicle_type)
    count = seat_count(mission, station) if count is None else count
    return [vtype.seat_name(i) if vtype else f"Seat {i + 1}" for i in range(count)]
