"""The shortcuts a big plan takes (plain visits, usual people, activities as columns) against the general code
they stand in for, on schedules shaped to hit them and to just miss them."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.model import Activity, ActivityKind, Event, EventKind, Mission, Project
from planner.model.catalogue import load_station
from planner.rules import RuleEngine, timeline
from planner.rules.timeline import CrewMove, Flight, derive_mission, derive_person


def _load(name):
    spec = importlib.util.spec_from_file_location(f"fast_tests_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ref = _load("rules_reference")
sch = _load("schedules")
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
STATION = load_station("iss")
PORTS = ("rassvet-nadir", "poisk-zenith", "harmony-forward", None)


@st.composite
def visits(draw, mission_id: str = "m"):
    """Mostly [launch], dock/berth, undock/unberth, [land]; now and then a wrong port, kind, tie or end time."""
    t0 = draw(st.integers(0, 20 * 24 * 60))
    gaps = draw(st.lists(st.sampled_from((0, 30, 600, 3000, 9000)), min_size=3, max_size=3))
    crew = draw(sch.crews)
    port = draw(st.sampled_from(PORTS[:3]))
    arrive = draw(st.sampled_from((EventKind.DOCK, EventKind.DOCK, EventKind.BERTH, EventKind.RELOCATE)))
    leave = draw(st.sampled_from((EventKind.UNDOCK, EventKind.UNDOCK, EventKind.UNBERTH, EventKind.LAND)))
    times = [t0, t0 + gaps[0], t0 + gaps[0] + gaps[1], t0 + sum(gaps)]
    events = []
    if draw(st.booleans()):
        events.append(Event(EventKind.LAUNCH, sch.at(times[0]), crew=crew))
    end = sch.at(times[1] + 30) if draw(st.integers(0, 9)) == 0 else None
    events.append(Event(arrive, sch.at(times[1]), port=port, end_utc=end, crew=crew,
                        from_port="poisk-zenith" if arrive is EventKind.RELOCATE else None))
    events.append(Event(leave, sch.at(times[2]), port=draw(st.sampled_from((port, port, None) + PORTS)),
                        crew=draw(st.sampled_from((crew, crew, ())))))
    if draw(st.booleans()):
        events.append(Event(EventKind.LAND, sch.at(times[3]), crew=crew))
    if draw(st.integers(0, 9)) == 0:
        events.reverse()  # rows in any order in the file
    return Mission(id=mission_id, name=mission_id.upper(), vehicle_type=draw(st.sampled_from(sch.TYPES)),
                   events=events)


def _general(fn, *args):
    with mock.patch.object(timeline, "_plain_visit", return_value=False), \
            mock.patch.object(timeline, "_plain_person", return_value=None):
        return fn(*args)


@SETTINGS
@given(visits())
def test_a_plain_visit_derives_the_same_track_as_the_general_walk(mission):
    assert derive_mission(mission, STATION) == _general(derive_mission, mission, STATION)


def test_the_plain_visit_shortcut_is_taken_for_the_usual_visit():
    mission = Mission(id="m", name="M", vehicle_type="soyuz-ms", events=[
        Event(EventKind.LAUNCH, sch.at(0), crew=("ann",)), Event(EventKind.DOCK, sch.at(60), port="rassvet-nadir",
                                                                  crew=("ann",)),
        Event(EventKind.UNDOCK, sch.at(600), port="rassvet-nadir", crew=("ann",)),
        Event(EventKind.LAND, sch.at(700), crew=("ann",))])
    with mock.patch.object(timeline, "_walk") as walk:
        track = derive_mission(mission, STATION)
    walk.assert_not_called()
    assert track.stays[0].start == sch.at(60).timestamp() and track.stays[0].end == sch.at(600).timestamp()
    assert [(f.start, f.end) for f in track.flights] == [(sch.at(0).timestamp(), sch.at(60).timestamp()),
                                                         (sch.at(600).timestamp(), sch.at(700).timestamp())]


moves = st.builds(CrewMove, st.just("ann"), st.sampled_from((0.0, 60.0, 120.0)), st.booleans(),
                  st.sampled_from(("m1", "m2")), st.integers(0, 3))
flights = st.builds(Flight, st.sampled_from(("m1", "m2")), st.sampled_from((0.0, 30.0)),
                    st.sampled_from((60.0, 90.0)), st.just(("ann",)))


@SETTINGS
@given(st.lists(moves, min_size=0, max_size=3), st.lists(flights, max_size=3))
def test_the_usual_person_derives_the_same_track_as_the_general_code(person_moves, person_flights):
    assert derive_person("ann", person_moves, person_flights) == \
        _general(derive_person, "ann", person_moves, person_flights)


@st.composite
def visit_projects(draw):
    """Plans made of plain visits, with activities of their crews: what the shortcuts are for."""
    ms = [draw(visits(f"m{i}")) for i in range(draw(st.integers(1, 5)))]
    acts = [draw(sch.activities(f"a{i}")) for i in range(draw(st.integers(0, 8)))]
    project = draw(sch.projects())
    return Project(missions=ms, activities=acts, element_sets=project.element_sets, settings=project.settings,
                   port_blocks=project.port_blocks)


@SETTINGS
@given(visit_projects())
def test_plans_of_plain_visits_agree_with_the_reference(project):
    engine = RuleEngine(project)
    expected, series = ref.reference(project)
    assert ref.engine_keys(engine.findings()) == expected
    assert [(s.utc, s.people, s.seats) for s in engine.headcount()] == series
    with mock.patch.object(timeline, "_plain_visit", return_value=False), \
            mock.patch.object(timeline, "_plain_person", return_value=None):
        general = RuleEngine(project)
    assert [f.to_json() for f in engine.findings(suggestions=True)] == \
        [f.to_json() for f in general.findings(suggestions=True)]


def test_activities_sharing_an_id_count_once_the_later_one_wins():
    visit = Mission(id="m", name="M", vehicle_type="soyuz-ms", events=[
        Event(EventKind.DOCK, sch.at(0), port="rassvet-nadir", crew=("ann",)),
        Event(EventKind.UNDOCK, sch.at(6000), port="rassvet-nadir", crew=("ann",))])
    early = Activity(id="a", title="Early", kind=ActivityKind.OTHER, start=sch.at(-600), end=sch.at(60),
                     people=("ann",))
    fine = Activity(id="a", title="Fine", kind=ActivityKind.OTHER, start=sch.at(60), end=sch.at(120),
                    people=("ann",))
    assert [f.rule for f in RuleEngine(Project(missions=[visit], activities=[fine, early])).findings()] == \
        ["activity-outside-stay"]
    assert RuleEngine(Project(missions=[visit], activities=[early, fine])).findings() == []
