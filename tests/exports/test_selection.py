"""Exports of a planner's part of the plan: what a selection holds, and its .ics, KML and GeoJSON parsed back and
checked against independent references (the plan's own records, skyfield's sub-satellite point and sunlight)."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

import icalendar
import numpy as np
import pytest
from skyfield.api import EarthSatellite, wgs84

from planner.exports import ChosenWindow, format_of, select, selection_bytes, whole_plan, write_selection
from planner.model import EventKind
from planner.model.times import parse_utc
from planner.orbit.skydata import ephemeris, skyfield_times, timescale
from planner.store import load_project

STAMP = datetime(2021, 10, 1, tzinfo=timezone.utc)
KML = "{http://www.opengis.net/kml/2.2}"
FILM_CREW = {"yulia-peresild", "klim-shipenko"}


@pytest.fixture(scope="module")
def example():
    from planner.resources import example_project_path

    return load_project(example_project_path())


@pytest.fixture(scope="module")
def ms19(example):
    return select(example, missions=["soyuz-ms-19"])


@pytest.fixture(scope="module")
def satellite(example):
    lines = example.element_sets[0].text.strip().splitlines()
    return EarthSatellite(lines[-2], lines[-1], lines[0], timescale())


def _subpoint(satellite, t) -> tuple[np.ndarray, np.ndarray]:
    sub = wgs84.subpoint_of(satellite.at(skyfield_times(np.asarray(t, dtype=float))))
    return sub.latitude.degrees, sub.longitude.degrees


def _seconds(text: str) -> float:
    return parse_utc(text).timestamp()


# ---------------------------------------------------------------- what a selection holds


def test_a_mission_brings_its_crews_activities_and_the_sites_they_need(example, ms19):
    assert ms19.name == "Soyuz MS-19" and ms19.stem == "soyuz-ms-19"
    assert [m.id for m in ms19.missions] == ["soyuz-ms-19"]
    crew = {p for e in example.mission("soyuz-ms-19").events for p in e.crew}
    # Independently: every activity of the plan naming one of its people while the Soyuz flies (5 Oct to 30 Mar).
    expected = [a.id for a in example.activities if crew & set(a.people)
                and parse_utc("2021-10-05T08:55:02Z") < a.end and a.start < parse_utc("2022-03-30T11:28:00Z")]
    assert [a.id for a in ms19.activities] == expected and len(expected) == 12
    needed = {n.site for a in ms19.activities for n in a.needs if n.site}
    assert {s.id for s in ms19.sites} == needed == {"mcc-moscow"}
    assert ms19.summary() == "1 mission, 12 activities, 1 ground site"


def test_a_selection_without_the_crews_activities_or_of_single_records(example):
    alone = select(example, missions=["soyuz-ms-19"], crew_activities=False)
    assert alone.activities == () and alone.sites == () and alone.summary() == "1 mission"
    shot = select(example, activities=["act-03"])
    assert shot.name == "Window shot: Earth in daylight" and shot.stem == "window-shot-earth-in-daylight"
    assert shot.missions == () and shot.sites == ()  # a daylight shot needs no ground site
    two = select(example, missions=["crew-3", "soyuz-ms-19"])
    assert two.name == "Soyuz MS-19 and Crew-3"  # in the plan's order
    three = select(example, missions=["crew-3", "soyuz-ms-19", "soyuz-ms-18"])
    assert three.stem == "soyuz-ms-18-and-2-more"
    with pytest.raises(KeyError, match="ax-1"):
        select(example, missions=["ax-1"])


def test_format_follows_the_file_name():
    assert [format_of(n) for n in ("a.ics", "a.KML", "a.geojson", "a.json", "a.csv", "a")] == \
        ["ics", "kml", "geojson", "geojson", None, None]


# ---------------------------------------------------------------- iCalendar


def test_the_calendar_holds_the_missions_events_and_the_activities_with_the_plans_uids(example, ms19):
    from planner.exports import ics_bytes

    cal = icalendar.Calendar.from_ical(selection_bytes(example, ms19, "ics", stamp=STAMP)[0])
    assert str(cal["x-wr-calname"]) == "Soyuz MS-19"
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    mission = example.mission("soyuz-ms-19")
    wanted = {f"event-soyuz-ms-19-{i}@iss-planner" for i in range(len(mission.events))}
    wanted |= {f"activity-{a.id}@iss-planner" for a in ms19.activities} | {"stay-soyuz-ms-19-0@iss-planner"}
    assert set(events) == wanted
    for activity in ms19.activities:
        event = events[f"activity-{activity.id}@iss-planner"]
        assert (event.decoded("dtstart"), event.decoded("dtend")) == (activity.start, activity.end)
        assert str(event["summary"]) == activity.title
    dock = next(i for i, e in enumerate(mission.events) if e.kind is EventKind.DOCK)
    assert events[f"event-soyuz-ms-19-{dock}@iss-planner"].decoded("dtstart") == mission.events[dock].utc
    # The same UIDs as the whole plan's calendar: importing both updates, never doubles, an event.
    whole = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(ics_bytes(example, stamp=STAMP)).walk("VEVENT")}
    for uid, event in events.items():
        assert event.to_ical() == whole[uid].to_ical()


def test_chosen_windows_are_calendar_events_with_stable_uids(example):
    windows = [ChosenWindow(_seconds("2021-10-07T10:01:10Z"), _seconds("2021-10-07T10:09:40Z"), "#1 daylight, 8.5 min")]
    chosen = select(example, windows=windows)
    assert chosen.name == "Filming windows"
    cal = icalendar.Calendar.from_ical(selection_bytes(example, chosen, "ics", stamp=STAMP)[0])
    (event,) = cal.walk("VEVENT")
    assert str(event["uid"]) == f"window-{round(windows[0].start)}-{round(windows[0].end)}@iss-planner"
    assert event.decoded("dtstart").timestamp() == windows[0].start
    assert event.decoded("dtend").timestamp() == windows[0].end
    assert str(event["summary"]) == "#1 daylight, 8.5 min" and "x-planner-record" not in event


# ---------------------------------------------------------------- KML


def _kml(example, selection):
    data, notes = selection_bytes(example, selection, "kml")
    root = ET.fromstring(data)
    assert root.tag == f"{KML}kml"  # the KML 2.2 namespace, on every element
    assert all(e.tag.startswith(KML) for e in root.iter())
    return root, notes


def _folder(root, name: str):
    return next(f for f in root.iter(f"{KML}Folder") if f.findtext(f"{KML}name").endswith(name))


def _coordinates(mark) -> np.ndarray:
    """(lon, lat) rows of every LineString or Point of a Placemark."""
    rows = []
    for text in mark.iter(f"{KML}coordinates"):
        rows += [[float(x) for x in p.split(",")[:2]] for p in text.text.split()]
    return np.array(rows).reshape(-1, 2)


def test_kml_holds_the_ground_sites_where_they_are(example, ms19):
    root, _notes = _kml(example, ms19)
    assert root.find(f"{KML}Document/{KML}name").text == "Soyuz MS-19"
    marks = _folder(root, "Ground sites").findall(f"{KML}Placemark")
    assert [m.findtext(f"{KML}name") for m in marks] == ["Mission Control Moscow (Korolyov)"]
    # DOMAIN.md: Mission Control Moscow (Korolyov) 55.91 N 37.81 E; KML writes longitude first.
    assert _coordinates(marks[0]).tolist() == [[37.81, 55.91]]


def test_kml_track_is_where_skyfield_puts_the_station_in_daylight_and_shadow_pieces(example, ms19, satellite):
    root, _notes = _kml(example, ms19)
    pieces = _folder(root, "ground track").findall(f"{KML}Placemark")
    assert len(pieces) > 300  # ten days of orbits, two pieces each
    styles = [p.findtext(f"{KML}styleUrl") for p in pieces]
    assert set(styles) == {"#sunlit", "#shadow"}
    assert all(a != b for a, b in zip(styles, styles[1:]))  # light and shadow take turns
    spans = [(_seconds(p.findtext(f"{KML}TimeSpan/{KML}begin")), _seconds(p.findtext(f"{KML}TimeSpan/{KML}end")))
             for p in pieces]
    assert all(b == c for (_a, b), (c, _d) in zip(spans, spans[1:]))  # one after the other, no gap
    # The selection's activities, from the first to the last.
    assert spans[0][0] == min(a.start.timestamp() for a in ms19.activities)
    assert spans[-1][1] == max(a.end.timestamp() for a in ms19.activities)
    # Sunlight against skyfield's own test, at the middle of each piece long enough to be unambiguous.
    middles = np.array([(a + b) / 2 for a, b in spans if b - a > 120])
    lit = satellite.at(skyfield_times(middles)).is_sunlit(ephemeris())
    assert lit.tolist() == [s == "#sunlit" for (a, b), s in zip(spans, styles) if b - a > 120]
    # Each piece starts and ends where skyfield puts the station at those times (coordinates to 5 decimals).
    for mark, (start, end) in list(zip(pieces, spans))[::25]:
        points = _coordinates(mark)
        lat, lon = _subpoint(satellite, [start, end])
        assert points[0] == pytest.approx([lon[0], lat[0]], abs=2e-4)
        assert points[-1] == pytest.approx([lon[1], lat[1]], abs=2e-4)


def test_kml_activities_are_the_track_during_each_with_title_and_time(example, ms19, satellite):
    root, _notes = _kml(example, ms19)
    marks = {m.get("id"): m for m in _folder(root, "Activities").findall(f"{KML}Placemark")}
    assert set(marks) == {f"activity-{a.id}" for a in ms19.activities}
    for activity in ms19.activities:
        mark = marks[f"activity-{activity.id}"]
        assert mark.findtext(f"{KML}name") == activity.title
        assert _seconds(mark.findtext(f"{KML}TimeSpan/{KML}begin")) == activity.start.timestamp()
        assert _seconds(mark.findtext(f"{KML}TimeSpan/{KML}end")) == activity.end.timestamp()
        data = {d.get("name"): d.findtext(f"{KML}value") for d in mark.iter(f"{KML}Data")}
        assert data["id"] == activity.id and data["kind"] == activity.kind.value
        points = _coordinates(mark)
        lat, lon = _subpoint(satellite, [activity.start.timestamp(), activity.end.timestamp()])
        assert points[0] == pytest.approx([lon[0], lat[0]], abs=2e-4)
        assert points[-1] == pytest.approx([lon[1], lat[1]], abs=2e-4)
        # The ISS covers about 4 degrees of arc a minute: a few points a minute, not one line across the map.
        assert len(points) >= activity.duration_s / 60.0


def test_kml_dockings_are_the_point_below_the_station_and_too_far_ones_are_told(example, ms19, satellite):
    root, notes = _kml(example, ms19)
    marks = _folder(root, "Dockings and undockings").findall(f"{KML}Placemark")
    assert [m.findtext(f"{KML}name") for m in marks] == ["Soyuz MS-19 docks at Rassvet nadir",
                                                          "Soyuz MS-19 undocks from Rassvet nadir"]
    docking = _seconds("2021-10-05T12:22:31Z")
    assert _seconds(marks[0].findtext(f"{KML}TimeStamp/{KML}when")) == docking
    lat, lon = _subpoint(satellite, [docking])
    assert _coordinates(marks[0])[0] == pytest.approx([lon[0], lat[0]], abs=2e-4)
    # March 2022 is 166 days from the only element set: no made-up place, and the reason is given.
    assert not _coordinates(marks[1]).size
    assert "166" in marks[1].findtext(f"{KML}description") or "165.6" in marks[1].findtext(f"{KML}description")
    assert len(notes) == 1 and "1 station event without a place on the map" in notes[0]


def test_kml_text_is_escaped(example):
    project = copy.deepcopy(example)
    project.activities[0].title = "Live <downlink> & \"greeting\""
    root, _notes = _kml(project, select(project, activities=[project.activities[0].id]))
    assert _folder(root, "Activities").find(f"{KML}Placemark/{KML}name").text == "Live <downlink> & \"greeting\""


# ---------------------------------------------------------------- GeoJSON (RFC 7946)


def _geojson(example, selection) -> dict:
    data, _notes = selection_bytes(example, selection, "geojson")
    collection = json.loads(data)
    assert collection["type"] == "FeatureCollection" and "crs" not in collection  # RFC 7946 section 4: WGS84 only
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and set(feature) == {"type", "id", "geometry", "properties"}
        geometry = feature["geometry"]
        if geometry is None:
            continue
        kind, coordinates = geometry["type"], geometry["coordinates"]
        lines = {"Point": [], "LineString": [coordinates], "MultiLineString": coordinates}[kind]
        positions = [coordinates] if kind == "Point" else [p for line in lines for p in line]
        for lon, lat in positions:  # longitude first
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        for line in lines:
            assert len(line) >= 2
            # Cut at the antimeridian (RFC 7946 section 3.1.9): no line jumps across the map.
            assert np.abs(np.diff(np.array(line)[:, 0])).max(initial=0) < 180
    return collection


def test_geojson_holds_sites_activities_track_and_dockings_lon_lat(example, ms19, satellite):
    collection = _geojson(example, ms19)
    assert collection["name"] == "Soyuz MS-19"
    by_layer = {}
    for feature in collection["features"]:
        by_layer.setdefault(feature["properties"]["layer"], []).append(feature)
    assert set(by_layer) == {"track", "site", "activity", "event"}
    (site,) = by_layer["site"]
    assert site["geometry"] == {"type": "Point", "coordinates": [37.81, 55.91]}
    assert site["properties"]["name"] == "Mission Control Moscow (Korolyov)"
    assert {f["properties"]["light"] for f in by_layer["track"]} == {"sunlit", "shadow"}
    activities = {f["properties"]["id"]: f for f in by_layer["activity"]}
    assert list(activities) == [a.id for a in ms19.activities]
    for activity in ms19.activities:
        feature = activities[activity.id]
        properties = feature["properties"]
        assert properties["title"] == activity.title
        assert _seconds(properties["start"]) == activity.start.timestamp()
        assert _seconds(properties["end"]) == activity.end.timestamp()
        geometry = feature["geometry"]
        first = geometry["coordinates"][0] if geometry["type"] == "LineString" else geometry["coordinates"][0][0]
        lat, lon = _subpoint(satellite, [activity.start.timestamp()])
        assert first == pytest.approx([lon[0], lat[0]], abs=2e-4)
    film = activities["act-03"]["properties"]
    assert set(film["people"]) == {"Yulia Peresild", "Klim Shipenko"} and film["needs"] == ["daylight"]
    undock = next(f for f in by_layer["event"] if f["properties"]["kind"] == "undock")
    assert undock["geometry"] is None and "days from the epoch" in undock["properties"]["no_place"]


def test_geojson_windows_and_a_track_that_crosses_the_antimeridian(example, satellite):
    # Three hours of windows around the MS-19 docking cross 180 degrees twice.
    t0 = _seconds("2021-10-05T12:00:00Z")
    windows = [ChosenWindow(t0 + k * 3600.0, t0 + k * 3600.0 + 1800.0, f"#{k + 1}") for k in range(3)]
    collection = _geojson(example, select(example, windows=windows))
    features = [f for f in collection["features"] if f["properties"]["layer"] == "window"]
    assert [f["properties"]["label"] for f in features] == ["#1", "#2", "#3"]
    assert any(f["geometry"]["type"] == "MultiLineString" for f in features)
    track = [f for f in collection["features"] if f["properties"]["layer"] == "track"]
    assert _seconds(track[0]["properties"]["start"]) == windows[0].start
    assert _seconds(track[-1]["properties"]["end"]) == windows[-1].end
    for feature in features:
        line = feature["geometry"]["coordinates"]
        lines = line if feature["geometry"]["type"] == "MultiLineString" else [line]
        lat, lon = _subpoint(satellite, [_seconds(feature["properties"]["end"])])
        assert lines[-1][-1] == pytest.approx([lon[0], lat[0]], abs=2e-4)


def test_without_element_sets_the_map_still_has_the_sites_and_says_why_there_is_no_track(example):
    from dataclasses import replace

    bare = replace(example, element_sets=[])
    collection = _geojson(bare, select(bare, missions=["soyuz-ms-19"]))
    assert [f["properties"]["layer"] for f in collection["features"] if f["geometry"]] == ["site"]
    assert collection["notes"] == ["No ground track: the project has no element sets of the station (import a TLE "
                                   "or OMM file)."]


def test_the_track_is_cut_to_two_weeks_and_says_so_each_window_keeps_its_own_piece(example):
    first, last = _seconds("2021-10-01T00:00:00Z"), _seconds("2021-10-25T00:00:00Z")
    windows = [ChosenWindow(first, first + 600.0), ChosenWindow(last, last + 600.0)]
    collection = _geojson(example, select(example, windows=windows))
    track = [f["properties"] for f in collection["features"] if f["properties"]["layer"] == "track"]
    assert _seconds(track[0]["start"]) == first and _seconds(track[-1]["end"]) == first + 14 * 86400.0
    assert collection["notes"] == ["The ground track covers 2021-10-01 00:00 UTC to 2021-10-15 00:00 UTC (at most "
                                   "14 days are drawn)."]
    assert all(f["geometry"] for f in collection["features"] if f["properties"]["layer"] == "window")


def test_the_whole_plan_draws_the_track_over_its_activities(example):
    collection = _geojson(example, whole_plan(example))
    track = [f["properties"] for f in collection["features"] if f["properties"]["layer"] == "track"]
    assert _seconds(track[0]["start"]) == min(a.start.timestamp() for a in example.activities)
    assert _seconds(track[-1]["end"]) == max(a.end.timestamp() for a in example.activities)
    assert len([f for f in collection["features"] if f["properties"]["layer"] == "site"]) == len(example.sites)


def test_write_selection_names_the_format_by_the_extension(example, ms19, tmp_path):
    assert write_selection(example, ms19, tmp_path / f"{ms19.stem}.ics") == []
    assert icalendar.Calendar.from_ical((tmp_path / "soyuz-ms-19.ics").read_bytes()).walk("VEVENT")
    write_selection(example, ms19, tmp_path / "plan.json")
    assert json.loads((tmp_path / "plan.json").read_text())["type"] == "FeatureCollection"
    with pytest.raises(ValueError, match=r"\.ics, \.kml or \.geojson"):
        write_selection(example, ms19, tmp_path / "plan.txt")
    assert not list(tmp_path.glob("*~"))  # an export is made again at will: no backup beside it


def test_an_activity_needing_a_russian_link_brings_the_russian_ground_sites(example):
    from planner.model import Need, NeedKind

    plan = copy.deepcopy(example)
    shot = next(a for a in plan.activities if a.id == "act-03")
    for network, sites in (("us", set()), ("ru", {"mcc-moscow"}), ("any", {"mcc-moscow"}), (None, {"mcc-moscow"})):
        shot.needs = (Need(NeedKind.LIVE_LINK, network=network),)
        assert {s.id for s in select(plan, activities=["act-03"]).sites} == sites, network  # not Baikonur
