"""Importing traffic into a plan that holds some of its flights already (issue 14 item 6): merged, not doubled.

The cases are the real 2021 traffic (tests/data) and what DOMAIN.md says of it: Soyuz MS-19 docked at Rassvet at
12:22:31Z on 2021-10-05 (planned 12:12) and left on 2022-03-30 (undocking 07:21:03Z, landing 11:28Z).
"""

from __future__ import annotations

import copy
from datetime import datetime, timezone

import pytest

from planner.model import EventKind
from planner.traffic import read_traffic_csv
from planner.traffic import merge_traffic


@pytest.fixture
def plan(events_csv):
    """The real 2021 traffic as a plan of its own."""
    return read_traffic_csv(events_csv)


def _mission(project, name):
    return next(m for m in project.missions if m.name == name)


def test_the_same_traffic_again_adds_nothing(plan, events_csv):
    merge = merge_traffic(plan, read_traffic_csv(events_csv))
    assert (merge.people, merge.missions, merge.merged, merge.differences) == ([], [], [], [])
    assert len(merge.unchanged) == 15 and not merge.changes_plan
    assert merge.summary("events.csv") == "Imported 0 vehicles from events.csv; 15 already in the plan were left as they are."


def test_a_flight_known_up_to_its_docking_gets_its_return(plan, events_csv):
    whole = copy.deepcopy(_mission(plan, "Soyuz MS-19"))
    ms19 = _mission(plan, "Soyuz MS-19")
    ms19.events = [e for e in ms19.events if e.utc.year == 2021]
    assert [e.kind for e in ms19.events] == [EventKind.LAUNCH, EventKind.DOCK]

    merge = merge_traffic(plan, read_traffic_csv(events_csv))

    ((flight,),) = [merge.merged]
    assert flight.before is ms19 and [e.kind for e in flight.added] == [EventKind.UNDOCK, EventKind.LAND]
    assert flight.after == whole
    assert len(ms19.events) == 2  # the plan itself is not changed until the merge is applied
    assert merge.missions == [] and len(merge.unchanged) == 14
    assert merge.summary("2022.csv") == ("Imported 0 vehicles from 2022.csv; merged 1 flight already in the plan "
                                         "(Soyuz MS-19: 2 events added (undock, land)); 14 already in the plan were "
                                         "left as they are.")
    merge.apply_to(plan)
    assert _mission(plan, "Soyuz MS-19") == whole and len(plan.missions) == 15


def test_the_plans_time_is_kept_and_the_difference_said(plan, events_csv):
    dock = _mission(plan, "Soyuz MS-19").first(EventKind.DOCK)
    dock.utc = datetime(2021, 10, 5, 12, 12, tzinfo=timezone.utc)  # the planned docking, before the manual one

    merge = merge_traffic(plan, read_traffic_csv(events_csv))

    assert merge.merged == [] and merge.missions == []
    assert merge.differences == ["Soyuz MS-19's arrival at 2021-10-05T12:12:00Z (the CSV: 2021-10-05T12:22:31Z)"]
    assert merge.summary("events.csv").endswith(
        "The plan's times were kept where the CSV differs: Soyuz MS-19's arrival at 2021-10-05T12:12:00Z "
        "(the CSV: 2021-10-05T12:22:31Z).")


def test_names_match_whatever_their_case_and_spacing(plan, events_csv):
    _mission(plan, "Soyuz MS-19").name = "soyuz  ms-19"
    next(p for p in plan.people if p.name == "Klim Shipenko").name = " klim shipenko"

    merge = merge_traffic(plan, read_traffic_csv(events_csv))

    assert merge.people == [] and merge.missions == [] and len(merge.unchanged) == 15


def test_new_flights_and_people_get_ids_free_in_the_plan(plan, events_csv):
    # Another vehicle type under the same name is another flight (and its crew are the plan's people).
    imported = read_traffic_csv(events_csv)
    other = _mission(imported, "Soyuz MS-19")
    other.vehicle_type = "crew-dragon"
    stranger = next(p for p in imported.people if p.name == "Klim Shipenko")
    stranger.name = "Klim Shipenko Jr"

    merge = merge_traffic(plan, imported)

    assert [m.name for m in merge.missions] == ["Soyuz MS-19"]
    assert merge.missions[0].id not in {m.id for m in plan.missions}
    assert [p.name for p in merge.people] == ["Klim Shipenko Jr"]
    (new_person,) = merge.people
    assert new_person.id not in {p.id for p in plan.people}
    assert new_person.id in merge.missions[0].first(EventKind.LAUNCH).crew
    crew_ids = {p.id for p in plan.people} | {new_person.id}
    assert all(set(e.crew) <= crew_ids for m in merge.missions for e in m.events)


def test_a_flight_far_from_the_plans_namesake_is_another_flight(plan, events_csv):
    # Same name and type, but the plan's flight was over long before: no events in common, no overlap.
    for event in _mission(plan, "Crew-3").events:
        event.utc = event.utc.replace(year=2019)
    plan_crew3 = _mission(plan, "Crew-3")
    plan_crew3.events.append(copy.deepcopy(plan_crew3.events[-1]))
    plan_crew3.events[-1].kind = EventKind.LAND

    merge = merge_traffic(plan, read_traffic_csv(events_csv))

    assert [m.name for m in merge.missions] == ["Crew-3"]
