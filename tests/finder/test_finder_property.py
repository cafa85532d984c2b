"""Property: on random small plans (no orbit), every flight the finder proposes, added to the plan, brings no
conflict and no rejecting warning a fresh full check of the plan did not already have."""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.finder import REJECTING_WARNINGS, FlightRequest, find_flights
from planner.model.launch_sites import find_launch_site
from planner.rules import RuleEngine


def _load(name):
    path = Path(__file__).resolve().parent.parent / "rules" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"finder_tests_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sch = _load("schedules")
SITE = find_launch_site("lc-39a")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sch.projects(), st.sampled_from(("crew-dragon", "soyuz-ms", "cygnus")), st.integers(0, 2),
       st.integers(0, 20 * 24), st.sampled_from(((3.0,), (5.0, 2.0))), st.sampled_from((None, "harmony-forward")))
def test_every_proposed_flight_brings_no_new_conflict(project, vehicle, crew, hours, stays, port):
    if vehicle == "cygnus":
        crew = 0
    if port is not None and vehicle != "crew-dragon":
        port = None
    request = FlightRequest(vehicle, crew, SITE, sch.at(hours * 60), stays, port=port)
    missions = list(project.missions)
    result = find_flights(project, request, count=2, days=30, conditions=None)
    assert project.missions == missions
    before = set(RuleEngine(project).findings())
    for flight in result.flights:
        plan = replace(project, missions=project.missions + [flight.mission])
        new = [f for f in RuleEngine(plan).findings() if f not in before]
        assert [f for f in new if f.is_conflict or f.rule in REJECTING_WARNINGS] == []
        assert port is None or flight.port == port
    # a launch a day without an orbit: each one either proposed or rejected, in time order
    tried = sorted([f.launch for f in result.flights] + [r.launch for r in result.rejected])
    assert len(set(tried)) == len(tried)
    assert len(result.flights) == 2 or result.stopped


def test_an_empty_plan_without_an_orbit_gets_the_first_daily_launches():
    from planner.model.project import Project

    result = find_flights(Project(), FlightRequest("crew-dragon", 4, SITE, sch.at(90), (10.0,)), count=2,
                          conditions=None)
    assert [f.launch for f in result.flights] == [sch.at(90), sch.at(90 + 24 * 60)]
    assert result.rejected == () and result.stopped is None
