"""The layout of the real 2021 traffic: lanes, stays, relocations, the headcount steps of DOMAIN.md."""

from __future__ import annotations

import math

import pytest

from planner.gui.timeline.layout import build_layout
from planner.model.times import parse_utc
from planner.station import StationTimeline
from planner.store import load_project


@pytest.fixture(scope="module")
def layout():
    from planner.resources import example_project_path

    project = load_project(example_project_path())
    return build_layout(project, StationTimeline.from_project(project), [])


def _t(text):
    return parse_utc(text).timestamp()


def test_one_lane_per_catalogue_port_then_headcount_then_people(layout):
    keys = [lane.key for lane in layout.lanes]
    assert keys[:11] == ["port:rassvet-nadir", "port:poisk-zenith", "port:zvezda-aft", "port:pirs-nadir",
                         "port:zvezda-nadir", "port:nauka-nadir", "port:prichal-nadir", "port:harmony-forward",
                         "port:harmony-zenith", "port:harmony-nadir", "port:unity-nadir"]
    assert keys[11] == "headcount"
    assert "person:yulia-peresild" in keys and "person:klim-shipenko" in keys
    tops = [lane.top for lane in layout.lanes]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)


def test_ports_are_greyed_where_they_do_not_exist(layout):
    assert layout.lane("port:pirs-nadir").absent == ((_t("2021-07-26T10:55:33Z"), math.inf),)
    assert layout.lane("port:prichal-nadir").absent == ((-math.inf, _t("2021-11-26T15:19:39Z")),)
    assert layout.lane("port:rassvet-nadir").absent == ()


def test_stays_per_port_and_relocations_linked(layout):
    rassvet = layout.lane("port:rassvet-nadir").spans
    assert [p.mission for p in rassvet.payloads] == ["soyuz-ms-18", "soyuz-ms-19"]
    assert rassvet.start[1] == _t("2021-10-05T12:22:31Z")
    assert rassvet.end[1] == _t("2022-03-30T07:21:03Z")
    crew3 = layout.lane("port:harmony-forward").spans
    assert math.isinf(crew3.end[-1]) and crew3.payloads[-1].mission == "crew-3"
    links = {(r.mission, r.from_port, r.to_port) for r in layout.relocations}
    assert links == {("soyuz-ms-18", "rassvet-nadir", "nauka-nadir"), ("crew-2", "harmony-forward", "harmony-zenith"),
                     ("progress-ms-17", "poisk-zenith", "nauka-nadir")}
    ms18 = next(r for r in layout.relocations if r.mission == "soyuz-ms-18")
    assert ms18.undock == _t("2021-09-28T12:21:00Z")


@pytest.mark.parametrize("when, before, after", [
    ("2021-04-24T09:08:00Z", 3, 7), ("2021-10-05T12:22:31Z", 7, 10), ("2021-10-17T01:14:00Z", 10, 7),
    ("2021-11-08T19:05:00Z", 7, 3), ("2021-11-11T23:32:00Z", 3, 7), ("2021-12-08T13:40:42Z", 7, 10),
    ("2021-12-19T23:50:25Z", 10, 7), ("2022-03-30T07:21:03Z", 7, 4),
])
def test_headcount_steps_at_the_dates_of_the_real_traffic(layout, when, before, after):
    t = _t(when)
    people_before, seats_before = layout.headcount.at(t - 1)
    people_after, seats_after = layout.headcount.at(t)
    assert (people_before, people_after) == (before, after)
    assert seats_before >= people_before and seats_after >= people_after  # nobody short of a seat


def test_visible_spans_overlap_the_asked_window(layout):
    spans = layout.lane("port:harmony-forward").spans
    t0, t1 = _t("2021-09-01T00:00:00Z"), _t("2021-09-02T00:00:00Z")
    names = [spans.payloads[i].mission for i in spans.visible(t0, t1)]
    assert names == ["crs-23"]
    # Crew-3, open-ended, is visible far in the future.
    assert [spans.payloads[i].mission for i in spans.visible(_t("2030-01-01T00:00:00Z"), _t("2030-01-02T00:00:00Z"))] == ["crew-3"]
