"""The fast engine against the brute-force reference, and incremental re-checks against full ones."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.rules import RuleEngine


def _load(name):
    spec = importlib.util.spec_from_file_location(f"rules_tests_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ref = _load("rules_reference")
sch = _load("schedules")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(sch.projects())
def test_engine_agrees_with_the_reference_on_every_finding(project):
    engine = RuleEngine(project)
    expected, series = ref.reference(project)
    assert ref.engine_keys(engine.findings()) == expected
    assert [(s.utc, s.people, s.seats) for s in engine.headcount()] == series
    # the fixes listed all together (in bulk) are those asked for one finding at a time
    assert engine.findings(suggestions=True) == [engine.with_fixes(f) for f in engine.findings()]


def _dump(engine):
    return json.dumps([f.to_json() for f in engine.findings(suggestions=True)], sort_keys=True)


@SETTINGS
@given(sch.projects(), st.data())
def test_incremental_recheck_equals_a_full_check_after_random_edits(project, data):
    engine = RuleEngine(project)
    for step in range(data.draw(st.integers(1, 6))):
        what = data.draw(st.sampled_from(("mission", "activity")))
        if what == "mission":
            ids = [m.id for m in project.missions]
            target = data.draw(st.sampled_from(ids + [f"new{step}"]))
            project.missions = [m for m in project.missions if m.id != target]
            if data.draw(st.booleans()):
                project.missions.append(data.draw(sch.missions(target)))
            engine.mission_changed(target)
        else:
            ids = [a.id for a in project.activities]
            target = data.draw(st.sampled_from(ids + [f"new{step}"]))
            project.activities = [a for a in project.activities if a.id != target]
            if data.draw(st.booleans()):
                project.activities.append(data.draw(sch.activities(target)))
            engine.activity_changed(target)
        assert _dump(engine) == _dump(RuleEngine(project))
        assert engine.headcount() == RuleEngine(project).headcount()
        assert engine.findings(suggestions=True) == [engine.with_fixes(f) for f in engine.findings()]
