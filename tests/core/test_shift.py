"""Shifting a mission and what belongs with it, on the bundled example (the real 2021 traffic and The Challenge's
shooting plan): Soyuz MS-19 brought the film crew, who went home on Soyuz MS-18."""

from __future__ import annotations

import copy
from collections import Counter
from datetime import timedelta

import pytest

from planner.model import EventKind
from planner.model.shift import (
    activities_with, arriving_crew, plan_shift, rides_home, shift_mission, shift_text, stay_span,
)
from planner.model.times import parse_utc
from planner.rules.engine import check_project
from planner.rules.orbit_link import orbit_conditions

FILM = [f"act-{n:02d}" for n in range(1, 13)]  # the whole shooting plan, 6 to 16 October 2021
WITH_NOVITSKIY = ["act-04", "act-05", "act-06", "act-08", "act-09", "act-11", "act-12"]
FOUR_DAYS = timedelta(days=4)


@pytest.fixture
def example(example_plan):
    return example_plan


def _ids(items):
    return [item.id for item in items]


def test_shifting_a_mission_moves_every_event_and_a_relocations_redocking(example):
    ms18 = example.mission("soyuz-ms-18")
    moved = shift_mission(ms18, timedelta(hours=-5))
    assert [e.utc - timedelta(hours=-5) for e in moved.events] == [e.utc for e in ms18.events]
    relocation = moved.first(EventKind.RELOCATE)
    assert relocation.end_utc == parse_utc("2021-09-28T08:04:00Z")
    assert ms18.first(EventKind.RELOCATE).end_utc == parse_utc("2021-09-28T13:04:00Z")  # a copy: the plan is as it was


def test_the_crew_of_a_flight_are_who_come_on_it_not_who_only_go_home_on_it(example):
    # Dubrov and Vande Hei left on Soyuz MS-19 in March 2022 but came on MS-18 in April 2021.
    assert arriving_crew(example.mission("soyuz-ms-19")) == {"anton-shkaplerov", "yulia-peresild", "klim-shipenko"}
    assert arriving_crew(example.mission("soyuz-ms-18")) == {"oleg-novitskiy", "pyotr-dubrov", "mark-vande-hei"}
    assert arriving_crew(example.mission("progress-ms-17")) == frozenset()


def test_a_stay_runs_from_the_first_arrival_to_the_last_departure(example):
    assert stay_span(example.mission("soyuz-ms-19")) == (parse_utc("2021-10-05T12:22:31Z"),
                                                         parse_utc("2022-03-30T07:21:03Z"))
    # A relocation keeps the vehicle at the station: Soyuz MS-18 stays from April to its undocking in October.
    assert stay_span(example.mission("soyuz-ms-18")) == (parse_utc("2021-04-09T11:05:07Z"),
                                                         parse_utc("2021-10-17T01:14:00Z"))
    assert stay_span(example.mission("nauka")) == (parse_utc("2021-07-29T13:29:01Z"), None)  # still there
    launch_only = copy.deepcopy(example.mission("crew-3"))
    launch_only.events = launch_only.events[:1]
    assert stay_span(launch_only) is None


def test_the_film_shoots_belong_with_soyuz_ms_19_that_brought_the_film_crew(example):
    assert _ids(activities_with(example.mission("soyuz-ms-19"), example.activities)) == FILM
    # Oleg Novitskiy (Soyuz MS-18) is in seven of them; nobody from Crew-3 is in any.
    assert _ids(activities_with(example.mission("soyuz-ms-18"), example.activities)) == WITH_NOVITSKIY
    assert activities_with(example.mission("crew-3"), example.activities) == []
    # Only those inside the span asked for: the first week of the stay.
    first_week = (parse_utc("2021-10-05T12:22:31Z"), parse_utc("2021-10-12T12:22:31Z"))
    assert _ids(activities_with(example.mission("soyuz-ms-19"), example.activities, first_week)) == FILM[:8]


def test_the_film_crew_goes_home_on_soyuz_ms_18(example):
    rides = rides_home(example.mission("soyuz-ms-19"), example.missions)
    assert set(rides) == {"yulia-peresild", "klim-shipenko"}  # Shkaplerov leaves on MS-19 itself
    assert {r.mission.id for r in rides.values()} == {"soyuz-ms-18"}
    assert {r.when for r in rides.values()} == {parse_utc("2021-10-17T01:14:00Z")}


def test_a_plan_moves_the_shoots_by_the_launchs_slip_and_says_which_would_miss_the_ride_home(example):
    ms19 = example.mission("soyuz-ms-19")
    plan = plan_shift(ms19, FOUR_DAYS, example.missions, example.activities)
    assert [e.utc - FOUR_DAYS for e in plan.shifted.events] == [e.utc for e in ms19.events]
    assert _ids(plan.moved) == FILM
    assert all(m.start - a.start == FOUR_DAYS and m.end - a.end == FOUR_DAYS for m, a in zip(plan.moved, plan.activities))
    # Peresild and Shipenko are in every shoot; the four after 13 October would end after MS-18 left.
    assert [a.id for a, _rides in plan.stranded] == ["act-09", "act-10", "act-11", "act-12"]
    assert {r.person for _a, rides in plan.stranded for r in rides} == {"yulia-peresild", "klim-shipenko"}
    assert _ids(plan.orbit_bound) == ["act-01", "act-03", "act-07", "act-08"]
    (ride,) = plan.moved_rides()
    before = example.mission("soyuz-ms-18")
    assert [(e.kind, e.utc - b.utc) for e, b in zip(ride.events, before.events)] == [
        (EventKind.DOCK, timedelta(0)), (EventKind.RELOCATE, timedelta(0)),
        (EventKind.UNDOCK, FOUR_DAYS), (EventKind.LAND, FOUR_DAYS)]


def test_an_earlier_launch_strands_nobody(example):
    plan = plan_shift(example.mission("soyuz-ms-19"), -FOUR_DAYS, example.missions, example.activities)
    assert _ids(plan.moved) == FILM and plan.stranded == () and plan.moved_rides() == []


def _not_aboard(project) -> Counter:
    findings, _ = check_project(project, orbit_conditions(project))
    return Counter(f.activities[0] for f in findings if f.rule == "activity-outside-stay")


def _apply(project, missions=(), activities=()):
    for mission in missions:
        project.missions[project.missions.index(project.mission(mission.id))] = mission
    moved = {a.id: a for a in activities}
    project.activities = [moved.get(a.id, a) for a in project.activities]
    return project


def test_the_issues_13_not_aboard_conflicts_and_none_once_the_visit_moves_whole(example):
    assert _not_aboard(example) == Counter()
    plan = plan_shift(example.mission("soyuz-ms-19"), FOUR_DAYS, example.missions, example.activities)

    # The mission alone: the first five shoots stay behind, before the film crew arrives (13 person-findings).
    alone = _not_aboard(_apply(copy.deepcopy(example), [plan.shifted]))
    assert sum(alone.values()) == 13 and set(alone) == {"act-01", "act-02", "act-03", "act-04", "act-05"}

    # With the activities: none is left behind; those the plan named end after MS-18 left, nothing else.
    with_activities = _not_aboard(_apply(copy.deepcopy(example), [plan.shifted], plan.moved))
    assert set(with_activities) == {a.id for a, _rides in plan.stranded}

    # With the ride home too, the film crew's whole visit moved: no 'not aboard' at all.
    whole = _apply(copy.deepcopy(example), [plan.shifted, *plan.moved_rides()], plan.moved)
    assert _not_aboard(whole) == Counter()


@pytest.mark.parametrize("delta, text", [
    (timedelta(days=4), "4 days later"),
    (timedelta(days=-1), "1 day earlier"),
    (timedelta(days=1, hours=2, minutes=5), "1 day 2 h 5 min later"),
    (timedelta(minutes=-30, seconds=-7), "30 min 7 s earlier"),
    (timedelta(days=2, seconds=7), "2 days later"),  # seconds are noise next to days
])
def test_a_shift_is_worded_as_a_planner_says_it(delta, text):
    assert shift_text(delta) == text
