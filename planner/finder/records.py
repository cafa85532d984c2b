"""The records a proposed flight adds to a plan: its mission under a name and id of its own, and a person for each
placeholder seat (``proposed-crew-1`` ...), so that every id its events name is one of the plan's.

    mission, people = flight_records(project, flight, "Crew Dragon")
    mission.name            # 'Crew Dragon 2021-10-22'
    [p.name for p in people]  # ['Crew Dragon 2021-10-22 crew 1', ...]
"""

from __future__ import annotations

from dataclasses import replace

from planner.model.mission import Mission
from planner.model.people import Person, unique_slug
from planner.model.project import Project

#: The role of a person made for a placeholder seat (a planner fills in who flies later).
PLACEHOLDER_ROLE = "crew (proposed)"


def flight_records(project: Project, flight, type_name: str) -> tuple[Mission, list[Person]]:
    """The mission of ``flight`` (a :class:`planner.finder.Flight`) named after its type and launch day (made unique
    in ``project``), and the people to add for its seats no person of ``project`` holds (in seat order)."""
    names = {m.name for m in project.missions}
    base = name = f"{type_name} {flight.launch:%Y-%m-%d}"
    n = 2
    while name in names:
        name, n = f"{base} ({n})", n + 1
    mission_id = unique_slug(name, {m.id for m in project.missions})
    known = {p.id for p in project.people}
    taken = set(known) | {c for m in project.missions for e in m.events for c in e.crew}
    seats: list[str] = []
    for event in flight.mission.events:
        seats += [c for c in event.crew if c not in seats]
    renamed, people = {}, []
    for k, seat in enumerate(seats, 1):
        if seat in known:
            continue
        person_name = f"{name} crew {k}"
        person_id = unique_slug(person_name, taken)
        taken.add(person_id)
        renamed[seat] = person_id
        people.append(Person(person_id, person_name, role=PLACEHOLDER_ROLE,
                             note=f"A seat of the proposed flight {name}: put who flies in their place"))
    events = [replace(e, crew=tuple(renamed.get(c, c) for c in e.crew)) for e in flight.mission.events]
    return replace(flight.mission, id=mission_id, name=name, events=events), people
