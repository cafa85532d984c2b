"""Each rule on a small hand-made plan, against outcomes worked out by hand."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from planner.model import (Activity, ActivityKind, ElementFormat, ElementSet, Event, EventKind, GroundSite, Mission,
                           Need, NeedKind, PortBlock, Project, StationSettings)
from planner.model.crew_day import AROUND_THE_CLOCK
from planner import intervals
from planner.rules import RuleEngine

T0 = datetime(2030, 3, 1, tzinfo=timezone.utc)
H = 3600.0


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def s(hours: float) -> float:
    return at(hours).timestamp()


def visit(mid, vtype, port, dock_h, undock_h, crew=(), **kw):
    events = [Event(EventKind.DOCK, at(dock_h), port=port, crew=crew)]
    if undock_h is not None:
        events.append(Event(EventKind.UNDOCK, at(undock_h), port=port, crew=crew))
    return Mission(id=mid, name=mid.upper(), vehicle_type=vtype, events=events, **kw)


def found(project, rule=None, suggestions=True):
    return [f for f in RuleEngine(project).findings(suggestions=suggestions) if rule is None or f.rule == rule]


def test_a_port_that_exists_until_an_instant_still_exists_then():
    gone = datetime(2021, 7, 26, 10, 55, 33, tzinfo=timezone.utc)
    m = Mission(id="p", name="P", vehicle_type="progress-ms", events=[
        Event(EventKind.DOCK, gone - timedelta(days=90), port="pirs-nadir"),
        Event(EventKind.UNDOCK, gone, port="pirs-nadir")])
    assert found(Project(missions=[m])) == []
    m.events[1].utc = gone + timedelta(seconds=1)
    [f] = found(Project(missions=[m]))
    assert (f.rule, f.start, f.end) == ("port-exists", gone.timestamp(), gone.timestamp() + 1)


def test_solar_arrays_need_harmony_zenith_and_the_fix_names_it():
    m = visit("crs", "cargo-dragon", "harmony-forward", 0, 240, tags=("roll-out-solar-arrays",))
    [f] = found(Project(missions=[m]))
    assert (f.rule, f.ports) == ("port-requirement", ("harmony-forward",))
    assert [(x.action, x.port) for x in f.suggestions] == [("use-port", "harmony-zenith")]


def test_a_tagged_cygnus_at_unity_blocks_arrivals_at_rassvet_until_it_leaves():
    cyg = visit("cyg", "cygnus", "unity-nadir", 0, 100, tags=("cygnus-xl",))
    cyg.events[0].kind, cyg.events[1].kind = EventKind.BERTH, EventKind.UNBERTH
    soyuz = visit("soy", "soyuz-ms", "rassvet-nadir", 50, 500)
    [f] = found(Project(missions=[cyg, soyuz]), "port-blocking")
    assert (f.start, f.end, f.vehicles) == (s(50), s(50), ("soy", "cyg"))
    assert [(x.action, x.utc) for x in f.suggestions] == [("move-to", s(100))]
    cyg.tags = ()  # an ordinary Cygnus does not block (the catalogue's pair is for Cygnus XL)
    assert found(Project(missions=[cyg, soyuz]), "port-blocking") == []


def test_spacing_defaults_and_a_relocation_never_clashes_with_itself():
    a = visit("a", "soyuz-ms", "rassvet-nadir", 0, 1000, crew=("x",))
    a.events.insert(1, Event(EventKind.RELOCATE, at(200), end_utc=at(201), from_port="rassvet-nadir",
                             port="poisk-zenith", crew=("x",)))
    a.events[-1].port = "poisk-zenith"
    assert found(Project(missions=[a]), "spacing") == []
    b = visit("b", "crew-dragon", "harmony-forward", 230, None, crew=("y",))  # 29 h after the redocking
    [f] = found(Project(missions=[a, b]), "spacing")
    assert (f.severity.value, f.start, f.end) == ("conflict", s(200), s(230))
    assert [(x.action, x.utc) for x in f.suggestions] == [("move-to", s(201 + 48))]
    b.events[0].crew = ()  # uncrewed: 29 h is enough, only under 24 h warns
    assert found(Project(missions=[a, b]), "spacing") == []
    b.events[0].utc = at(221)
    assert [f.severity.value for f in found(Project(missions=[a, b]), "spacing")] == ["warning"]


def test_headcount_levels_come_from_the_settings():
    crews = [tuple(f"p{i}{k}" for k in range(3)) for i in range(3)]
    ms = [visit(f"s{i}", "soyuz-ms", port, 100 * i, 1000, crew=c)
          for i, (port, c) in enumerate(zip(("rassvet-nadir", "poisk-zenith", "zvezda-aft"), crews))]
    project = Project(missions=ms, settings=StationSettings(headcount_warning=5, headcount_limit=8))
    got = [(f.severity.value, f.start, f.end) for f in found(project, "headcount")]
    assert got == [("conflict", s(200), s(1000)), ("warning", s(100), s(1000))]


def test_crew_dragon_over_210_days():
    m = visit("c", "crew-dragon", "harmony-forward", 0, 211 * 24)
    [f] = found(Project(missions=[m]))
    assert (f.rule, f.start, f.end) == ("stay-limit", s(210 * 24), s(211 * 24))
    assert f.suggestions[0].utc == s(210 * 24)


def test_impossible_sequences():
    m = Mission(id="m", name="M", vehicle_type="soyuz-ms", events=[
        Event(EventKind.DOCK, at(0), port="rassvet-nadir"), Event(EventKind.LAUNCH, at(5)),
        Event(EventKind.LAND, at(10))])
    got = [(f.rule, f.start, f.end) for f in found(Project(missions=[m]))]
    assert got == [("event-order", s(0), s(5)), ("event-order", s(10), s(10))]


def test_left_behind_has_no_seat_and_a_dragon_with_a_free_seat_is_suggested():
    soyuz = visit("soy", "soyuz-ms", "rassvet-nadir", 0, 100, crew=("ann",))
    soyuz.events[1].crew = ()  # leaves without Ann
    dragon = visit("dra", "crew-dragon", "harmony-forward", 0, 300, crew=("bo", "cy"))
    [f] = found(Project(missions=[soyuz, dragon]), "lifeboat-missing")
    assert (f.start, f.end, f.people) == (s(100), float("inf"), ("ann",))
    # The Dragon leaves at 300 h, not after the whole (open) window: Ann can join its return crew.
    [f] = [f for f in found(Project(missions=[soyuz, dragon])) if f.rule == "lifeboat-missing"]
    assert [(x.action, x.vehicle, x.text) for x in f.suggestions] == [
        ("use-seat", "dra", "add ann to DRA's return crew: a free seat home, leaving at 2030-03-13 12:00 UTC")]
    # Planned to leave on the Dragon instead, Ann has its third seat as her lifeboat all along.
    dragon.events[1] = Event(EventKind.UNDOCK, at(200), port="harmony-forward", crew=("bo", "cy", "ann"))
    got = [(x.rule, x.start, x.end) for x in found(Project(missions=[soyuz, dragon]))
           if x.rule.startswith("lifeboat")]
    assert got == []


def test_someone_on_two_launches_at_once():
    a = Mission(id="a", name="A", vehicle_type="soyuz-ms", events=[
        Event(EventKind.LAUNCH, at(0), crew=("ann",)), Event(EventKind.LAND, at(10), crew=("ann",))])
    b = Mission(id="b", name="B", vehicle_type="crew-dragon", events=[
        Event(EventKind.LAUNCH, at(5), crew=("ann",)), Event(EventKind.LAND, at(20), crew=("ann",))])
    [f] = found(Project(missions=[a, b]))
    assert (f.rule, f.start, f.end, set(f.vehicles)) == ("person-overlap", s(5), s(10), {"a", "b"})


def _act(aid, start_h, end_h, people, kind=ActivityKind.OTHER, needs=()):
    return Activity(id=aid, title=aid, kind=kind, start=at(start_h), end=at(end_h), people=people, needs=needs)


def test_activity_rules():
    soyuz = visit("soy", "soyuz-ms", "rassvet-nadir", 0, 100, crew=("ann", "bo"))
    other = visit("pro", "progress-ms", "poisk-zenith", 50, 500)
    acts = [_act("shoot", 10, 12, ("ann",)), _act("talk", 11, 13, ("ann", "bo")),
            _act("late", 99, 101, ("bo",)), _act("eva", 49, 51, ("bo",), ActivityKind.EVA)]
    project = Project(missions=[soyuz, other], activities=acts)
    got = sorted((f.rule, f.start, f.end, f.activities) for f in found(project) if f.rule.startswith("activity"))
    assert got == [("activity-dynamic-event", s(50), s(50), ("eva",)),
                   ("activity-outside-stay", s(99), s(101), ("late",)),
                   ("activity-overlap", s(11), s(12), ("shoot", "talk"))]


def test_element_set_age_warns_past_the_setting():
    sets = [ElementSet(id="e", format=ElementFormat.TLE, text="-", epoch=at(0))]
    soyuz = visit("soy", "soyuz-ms", "rassvet-nadir", 0, 24 * 40, crew=("ann",))
    near = _act("near", 13 * 24, 13 * 24 + 1, ("ann",), needs=(Need(NeedKind.DAYLIGHT),))
    far = _act("far", 14 * 24, 14 * 24 + 1, ("ann",), needs=(Need(NeedKind.DAYLIGHT),))
    got = found(Project(missions=[soyuz], activities=[near, far], element_sets=sets,
                        crew_day=AROUND_THE_CLOCK))  # at midnight: no rest to keep
    assert [(f.rule, f.severity.value, f.activities) for f in got] == [("element-set-age", "warning", ("far",))]


class _StubOrbit:
    """A stand-in for the orbit engine with fixed answers: tests the rule's use of the interface only."""

    def sunlit(self, windows):
        return intervals.intersect(windows, [(s(0), s(10.5))])

    def in_view(self, site, min_elevation_deg, windows):
        return intervals.EMPTY if site.id == "houston" else windows


def test_orbit_needs_through_the_interface():
    soyuz = visit("soy", "soyuz-ms", "rassvet-nadir", 0, 100, crew=("ann",))
    acts = [_act("sunny", 10, 11, ("ann",), needs=(Need(NeedKind.DAYLIGHT),)),
            _act("call", 1, 2, ("ann",), needs=(Need(NeedKind.SITE_IN_VIEW, site="houston"),)),
            _act("dark", 1, 2, ("ann",), needs=(Need(NeedKind.SHADOW),))]
    sites = [GroundSite("houston", "Houston JSC", 29.56, -95.09)]
    sets = [ElementSet(id="e", format=ElementFormat.TLE, text="-", epoch=at(0))]
    project = Project(missions=[soyuz], activities=acts, sites=sites, element_sets=sets)
    got = sorted((f.activities, f.start, f.end) for f in RuleEngine(project, orbit=_StubOrbit()).findings()
                 if f.rule == "activity-orbit")
    assert got == [(("call",), s(1), s(2)), (("dark",), s(1), s(2)), (("sunny",), s(10.5), s(11))]


def test_port_blocks_of_the_project_replace_the_catalogue_pairs():
    cyg = visit("cyg", "cygnus", "unity-nadir", 0, 100)
    soyuz = visit("soy", "soyuz-ms", "rassvet-nadir", 50, 500)
    project = Project(missions=[cyg, soyuz], port_blocks=(PortBlock("unity-nadir", "rassvet-nadir"),))
    assert [f.rule for f in found(project)] == ["port-blocking"]


def test_missions_without_events_are_checked_beside_the_others():
    # A plan whose only mission has no events yet (a vehicle just added), and one where it sits first.
    empty = Mission(id="new", name="New", vehicle_type="soyuz-ms", events=[])
    visit = Mission(id="v", name="V", vehicle_type="soyuz-ms", events=[
        Event(EventKind.DOCK, at(0), port="rassvet-nadir", crew=("ann",)),
        Event(EventKind.UNDOCK, at(300), port="rassvet-nadir", crew=("ann",))])
    assert RuleEngine(Project(missions=[empty])).findings(suggestions=True) == []
    engine = RuleEngine(Project(missions=[empty, visit]))
    assert engine.findings(suggestions=True) == []
    assert [(s.people, s.seats) for s in engine.headcount()] == [(1, 3), (0, 0)]


def test_a_thousand_vehicles_at_one_port_in_a_day_give_one_booking_and_one_spacing_finding_each():
    # Issue 15's heavy but legal plan: findings grow with the events, not with their pairs.
    missions = [Mission(id=f"m{i}", name=f"M{i}", vehicle_type="progress-ms", events=[
        Event(EventKind.DOCK, at(i / 60), port="zvezda-aft"),
        Event(EventKind.UNDOCK, at(20 + i / 60), port="zvezda-aft")]) for i in range(1000)]
    found = RuleEngine(Project(missions=missions)).findings(suggestions=True)
    bookings = [f for f in found if f.rule == "port-double-booking"]
    assert len(bookings) == 1 and set(bookings[0].vehicles) == {m.id for m in missions}
    assert bookings[0].vehicles[0] == "m999"  # the latest to arrive first: the one a fix would move
    assert (bookings[0].start, bookings[0].end) == (at(1 / 60).timestamp(), at(20 + 998 / 60).timestamp())
    spacing = [f for f in found if f.rule == "spacing"]
    assert len(spacing) == 2 * 1000 - 1  # every event but the first, against the one before it
