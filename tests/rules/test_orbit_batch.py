"""Orbit rules for many activities: one question to the orbit per stretch of time, and the same findings as
asking activity by activity (against an exact made-up orbit, and against the real orbit engine)."""

from __future__ import annotations

import math
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.model import (Activity, ActivityKind, ElementFormat, ElementSet, Event, EventKind, GroundSite, Mission,
                           Need, NeedKind, Project)
from planner.model.times import from_epoch
from planner.orbit.elements import read_elements
from planner.rules import RuleEngine
from planner.rules.activities import ActivityContext, activity_row
from planner.rules.orbit_batch import spans
from planner.rules.orbit_link import orbit_conditions

T0 = 1_900_000_000.0
DAY, NIGHT = 55 * 60.0, 37 * 60.0  # a made-up orbit: sunlit 55 min, then shadow 37 min, from T0 on
SITE = GroundSite("base", "Base", 0.0, 0.0, 0.0, 10.0)


class Periodic:
    """Exact, cheap orbit conditions that count the questions asked."""

    def __init__(self):
        self.asked = 0

    def _runs(self, start, end, on, off, phase=0.0):
        period = on + off
        out, k = [], math.floor((start - T0 - phase) / period)
        while T0 + phase + k * period < end:
            s, e = T0 + phase + k * period, T0 + phase + k * period + on
            if min(e, end) > max(s, start):
                out.append((max(s, start), min(e, end)))
            k += 1
        return out

    def sunlit(self, start, end):
        self.asked += 1
        return self._runs(start, end, DAY, NIGHT)

    def in_view(self, site, elevation, start, end):
        self.asked += 1
        return self._runs(start, end, 8 * 60.0 + elevation, 90 * 60.0, phase=1000.0)


def _plan(acts):
    crew = ("ann",)
    visit = Mission(id="s", name="S", vehicle_type="soyuz-ms", events=[
        Event(EventKind.DOCK, from_epoch(T0 - 86400), port="rassvet-nadir", crew=crew)])
    # An element set near the activities: the age screen must not pick them, the orbit test has to.
    sets = [ElementSet(id="e", format=ElementFormat.TLE, text="-", epoch=from_epoch(T0 + 1.5 * 86400))]
    return Project(missions=[visit], activities=acts, sites=[SITE], element_sets=sets)


NEEDS = (Need(NeedKind.DAYLIGHT), Need(NeedKind.SHADOW), Need(NeedKind.SITE_IN_VIEW, site="base"),
         Need(NeedKind.SITE_IN_VIEW, site="base", min_elevation_deg=2.0), Need(NeedKind.SITE_IN_VIEW, site="nowhere"))
activities = st.lists(st.tuples(st.integers(0, 3 * 86400 // 60), st.integers(0, 120),
                                st.lists(st.sampled_from(NEEDS), min_size=1, max_size=2, unique=True)),
                      max_size=25)


def _acts(drawn):
    return [Activity(id=f"a{i}", title=f"a{i}", kind=ActivityKind.FILM_SHOOT, start=from_epoch(T0 + m * 60.0),
                     end=from_epoch(T0 + (m + length) * 60.0), people=("ann",), needs=tuple(needs))
            for i, (m, length, needs) in enumerate(drawn)]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(activities)
def test_batched_orbit_findings_equal_asking_activity_by_activity(drawn):
    project = _plan(_acts(drawn))
    engine = RuleEngine(project, orbit=Periodic())
    got = sorted((f.activities, f.start, f.end, f.message) for f in engine.findings() if f.rule == "activity-orbit")
    ctx = ActivityContext(engine.timeline.people, engine.dynamic, engine.epochs, engine.settings, Periodic(),
                          {SITE.id: SITE}, {}, engine.timeline.missions)
    expected = sorted((f.activities, f.start, f.end, f.message) for a in project.activities
                      for f in ctx.findings(activity_row(a)) if f.rule == "activity-orbit")
    assert got == expected


def test_ten_thousand_daylight_activities_ask_the_orbit_once():
    acts = [Activity(id=f"a{i}", title="t", kind=ActivityKind.EXPERIMENT, start=from_epoch(T0 + i * 97.0),
                     end=from_epoch(T0 + i * 97.0 + 600), people=("ann",), needs=(Need(NeedKind.DAYLIGHT),))
            for i in range(10_000)]
    orbit = Periodic()
    engine = RuleEngine(_plan(acts), orbit=orbit)
    assert orbit.asked == 1
    # Each one is in shadow for some of its 10 minutes unless it starts and ends inside one sunlit run.
    period = DAY + NIGHT
    bad = sum(1 for i in range(10_000) if (i * 97.0) % period + 600 > DAY)
    assert sum(1 for f in engine.findings() if f.rule == "activity-orbit") == bad


def test_stretches_join_activities_closer_than_the_gap():
    import numpy as np

    starts, ends = np.array([0.0, 100.0, 50_000.0, 10.0]), np.array([50.0, 200.0, 50_010.0, 20.0])
    assert spans(starts, ends, join_gap_s=1000.0) == [(0.0, 200.0), (50_000.0, 50_010.0)]
    assert spans(starts[:0], ends[:0]) == []


def test_batched_real_orbit_agrees_with_asking_it_activity_by_activity(data_dir):
    sets = read_elements(data_dir / "iss-2021-10-15.tle")
    epoch = sets[0].epoch.timestamp()
    houston = GroundSite("houston", "Houston JSC", 29.56, -95.09, min_elevation_deg=10.0)
    needs = (Need(NeedKind.DAYLIGHT), Need(NeedKind.SHADOW), Need(NeedKind.SITE_IN_VIEW, site="houston"))
    acts = [Activity(id=f"a{i}", title=f"a{i}", kind=ActivityKind.FILM_SHOOT,
                     start=from_epoch(epoch + i * 1700.0), end=from_epoch(epoch + i * 1700.0 + 900),
                     people=("anton",), needs=(needs[i % 3],)) for i in range(40)]
    soyuz = Mission(id="s", name="Soyuz", vehicle_type="soyuz-ms", events=[
        Event(EventKind.DOCK, sets[0].epoch - timedelta(days=5), port="rassvet-nadir", crew=("anton",))])
    project = Project(missions=[soyuz], activities=acts, element_sets=sets, sites=[houston])
    orbit = orbit_conditions(project)
    engine = RuleEngine(project, orbit=orbit)
    got = {f.activities[0]: f for f in engine.findings() if f.rule == "activity-orbit"}
    ctx = ActivityContext(engine.timeline.people, engine.dynamic, engine.epochs, engine.settings, orbit,
                          {houston.id: houston}, {}, engine.timeline.missions)
    expected = {a.id: f for a in acts for f in ctx.findings(activity_row(a)) if f.rule == "activity-orbit"}
    assert 5 < len(expected) < 40  # some pass, some do not
    assert set(got) == set(expected)
    for aid, f in expected.items():  # the same transitions, from one long computation or many short ones
        assert abs(got[aid].start - f.start) < 1.0 and abs(got[aid].end - f.end) < 1.0
