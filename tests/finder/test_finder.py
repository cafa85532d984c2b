"""The flight finder on the real 2021 traffic: every proposed flight passes a fresh full check, each rejection
names a reason the plan really has, a Soyuz lands in daylight at a landing opportunity, a given port is used."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from planner.finder import REJECTING_WARNINGS, FlightRequest, RequestError, find_flights
from planner.model.launch_sites import find_launch_site
from planner.model.mission import EventKind
from planner.model.project import Project
from planner.model.rendezvous import default_profile
from planner.orbit import read_elements
from planner.rules import RuleEngine
from planner.rules.orbit_link import orbit_conditions
from planner.station import derive_mission
from planner.traffic import read_traffic_csv

UTC = timezone.utc
_UNDOCKS = (EventKind.UNDOCK, EventKind.UNBERTH)


def _traffic(data_dir, *tles):
    project = read_traffic_csv(data_dir / "iss-traffic-2021h2.csv")
    project.element_sets = [s for name in tles for s in read_elements(data_dir / name)]
    return project


def _dragon(**more):
    return FlightRequest("crew-dragon", 4, find_launch_site("lc-39a"), datetime(2021, 10, 20, tzinfo=UTC), (10.0,),
                         **more)


def _new_findings(project, mission):
    """What a fresh full check of the plan with ``mission`` finds that one without it does not (independent of
    the finder's engine)."""
    before = set(RuleEngine(project, orbit_conditions(project)).findings())
    plan = replace(project, missions=project.missions + [mission])
    return [f for f in RuleEngine(plan, orbit_conditions(plan)).findings() if f not in before]


def _find(data_dir, request, count=3, tles=("iss-2021-10-15.tle",)):
    project = _traffic(data_dir, *tles)
    return project, find_flights(project, request, count)


def test_every_proposed_dragon_flight_passes_a_fresh_full_check(data_dir):
    project, result = _find(data_dir, _dragon())
    assert len(result.flights) == 3 and result.stopped is None
    for flight in result.flights:
        new = _new_findings(project, flight.mission)
        assert [f for f in new if f.is_conflict or f.rule in REJECTING_WARNINGS] == [], flight
        assert flight.port in ("harmony-forward", "harmony-zenith")
        assert flight.launch >= datetime(2021, 10, 20, tzinfo=UTC)
        assert flight.dock - flight.launch == timedelta(minutes=default_profile("crew-dragon").minutes.typical)
        assert flight.undock - flight.dock == timedelta(days=10)
        assert flight.land - flight.undock == timedelta(hours=8.5)  # the documented default for Crew Dragon
    launches = [f.launch for f in result.flights]
    assert launches == sorted(launches) and len(set(launches)) == 3
    # the flight itself, not only its findings, is a whole flight at the proposed port
    kinds = [e.kind.value for e in result.flights[0].mission.events]
    assert kinds == ["launch", "dock", "undock", "land"]
    assert all(len(e.crew) == 4 for e in result.flights[0].mission.events)


def test_the_search_leaves_the_project_as_it_was(data_dir):
    project = _traffic(data_dir, "iss-2021-10-15.tle")
    missions, people = list(project.missions), list(project.people)
    find_flights(project, _dragon(), 2)
    assert project.missions == missions and project.people == people


def test_rejections_come_before_the_first_flight_and_name_real_reasons(data_dir):
    project, result = _find(data_dir, _dragon())
    first = result.flights[0].launch
    assert result.rejected and min(r.launch for r in result.rejected) < first
    assert all(r.launch < result.flights[-1].launch for r in result.rejected)
    profile = default_profile("crew-dragon")
    by_name = {m.name: m for m in project.missions}
    checked = 0
    for rejection in result.rejected:
        assert rejection.line.startswith(f"{rejection.launch:%Y-%m-%d}: ")
        dock = rejection.launch + timedelta(minutes=profile.minutes.typical)
        undock = dock + timedelta(days=10)
        for part in rejection.reasons:
            busy = re.match(r"(\S+) busy with (.+) until (\d{4}-\d\d-\d\d \d\d:\d\d) UTC$", part)
            spacing = re.match(r"(\S+): spacing: (.+?) (?:docking|undocking|relocation|berthing|unberthing) "
                               r"\((\d{4}-\d\d-\d\d \d\d:\d\d) UTC\)", part)
            assert busy or spacing, part
            if busy:  # the named vehicle really is at that port during the candidate's stay
                port, name = busy.group(1), busy.group(2)
                stays = [(s, e) for p, s, e in _stays(by_name[name], project) if p == port]
                assert any(s < undock.timestamp() and dock.timestamp() < e for s, e in stays), part
            else:  # the named event is in the plan, within a day of the candidate's docking or undocking
                name, when = spacing.group(2), datetime.fromisoformat(spacing.group(3)).replace(tzinfo=UTC)
                times = [t for e in by_name[name].events for t in (e.utc, e.end)]
                near = [t for t in times if abs(t - when) < timedelta(minutes=1)]
                assert near, part
                assert any(abs(t - x) <= timedelta(hours=24) + timedelta(hours=29) for t in near
                           for x in (dock, undock)), part
            checked += 1
    assert checked >= len(result.rejected)


def _stays(mission, project):
    track = derive_mission(mission, project.station)
    return [(s.port, s.start, s.end) for s in track.stays]


def test_a_given_port_is_the_one_used(data_dir):
    project, result = _find(data_dir, _dragon(port="harmony-zenith"), count=2)
    assert [f.port for f in result.flights] == ["harmony-zenith"] * 2
    # Crew-2 holds harmony-zenith until 2021-11-08: no proposal docks there before it leaves
    crew2 = next(m for m in project.missions if m.name == "Crew-2")
    assert result.flights[0].dock > crew2.last(*_UNDOCKS).utc
    for flight in result.flights:
        assert [f for f in _new_findings(project, flight.mission) if f.is_conflict] == []


def test_a_soyuz_lands_in_daylight_at_a_landing_opportunity(data_dir):
    from planner.model.landing_zones import find_zone
    from planner.orbit.landing import SUNRISE_ELEVATION_DEG, landing_opportunities, sun_elevation_deg
    from planner.orbit.orbit import Orbit

    request = FlightRequest("soyuz-ms", 3, find_launch_site("Baikonur Site 31"),
                            datetime(2021, 12, 1, tzinfo=UTC), (8.0,))
    # The real December 2021 has no Russian port free for it (MS-19, MS-20, Prichal, Progress): an empty station
    project = Project(element_sets=[s for name in ("iss-2021-10-15.tle", "iss-2021-12-22.tle")
                                    for s in read_elements(data_dir / name)])
    result = find_flights(project, request, 2)
    assert len(result.flights) == 2, result.stopped
    zone = find_zone("soyuz")
    orbit = Orbit.from_sets(list(project.element_sets))
    for flight in result.flights:
        land = flight.land.timestamp()
        assert float(sun_elevation_deg(zone.lat_deg, zone.lon_deg, [land])[0]) > SUNRISE_ELEVATION_DEG
        found = landing_opportunities(orbit, zone, land - 3600, land + 3600)
        assert any(abs(o.landing - land) <= 1.0 for o in found)
        assert flight.land - flight.undock == timedelta(seconds=round(201.7 * 60))
        assert abs((flight.undock - flight.dock) - timedelta(days=8)) <= timedelta(days=1)
        new = _new_findings(project, flight.mission)
        assert [f for f in new if f.is_conflict or f.rule in REJECTING_WARNINGS] == []


@pytest.mark.parametrize("change, words", [
    (dict(crew=5), "does not fit"),
    (dict(port="zvezda-aft"), "cannot use"),
    (dict(port="mars"), "no port"),
    (dict(stay_days=(0.0,)), "positive"),
    (dict(people=("a",)), "people named"),
])
def test_a_request_the_station_cannot_fly_is_refused_in_words(data_dir, change, words):
    project = _traffic(data_dir, "iss-2021-10-15.tle")
    with pytest.raises(RequestError, match=words):
        find_flights(project, replace(_dragon(), **change))


def test_an_earliest_launch_beyond_the_element_sets_is_refused(data_dir):
    project = _traffic(data_dir, "iss-2021-10-15.tle")
    with pytest.raises(RequestError, match="beyond the reach"):
        find_flights(project, replace(_dragon(), earliest=datetime(2023, 1, 1, tzinfo=UTC)))


def test_named_people_fly_only_once_they_are_free(data_dir):
    """Crew-2's crew are aboard until 2021-11-08 and land on 11-09: a flight for them comes after that (the people
    rules see them on the candidate and turn down the earlier launches)."""
    project = _traffic(data_dir, "iss-2021-10-15.tle")
    crew2 = next(m for m in project.missions if m.name == "Crew-2")
    people = crew2.first(EventKind.DOCK).crew
    assert len(people) == 4
    result = find_flights(project, _dragon(people=people), 1)
    flight = result.flights[0]
    assert flight.launch > crew2.last(EventKind.LAND).utc
    assert all(e.crew == people for e in flight.mission.events)
    assert any("person-" in r.reason for r in result.rejected)
    assert [f for f in _new_findings(project, flight.mission) if f.is_conflict] == []
