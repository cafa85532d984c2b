"""The records a proposed flight adds: its mission under a name and id the plan does not have yet, a person for each
placeholder seat, and named people kept as they are."""

from __future__ import annotations

from datetime import datetime, timezone

from planner.finder import FlightRequest, find_flights
from planner.finder.records import PLACEHOLDER_ROLE, flight_records
from planner.model.launch_sites import find_launch_site
from planner.model.people import Person
from planner.model.project import Project

UTC = timezone.utc
SITE = find_launch_site("lc-39a")


def _flight(project, crew=2, people=()):
    request = FlightRequest("crew-dragon", crew, SITE, datetime(2022, 3, 1, tzinfo=UTC), (10.0,), people=people)
    return find_flights(project, request, count=1, conditions=None).flights[0]


def test_a_flight_of_placeholders_gets_a_person_per_seat_and_its_own_name():
    project = Project()
    mission, people = flight_records(project, _flight(project), "Crew Dragon")
    assert (mission.id, mission.name) == ("crew-dragon-2022-03-01", "Crew Dragon 2022-03-01")
    assert [p.name for p in people] == ["Crew Dragon 2022-03-01 crew 1", "Crew Dragon 2022-03-01 crew 2"]
    assert all(p.role == PLACEHOLDER_ROLE for p in people)
    assert {c for e in mission.events for c in e.crew} == {p.id for p in people}
    assert all(len(e.crew) == 2 for e in mission.events)


def test_a_second_flight_of_the_same_day_and_a_named_person_are_kept_apart():
    project = Project()
    first, people = flight_records(project, _flight(project), "Crew Dragon")
    project.missions.append(first)
    project.people.extend(people)
    project.people.append(Person("anna", "Anna"))
    second, more = flight_records(project, _flight(Project(), crew=1, people=("anna",)), "Crew Dragon")
    assert second.name == "Crew Dragon 2022-03-01 (2)" and second.id not in {m.id for m in project.missions}
    assert more == [] and {c for e in second.events for c in e.crew} == {"anna"}
    third, newer = flight_records(project, _flight(project), "Crew Dragon")
    assert {p.id for p in newer}.isdisjoint({p.id for p in project.people})
