"""The bundled example, "The Challenge, 2021": real traffic, people and orbit; an illustrative shooting plan
whose orbit needs really hold (checked with skyfield's own computation)."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from planner.model import NeedKind
from planner.model.times import parse_utc
from planner.resources import resource_path
from planner.store import load_project
from planner.traffic import read_traffic_csv

EXAMPLE = resource_path("examples", "the-challenge-2021.issplan")


@pytest.fixture(scope="module")
def example():
    return load_project(EXAMPLE)


def _events(project):
    return sorted(
        (m.name, m.vehicle_type, e.kind.value, e.utc, e.end_utc, e.port, e.from_port, frozenset(e.crew), e.note, e.source)
        for m in project.missions for e in m.events
    )


def test_traffic_is_exactly_the_real_2021_traffic(example, data_dir):
    assert _events(example) == _events(read_traffic_csv(data_dir / "iss-traffic-2021h2.csv"))


def test_people_have_roles_and_agencies(example):
    people = {p.name: p for p in example.people}
    assert people["Yulia Peresild"].role.startswith("actress")
    assert people["Klim Shipenko"].role.startswith("director")
    assert people["Mark Vande Hei"].agency == "NASA"
    assert all(p.role and p.agency for p in example.people)


def test_shooting_plan_is_marked_illustrative_and_fits_the_film_crews_stay(example):
    assert "ILLUSTRATIVE" in example.meta.description
    aboard_from, aboard_until = parse_utc("2021-10-05T12:22:31Z"), parse_utc("2021-10-17T01:14:00Z")
    film = {"yulia-peresild", "klim-shipenko"}
    assert len(example.activities) >= 10
    for activity in example.activities:
        assert "Illustrative" in activity.note
        assert aboard_from <= activity.start < activity.end <= aboard_until
        assert film & set(activity.people)


def test_element_set_and_ground_sites(example):
    (elements,) = example.element_sets
    assert elements.norad_id == 25544
    assert abs(elements.epoch - parse_utc("2021-10-15T16:50:05Z")) < timedelta(seconds=1)
    assert {s.id for s in example.sites} == {"mcc-moscow", "jsc-houston", "baikonur", "ksc-39a"}
    korolyov = next(s for s in example.sites if s.id == "mcc-moscow")
    assert (korolyov.lat_deg, korolyov.lon_deg) == (55.91, 37.81)


def test_orbit_needs_of_the_plan_hold_by_skyfields_reckoning(example):
    """Daylight shots are in sunlight, night shots in shadow, downlinks while Moscow sees the station."""
    from skyfield.api import EarthSatellite, Loader, wgs84
    import skyfield_data

    from pathlib import Path

    # Not get_skyfield_data_path(): it warns once skyfield-data's IERS file is past its date.
    load = Loader(str(Path(skyfield_data.__file__).parent / "data"), verbose=False)
    ts = load.timescale(builtin=True)
    lines = example.element_sets[0].text.splitlines()
    sat = EarthSatellite(lines[1], lines[2], lines[0], ts)
    eph = load("de421.bsp")
    try:
        _check_needs(example, sat, ts, eph, wgs84)
    finally:
        eph.close()


def _check_needs(example, sat, ts, eph, wgs84):
    sites = {s.id: s for s in example.sites}
    checked = set()
    for activity in example.activities:
        seconds = np.arange(0.0, activity.duration_s + 1, 10.0)
        t = ts.utc(activity.start.year, activity.start.month, activity.start.day, activity.start.hour,
                   activity.start.minute, activity.start.second + seconds)
        for need in activity.needs:
            checked.add(need.kind)
            if need.kind is NeedKind.DAYLIGHT:
                assert sat.at(t).is_sunlit(eph).all(), activity.title
            elif need.kind is NeedKind.SHADOW:
                assert not sat.at(t).is_sunlit(eph).any(), activity.title
            elif need.kind is NeedKind.SITE_IN_VIEW:
                site = sites[need.site]
                where = wgs84.latlon(site.lat_deg, site.lon_deg, site.alt_m)
                altitude = (sat - where).at(t).altaz()[0].degrees
                assert altitude.min() >= site.min_elevation_deg, activity.title
    assert checked == {NeedKind.DAYLIGHT, NeedKind.SHADOW, NeedKind.SITE_IN_VIEW}
