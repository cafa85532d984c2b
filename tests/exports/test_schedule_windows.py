"""The schedule made one stretch of time at a time (as the calendar asks for it) against the whole list."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.exports.schedule import Schedule, schedule_entries


def _load(name):
    path = Path(__file__).resolve().parent.parent / "rules" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"schedule_tests_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sch = _load("schedules")
T0 = sch.T0.timestamp()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sch.projects(), st.lists(st.tuples(st.integers(-2, 40 * 24), st.integers(0, 10 * 24)), min_size=1,
                                max_size=6))
def test_a_stretch_holds_exactly_the_lines_of_the_whole_list_in_it(project, stretches):
    every = schedule_entries(project)
    schedule = Schedule(project)
    assert schedule.entries() == every
    for start_h, hours in stretches:
        t0, t1 = T0 + start_h * 3600, T0 + (start_h + hours) * 3600
        assert schedule.starting_between(t0, t1) == [e for e in every if e.kind != "stay" and t0 <= e.start < t1]
        assert schedule.stays_between(t0, t1) == [e for e in every if e.kind == "stay" and e.start < t1
                                                  and (math.isinf(e.end) or e.end > t0)]
