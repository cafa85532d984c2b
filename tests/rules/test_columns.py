"""A full check reads the plan as columns; an edit updates tracks derived one mission at a time. Both must
describe the same station: checked here on schedules shaped to be plain visits and to just miss being one."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.model import Activity, ActivityKind, Event, EventKind, Mission, Project
from planner.model.catalogue import load_station
from planner.model.crew_day import AROUND_THE_CLOCK
from planner.rules import RuleEngine
from planner.station import StationTimeline


def _load(name):
    spec = importlib.util.spec_from_file_location(f"fast_tests_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ref = _load("rules_reference")
sch = _load("schedules")
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
STATION = load_station("iss")
DAY = 24 * 60  # sch.at counts minutes
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


@SETTINGS
@given(visit_projects())
def test_the_timeline_read_as_columns_equals_the_one_built_edit_by_edit(project):
    lazy = StationTimeline.from_project(project)
    eager = StationTimeline(project.station)
    for mission in project.missions:
        eager.update_mission(mission.id, mission)
    assert lazy.fresh and not eager.fresh
    assert {m: lazy.stays_of(m) for m in eager.missions} == {m: t.stays for m, t in eager.missions.items()}
    assert dict(lazy.missions.items()) == eager.missions
    assert dict(lazy.people.items()) == eager.people
    assert (lazy.port_stays, lazy.person_missions, lazy.vehicle_people, lazy.heads) == \
        (eager.port_stays, eager.person_missions, eager.vehicle_people, eager.heads)
    assert lazy.headcount() == eager.headcount()
    aboard = lazy.aboard_map()
    assert {p: aboard.get(p) for p in eager.people} == {p: t.aboard for p, t in eager.people.items()}
    assert aboard.get("nobody") is None


def test_a_full_check_of_plain_visits_makes_no_track_until_one_is_read():
    crews = [("ann", "bo"), ("cy",), ("di", "ed")]
    ms = [Mission(id=f"m{i}", name=f"M{i}", vehicle_type="soyuz-ms", events=[
        Event(EventKind.LAUNCH, sch.at(i * DAY * 30), crew=crew),
        Event(EventKind.DOCK, sch.at(i * DAY * 30 + 400), port="rassvet-nadir", crew=crew),
        Event(EventKind.UNDOCK, sch.at(i * DAY * 30 + 20 * DAY), port="rassvet-nadir", crew=crew),
        Event(EventKind.LAND, sch.at(i * DAY * 30 + 20 * DAY + 300), crew=crew)]) for i, crew in enumerate(crews)]
    engine = RuleEngine(Project(missions=ms))
    assert engine.findings() == []
    tl = engine.timeline
    assert [tl.missions.made(m.id) for m in ms] == [None] * 3
    assert tl.missions["m1"].stays[0].port == "rassvet-nadir"  # made when read, then kept
    assert tl.missions.made("m1") is tl.missions["m1"]


def test_a_vehicle_stops_being_a_lifeboat_when_an_edit_gives_its_person_another_ride_home():
    """Ann came on M2 and was to leave on M1 (one seat, Bo's too); an edit puts her on M0's undocking first,
    so M1 is no longer her lifeboat and no longer over its seats."""
    dock = lambda h: Event(EventKind.DOCK, sch.at(h), port="rassvet-nadir", crew=("ann", "bo"))
    m1 = Mission(id="m1", name="M1", vehicle_type="soyuz-ms", seats=1, events=[
        Event(EventKind.DOCK, sch.at(0), port="rassvet-nadir"),
        Event(EventKind.UNDOCK, sch.at(30), port="rassvet-nadir", crew=("ann", "bo"))])
    m2 = Mission(id="m2", name="M2", vehicle_type="soyuz-ms", events=[dock(0)])
    project = Project(missions=[m1, m2])
    engine = RuleEngine(project)
    assert "lifeboat-seats" in {f.rule for f in engine.findings()}
    project.missions.append(Mission(id="m0", name="M0", vehicle_type="soyuz-ms", events=[
        Event(EventKind.UNDOCK, sch.at(30), port="rassvet-nadir", crew=("ann",))]))
    engine.mission_changed("m0")
    assert [f.to_json() for f in engine.findings()] == [f.to_json() for f in RuleEngine(project).findings()]
    assert "lifeboat-seats" not in {f.rule for f in engine.findings()}


def test_activities_sharing_an_id_count_once_the_later_one_wins():
    visit = Mission(id="m", name="M", vehicle_type="soyuz-ms", events=[
        Event(EventKind.DOCK, sch.at(0), port="rassvet-nadir", crew=("ann",)),
        Event(EventKind.UNDOCK, sch.at(6000), port="rassvet-nadir", crew=("ann",))])
    early = Activity(id="a", title="Early", kind=ActivityKind.OTHER, start=sch.at(-600), end=sch.at(60),
                     people=("ann",))
    fine = Activity(id="a", title="Fine", kind=ActivityKind.OTHER, start=sch.at(60), end=sch.at(120),
                    people=("ann",))
    day = AROUND_THE_CLOCK  # at midnight: no rest to keep
    assert [f.rule for f in RuleEngine(Project(missions=[visit], activities=[fine, early], crew_day=day)).findings()] \
        == ["activity-outside-stay"]
    assert RuleEngine(Project(missions=[visit], activities=[early, fine], crew_day=day)).findings() == []


@SETTINGS
@given(visit_projects(), st.data())
def test_edits_after_preparing_for_them_agree_with_a_full_check(project, data):
    engine = RuleEngine(project)
    engine.prepare_for_edits()
    target = data.draw(st.sampled_from([m.id for m in project.missions]))
    project.missions = [m for m in project.missions if m.id != target] + [data.draw(visits(target))]
    engine.mission_changed(target)
    assert [f.to_json() for f in engine.findings(suggestions=True)] == \
        [f.to_json() for f in RuleEngine(project).findings(suggestions=True)]
    assert engine.headcount() == RuleEngine(project).headcount()


def test_a_replaced_engine_is_freed_without_the_cycle_collector():
    import gc
    import weakref

    project = Project(missions=[Mission(id=f"m{i}", name=f"M{i}", vehicle_type="soyuz-ms", events=[
        Event(EventKind.DOCK, sch.at(i * 2 * DAY), port="rassvet-nadir", crew=(f"p{i}",)),
        Event(EventKind.UNDOCK, sch.at(i * 2 * DAY + DAY), port="rassvet-nadir", crew=(f"p{i}",))])
        for i in range(50)])
    engine = RuleEngine(project)
    engine.findings(suggestions=True)
    engine.prepare_for_edits()  # every lazy table read once
    engine.mission_changed("m3")
    engine.findings()
    timeline = weakref.ref(engine.timeline)
    enabled = gc.isenabled()
    gc.disable()
    try:
        del engine  # with the collector off, only reference counting can free it
        assert timeline() is None
    finally:
        if enabled:
            gc.enable()
