"""A flight's crew, up and home in seat order, read from a mission's events and written back onto them
(planner.model.crew), on the real 2021 flights of the bundled example and on made-up ones."""

from __future__ import annotations

from datetime import timedelta

import pytest

from planner.model import Event, EventKind, Mission
from planner.model.catalogue import load_station
from planner.model.crew import FlightCrew, flight_crew, own_crew_events, seat_count, seat_names, with_flight_crew
from planner.model.times import parse_utc
from planner.resources import example_project_path
from planner.store import load_project, project_from_json, project_to_json

NOVITSKIY, DUBROV, VANDE_HEI = "oleg-novitskiy", "pyotr-dubrov", "mark-vande-hei"
SHKAPLEROV, PERESILD, SHIPENKO = "anton-shkaplerov", "yulia-peresild", "klim-shipenko"


@pytest.fixture(scope="module")
def example():
    return load_project(example_project_path())


def _crews(mission: Mission) -> list[tuple[str, tuple[str, ...]]]:
    return [(e.kind.value, e.crew) for e in mission.events]


def _flight(*kinds: EventKind, crew=()) -> Mission:
    start = parse_utc("2030-01-01T00:00:00Z")
    events = [Event(kind, start + timedelta(hours=i), port=None if kind in (EventKind.LAUNCH, EventKind.LAND)
                    else "rassvet-nadir", crew=tuple(crew)) for i, kind in enumerate(kinds)]
    return Mission("soyuz-x", "Soyuz X", "soyuz-ms", events)


FULL = (EventKind.LAUNCH, EventKind.DOCK, EventKind.UNDOCK, EventKind.LAND)


# ---------------------------------------------------------------- reading: the real 2021 flights

def test_soyuz_ms_18_flew_up_with_its_crew_and_home_with_the_film_crew(example):
    # Docked before the plan starts (no launch row): its docking says who came up.
    crew = flight_crew(example.mission("soyuz-ms-18"))
    assert crew == FlightCrew(up=(NOVITSKIY, DUBROV, VANDE_HEI), home=(NOVITSKIY, PERESILD, SHIPENKO),
                              has_up=True, has_home=True)
    assert not crew.same


def test_soyuz_ms_19_took_the_film_crew_up_and_brought_dubrov_and_vande_hei_home(example):
    crew = flight_crew(example.mission("soyuz-ms-19"))
    assert crew.up == (SHKAPLEROV, PERESILD, SHIPENKO)
    assert crew.home == (SHKAPLEROV, DUBROV, VANDE_HEI)


def test_crew_2_flew_up_and_home_together_and_crew_3_has_no_way_home_planned(example):
    crew_2 = flight_crew(example.mission("crew-2"))
    assert crew_2.same and crew_2.up == ("shane-kimbrough", "megan-mcarthur", "akihiko-hoshide", "thomas-pesquet")
    crew_3 = flight_crew(example.mission("crew-3"))
    assert crew_3.has_up and not crew_3.has_home and crew_3.home == ()
    assert flight_crew(example.mission("progress-ms-17")) == FlightCrew(has_up=True, has_home=True)


def test_no_real_2021_flight_has_an_event_that_differs_from_its_flight_crew(example):
    # The handovers of 2021 are between flights (up differs from home), never within one side.
    assert {m.id: own_crew_events(m) for m in example.missions if own_crew_events(m)} == {}


# ---------------------------------------------------------------- seats

def test_seats_are_named_from_the_catalogue_and_numbered_past_the_names(example):
    station = load_station()
    ms_19 = example.mission("soyuz-ms-19")
    assert seat_count(ms_19, station) == 3
    assert seat_names(ms_19, station) == ["Commander", "Flight Engineer 1", "Flight Engineer 2"]
    assert seat_names(example.mission("crew-2"), station) == ["Commander", "Pilot", "Mission Specialist 1",
                                                              "Mission Specialist 2"]
    assert seat_names(ms_19, station, 5)[3:] == ["Seat 4", "Seat 5"]
    starliner = station.vehicle_type("starliner")
    assert starliner.seat_names[:2] == ("Commander", "Pilot") and "NASA" in starliner.seat_source
    assert all(v.seat_source for v in station.vehicle_types if v.seat_names)
    assert station.vehicle_type("progress-ms").seat_names == ()
    assert station.vehicle_type("cygnus").seat_name(0) == "Seat 1"
    # The mission's own number of seats counts, not the type's.
    wider = Mission("x", "X", "soyuz-ms", seats=4)
    assert seat_count(wider, station) == 4 and seat_names(wider, station)[-1] == "Seat 4"
    assert seat_count(Mission("y", "Y", "no-such-type"), station) == 0


def test_the_up_crew_order_is_its_seat_order(example):
    station = load_station()
    ms_18 = example.mission("soyuz-ms-18")
    seated = dict(zip(seat_names(ms_18, station), flight_crew(ms_18).up))
    assert seated == {"Commander": NOVITSKIY, "Flight Engineer 1": DUBROV, "Flight Engineer 2": VANDE_HEI}


# ---------------------------------------------------------------- writing

def test_a_new_crew_on_an_empty_flight_fills_every_event():
    mission = _flight(*FULL)
    edited = with_flight_crew(mission, up=("a", "b", "c"), home=("a", "b", "c"))
    assert _crews(edited) == [(k.value, ("a", "b", "c")) for k in FULL]
    assert _crews(mission) == [(k.value, ()) for k in FULL]  # the mission itself is not changed


def test_the_up_crew_alone_leaves_the_home_side(example):
    ms_19 = example.mission("soyuz-ms-19")
    edited = with_flight_crew(ms_19, up=(SHKAPLEROV, SHIPENKO, PERESILD))
    assert _crews(edited) == [("launch", (SHKAPLEROV, SHIPENKO, PERESILD)), ("dock", (SHKAPLEROV, SHIPENKO, PERESILD)),
                              ("undock", (SHKAPLEROV, DUBROV, VANDE_HEI)), ("land", (SHKAPLEROV, DUBROV, VANDE_HEI))]
    assert flight_crew(edited).up == (SHKAPLEROV, SHIPENKO, PERESILD)


def test_soyuz_ms_18s_relocation_rides_with_its_up_crew(example):
    ms_18 = example.mission("soyuz-ms-18")
    # A substitute for Vande Hei before the flight: the docking and the relocation change, the film crew's
    # way home does not.
    edited = with_flight_crew(ms_18, up=(NOVITSKIY, DUBROV, "someone-else"))
    assert _crews(edited) == [("dock", (NOVITSKIY, DUBROV, "someone-else")),
                              ("relocate", (NOVITSKIY, DUBROV, "someone-else")),
                              ("undock", (NOVITSKIY, PERESILD, SHIPENKO)), ("land", (NOVITSKIY, PERESILD, SHIPENKO))]
    # The home crew alone: the relocation (before the handover) keeps riding with the up crew.
    home = with_flight_crew(ms_18, home=(NOVITSKIY, SHIPENKO, PERESILD))
    assert [c for _, c in _crews(home)] == [(NOVITSKIY, DUBROV, VANDE_HEI)] * 2 + [(NOVITSKIY, SHIPENKO, PERESILD)] * 2


def test_a_relocation_after_the_handover_rides_with_the_home_crew():
    mission = _flight(EventKind.DOCK, EventKind.RELOCATE, EventKind.UNDOCK, EventKind.LAND)
    for event, crew in zip(mission.events, (("a", "b"), ("a", "c"), ("a", "c"), ("a", "c"))):
        event.crew = crew
    edited = with_flight_crew(mission, home=("a", "d"))
    assert [e.crew for e in edited.events] == [("a", "b"), ("a", "d"), ("a", "d"), ("a", "d")]


def test_a_handover_made_on_one_event_keeps_its_difference():
    # Soyuz MS-20's crew, but say Hirano had come home on another vehicle: the landing was edited by hand.
    mission = _flight(*FULL, crew=("misurkin", "maezawa", "hirano"))
    mission.events[3].crew = ("misurkin", "maezawa")
    assert own_crew_events(mission) == [3]
    assert flight_crew(mission).same  # the undocking says who flies home
    edited = with_flight_crew(mission, up=("misurkin", "maezawa", "x"), home=("misurkin", "maezawa", "x"))
    assert [e.crew for e in edited.events] == [("misurkin", "maezawa", "x")] * 3 + [("misurkin", "maezawa")]
    assert own_crew_events(edited) == [3]


def test_a_new_seat_order_reorders_every_event_with_the_same_people():
    mission = _flight(*FULL, crew=("a", "b", "c"))
    mission.events[1].crew = ("c", "a", "b")  # the same people in another order: the same crew
    assert own_crew_events(mission) == []
    edited = with_flight_crew(mission, up=("b", "a", "c"), home=("b", "a", "c"))
    assert [e.crew for e in edited.events] == [("b", "a", "c")] * 4


def test_an_event_with_nobody_yet_follows_its_side():
    mission = _flight(*FULL)
    mission.events[0].crew = ("a", "b")  # only the launch was ticked
    assert flight_crew(mission) == FlightCrew(up=("a", "b"), home=(), has_up=True, has_home=True)
    edited = with_flight_crew(mission, up=("a", "b", "c"))
    assert [e.crew for e in edited.events] == [("a", "b", "c"), ("a", "b", "c"), (), ()]


def test_nobody_home_is_a_crew_too():
    # Soyuz MS-22 came home empty in 2023: its up crew changes, its empty way home stays empty.
    mission = _flight(*FULL, crew=("prokopyev", "petelin", "rubio"))
    mission.events[2].crew = mission.events[3].crew = ()
    edited = with_flight_crew(mission, up=("prokopyev", "rubio", "petelin"))
    assert [e.crew for e in edited.events] == [("prokopyev", "rubio", "petelin")] * 2 + [(), ()]
    assert flight_crew(edited).home == ()


def test_more_people_than_seats_are_written_as_asked_and_one_person_in_two_seats_is_refused():
    mission = _flight(*FULL)
    four = ("a", "b", "c", "d")  # a Soyuz has 3 seats: the rules flag it, the model keeps what was asked
    assert flight_crew(with_flight_crew(mission, up=four, home=four)).up == four
    with pytest.raises(ValueError, match="two seats"):
        with_flight_crew(mission, up=("a", "b", "a"))


def test_without_events_of_a_side_there_is_nothing_to_write():
    mission = _flight(EventKind.LAUNCH, EventKind.DOCK)
    edited = with_flight_crew(mission, up=("a",), home=("b",))
    assert [e.crew for e in edited.events] == [("a",), ("a",)]
    assert flight_crew(edited) == FlightCrew(up=("a",), home=(), has_up=True, has_home=False)


def test_the_seat_order_survives_a_save(example):
    project = project_from_json(project_to_json(example))
    ms_19 = project.mission("soyuz-ms-19")
    project.missions[project.missions.index(ms_19)] = with_flight_crew(ms_19, up=(PERESILD, SHIPENKO, SHKAPLEROV))
    again = project_from_json(project_to_json(project))
    assert flight_crew(again.mission("soyuz-ms-19")).up == (PERESILD, SHIPENKO, SHKAPLEROV)
