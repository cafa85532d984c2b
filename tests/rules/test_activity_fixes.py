"""The obvious fixes of activity and lifeboat conflicts: move an activity to the nearest time that meets its orbit
needs (the real orbit held to skyfield's own), move it with its people's stay, join a docked vehicle's return
crew. Each fix offered takes its finding away when applied, and brings no conflict with it."""

from __future__ import annotations

import math
import re
from datetime import timedelta

import numpy as np
import pytest

from planner.model import (Activity, ActivityKind, Event, EventKind, GroundSite, Mission, Need, NeedKind, Person,
                           Project)
from planner.model.crew_day import AROUND_THE_CLOCK
from planner.model.times import from_epoch
from planner.orbit.elements import read_elements
from planner.rules import RuleEngine
from planner.rules.fixes import FixError, FixResult, apply_fix
from planner.rules.orbit_link import orbit_conditions

MOSCOW = GroundSite("mcc-moscow", "Mission Control Moscow", 55.91, 37.81, 0.0, 10.0)
DAYLIGHT, SHADOW = Need(NeedKind.DAYLIGHT), Need(NeedKind.SHADOW)
IN_VIEW = Need(NeedKind.SITE_IN_VIEW, site="mcc-moscow")
# skyfield's sampling of the reference: a fix holds the condition at least 5 s beyond both ends of its time.
SAMPLE_S = 2.0


def _apply(project, finding, suggestion):
    return apply_fix(project, finding, suggestion).applied_to(project)


def _act(aid, start, minutes, people=("anton",), needs=(), kind=ActivityKind.FILM_SHOOT):
    return Activity(id=aid, title=aid.title(), kind=kind, start=from_epoch(start),
                    end=from_epoch(start + minutes * 60), people=people, needs=tuple(needs))


def _fixes(engine, rule, activity):
    [finding] = [f for f in engine.findings() if f.rule == rule and f.activities == (activity,)
                 and f.is_conflict][:1]
    return engine.with_fixes(finding)


# -- against skyfield: the real orbit of 2021-10-15 --------------------------------------------------------


@pytest.fixture(scope="module")
def iss(request):
    from skyfield.api import EarthSatellite

    from planner.orbit.skydata import timescale

    path = request.path.parent.parent / "data" / "iss-2021-10-15.tle"
    lines = path.read_text(encoding="utf-8").splitlines()
    sets = read_elements(path)
    return sets, EarthSatellite(lines[1], lines[2], lines[0], timescale())


def _sky(sat, seconds, what):
    """skyfield's own answer at each of ``seconds``: sunlit, or Moscow above its 10 degrees."""
    from skyfield.api import wgs84

    from planner.orbit.skydata import ephemeris, timescale

    days = np.floor(seconds / 86400)
    t = timescale().utc(1970, 1, 1 + days, 0, 0, seconds - days * 86400)
    if what == "sunlit":
        return sat.at(t).is_sunlit(ephemeris())
    topos = wgs84.latlon(MOSCOW.lat_deg, MOSCOW.lon_deg, elevation_m=MOSCOW.alt_m)
    return (sat - topos).at(t).altaz()[0].degrees > MOSCOW.min_elevation_deg


def _real_plan(sets, acts):
    epoch = sets[0].epoch
    soyuz = Mission(id="soyuz", name="Soyuz", vehicle_type="soyuz-ms", events=[
        Event(EventKind.DOCK, epoch - timedelta(days=5), port="rassvet-nadir", crew=("anton",))])
    return Project(missions=[soyuz], activities=acts, element_sets=list(sets), sites=[MOSCOW],
                   people=[Person("anton", "Anton")], crew_day=AROUND_THE_CLOCK)  # at any hour: no rest to keep


def _first_time(sat, start, what, holds, step=10.0):
    """The first multiple of ``step`` after ``start`` where skyfield says ``what`` holds (or does not)."""
    t = start + np.arange(0, 86400, step)
    return float(t[np.flatnonzero(_sky(sat, t, what) == holds)[0]])


def _check_nearest(sat, old_start, new_start, minutes, whats):
    """skyfield agrees: every condition holds over all of the new time, and at no whole minute nearer the old
    start does each hold over the activity's length (with the fix's margin)."""
    length = minutes * 60
    span = np.arange(new_start, new_start + length + SAMPLE_S, SAMPLE_S)
    for what in whats:
        assert _sky(sat, span, what).all(), what
    reach = abs(new_start - old_start)
    grid = np.arange(old_start - reach - 120, old_start + reach + length + 120, SAMPLE_S)
    good = np.ones(len(grid), dtype=bool)
    for what in whats:
        good &= _sky(sat, grid, what)
    nearer = [t for t in np.arange(math.ceil((old_start - reach) / 60), math.floor((old_start + reach) / 60) + 1) * 60
              if abs(t - old_start) < reach]
    for t in nearer:
        inside = (grid >= t - 6) & (grid <= t + length + 6)
        assert not good[inside].all(), f"{from_epoch(t)} is nearer and meets the needs too"


def test_out_of_daylight_moves_to_the_nearest_daylight_as_skyfield_has_it(iss):
    sets, sat = iss
    epoch = sets[0].epoch.timestamp()
    dark = _first_time(sat, _first_time(sat, epoch, "sunlit", False), "sunlit", False) + 300  # 5 min into shadow
    start = math.floor(dark / 60) * 60
    project = _real_plan(sets, [_act("shot", start, 25, needs=[DAYLIGHT])])
    engine = RuleEngine(project, orbit_conditions(project))
    fixed = _fixes(engine, "activity-orbit", "shot")
    [fix] = fixed.suggestions
    assert fix.action == "move-activity" and fix.activity == "shot"
    assert re.fullmatch(r"move to 2021-10-\d\d \d\d:\d\d–\d\d:\d\d UTC \((\d+ h )?\d+ min (later|earlier)\), "
                        r"the nearest time in daylight", fix.text), fix.text
    after = _apply(project, fixed, fix)
    moved = after.activities[0]
    assert moved.start.timestamp() == fix.utc and moved.start.second == 0
    assert moved.end - moved.start == timedelta(minutes=25)
    assert RuleEngine(after, orbit_conditions(after)).findings() == []
    _check_nearest(sat, start, fix.utc, 25, ["sunlit"])


def test_out_of_a_sites_view_moves_to_the_nearest_pass_as_skyfield_has_it(iss):
    sets, sat = iss
    epoch = sets[0].epoch.timestamp()
    start = math.floor((epoch + 6 * 3600) / 60) * 60
    assert not _sky(sat, np.array([start]), "view")[0]
    project = _real_plan(sets, [_act("downlink", start, 4, needs=[IN_VIEW], kind=ActivityKind.LIVE_DOWNLINK)])
    engine = RuleEngine(project, orbit_conditions(project))
    [fix] = _fixes(engine, "activity-orbit", "downlink").suggestions
    assert fix.text.endswith("the nearest time with Mission Control Moscow in view")
    after = _apply(project, engine.with_fixes(engine.findings()[0]), fix)
    assert RuleEngine(after, orbit_conditions(after)).findings() == []
    _check_nearest(sat, start, fix.utc, 4, ["view"])


def test_daylight_and_a_site_together(iss):
    sets, sat = iss
    epoch = sets[0].epoch.timestamp()
    start = math.floor((epoch - 2 * 86400) / 60) * 60
    project = _real_plan(sets, [_act("greeting", start, 3, needs=[DAYLIGHT, IN_VIEW])])
    engine = RuleEngine(project, orbit_conditions(project))
    finding = next(f for f in engine.findings() if f.rule == "activity-orbit")
    [fix] = engine.with_fixes(finding).suggestions
    assert fix.text.endswith("the nearest time in daylight and with Mission Control Moscow in view")
    after = _apply(project, finding, fix)
    assert RuleEngine(after, orbit_conditions(after)).findings() == []
    _check_nearest(sat, start, fix.utc, 3, ["sunlit", "view"])


def test_no_fix_where_no_time_meets_the_needs(iss):
    sets, sat = iss
    epoch = sets[0].epoch.timestamp()
    # Earth's shadow lasts about 36 minutes an orbit, a pass over Moscow a few minutes: neither fits an hour.
    acts = [_act("long-night", epoch - 86400, 60, needs=[SHADOW]), _act("long-pass", epoch, 60, needs=[IN_VIEW])]
    project = _real_plan(sets, acts)
    engine = RuleEngine(project, orbit_conditions(project))
    orbit = [f for f in engine.findings() if f.rule == "activity-orbit"]
    assert {f.activities[0] for f in orbit} == {"long-night", "long-pass"}
    assert [engine.with_fixes(f).suggestions for f in orbit] == [(), ()]


# -- an exact made-up orbit: sunlit 55 min, then shadow 37 min ---------------------------------------------

T0 = 1_900_000_020.0  # a whole minute
DAY, NIGHT = 55 * 60.0, 37 * 60.0


class Periodic:
    """Exact orbit conditions: sunlit from T0 for 55 min every 92 min."""

    def sunlit(self, windows):
        out = []
        for start, end in windows.tolist():
            k = math.floor((start - T0) / (DAY + NIGHT))
            while T0 + k * (DAY + NIGHT) < end:
                s, e = T0 + k * (DAY + NIGHT), T0 + k * (DAY + NIGHT) + DAY
                if min(e, end) > max(s, start):
                    out.append((max(s, start), min(e, end)))
                k += 1
        return np.array(out).reshape(-1, 2)

    def in_view(self, site, elevation, windows):
        return np.zeros((0, 2))


def _plan(acts, dock=T0 - 86400, undock=None, crew=("ann",)):
    from planner.model import ElementFormat, ElementSet

    events = [Event(EventKind.DOCK, from_epoch(dock), port="rassvet-nadir", crew=crew)]
    if undock is not None:
        events.append(Event(EventKind.UNDOCK, from_epoch(undock), port="rassvet-nadir", crew=crew))
    soyuz = Mission(id="soyuz", name="Soyuz", vehicle_type="soyuz-ms", events=events)
    sets = [ElementSet(id="e", format=ElementFormat.TLE, text="-", epoch=from_epoch(T0))]
    people = [Person("ann", "Ann"), Person("bo", "Bo")]
    return Project(missions=[soyuz], activities=acts, element_sets=sets, people=people,
                   crew_day=AROUND_THE_CLOCK)  # at any hour: no rest to keep


def _engine(project):
    return RuleEngine(project, orbit=Periodic())


def test_the_nearest_daylight_is_taken_before_or_after():
    # 20 min of daylight from 60 min after T0 (in shadow): daylight ends at 55, comes back at 92.
    project = _plan([_act("shot", T0 + 60 * 60, 20, people=("ann",), needs=[DAYLIGHT])])
    engine = _engine(project)
    [fix] = _fixes(engine, "activity-orbit", "shot").suggestions
    assert fix.utc == T0 + 35 * 60 - 60  # ends by 55 min less the margin: the whole minute before 35
    assert fix.text == ("move to 2030-03-17 18:21–18:41 UTC (26 min earlier), the nearest time in daylight")
    # ... unless that leaves the stay: docked 50 min after T0, the next daylight it is.
    project = _plan([_act("shot", T0 + 60 * 60, 20, people=("ann",), needs=[DAYLIGHT])], dock=T0 + 50 * 60)
    engine = _engine(project)
    [fix] = _fixes(engine, "activity-orbit", "shot").suggestions
    assert fix.utc == T0 + 93 * 60 and "(33 min later)" in fix.text
    fixed = _apply(project, engine.with_fixes(engine.findings()[0]), fix)
    assert _engine(fixed).findings() == []


def test_the_new_time_keeps_clear_of_the_people_and_of_dynamic_events():
    shot = _act("shot", T0 + 60 * 60, 20, people=("ann",), needs=[DAYLIGHT])
    busy = _act("busy", T0 + 20 * 60, 20, people=("ann",))  # Ann is busy in the daylight just before
    project = _plan([shot, busy])
    [fix] = _fixes(_engine(project), "activity-orbit", "shot").suggestions
    assert fix.utc == T0 + 93 * 60
    # An EVA keeps clear of a docking in the daylight after it too.
    eva = _act("eva", T0 + 60 * 60, 20, people=("ann",), needs=[DAYLIGHT], kind=ActivityKind.EVA)
    cargo = Mission(id="cargo", name="Cargo", vehicle_type="progress-ms", events=[
        Event(EventKind.DOCK, from_epoch(T0 + 100 * 60), port="zvezda-aft")])
    project = _plan([eva, busy])
    project.missions.append(cargo)
    engine = _engine(project)
    [fix] = _fixes(engine, "activity-orbit", "eva").suggestions
    assert fix.utc == T0 + 101 * 60  # the first whole minute after the docking, still in daylight
    assert [f.rule for f in _engine(_apply(project, engine.findings()[0], fix)).findings()] == []


def test_an_activity_out_of_the_stay_moves_with_it():
    dock = T0 + 31  # the stay begins 31 s past a minute
    acts = [_act("early", T0 - 5 * 3600, 60, people=("ann",)),
            _act("first", T0 + 60, 30, people=("ann",))]  # already booked at the stay's start
    project = _plan(acts, dock=dock)
    engine = _engine(project)
    fixed = _fixes(engine, "activity-outside-stay", "early")
    [fix] = fixed.suggestions
    assert fix.action == "move-activity" and fix.utc == T0 + 31 * 60  # after 'first', touching its end
    assert fix.text == ("move with the stay to 2030-03-17 18:18–19:18 UTC (5 h 31 min later), "
                        "the nearest time Ann is aboard")
    assert _engine(_apply(project, fixed, fix)).findings() == []


def test_an_activity_past_the_stay_moves_back_into_it_for_all_its_people():
    ann = Mission(id="ann-soyuz", name="Ann's Soyuz", vehicle_type="soyuz-ms", events=[
        Event(EventKind.DOCK, from_epoch(T0 - 3 * 86400), port="poisk-zenith", crew=("ann",))])
    acts = [_act("late", T0 + 3 * 3600, 60, people=("ann", "bo"))]
    project = _plan(acts, dock=T0 - 5 * 86400, undock=T0 + 2 * 3600 + 45, crew=("bo",))
    project.missions.append(ann)
    engine = _engine(project)
    finding = next(f for f in engine.findings() if f.rule == "activity-outside-stay")
    assert finding.people == ("bo",)
    [fix] = engine.with_fixes(finding).suggestions
    assert fix.utc == T0 + 60 * 60  # ends by Bo's undocking, on a whole minute
    assert "(2 h earlier), the nearest time Ann and Bo are both aboard" in fix.text
    assert _engine(_apply(project, finding, fix)).findings() == []


def test_moving_with_the_stay_meets_the_orbit_needs_too():
    acts = [_act("shot", T0 - 3600, 20, people=("ann",), needs=[DAYLIGHT])]
    project = _plan(acts, dock=T0 + 60 * 60)  # docks in shadow: daylight from 92 min
    engine = _engine(project)
    [fix] = _fixes(engine, "activity-outside-stay", "shot").suggestions
    assert fix.utc == T0 + 93 * 60
    assert fix.text.endswith("the nearest time Ann is aboard, in daylight")
    assert _engine(_apply(project, engine.findings()[0], fix)).findings() == []


def test_moving_with_the_stay_where_the_orbit_needs_cannot_be_met_moves_it_all_the_same():
    acts = [_act("night", T0 - 3600, 60, people=("ann",), needs=[SHADOW])]  # a night lasts 37 min here
    project = _plan(acts, dock=T0)
    engine = _engine(project)
    assert {f.rule for f in engine.findings()} == {"activity-outside-stay", "activity-orbit"}
    [fix] = _fixes(engine, "activity-outside-stay", "night").suggestions
    assert fix.utc == T0 and fix.text.endswith("the nearest time Ann is aboard")  # no word of the night
    after = _engine(_apply(project, engine.findings()[0], fix)).findings()
    assert [f.rule for f in after] == ["activity-orbit"]  # still too long for a night, but aboard


def test_no_stay_no_fix():
    project = _plan([_act("ghost", T0, 30, people=("ann", "nobody"))])
    engine = _engine(project)
    finding = next(f for f in engine.findings() if f.rule == "activity-outside-stay")
    assert engine.with_fixes(finding).suggestions == ()


def test_the_fixes_listed_together_are_those_asked_for_one_by_one():
    acts = [_act(f"a{i}", T0 + i * 2000.0, 15 + i, people=[("ann",), ("bo",)][i % 2], needs=[[DAYLIGHT], [SHADOW]][i % 2])
            for i in range(12)]
    acts.append(_act("early", T0 - 86400 * 2, 30, people=("ann",)))
    project = _plan(acts, dock=T0 - 86400, crew=("ann", "bo"))
    engine = _engine(project)
    listed = engine.findings(suggestions=True)
    assert sum(1 for f in listed if f.suggestions) >= 5
    assert listed == [engine.with_fixes(f) for f in engine.findings()]


# -- no seat home: join a docked vehicle's return crew ------------------------------------------------------


def _left_behind(activities=()):
    soyuz = Mission(id="soy", name="Soyuz", vehicle_type="soyuz-ms", events=[
        Event(EventKind.DOCK, from_epoch(T0), port="rassvet-nadir", crew=("ann",)),
        Event(EventKind.UNDOCK, from_epoch(T0 + 100 * 3600), port="rassvet-nadir", crew=()),  # without Ann
    ])
    dragon = Mission(id="dra", name="Dragon", vehicle_type="crew-dragon", events=[
        Event(EventKind.DOCK, from_epoch(T0 - 3 * 86400), port="harmony-forward", crew=("bo", "cy")),
        Event(EventKind.UNDOCK, from_epoch(T0 + 300 * 3600), port="harmony-forward", crew=("bo", "cy")),
        Event(EventKind.LAND, from_epoch(T0 + 306 * 3600), crew=("bo", "cy")),
    ])
    return Project(missions=[soyuz, dragon], activities=list(activities), people=[Person("ann", "Ann")])


def test_somebody_with_no_seat_home_joins_a_return_crew():
    project = _left_behind()
    engine = RuleEngine(project)
    finding = next(f for f in engine.findings() if f.rule == "lifeboat-missing")
    [fix] = engine.with_fixes(finding).suggestions
    assert (fix.action, fix.vehicle) == ("use-seat", "dra")
    assert fix.text == "add Ann to Dragon's return crew: a free seat home, leaving at 2030-03-30 05:47 UTC"
    fixed = _apply(project, finding, fix)
    dragon = fixed.mission("dra")
    assert dragon.events[1].crew == ("bo", "cy", "ann") and dragon.events[2].crew == ("bo", "cy", "ann")
    assert RuleEngine(fixed).findings() == []


def test_no_return_crew_to_join_when_it_is_full_or_would_strand_an_activity():
    project = _left_behind()
    for event in project.mission("dra").events:
        event.crew = ("bo", "cy", "di", "ed")  # a full Crew Dragon
    engine = RuleEngine(project)
    finding = next(f for f in engine.findings() if f.rule == "lifeboat-missing")
    assert engine.with_fixes(finding).suggestions == ()
    # Ann has work planned after the Dragon leaves: leaving on it would put that outside her stay.
    project = _left_behind([_act("work", T0 + 400 * 3600, 60, people=("ann",))])
    engine = RuleEngine(project)
    finding = next(f for f in engine.findings() if f.rule == "lifeboat-missing")
    assert engine.with_fixes(finding).suggestions == ()


# -- applying -------------------------------------------------------------------------------------------------


def test_a_fix_result_names_its_changes_by_collection():
    project = _plan([_act("early", T0 - 5 * 3600, 60, people=("ann",))], dock=T0)
    engine = _engine(project)
    finding = engine.findings()[0]
    [fix] = engine.with_fixes(finding).suggestions
    result = apply_fix(project, finding, fix)
    assert isinstance(result, FixResult) and result.missions == ()
    assert [(c, item.id) for c, item in result.changes()] == [("activities", "early")]
    assert project.activities[0].start.timestamp() == T0 - 5 * 3600  # the project itself is untouched
    assert fix.to_json()["activity"] == "early"
    project.activities.clear()
    with pytest.raises(FixError, match="no longer in the plan"):
        apply_fix(project, finding, fix)
