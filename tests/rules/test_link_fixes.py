"""The live-link warning's fix: the activity moved to the nearest whole minute from which it has the link asked for
for all of its length, its other orbit needs met, in its people's working hours when it is in them now; offered only
when the rules, judging the plan with it, find the warning gone and nothing new. An exact made-up orbit for the
minutes, and the real orbit of 2021-10-15 held to skyfield's own for a Russian link through Moscow alone."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import timedelta

import numpy as np
import pytest

from planner import intervals
from planner.model import (Activity, ActivityKind, ElementFormat, ElementSet, Event, EventKind, GroundSite, Mission,
                           Need, NeedKind, Person, Project)
from planner.model.crew_day import AROUND_THE_CLOCK
from planner.model.times import from_epoch, parse_utc
from planner.rules import RuleEngine
from planner.rules.crew_day import REST_RULE
from planner.rules.fixes import apply_fix
from planner.rules.orbit_rule import LINK

T0 = parse_utc("2030-03-20T08:00:00Z").timestamp()  # a Wednesday: working hours 07:15-19:15 GMT by default
PERIOD = 92 * 60.0
#: A made-up orbit: a US link for the first 70 minutes of every 92, a Russian one from minute 60 to 80.
US, RU = (0.0, 70.0), (60.0, 80.0)
WORDS = {"us": "a US link (TDRS)", "ru": "a Russian link (Luch or a Russian ground site)",
         "any": "a link to the ground (TDRS, Luch or a Russian ground site)"}


def _minutes(spans):
    return [(T0 + a * 60, T0 + b * 60) for a, b in spans]


class Made:
    """Exact link coverage repeating every 92 minutes, and daylight at the minutes after T0 it is given."""

    def __init__(self, daylight=()):
        self.daylight = intervals.normalise(_minutes(daylight))

    def sunlit(self, windows):
        return intervals.intersect(self.daylight, windows)

    def in_view(self, site, elevation, windows):
        return np.zeros((0, 2))

    def link(self, network, sites, windows):
        runs = {"us": [US], "ru": [RU], "any": [US, RU]}[network]
        found = []
        for start, end in np.asarray(windows, float).reshape(-1, 2).tolist():
            for k in range(math.floor((start - T0) / PERIOD) - 1, math.ceil((end - T0) / PERIOD) + 1):
                found += [(T0 + k * PERIOD + a * 60, T0 + k * PERIOD + b * 60) for a, b in runs]
        return intervals.intersect(intervals.normalise(found), windows)


def _act(aid, minute, length, *needs, people=("ann",)):
    return Activity(id=aid, title=aid.title(), kind=ActivityKind.LIVE_DOWNLINK, start=from_epoch(T0 + minute * 60),
                    end=from_epoch(T0 + (minute + length) * 60), people=people, needs=tuple(needs))


def _link(network):
    return Need(NeedKind.LIVE_LINK, network=network)


def _plan(acts, crew_day=AROUND_THE_CLOCK):
    visit = Mission(id="s", name="S", vehicle_type="soyuz-ms", events=[
        Event(EventKind.DOCK, from_epoch(T0 - 86400), port="rassvet-nadir", crew=("ann",))])
    sets = [ElementSet(id="e", format=ElementFormat.TLE, text="-", epoch=from_epoch(T0))]
    return Project(missions=[visit], activities=list(acts), element_sets=sets, people=[Person("ann", "Ann")],
                   crew_day=crew_day)


def _warning(engine, activity):
    [finding] = [f for f in engine.findings() if f.rule == LINK and f.activities == (activity,)]
    return engine.with_fixes(finding)


def _after(project, finding, fix, orbit):
    return RuleEngine(apply_fix(project, finding, fix).applied_to(project), orbit=orbit).findings()


@pytest.mark.parametrize("network, minute, length, moved, said", [
    ("us", 50, 30, 39, "11 min earlier"),  # no US link 70-80: the 30 minutes that end by 70 (less 5 s)
    ("us", 85, 20, 93, "8 min later"),  # no US link 85-92: from 92 (and 5 s) the next whole minute
    ("ru", 50, 10, 61, "11 min later"),  # no Russian link before 60
    ("any", 75, 20, 59, "16 min earlier"),  # neither from 80 to 92
    (None, 75, 20, 59, "16 min earlier"),  # no network named: any
])
def test_the_warning_offers_the_nearest_time_with_the_link_for_all_of_it(network, minute, length, moved, said):
    project = _plan([_act("live", minute, length, _link(network))])
    orbit = Made()
    engine = RuleEngine(project, orbit=orbit)
    finding = _warning(engine, "live")
    [fix] = finding.suggestions
    assert (fix.action, fix.activity, fix.utc) == ("move-activity", "live", T0 + moved * 60)
    start, end = from_epoch(fix.utc), from_epoch(fix.utc + length * 60)
    assert fix.text == (f"move to {start:%Y-%m-%d %H:%M}–{end:%H:%M} UTC ({said}), the nearest time with "
                        f"{WORDS[network or 'any']} for its whole length")
    assert _after(project, finding, fix, orbit) == []


def test_the_move_keeps_the_activity_s_other_needs_met():
    # In daylight now (58-90) but without a US link from 70: the US link's nearest half hour (54-69) is dark; the
    # nearest time with both is 101-116 (daylight 100-140, the US link 92-162).
    live = _act("live", 60, 15, _link("us"), Need(NeedKind.DAYLIGHT))
    project = _plan([live])
    orbit = Made(daylight=[(58, 90), (100, 140)])
    engine = RuleEngine(project, orbit=orbit)
    assert [f.rule for f in engine.findings()] == [LINK]
    finding = _warning(engine, "live")
    [fix] = finding.suggestions
    assert fix.utc == T0 + 101 * 60
    assert fix.text.endswith("(41 min later), the nearest time with a US link (TDRS) for its whole length, in daylight")
    assert _after(project, finding, fix, orbit) == []
    # Without the daylight need the nearest US link is taken, 6 min earlier.
    project = _plan([replace(live, needs=(_link("us"),))])
    [fix] = _warning(RuleEngine(project, orbit=orbit), "live").suggestions
    assert fix.utc == T0 + 54 * 60


def test_the_move_keeps_to_the_working_hours_when_the_activity_is_in_them():
    # 18:30-19:10 GMT, in Ann's working hours (to 19:15), without a US link until 18:44: the link from 18:45 would
    # run into her pre-sleep, so the fix is the nearest forty minutes with the link in the working day.
    project = _plan([_act("live", 630, 40, _link("us"))], crew_day=None)  # the station's day
    orbit = Made()
    engine = RuleEngine(project, orbit=orbit)
    assert [f.rule for f in engine.findings()] == [LINK]
    finding = _warning(engine, "live")
    [fix] = finding.suggestions
    assert fix.utc == T0 + 581 * 60  # ends by 622 (less 5 s): 17:41-18:21
    assert "(49 min earlier)" in fix.text
    assert _after(project, finding, fix, orbit) == []
    # Already in her pre-sleep (19:40-20:10): the nearest link, 17 min earlier, though still in it.
    project = _plan([_act("live", 700, 30, _link("us"))], crew_day=None)
    engine = RuleEngine(project, orbit=orbit)
    assert sorted(f.rule for f in engine.findings()) == [LINK, REST_RULE]
    finding = _warning(engine, "live")
    [fix] = finding.suggestions
    assert fix.utc == T0 + 683 * 60
    assert [f.rule for f in _after(project, finding, fix, orbit)] == [REST_RULE]


def test_no_fix_where_the_link_never_lasts_the_activity():
    # The Russian link lasts 20 minutes an orbit; in daylight only from 58 to 90 the US link never lasts 25.
    project = _plan([_act("long", 50, 30, _link("ru")), _act("dusk", 2000, 25, _link("us"), Need(NeedKind.DAYLIGHT))])
    engine = RuleEngine(project, orbit=Made(daylight=[(58 + 92 * k, 90 + 92 * k) for k in range(-60, 60)]))
    assert {f.activities[0] for f in engine.findings() if f.rule == LINK} == {"long", "dusk"}
    assert [engine.with_fixes(f).suggestions for f in engine.findings() if f.rule == LINK] == [(), ()]


def test_the_new_time_keeps_clear_of_the_crew_s_other_activities_and_the_rules_vet_it():
    # Ann is busy from 35 to 45: the nearest US link for 50-80 (39-69) would overlap it; the next is 93-123.
    busy = _act("busy", 35, 10)
    project = _plan([_act("live", 50, 30, _link("us")), busy])
    orbit = Made()
    engine = RuleEngine(project, orbit=orbit)
    finding = _warning(engine, "live")
    [fix] = finding.suggestions
    assert fix.utc == T0 + 93 * 60
    assert _after(project, finding, fix, orbit) == []
    # The rules' own judgement: the nearer time, over Ann's other activity, would bring an overlap conflict.
    nearer = fix._replace(utc=T0 + 39 * 60)
    assert not engine.judge(finding, nearer) and engine.judge(finding, fix)
    assert [f.rule for f in _after(project, finding, nearer, orbit) if f.is_conflict] == ["activity-overlap"]
    # Judging put the plan back as it was.
    assert engine.findings() == RuleEngine(project, orbit=orbit).findings()


def test_a_fix_the_rules_turn_down_is_not_offered(monkeypatch):
    project = _plan([_act("live", 50, 30, _link("us"))])
    engine = RuleEngine(project, orbit=Made())
    asked = []

    def refuse(self, finding, suggestion):
        asked.append((finding.rule, suggestion.action))
        return False

    monkeypatch.setattr(RuleEngine, "judge", refuse)
    assert _warning(engine, "live").suggestions == ()
    assert [f.suggestions for f in engine.findings(suggestions=True)] == [()]
    assert asked == [(LINK, "move-activity")] * 2


def test_the_fixes_listed_together_are_those_asked_for_one_by_one():
    acts = [_act(f"a{i}", 37 * i, 10 + 3 * i, _link(("us", "ru", "any", None)[i % 4])) for i in range(16)]
    project = _plan(acts)
    engine = RuleEngine(project, orbit=Made(daylight=[(0, 4000)]))
    listed = engine.findings(suggestions=True)
    assert sum(1 for f in listed if f.rule == LINK and f.suggestions) >= 4
    assert listed == [engine.with_fixes(f) for f in engine.findings()]


# -- the real orbit: a Russian link through Mission Control Moscow alone (no Luch in the catalogue) -------------

MOSCOW = GroundSite("mcc-moscow", "Mission Control Moscow", 55.91, 37.81, 0.0, 10.0)
SAMPLE_S = 2.0  # skyfield's sampling: the fix holds its need at least 5 s beyond both ends


@pytest.fixture
def no_luch(monkeypatch):
    """The relay catalogue without the Luch relays (as if out of service): a Russian link is then a pass over a
    Russian ground site."""
    from planner.orbit import coverage

    kept = tuple(r for r in coverage.relays() if r.network == "us")
    monkeypatch.setattr(coverage, "_catalogue", lambda: kept)


def _sky(data_dir, seconds):
    """skyfield's own answers at ``seconds``: (Moscow sees the station above 10 degrees, the station is sunlit)."""
    from skyfield.api import EarthSatellite, wgs84

    from planner.orbit.skydata import ephemeris, timescale

    lines = (data_dir / "iss-2021-10-15.tle").read_text(encoding="utf-8").splitlines()
    sat = EarthSatellite(lines[1], lines[2], lines[0], timescale())
    days = np.floor(seconds / 86400)
    t = timescale().utc(1970, 1, 1 + days, 0, 0, seconds - days * 86400)
    topos = wgs84.latlon(MOSCOW.lat_deg, MOSCOW.lon_deg, elevation_m=MOSCOW.alt_m)
    return (sat - topos).at(t).altaz()[0].degrees > MOSCOW.min_elevation_deg, sat.at(t).is_sunlit(ephemeris())


def test_a_russian_link_through_moscow_alone_moves_to_the_nearest_sunlit_pass_as_skyfield_has_it(data_dir, no_luch):
    from planner.orbit.elements import read_elements
    from planner.rules.orbit_link import orbit_conditions

    sets = read_elements(data_dir / "iss-2021-10-15.tle")
    epoch = sets[0].epoch.timestamp()
    start, minutes = math.floor((epoch + 6 * 3600) / 60) * 60, 4
    view, _sun = _sky(data_dir, np.arange(start, start + minutes * 60 + 1, 10.0))
    assert not view.any()  # no pass over Moscow: no Russian link at all
    soyuz = Mission(id="soyuz", name="Soyuz", vehicle_type="soyuz-ms", events=[
        Event(EventKind.DOCK, sets[0].epoch - timedelta(days=5), port="rassvet-nadir", crew=("anton",))])
    act = Activity(id="live", title="Live downlink", kind=ActivityKind.LIVE_DOWNLINK, start=from_epoch(start),
                   end=from_epoch(start + minutes * 60), people=("anton",),
                   needs=(_link("ru"), Need(NeedKind.DAYLIGHT)))
    project = Project(missions=[soyuz], activities=[act], element_sets=list(sets), sites=[MOSCOW],
                      people=[Person("anton", "Anton")], crew_day=AROUND_THE_CLOCK)
    engine = RuleEngine(project, orbit_conditions(project))
    finding = _warning(engine, "live")
    assert f"{minutes} min of its {minutes} without a Russian link" in finding.message
    [fix] = finding.suggestions
    assert fix.text.endswith("the nearest time with a Russian link (Luch or a Russian ground site) for its whole "
                             "length, in daylight")
    fixed = apply_fix(project, finding, fix).applied_to(project)
    moved = fixed.activities[0]
    assert moved.start.timestamp() == fix.utc and moved.start.second == 0
    assert moved.end - moved.start == timedelta(minutes=minutes)
    assert RuleEngine(fixed, orbit_conditions(fixed)).findings() == []
    # skyfield agrees: Moscow sees the station, in sunlight, all the new time; no whole minute nearer does both
    # for the activity's length (and the 5 s margin either side; allowing skyfield's own sampling of 2 s).
    length = minutes * 60
    view, sun = _sky(data_dir, np.arange(fix.utc, fix.utc + length + SAMPLE_S, SAMPLE_S))
    assert view.all() and sun.all()
    reach = abs(fix.utc - start)
    grid = np.arange(start - reach - 120, start + reach + length + 120, SAMPLE_S)
    good = np.logical_and(*_sky(data_dir, grid))
    for t in np.arange(math.ceil((start - reach) / 60), math.floor((start + reach) / 60) + 1) * 60:
        if abs(t - start) < reach:
            inside = (grid >= t - 6) & (grid <= t + length + 6)
            assert not good[inside].all(), f"{from_epoch(t)} is nearer and has the link in daylight too"
