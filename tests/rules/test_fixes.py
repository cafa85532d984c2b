"""Applying a suggested fix makes the finding go away (checked by a full re-check)."""

from __future__ import annotations


import pytest

from planner.model import Event, EventKind, Mission
from planner.model.times import parse_utc
from planner.rules import check_project
from planner.rules.fixes import FixError, apply_fix
from planner.traffic import read_traffic_csv


@pytest.fixture
def traffic(data_dir):
    return read_traffic_csv(data_dir / "iss-traffic-2021h2.csv")


def _apply(project, finding, suggestion):
    return apply_fix(project, finding, suggestion).applied_to(project)


def _conflicts(project, rule=None):
    findings, _ = check_project(project)
    return [f for f in findings if f.is_conflict and (rule is None or f.rule == rule)]


def _with_fixes(project, rule):
    from planner.rules import RuleEngine

    engine = RuleEngine(project)
    return [f for f in engine.findings(suggestions=True) if f.rule == rule and f.is_conflict]


def test_use_a_free_port_fixes_a_double_booking(traffic):
    # Crew-3 at harmony-zenith: CRS-24 then docks there too (Crew-3 never leaves in this plan).
    crew3 = traffic.mission("crew-3")
    for event in crew3.events:
        if event.port == "harmony-forward":
            event.port = "harmony-zenith"
    finding = next(f for f in _with_fixes(traffic, "port-double-booking") if {"crs-24", "crew-3"} <= set(f.vehicles))
    use_port = next(s for s in finding.suggestions if s.action == "use-port")
    assert use_port.port == "harmony-forward"
    fixed = _apply(traffic, finding, use_port)
    moved = fixed.mission(use_port.vehicle)
    assert any(e.port == "harmony-forward" and e.kind in (EventKind.DOCK, EventKind.RELOCATE) for e in moved.events)
    assert not [f for f in _conflicts(fixed, "port-double-booking") if {"crs-24", "crew-3"} <= set(f.vehicles)]


def test_move_to_the_earliest_free_time_fixes_a_double_booking(traffic):
    progress = Mission("progress-x", "Progress X", "progress-ms", [
        Event(EventKind.LAUNCH, parse_utc("2021-10-13T00:00:00Z")),
        Event(EventKind.DOCK, parse_utc("2021-10-15T00:00:00Z"), port="poisk-zenith"),
        Event(EventKind.UNDOCK, parse_utc("2021-10-25T00:00:00Z"), port="poisk-zenith"),
    ])
    traffic.missions.append(progress)
    findings = [f for f in _with_fixes(traffic, "port-double-booking") if "progress-x" in f.vehicles]
    assert findings
    move = next(s for s in findings[0].suggestions if s.action == "move-to")
    fixed = _apply(traffic, findings[0], move)
    dock = fixed.mission("progress-x").first(EventKind.DOCK)
    assert dock.utc == parse_utc("2021-10-20T23:42:27Z")  # when Progress MS-17 leaves poisk-zenith
    launch = fixed.mission("progress-x").first(EventKind.LAUNCH)
    assert dock.utc - launch.utc == parse_utc("2021-10-15T00:00:00Z") - parse_utc("2021-10-13T00:00:00Z")
    assert not [f for f in _conflicts(fixed, "port-double-booking") if "progress-x" in f.vehicles]


def test_a_fix_for_a_vanished_vehicle_is_refused(traffic):
    crew3 = traffic.mission("crew-3")
    for event in crew3.events:
        if event.port == "harmony-forward":
            event.port = "harmony-zenith"
    finding = next(f for f in _with_fixes(traffic, "port-double-booking") if {"crs-24", "crew-3"} <= set(f.vehicles))
    suggestion = finding.suggestions[0]
    traffic.missions = [m for m in traffic.missions if m.id != suggestion.vehicle]
    with pytest.raises(FixError):
        apply_fix(traffic, finding, suggestion)


def test_use_a_free_seat_moves_the_person_to_another_lifeboat(traffic):
    from planner.model import Person

    traffic.people.append(Person("extra", "Extra Visitor"))
    ms20 = traffic.mission("soyuz-ms-20")
    for event in ms20.events:  # a fourth person up and down on a three-seat Soyuz
        event.crew = event.crew + ("extra",)
    crew3 = traffic.mission("crew-3")
    crew3.seats = 5  # Crew Dragon was designed for 7
    crew3.events += [Event(EventKind.UNDOCK, parse_utc("2022-05-05T09:20:00Z"), port="harmony-forward", crew=crew3.events[0].crew),
                     Event(EventKind.LAND, parse_utc("2022-05-06T04:43:00Z"), crew=crew3.events[0].crew)]
    finding = next(f for f in _with_fixes(traffic, "lifeboat-seats") if "soyuz-ms-20" in f.vehicles)
    use_seat = next(s for s in finding.suggestions if s.action == "use-seat")
    assert use_seat.vehicle == "crew-3"
    fixed = _apply(traffic, finding, use_seat)
    assert _conflicts(fixed, "lifeboat-seats") == []
    assert "extra" in fixed.mission("crew-3").last(EventKind.UNDOCK).crew
    assert "extra" not in fixed.mission("soyuz-ms-20").last(EventKind.UNDOCK).crew
