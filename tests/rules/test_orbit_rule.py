"""The orbit rule for many activities at once: one question to the orbit per stretch of time, and the findings
a plain reference works out activity by activity (against an exact made-up orbit, and against the real orbit
engine); an edited activity is judged as a full check would judge it."""

from __future__ import annotations

import math
from datetime import timedelta

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.model import (Activity, ActivityKind, ElementFormat, ElementSet, Event, EventKind, GroundSite, Mission,
                           Need, NeedKind, Project)
from planner.model.times import from_epoch
from planner.orbit.elements import read_elements
from planner.rules import RuleEngine
from planner.rules.orbit_rule import spans
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

    def sunlit(self, windows):
        self.asked += 1
        return np.array([r for s, e in windows.tolist() for r in self._runs(s, e, DAY, NIGHT)]).reshape(-1, 2)

    def in_view(self, site, elevation, windows):
        self.asked += 1
        return np.array([r for s, e in windows.tolist()
                         for r in self._runs(s, e, 8 * 60.0 + elevation, 90 * 60.0, phase=1000.0)]).reshape(-1, 2)


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


def _gaps(good, start, end):
    """The parts of [start, end) outside the sorted intervals ``good``, the plain way."""
    gaps, at = [], start
    for s, e in sorted(good):
        if s > at:
            gaps.append((at, min(s, end)))
        at = max(at, e)
    if at < end:
        gaps.append((at, end))
    return [(s, e) for s, e in gaps if e > s]


def reference(project, orbit, sites):
    """(activity id, start, end, lost minutes) of each orbit finding, asking the orbit activity by activity."""
    def window(start, end):
        return np.array([[start, end]])

    found = []
    for a in project.activities:
        start, end = a.start.timestamp(), a.end.timestamp()
        if end <= start:  # an instant has no minutes to miss
            continue
        for need in a.needs:
            if need.kind is NeedKind.SITE_IN_VIEW and need.site not in sites:
                found.append((a.id, start, end, None))
                continue
            if need.kind is NeedKind.SITE_IN_VIEW:
                site = sites[need.site]
                elevation = need.min_elevation_deg if need.min_elevation_deg is not None else site.min_elevation_deg
                good = orbit.in_view(site, elevation, window(start, end)).tolist()
            elif need.kind is NeedKind.DAYLIGHT:
                good = orbit.sunlit(window(start, end)).tolist()
            else:
                good = _gaps(orbit.sunlit(window(start, end)).tolist(), start, end)
            gaps = _gaps(good, start, end)
            if gaps:
                found.append((a.id, gaps[0][0], gaps[-1][1], f"{sum(e - s for s, e in gaps) / 60:.1f} min"))
    return sorted(found, key=repr)


def engine_orbit_findings(engine):
    out = []
    for f in engine.findings():
        if f.rule == "activity-orbit":
            lost = f.message.split("but not for ")[1].split(" of it")[0] if "but not for" in f.message else None
            out.append((f.activities[0], f.start, f.end, lost))
    return sorted(out, key=repr)


def _acts(drawn):
    return [Activity(id=f"a{i}", title=f"a{i}", kind=ActivityKind.FILM_SHOOT, start=from_epoch(T0 + m * 60.0),
                     end=from_epoch(T0 + (m + length) * 60.0), people=("ann",), needs=tuple(needs))
            for i, (m, length, needs) in enumerate(drawn)]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(activities)
def test_orbit_findings_equal_the_reference_asking_activity_by_activity(drawn):
    project = _plan(_acts(drawn))
    engine = RuleEngine(project, orbit=Periodic())
    assert engine_orbit_findings(engine) == reference(project, Periodic(), {SITE.id: SITE})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(activities, st.data())
def test_an_edited_activity_is_judged_as_a_full_check_judges_it(drawn, data):
    project = _plan(_acts(drawn or [(0, 30, [NEEDS[0]])]))
    orbit = Periodic()
    engine = RuleEngine(project, orbit=orbit)
    k = data.draw(st.integers(0, len(project.activities) - 1))
    shift = timedelta(minutes=data.draw(st.integers(-300, 300)))
    old = project.activities[k]
    project.activities[k] = Activity(id=old.id, title=old.title, kind=old.kind, start=old.start + shift,
                                     end=old.end + shift, people=old.people,
                                     needs=data.draw(st.lists(st.sampled_from(NEEDS), max_size=2, unique=True)).copy())
    engine.activity_changed(old.id)
    assert engine_orbit_findings(engine) == engine_orbit_findings(RuleEngine(project, orbit=Periodic()))


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
    got = {aid: (start, end) for aid, start, end, _lost in engine_orbit_findings(engine)}
    expected = {aid: (start, end) for aid, start, end, _lost in reference(project, orbit, {houston.id: houston})}
    assert 5 < len(expected) < 40  # some pass, some do not
    assert set(got) == set(expected)
    for aid, (start, end) in expected.items():  # the same transitions, from one long computation or many short ones
        assert abs(got[aid][0] - start) < 1.0 and abs(got[aid][1] - end) < 1.0


class Failing(Periodic):
    """An orbit whose element set SGP4 cannot fly: every answer is a refusal."""

    def sunlit(self, windows):
        from planner.orbit.errors import CannotJudge

        raise CannotJudge("SGP4 cannot fly element set e at 2030-03-18T12:00Z", *windows[0])


def test_what_the_orbit_cannot_judge_is_a_warning_that_says_why():
    after = 2_000_000_000.0 + 30 * 365.25 * 86400  # 2053 and later: past the bundled ephemeris
    acts = [Activity(id="late", title="late", kind=ActivityKind.FILM_SHOOT, start=from_epoch(after),
                     end=from_epoch(after + 600), people=("ann",), needs=(Need(NeedKind.DAYLIGHT),)),
            Activity(id="now", title="now", kind=ActivityKind.FILM_SHOOT, start=from_epoch(T0 + 60),
                     end=from_epoch(T0 + 660), people=("ann",), needs=(Need(NeedKind.DAYLIGHT),))]
    project = _plan(acts)
    project.element_sets.append(ElementSet(id="far", format=ElementFormat.TLE, text="-", epoch=from_epoch(after)))
    found = {f.activities[0]: f for f in RuleEngine(project, orbit=Periodic()).findings() if f.rule == "activity-orbit"}
    assert set(found) == {"late"} and found["late"].severity.value == "warning"
    assert "cannot be judged" in found["late"].message and "ephemeris" in found["late"].message
    failed = [f for f in RuleEngine(project, orbit=Failing()).findings() if f.rule == "activity-orbit"]
    assert {f.activities[0] for f in failed} == {"late", "now"}
    assert all(f.severity.value == "warning" and "cannot be judged" in f.message for f in failed)
    assert "SGP4 cannot fly element set e" in next(f.message for f in failed if f.activities == ("now",))
