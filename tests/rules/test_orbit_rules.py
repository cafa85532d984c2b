"""The daylight and site-in-view rules wired to the orbit engine, checked against skyfield directly."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from skyfield.api import EarthSatellite, wgs84

from planner.model import Activity, ActivityKind, Event, EventKind, GroundSite, Mission, Need, NeedKind, Project
from planner.model.times import from_epoch
from planner.orbit.elements import read_elements
from planner.orbit.skydata import ephemeris, timescale
from planner.rules import RuleEngine
from planner.rules.orbit_link import orbit_conditions

TOLERANCE_S = 5.0  # transitions found by the orbit engine vs skyfield sampled every second


def _setup(data_dir):
    path = data_dir / "iss-2021-10-15.tle"
    lines = path.read_text(encoding="utf-8").splitlines()
    ts = timescale()
    sat = EarthSatellite(lines[1], lines[2], lines[0], ts)
    sets = read_elements(path)
    epoch = sets[0].epoch.timestamp()
    grid = epoch + np.arange(0, 3 * 3600, 1.0)
    return sat, sets, grid, _times(grid)


def _times(grid):
    # Seconds from a midnight near the epoch: POSIX seconds skip leap seconds, skyfield's do not.
    day = (grid[0] // 86400) * 86400
    return timescale().utc(*from_epoch(day).timetuple()[:5], grid - day)


def _project(sets, activities, sites=()):
    crew = ("anton",)
    start = sets[0].epoch - timedelta(days=5)
    soyuz = Mission(id="s", name="Soyuz", vehicle_type="soyuz-ms", events=[
        Event(EventKind.DOCK, start, port="rassvet-nadir", crew=crew)])
    return Project(missions=[soyuz], activities=activities, element_sets=sets, sites=list(sites))


def _act(aid, start, end, need):
    return Activity(id=aid, title=aid, kind=ActivityKind.FILM_SHOOT, start=from_epoch(start), end=from_epoch(end),
                    people=("anton",), needs=(need,))


def test_daylight_rule_matches_skyfield_shadow_entry(data_dir):
    sat, sets, grid, times = _setup(data_dir)
    lit = sat.at(times).is_sunlit(ephemeris())
    entry = grid[1:][lit[:-1] & ~lit[1:]][0]  # first sunlit -> shadow step per skyfield
    inside = _act("inside", entry - 1200, entry - 60, Need(NeedKind.DAYLIGHT))
    across = _act("across", entry - 600, entry + 600, Need(NeedKind.DAYLIGHT))
    project = _project(sets, [inside, across])
    found = [f for f in RuleEngine(project, orbit=orbit_conditions(project)).findings() if f.rule == "activity-orbit"]
    assert [f.activities for f in found] == [("across",)]
    assert abs(found[0].start - entry) < TOLERANCE_S
    assert found[0].end == entry + 600


def test_site_in_view_rule_matches_skyfield_elevation(data_dir):
    sat, sets, grid, times = _setup(data_dir)
    houston = GroundSite("houston", "Houston JSC", 29.56, -95.09, min_elevation_deg=10.0)
    coarse = grid[0] + np.arange(0, 24 * 3600, 10.0)
    up = (sat - wgs84.latlon(29.56, -95.09)).at(_times(coarse)).altaz()[0].degrees > 10.0
    first = coarse[1:][~up[:-1] & up[1:]][0]  # first rise within 10 s; then to the second
    grid = first - 10 + np.arange(0, 11, 1.0)
    up = (sat - wgs84.latlon(29.56, -95.09)).at(_times(grid)).altaz()[0].degrees > 10.0
    rise = grid[1:][~up[:-1] & up[1:]][0]
    need = Need(NeedKind.SITE_IN_VIEW, site="houston")
    project = _project(sets, [_act("call", rise - 300, rise + 60, need)], sites=[houston])
    [found] = [f for f in RuleEngine(project, orbit=orbit_conditions(project)).findings() if f.rule == "activity-orbit"]
    assert found.start == rise - 300
    assert abs(found.end - rise) < TOLERANCE_S
