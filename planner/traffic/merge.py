"""Adding imported traffic to a plan: people matched by name, flights already in the plan merged, not doubled.

The app's File > Import Traffic CSV and ``planner import-traffic CSV --into PROJECT`` both use
:func:`merge_traffic`; neither changes the plan itself here: the result says what to add and what to replace.

- A person of the CSV is the plan's person of the same name (case and spacing aside).
- A flight of the CSV is the plan's flight when the vehicle's name (case and spacing aside) and type are the
  same and their events are the same or overlap in time (a flight with no departure yet lasts to the end of
  the plan). The plan's flight then gets the events of the CSV it lacks.
- An event of the CSV is one of the plan's when it is of the same kind (a launch, an arrival, a departure and a
  landing happen once per flight; a relocation is matched by its two ports). Its time in the plan is kept;
  where the CSV gives another, the difference is reported so the planner can look.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field

from planner.model.mission import Event, EventKind, Mission
from planner.model.people import Person, unique_slug
from planner.model.project import Project
from planner.model.time_text import utc_text
from planner.model.times import to_epoch

#: Event kinds a flight has at most once; a relocation may happen many times.
_ONCE = {
    EventKind.LAUNCH: "launch",
    EventKind.DOCK: "arrival",
    EventKind.BERTH: "arrival",
    EventKind.UNDOCK: "departure",
    EventKind.UNBERTH: "departure",
    EventKind.LAND: "landing",
}


@dataclass
class MergedFlight:
    """A flight of the plan that the CSV also holds: the plan's mission, and it with the CSV's extra events."""

    before: Mission
    after: Mission
    added: list[Event]


@dataclass
class TrafficMerge:
    """What importing a CSV into a plan adds and changes (see :func:`merge_traffic`)."""

    people: list[Person] = field(default_factory=list)  # new people, with ids free in the plan
    missions: list[Mission] = field(default_factory=list)  # new flights, with ids free in the plan
    merged: list[MergedFlight] = field(default_factory=list)  # the plan's flights that get events
    unchanged: list[str] = field(default_factory=list)  # names of the plan's flights the CSV adds nothing to
    differences: list[str] = field(default_factory=list)  # where the CSV's times differ from the plan's (kept)

    @property
    def changes_plan(self) -> bool:
        """True when anything is added or merged."""
        return bool(self.people or self.missions or self.merged)

    def apply_to(self, project: Project) -> None:
        """Make the changes in ``project`` (the plan given to :func:`merge_traffic`)."""
        project.people.extend(self.people)
        project.missions.extend(self.missions)
        where = {m.id: k for k, m in enumerate(project.missions)}
        for flight in self.merged:
            project.missions[where[flight.before.id]] = flight.after

    def summary(self, source: str) -> str:
        """One paragraph for the planner: what came from ``source``, what was merged, what differs."""
        added = len(self.missions)
        text = f"Imported {added} vehicle{'s' if added != 1 else ''} from {source}"
        if self.merged:
            flights = "; ".join(f"{f.after.name}: {_count(len(f.added), 'event')} added ({_kinds(f.added)})"
                                for f in self.merged)
            text += f"; merged {_count(len(self.merged), 'flight')} already in the plan ({flights})"
        if self.unchanged:
            text += f"; {len(self.unchanged)} already in the plan were left as they are"
        text += "."
        if self.differences:
            text += " The plan's times were kept where the CSV differs: " + "; ".join(self.differences) + "."
        return text


def merge_traffic(plan: Project, imported: Project) -> TrafficMerge:
    """What adding ``imported`` (a project read from a traffic CSV, used up by this) to ``plan`` means.

    ``plan`` is not changed; apply the result with :meth:`TrafficMerge.apply_to` or as undoable edits."""
    result = TrafficMerge()
    person_ids = {p.id for p in plan.people}
    by_name = {_key(p.name): p.id for p in plan.people}
    renamed: dict[str, str] = {}
    for person in imported.people:
        known = by_name.get(_key(person.name))
        if known is not None:
            renamed[person.id] = known
            continue
        new_id = unique_slug(person.name, person_ids)
        person_ids.add(new_id)
        renamed[person.id] = by_name[_key(person.name)] = person.id = new_id
        result.people.append(person)
    mission_ids = {m.id for m in plan.missions}
    for mission in imported.missions:
        for event in mission.events:
            event.crew = tuple(renamed.get(p, p) for p in event.crew)
        own = _same_flight(plan.missions, mission)
        if own is None:
            mission.id = unique_slug(mission.id, mission_ids)
            mission_ids.add(mission.id)
            result.missions.append(mission)
            continue
        added = []
        for event in mission.events:
            mine = _counterpart(own, event)
            if mine is None:
                added.append(event)
            elif (mine.utc, mine.end_utc) != (event.utc, event.end_utc):
                result.differences.append(f"{own.name}'s {_what(event)} at {_when(mine)} (the CSV: {_when(event)})")
        if not added:
            result.unchanged.append(own.name)
            continue
        after = copy.deepcopy(own)
        after.events.extend(added)
        after.sort_events()
        result.merged.append(MergedFlight(own, after, added))
    return result


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _span(mission: Mission) -> tuple[float, float]:
    """From the first event to the last; to the end of the plan while the vehicle has not left yet."""
    if not mission.events:
        return math.inf, -math.inf
    start = min(to_epoch(e.utc) for e in mission.events)
    left = any(e.kind.departs or e.kind is EventKind.LAND for e in mission.events)
    end = max(to_epoch(e.end) for e in mission.events) if left else math.inf
    return start, end


def _same_flight(missions: list[Mission], flight: Mission) -> Mission | None:
    """The plan's mission that is ``flight``: same name and type, and the same or overlapping events."""
    start, end = _span(flight)
    times = {(e.kind, e.utc) for e in flight.events}
    for mission in missions:
        if _key(mission.name) != _key(flight.name) or mission.vehicle_type != flight.vehicle_type:
            continue
        own_start, own_end = _span(mission)
        if own_start <= end and start <= own_end or times & {(e.kind, e.utc) for e in mission.events}:
            return mission
    return None


def _counterpart(mission: Mission, event: Event) -> Event | None:
    """The event of ``mission`` that ``event`` stands for, if it has one."""
    if event.kind in _ONCE:
        role = _ONCE[event.kind]
        return next((e for e in mission.events if _ONCE.get(e.kind) == role), None)
    return next((e for e in mission.events if e.kind is event.kind and (e.from_port, e.port) == (event.from_port, event.port)),
                None)


def _what(event: Event) -> str:
    if event.kind is EventKind.RELOCATE:
        return f"relocation from {event.from_port} to {event.port}"
    return _ONCE[event.kind]


def _when(event: Event) -> str:
    text = utc_text(to_epoch(event.utc))
    return f"{text} to {utc_text(to_epoch(event.end_utc))}" if event.end_utc is not None else text


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _kinds(events: list[Event]) -> str:
    return ", ".join(e.kind.value for e in events)
