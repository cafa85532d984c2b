"""Fixes never make a plan worse: every fix offered, applied, takes its own finding away and leaves fewer
conflicts (checked by a full check of the fixed plan), and the 'free from' fix proposes the earliest time that also
keeps the spacing from the events around the arrival."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from planner.model import Event, EventKind, Mission, Person, parse_utc
from planner.rules import RuleEngine, check_project
from planner.rules.fixes import apply_fix
from planner.traffic import read_traffic_csv


def _load(name):
    spec = importlib.util.spec_from_file_location(f"rules_tests_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sch = _load("schedules")


def _apply(project, finding, suggestion):
    return apply_fix(project, finding, suggestion).applied_to(project)


def _conflicts(project):
    return [f for f in check_project(project)[0] if f.is_conflict]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sch.projects())
def test_every_offered_fix_removes_its_finding_and_never_adds_a_conflict(project):
    engine = RuleEngine(project)
    found = engine.findings(suggestions=True)
    # Every fix was judged on the engine and the plan put back: its findings are still a full check's.
    assert engine.findings() == RuleEngine(project).findings()
    before = sum(f.is_conflict for f in found)
    for finding in found:
        for suggestion in finding.suggestions:
            after = check_project(_apply(project, finding, suggestion))[0]
            assert finding.with_suggestions(()) not in [f.with_suggestions(()) for f in after], suggestion
            assert sum(f.is_conflict for f in after) <= before - finding.is_conflict, suggestion


def _crew4_at_forward(data_dir):
    """The real 2021 traffic with Crew-3 leaving Harmony forward on 5 May 2022 (05:20, its real undocking) and
    Crew-4 docking there on 28 April while Crew-3 is still in the port."""
    project = read_traffic_csv(data_dir / "iss-traffic-2021h2.csv")
    crew3 = project.mission("crew-3")
    crew3.events += [Event(EventKind.UNDOCK, parse_utc("2022-05-05T05:20:00Z"), port="harmony-forward",
                           crew=crew3.events[0].crew),
                     Event(EventKind.LAND, parse_utc("2022-05-06T04:43:00Z"), crew=crew3.events[0].crew)]
    crew = ("lindgren", "hines", "watkins", "cristoforetti")
    project.people += [Person(p, p.title()) for p in crew]
    project.missions.append(Mission("crew-4", "Crew-4", "crew-dragon", [
        Event(EventKind.LAUNCH, parse_utc("2022-04-27T07:52:00Z"), crew=crew),
        Event(EventKind.DOCK, parse_utc("2022-04-28T00:37:00Z"), port="harmony-forward", crew=crew),
        Event(EventKind.UNDOCK, parse_utc("2022-10-14T10:05:00Z"), port="harmony-forward", crew=crew),
        Event(EventKind.LAND, parse_utc("2022-10-14T20:55:00Z"), crew=crew),
    ]))
    return project


def test_free_from_waits_for_the_spacing_after_the_last_occupant_leaves(data_dir):
    project = _crew4_at_forward(data_dir)
    engine = RuleEngine(project)
    [booking] = [f for f in engine.findings() if f.rule == "port-double-booking"]
    assert booking.vehicles == ("crew-4", "crew-3")
    fixed = engine.with_fixes(booking)
    [free] = [s for s in fixed.suggestions if s.action == "move-to"]
    # Not the minute Crew-3 leaves (05:20, two crewed dynamic events at once: a spacing conflict), but 48 h later.
    assert free.utc == parse_utc("2022-05-07T05:20:00Z").timestamp()
    assert free.text == "harmony-forward is free from 2022-05-07 05:20 UTC (after the spacing from Crew-3's undocking)"
    after = _apply(project, booking, free)
    assert after.mission("crew-4").first(EventKind.DOCK).utc == parse_utc("2022-05-07T05:20:00Z")
    assert _conflicts(after) == []


def test_a_fix_that_would_bring_a_new_conflict_is_not_offered(data_dir):
    # The docking the minute Crew-3 leaves (the port's free time, what the fix offered before) fixes the double
    # booking but brings a spacing conflict: the engine's judge turns it down.
    project = _crew4_at_forward(data_dir)
    engine = RuleEngine(project)
    [booking] = [f for f in engine.findings() if f.rule == "port-double-booking"]
    free = engine.with_fixes(booking).suggestions[-1]
    too_soon = free._replace(utc=parse_utc("2022-05-05T05:20:00Z").timestamp())
    assert not engine.judge(booking, too_soon)
    assert [f.rule for f in _conflicts(_apply(project, booking, too_soon))] == ["spacing"]
    assert engine.judge(booking, free)
    # Judging put everything back: the findings are a full check's of the unchanged plan.
    assert engine.findings() == RuleEngine(project).findings()
