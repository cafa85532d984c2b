"""A mission landed at a chosen opportunity (planner.model.landing_choice): landing and undocking move together,
the undocking the catalogue's time before the landing (the real returns of Soyuz MS-18 and MS-20)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from planner.model import Event, EventKind, Mission
from planner.model.landing_choice import LandingChoiceError, land_at, return_zones, undock_to_land
from planner.model.landing_zones import find_zone
from planner.model.times import parse_utc

SOYUZ = find_zone("soyuz")


def _ms_18() -> Mission:
    """Soyuz MS-18 as the example plan has it (its real events, 2021)."""
    return Mission("soyuz-ms-18", "Soyuz MS-18", "soyuz-ms", [
        Event(EventKind.DOCK, parse_utc("2021-04-09T11:05:07Z"), port="rassvet-nadir", crew=("a", "b", "c")),
        Event(EventKind.RELOCATE, parse_utc("2021-09-28T12:21:00Z"), port="nauka-nadir", from_port="rassvet-nadir",
              end_utc=parse_utc("2021-09-28T12:54:00Z"), crew=("a", "b", "c")),
        Event(EventKind.UNDOCK, parse_utc("2021-10-17T01:14:00Z"), port="nauka-nadir", crew=("a", "d", "e")),
        Event(EventKind.LAND, parse_utc("2021-10-17T04:35:00Z"), crew=("a", "d", "e")),
    ])


def test_the_catalogues_time_from_undocking_to_landing_is_the_real_returns():
    # MS-18: undocked 01:14, landed 04:35 (201 min); MS-20: undocked 2021-12-19 23:50:25, landed 12-20 03:12:52
    # (202.45 min). The zone's time is their mean, and puts each real undocking within a minute of the real one.
    assert SOYUZ.undock_to_land_min == pytest.approx((201 + 202.45) / 2, abs=0.05)
    assert "MS-18" in SOYUZ.undock_to_land_source and "MS-20" in SOYUZ.undock_to_land_source
    for undock, land in (("2021-10-17T01:14:00Z", "2021-10-17T04:35:00Z"),
                         ("2021-12-19T23:50:25Z", "2021-12-20T03:12:52Z")):
        estimate = parse_utc(land) - undock_to_land(SOYUZ)
        assert abs((estimate - parse_utc(undock)).total_seconds()) < 60, estimate
    assert return_zones("soyuz-ms") == (SOYUZ,)
    # Dragon's splashdown areas name Dragon, but give no time: it is chosen flight by flight.
    assert find_zone("dragon-pensacola").undock_to_land_min is None
    assert return_zones("crew-dragon") == () and return_zones("progress-ms") == ()


def test_landing_and_undocking_move_together_and_the_rest_stays():
    mission = _ms_18()
    landing = parse_utc("2021-10-18T04:11:20Z")  # a day later: the next day's pass comes ~24 min earlier
    new = land_at(mission, landing, SOYUZ, sun_elevation_deg=21.4, daylight=True)
    assert [e.kind for e in new.events] == [e.kind for e in mission.events]
    assert new.events[3].utc == landing
    assert new.events[3].utc - new.events[2].utc == timedelta(minutes=201, seconds=42)
    assert new.events[2].utc == parse_utc("2021-10-18T00:49:38Z")
    assert new.events[:2] == mission.events[:2]
    assert (new.events[2].port, new.events[2].crew, new.events[3].crew) == ("nauka-nadir", ("a", "d", "e"),
                                                                           ("a", "d", "e"))
    assert new.events[3].source == "Planner estimate: a landing opportunity at Zhezkazgan, Sun 21.4° up, in daylight"
    assert "3 h 22 min before the landing at Zhezkazgan" in new.events[2].source
    assert mission.events[2].utc == parse_utc("2021-10-17T01:14:00Z")  # the original is left alone


def test_an_undocking_before_the_relocation_is_refused_saying_so():
    mission = _ms_18()
    # Landing on the afternoon of the relocation day: the undocking would come 10:38, before the 12:21 relocation.
    with pytest.raises(LandingChoiceError, match=r"Soyuz MS-18 would undock at 2021-09-28T10:38:18Z to land at "
                                                 r"2021-09-28T14:00:00Z, before its relocation, redocked at "
                                                 r"2021-09-28T12:54:00Z: choose a later opportunity, or move the "
                                                 r"relocation first"):
        land_at(mission, parse_utc("2021-09-28T14:00:00Z"), SOYUZ)
    # Just after the redocking: allowed (only the order matters here; the rules judge the spacing).
    new = land_at(mission, parse_utc("2021-09-28T12:54:01Z") + undock_to_land(SOYUZ), SOYUZ)
    assert new.events[2].utc == parse_utc("2021-09-28T12:54:01Z")


def test_a_mission_without_undocking_or_landing_gets_them_at_its_port_with_the_crew_going_home():
    mission = Mission("s", "Soyuz", "soyuz-ms", [
        Event(EventKind.LAUNCH, parse_utc("2021-10-05T08:55:02Z"), crew=("a", "b")),
        Event(EventKind.DOCK, parse_utc("2021-10-05T12:22:31Z"), port="rassvet-nadir", crew=("a", "b"))])
    landing = parse_utc("2022-03-30T11:28:00Z")
    new = land_at(mission, landing, SOYUZ)
    assert [(e.kind, e.utc, e.port, e.crew) for e in new.events[2:]] == [
        (EventKind.UNDOCK, landing - undock_to_land(SOYUZ), "rassvet-nadir", ("a", "b")),
        (EventKind.LAND, landing, None, ("a", "b"))]
    assert new.events[3].source == "Planner estimate: a landing opportunity at Zhezkazgan"
    # Never docked: only the landing is added, and it must come after the launch.
    flight = Mission("f", "Free flyer", "soyuz-ms", [Event(EventKind.LAUNCH, parse_utc("2021-10-05T08:55:02Z"))])
    assert [e.kind for e in land_at(flight, landing, SOYUZ).events] == [EventKind.LAUNCH, EventKind.LAND]
    with pytest.raises(LandingChoiceError, match=r"Free flyer would land at 2021-10-04T00:00:00Z, before its launch "
                                                 r"at 2021-10-05T08:55:02Z"):
        land_at(flight, parse_utc("2021-10-04T00:00:00Z"), SOYUZ)


def test_a_zone_without_an_undocking_time_is_refused_in_words():
    with pytest.raises(LandingChoiceError, match="Pensacola gives no time from undocking to landing: set the "
                                                 "undocking by hand"):
        land_at(_ms_18(), parse_utc("2021-10-17T04:35:00Z"), find_zone("dragon-pensacola"))
