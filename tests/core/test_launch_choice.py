"""A mission launched at a chosen opportunity (planner.model.launch_choice), and the usual launch site of a type."""

from __future__ import annotations

from datetime import timedelta

import pytest

from planner.model import Event, EventKind, Mission
from planner.model.catalogue import load_station
from planner.model.launch_choice import LaunchChoiceError, launch_at
from planner.model.launch_sites import usual_launch_site
from planner.model.rendezvous import arrival, default_profile, find_profile
from planner.model.times import parse_utc


def _soyuz() -> Mission:
    return Mission("ms-19", "Soyuz MS-19", "soyuz-ms", [
        Event(EventKind.LAUNCH, parse_utc("2021-10-05T08:55:02Z"), crew=("a", "b")),
        Event(EventKind.DOCK, parse_utc("2021-10-05T12:22:31Z"), port="rassvet-nadir", crew=("a", "b")),
        Event(EventKind.UNDOCK, parse_utc("2022-03-30T07:21:03Z"), port="rassvet-nadir", crew=("a", "c")),
        Event(EventKind.LAND, parse_utc("2022-03-30T11:28:00Z"), crew=("a", "c")),
    ])


def test_launch_and_docking_move_together_and_the_rest_stays():
    mission = _soyuz()
    when = arrival(parse_utc("2021-10-06T08:32:10Z"), default_profile("soyuz-ms"))
    new = launch_at(mission, when, "Baikonur Site 31/6", parse_utc("2021-10-06T08:34:50Z"))
    assert [e.kind for e in new.events] == [e.kind for e in mission.events]
    assert new.events[0].utc == parse_utc("2021-10-06T08:32:10Z")
    assert new.events[1].utc - new.events[0].utc == timedelta(minutes=190)  # the 2-orbit profile's typical
    assert new.events[2:] == mission.events[2:]
    assert new.events[1].port == "rassvet-nadir" and new.events[1].crew == ("a", "b")
    assert "Baikonur Site 31/6" in new.events[0].source and "2021-10-06T08:34:50Z" in new.events[0].source
    assert "2-orbit" in new.events[1].source
    assert mission.events[0].utc == parse_utc("2021-10-05T08:55:02Z")  # the original is left alone


def test_a_docking_after_the_undocking_is_refused_saying_so():
    mission = _soyuz()
    late = arrival(parse_utc("2022-03-30T06:00:00Z"), find_profile("soyuz-4-orbit"))
    with pytest.raises(LaunchChoiceError, match=r"Soyuz MS-19 would arrive \(docking\) at 2022-03-30T12:02:00Z, "
                                                r"after its undocking at 2022-03-30T07:21:03Z"):
        launch_at(mission, late)


def test_a_mission_without_launch_or_arrival_gets_them():
    mission = Mission("p", "Progress", "progress-ms", [
        Event(EventKind.UNDOCK, parse_utc("2021-12-01T00:00:00Z"), port="poisk-zenith")])
    when = arrival(parse_utc("2021-11-01T10:00:00Z"), find_profile("soyuz-2-day"))
    new = launch_at(mission, when, port="poisk-zenith")
    assert [(e.kind, e.utc, e.port) for e in new.events] == [
        (EventKind.LAUNCH, when.launch, None), (EventKind.DOCK, when.typical, "poisk-zenith"),
        (EventKind.UNDOCK, parse_utc("2021-12-01T00:00:00Z"), "poisk-zenith")]
    # Cygnus berths: a berthing is added, at capture plus berthing.
    cygnus = launch_at(Mission("c", "Cygnus", "cygnus", []), arrival(when.launch, default_profile("cygnus")),
                       port="unity-nadir")
    assert cygnus.events[1].kind is EventKind.BERTH
    assert cygnus.events[1].utc - when.launch == timedelta(minutes=2166 + 215)


def test_usual_launch_sites_come_from_the_catalogues_launches_else_the_pads_vehicles():
    names = {v.id: v.name for v in load_station("iss").vehicle_types}
    found = {t: (usual_launch_site(t, names[t]).id if usual_launch_site(t, names[t]) else None) for t in names}
    assert found["soyuz-ms"] == found["progress-ms"] == "baikonur-31"
    assert found["crew-dragon"] == found["cargo-dragon"] == "ksc-39a"
    assert found["cygnus"] == "wallops-0a"
    assert found["starliner"] == "ccsfs-41"  # no launch in the data: the pad whose vehicles name it
    assert found["htv-x"] == "tanegashima"
    assert found["dream-chaser"] is None
    assert found["module"] == "baikonur-31"  # Nauka from Site 200, Prichal from 31: a tie goes to the latest
