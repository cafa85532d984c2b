"""The landing rule: a Soyuz landing outside daylight at Zhezkazgan (the Sun against skyfield's), or more than
10 minutes from the nearest landing opportunity (planner.orbit.landing's, held against the real landings in
tests/orbit/test_landing.py), is a warning; Dragon's landings are not judged; what the orbit cannot judge says
why; an edit re-judges the mission's landings as a full check does; the fix, applied, takes the warning away."""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np

from planner.model import Event, EventKind, Mission, Project, parse_utc
from planner.model.landing_zones import find_zone
from planner.model.time_text import short_time
from planner.model.times import from_epoch
from planner.orbit import Orbit, read_elements
from planner.orbit.landing import landing_opportunities
from planner.orbit.skydata import ephemeris, timescale
from planner.rules import RuleEngine
from planner.rules.fixes import apply_fix
from planner.rules.orbit_link import ProjectOrbit, orbit_conditions

SET = "iss-2021-12-22.tle"
MS20_UNDOCK, MS20_LANDING = "2021-12-19T23:50:25Z", "2021-12-20T03:12:52Z"
DAY = 86400.0


def ts(text: str) -> float:
    return parse_utc(text).timestamp()


def _sets(data_dir):
    return read_elements(data_dir / SET)


def _opportunities(data_dir):
    """The Soyuz zone's estimated landings from 17 to 23 December 2021, as (time, daylight)."""
    found = landing_opportunities(Orbit(_sets(data_dir)), find_zone("soyuz"), ts("2021-12-17T00:00:00Z"),
                                  ts("2021-12-23T00:00:00Z"))
    return [(o.landing, o.daylight) for o in found]


def _skyfield_sun(seconds: float) -> float:
    """The Sun's elevation at the zone's centre (47.0 N, 69.5 E) from skyfield, no refraction."""
    from skyfield.api import wgs84

    t = timescale().from_datetime(datetime.fromtimestamp(seconds, timezone.utc))
    eph = ephemeris()
    alt, _az, _d = (eph["earth"] + wgs84.latlon(47.0, 69.5)).at(t).observe(eph["sun"]).apparent().altaz()
    return float(alt.degrees)


def _soyuz(land: float, name="Soyuz MS-20", mid="ms20", vtype="soyuz-ms", descent=3 * 3600 + 22 * 60 + 27):
    return Mission(mid, name, vtype, [
        Event(EventKind.DOCK, from_epoch(ts("2021-12-08T13:40:42Z")), port="poisk-zenith"),
        Event(EventKind.UNDOCK, from_epoch(land - descent), port="poisk-zenith"),
        Event(EventKind.LAND, from_epoch(land))])


def _landing(project, orbit=None):
    engine = RuleEngine(project, orbit=orbit or orbit_conditions(project))
    return [f for f in engine.findings(suggestions=True) if f.rule == "landing"]


def test_a_landing_at_a_daylight_opportunity_is_fine_and_one_at_night_is_a_warning(data_dir):
    opportunities = _opportunities(data_dir)
    day = next(t for t, daylight in opportunities if daylight)
    night = next(t for t, daylight in opportunities if not daylight)
    at_day = round(day)
    assert _landing(Project(missions=[_soyuz(at_day)], element_sets=_sets(data_dir))) == []
    at_night = round(night)
    [found] = _landing(Project(missions=[_soyuz(at_night)], element_sets=_sets(data_dir)))
    sun = _skyfield_sun(at_night)
    assert sun < -0.833
    assert (found.severity.value, found.start, found.end, found.vehicles) == ("warning", at_night, at_night, ("ms20",))
    assert found.message == f"Soyuz MS-20 lands {short_time(at_night)} before sunrise at Zhezkazgan (Sun {sun:.1f}°)"


def test_an_evening_landing_is_after_sunset(data_dir):
    evening = ts("2021-12-20T15:00:00Z")  # 20:00 at the zone: dark, the Sun going down since noon
    [found] = _landing(Project(missions=[_soyuz(evening)], element_sets=_sets(data_dir)))
    assert " after sunset at Zhezkazgan (Sun " in found.message


def test_a_landing_far_from_every_opportunity_says_how_far_and_which_is_nearest(data_dir):
    ms20 = ts(MS20_LANDING)
    nearest = min((t for t, _d in _opportunities(data_dir)), key=lambda t: abs(t - ms20))
    assert abs(nearest - ms20) < 60  # the real landing: on the opportunity
    late = nearest + 40 * 60
    [found] = _landing(Project(missions=[_soyuz(late)], element_sets=_sets(data_dir)))
    assert found.message == (f"Soyuz MS-20 lands {short_time(late)}, 40 min from the nearest landing opportunity at "
                             f"Zhezkazgan ({short_time(nearest)})")
    # Within the tolerance, 10 minutes, and in daylight: nothing to say.
    assert _landing(Project(missions=[_soyuz(nearest + 9 * 60)], element_sets=_sets(data_dir))) == []
    assert _landing(Project(missions=[_soyuz(nearest + 11 * 60)], element_sets=_sets(data_dir)))


def test_dragon_landings_are_not_judged(data_dir):
    night = next(t for t, daylight in _opportunities(data_dir) if not daylight)
    dragon = _soyuz(night + 3000, name="Crew-X", mid="crew-x", vtype="crew-dragon")
    dragon.events[0].port = dragon.events[1].port = "harmony-forward"
    assert _landing(Project(missions=[dragon], element_sets=_sets(data_dir))) == []


def test_beyond_the_element_set_age_the_opportunities_cannot_be_judged_but_daylight_still_is(data_dir):
    sets = _sets(data_dir)
    epoch = sets[0].epoch.timestamp()
    noon = ts("2022-01-21T07:00:00Z")  # 30 days on, 12:00 at the zone
    midnight = noon + 12 * 3600
    project = Project(missions=[_soyuz(noon), _soyuz(midnight, name="Soyuz N", mid="n")], element_sets=sets)
    found = {f.vehicles[0]: f.message for f in _landing(project)}
    assert found["ms20"] == (f"Soyuz MS-20 lands {short_time(noon)}; whether it meets a landing opportunity at "
                             f"Zhezkazgan cannot be judged: {(noon - epoch) / DAY:.1f} days from the nearest element "
                             f"set (epoch {short_time(epoch)}), which places the station along its orbit for 14 days: "
                             "import one nearer that time")
    assert found["n"].startswith(f"Soyuz N lands {short_time(midnight)} after sunset at Zhezkazgan (Sun ")
    assert "; whether it meets a landing opportunity there cannot be judged: " in found["n"]


def test_past_the_ephemeris_nothing_can_be_judged(data_dir):
    from planner.model import ElementFormat, ElementSet

    late = ts("2054-01-10T06:00:00Z")
    sets = _sets(data_dir)
    project = Project(missions=[_soyuz(late)], element_sets=sets + [ElementSet("x", ElementFormat.TLE, "-",
                                                                                 from_epoch(late))])
    [found] = _landing(project, ProjectOrbit(Orbit(sets)))
    assert "daylight and landing opportunities at Zhezkazgan cannot be judged" in found.message
    assert "ephemeris" in found.message and found.suggestions == ()


def _apply(project, finding, suggestion):
    return apply_fix(project, finding, suggestion).applied_to(project)


def test_the_fix_moves_the_landing_and_its_undocking_to_the_nearest_daylight_opportunity(data_dir):
    opportunities = _opportunities(data_dir)
    night = next(t for t, daylight in opportunities if not daylight)
    project = Project(missions=[_soyuz(round(night))], element_sets=_sets(data_dir))
    [found] = _landing(project)
    [fix] = found.suggestions
    nearest_day = min((t for t, daylight in opportunities if daylight), key=lambda t: abs(t - night))
    assert fix.utc == round(nearest_day) and fix.action == "move-to" and fix.vehicle == "ms20"
    assert fix.text.startswith(f"land at {short_time(fix.utc)}, the nearest landing opportunity in daylight "
                               "(undocking at ")
    fixed = _apply(project, found, fix)
    moved, before = fixed.mission("ms20"), project.mission("ms20")
    assert moved.last(EventKind.LAND).utc.timestamp() == fix.utc
    assert moved.last(EventKind.UNDOCK).utc - before.last(EventKind.UNDOCK).utc == \
        moved.last(EventKind.LAND).utc - before.last(EventKind.LAND).utc  # the descent kept
    assert _landing(fixed) == []


def test_an_edited_landing_is_judged_as_a_full_check_judges_it(data_dir):
    opportunities = _opportunities(data_dir)
    day = round(next(t for t, daylight in opportunities if daylight))
    project = Project(missions=[_soyuz(day), _soyuz(day + DAY, name="Other", mid="other")],
                      element_sets=_sets(data_dir))
    engine = RuleEngine(project, orbit=orbit_conditions(project))
    assert [f.vehicles for f in engine.findings() if f.rule == "landing"] == [("other",)]  # a day on: far off
    project.missions[0] = _soyuz(day + 25 * 60)
    engine.changed("missions", "ms20")
    dump = [f.to_json() for f in engine.findings(suggestions=True) if f.rule == "landing"]
    assert [d["vehicles"] for d in dump] == [["ms20"], ["other"]]
    assert dump == [f.to_json() for f in _landing(project)]
    project.missions[0] = _soyuz(day)
    engine.changed("missions", "ms20")
    assert [f.vehicles for f in engine.findings() if f.rule == "landing"] == [("other",)]


def test_nearest_of_picks_the_closer_neighbour_within_reach():
    from planner.rules.landing_rule import nearest_of

    times = np.array([100.0, 200.0, 400.0])
    got = nearest_of(times, np.array([0.0, 149.0, 151.0, 290.0, 310.0, 1000.0]), 120.0)
    assert got[:5].tolist() == [100.0, 100.0, 200.0, 200.0, 400.0] and np.isnan(got[5])


class Failing(ProjectOrbit):
    def landings(self, zone, windows):
        from planner.orbit.errors import CannotJudge

        raise CannotJudge("SGP4 cannot fly element set e at 2021-12-20T00:00Z", *windows[0])


def test_what_the_orbit_refuses_is_said_and_the_daylight_still_judged(data_dir):
    night = round(next(t for t, daylight in _opportunities(data_dir) if not daylight))
    sets = _sets(data_dir)
    [found] = _landing(Project(missions=[_soyuz(night)], element_sets=sets), Failing(Orbit(sets)))
    assert found.message.startswith(f"Soyuz MS-20 lands {short_time(night)} before sunrise at Zhezkazgan (Sun ")
    assert found.message.endswith("; whether it meets a landing opportunity there cannot be judged: SGP4 cannot fly "
                                  "element set e at 2021-12-20T00:00Z")
    assert found.suggestions == ()
