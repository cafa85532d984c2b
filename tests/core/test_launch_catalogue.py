"""The bundled launch sites, launch leads and rendezvous profiles: sources, lookups, the docking time of a launch."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from planner.model import GroundSite
from planner.model.catalogue import load_station
from planner.model.launch_sites import DIRECTIONS, LaunchSiteNotFound, find_launch_site, launch_sites
from planner.model.rendezvous import (arrival, default_profile, find_profile, launch_lead, lead_data, profiles_for,
                                      rendezvous_profiles)
from planner.model.times import parse_utc


def test_the_issues_sites_are_there_each_with_sources():
    names = [s.name for s in launch_sites()]
    for wanted in ("Baikonur Site 31/6", "Baikonur Site 1/5", "Kennedy LC-39A", "Cape Canaveral SLC-40",
                   "Cape Canaveral SLC-41", "Wallops Pad 0A", "Tanegashima"):
        assert wanted in names
    assert len({s.id for s in launch_sites()}) == len(names)
    for site in launch_sites():
        assert -90 <= site.lat_deg <= 90 and -180 <= site.lon_deg <= 180
        assert site.directions and set(site.directions) <= set(DIRECTIONS), site.name
        assert "Wikipedia" in site.source and "°" in site.source, site.name  # the coordinates as read
        assert len(site.direction_source) > 40, site.name


_DMS = re.compile(r"(\d+)°(\d+)'(\d+)\"([NS]) (\d+)°(\d+)'(\d+)\"([EW])")


def test_coordinates_agree_with_the_ones_their_source_cites():
    for site in launch_sites():
        found = _DMS.search(site.source)
        assert found, site.name
        d, m, s_, ns, d2, m2, s2, ew = found.groups()
        lat = (int(d) + int(m) / 60 + int(s_) / 3600) * (1 if ns == "N" else -1)
        lon = (int(d2) + int(m2) / 60 + int(s2) / 3600) * (1 if ew == "E" else -1)
        # rounded to 0.001° (about 100 m: a third of a second of in-plane time)
        assert site.lat_deg == pytest.approx(lat, abs=0.0006) and site.lon_deg == pytest.approx(lon, abs=0.0006), \
            site.name


def test_sites_are_found_by_id_name_or_alias_in_any_case():
    assert find_launch_site("KSC-39A").id == "ksc-39a"
    assert find_launch_site("kennedy  lc-39a").id == "ksc-39a"
    assert find_launch_site("LC-39A").id == "ksc-39a"
    assert find_launch_site("gagarin's start").id == "baikonur-1-5"
    assert find_launch_site("WALLOPS").directions == ("southeast",)


def test_an_ambiguous_or_unknown_site_is_refused_saying_what_there_is():
    with pytest.raises(LaunchSiteNotFound, match=r"'Baikonur' names 2 launch sites .*baikonur-31.*baikonur-1-5"):
        find_launch_site("Baikonur")
    with pytest.raises(LaunchSiteNotFound, match=r"no launch site 'Kourou' \(launch sites: Baikonur Site 31/6"):
        find_launch_site("Kourou")


def test_a_project_adds_its_own_sites_which_may_launch_either_way():
    kourou = GroundSite("kourou", "Kourou ELS", 5.30, -52.83, note="Soyuz pad, Guiana Space Centre")
    site = find_launch_site("kourou els", [kourou])
    assert (site.id, site.lat_deg, site.directions) == ("kourou", 5.30, ())
    assert site.flies("northeast") and site.flies("southeast")
    assert site.source == "Soyuz pad, Guiana Space Centre"
    with pytest.raises(LaunchSiteNotFound):
        find_launch_site("kourou els")  # not without the project


def test_leads_per_vehicle_type_with_sources_and_the_default_for_types_without_data():
    station = load_station()
    types = {v.id for v in station.vehicle_types}
    for entry in lead_data():
        assert entry["vehicle_type"] in types
        assert entry["launches"] and len(entry["source"]) > 10
    soyuz = launch_lead("soyuz-ms")
    assert soyuz.derived and soyuz.seconds == 160 and "MS-19" in soyuz.source
    for no_data in ("starliner", "htv-x", "a-projects-own-type", None):
        lead = launch_lead(no_data)
        assert not lead.derived and lead.seconds == 115 and "median" in lead.source


def test_the_issues_profiles_each_with_a_range_and_a_source():
    ids = {p.id for p in rendezvous_profiles()}
    assert ids >= {"soyuz-2-orbit", "soyuz-4-orbit", "soyuz-2-day", "crew-dragon", "cargo-dragon", "cygnus",
                   "starliner"}
    types = {v.id for v in load_station().vehicle_types}
    for profile in rendezvous_profiles():
        assert set(profile.vehicle_types) <= types
        assert profile.minutes.min <= profile.minutes.typical <= profile.minutes.max
        assert len(profile.source) > 40 and profile.examples
    assert [p.id for p in profiles_for("soyuz-ms")] == ["soyuz-2-orbit", "soyuz-4-orbit", "soyuz-2-day"]
    assert [p.id for p in profiles_for("progress-ms")] == ["soyuz-2-orbit", "soyuz-4-orbit", "soyuz-2-day"]
    assert default_profile("soyuz-ms").id == "soyuz-2-orbit" and default_profile("htv-x") is None


def test_every_dated_example_arrives_within_its_profiles_range():
    checked = 0
    for profile in rendezvous_profiles():
        for example in profile.examples:
            if "liftoff" not in example:
                continue
            planned = arrival(parse_utc(example["liftoff"]), profile)
            assert planned.contains(parse_utc(example["arrival"])), (profile.id, example["vehicle"])
            if "capture" in example:
                first, _, last = planned.capture
                assert first <= parse_utc(example["capture"]) <= last
            checked += 1
    assert checked >= 12


def test_soyuz_ms_19_docks_within_the_2_orbit_range():
    liftoff, docked = parse_utc("2021-10-05T08:55:02Z"), parse_utc("2021-10-05T12:22:31Z")  # DOMAIN: 08:55, 12:22
    planned = arrival(liftoff, find_profile("SOYUZ-2-ORBIT"))
    assert planned.contains(docked)
    assert planned.earliest == liftoff + timedelta(hours=3)
    assert abs(planned.typical - parse_utc("2021-10-05T12:12:00Z")) <= timedelta(minutes=10)  # its planned docking
    assert not arrival(liftoff, find_profile("soyuz-4-orbit")).contains(docked)
    assert not arrival(liftoff, find_profile("soyuz-2-day")).contains(docked)


def test_cygnus_is_captured_then_berthed():
    planned = arrival(parse_utc("2021-08-10T22:01:05Z"), find_profile("cygnus"))  # NG-16
    first, typical, last = planned.capture
    assert first < typical < last < planned.latest
    assert typical == parse_utc("2021-08-12T10:07:05Z")  # captured 10:07 (DOMAIN)
    assert planned.typical == parse_utc("2021-08-12T13:42:05Z")  # berthed 13:42
    assert arrival(parse_utc("2021-11-11T02:03:31Z"), find_profile("crew-dragon")).capture is None


def test_a_naive_launch_time_or_unknown_profile_is_refused():
    with pytest.raises(ValueError, match="naive"):
        arrival(parse_utc("2021-10-05T08:55:02Z").replace(tzinfo=None), find_profile("starliner"))
    with pytest.raises(KeyError, match="no rendezvous profile 'shuttle'"):
        find_profile("shuttle")
