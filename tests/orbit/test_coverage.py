"""Links to the ground: line of sight to each relay against an independent skyfield computation, the catalogue's
facts, the Russian ground sites, and the example's Moscow passes inside the Russian coverage."""

from __future__ import annotations

import numpy as np
import pytest
from orbit_testkit import synthetic_set, times_of, utc
from skyfield.api import wgs84
from skyfield.framelib import itrs

from planner import intervals
from planner.model import GroundSite
from planner.orbit import Orbit, find_passes
from planner.orbit.coverage import (GEO_RADIUS_KM, GRAZING_HEIGHT_KM, check_network, coverage_spans, link_within,
                                    relays, relays_in_view_within, russian_sites, sources_in_view)
from planner.orbit.propagator import earth_satellite_of

STEP_S = 10.0
#: Span edges against skyfield sampled every 10 s: an edge lies within one step of the reference's change.
EDGE_TOLERANCE_S = STEP_S
#: The Earth's radius of the limb test, as skyfield names it (its ``ERAD``, the IERS equatorial radius, in km).
SKYFIELD_ERAD_KM = 6378.1366


def _reference(element_set, relay, t0: float, t1: float, grazing_km: float = GRAZING_HEIGHT_KM):
    """Sample times and whether the station sees ``relay`` at each, from skyfield's own frames and an Earth-limb
    test written independently: the relay is seen when its direction from the station lies farther from the
    nadir than the limb of a sphere of radius ERAD + grazing height (the relay, 36,000 km out, is always beyond
    the Earth when the direction meets it)."""
    t = np.arange(t0, t1 + STEP_S / 2, STEP_S)
    ts = times_of(t)
    station = earth_satellite_of(element_set).at(ts).frame_xyz(itrs).km  # skyfield's TEME -> GCRS -> ITRS chain
    # The relay through skyfield's WGS84 model: on the equator the geodetic height is above the equatorial radius.
    where = wgs84.latlon(0.0, relay.lon_deg, elevation_m=(GEO_RADIUS_KM - wgs84.radius.km) * 1000.0)
    relay_xyz = where.itrs_xyz.km[:, None]
    to_relay = relay_xyz - station
    distance = np.linalg.norm(station, axis=0)
    cos_from_nadir = -(to_relay * station).sum(axis=0) / (np.linalg.norm(to_relay, axis=0) * distance)
    limb = np.arcsin((SKYFIELD_ERAD_KM + grazing_km) / distance)
    return t, np.arccos(np.clip(cos_from_nadir, -1, 1)) > limb


def _edges(t, seen):
    change = np.flatnonzero(seen[1:] != seen[:-1])
    return (t[change] + t[change + 1]) / 2


@pytest.mark.parametrize("key", ["real", "iss-2024-12", "polar"])
def test_line_of_sight_to_each_relay_matches_skyfield(key, iss_sets):
    element_set = iss_sets[0] if key == "real" else synthetic_set(key)
    orbit = Orbit([element_set])
    t0 = element_set.epoch.timestamp() - 6 * 3600.0
    t1 = t0 + 86400.0
    chosen = relays()
    found = relays_in_view_within(orbit, chosen, [[t0, t1]])
    for relay, mine in zip(chosen, found):
        t, seen = _reference(element_set, relay, t0, t1)
        theirs = _edges(t, seen)
        ours = mine.ravel()
        ours = ours[(ours > t0) & (ours < t1)]
        assert len(ours) == len(theirs), (relay.name, len(ours), len(theirs))
        assert np.abs(ours - theirs).max() <= EDGE_TOLERANCE_S / 2 + 1.0, relay.name
        # Every sample the reference sees lies inside our spans, every other outside, away from the edges.
        inside = intervals.covers(mine, t, t)
        far = np.min(np.abs(t[:, None] - theirs[None, :]), axis=1) > EDGE_TOLERANCE_S if len(theirs) else True
        assert np.array_equal(inside[far], seen[far]), relay.name
        assert 0.3 < seen.mean() < 0.8  # a relay is seen about half the time: the test has edges to check


def test_the_grazing_height_shortens_each_view(iss_orbit, iss_sets):
    relay = relays("us")[:1]
    t0 = iss_sets[0].epoch.timestamp()
    low = relays_in_view_within(iss_orbit, relay, [[t0, t0 + 86400]], grazing_km=0.0)[0]
    high = relays_in_view_within(iss_orbit, relay, [[t0, t0 + 86400]], grazing_km=300.0)[0]
    assert len(intervals.subtract(high, low)) == 0
    assert intervals.duration(low).sum() - intervals.duration(high).sum() > 15 * 60  # both ends of each view
    t, seen = _reference(iss_sets[0], relay[0], t0, t0 + 86400, grazing_km=300.0)
    edges = high.ravel()
    edges = edges[(edges > t0) & (edges < t0 + 86400)]
    assert len(edges) == len(_edges(t, seen)) and np.abs(edges - _edges(t, seen)).max() <= STEP_S / 2 + 1.0


def test_the_catalogue_holds_the_facts_of_the_domain_notes():
    us = {r.name: r.lon_deg for r in relays("us")}
    ru = {r.name: r.lon_deg for r in relays("ru")}
    # NSSDC: the operational TDRS at 41, 174 and 275 degrees west (275 W is 85 E).
    assert sorted(us.values()) == [-174.0, -41.0, 85.0]
    # The Luch-5 relays at 16 W, 95 E and 167 E.
    assert set(ru) == {"Luch-5A", "Luch-5B", "Luch-5V"}
    assert sorted(ru.values()) == [-16.0, 95.0, 167.0]
    assert len(relays("any")) == len(relays()) == 6
    assert abs(relays("us")[0].position()[2]) < 1e-9
    assert np.linalg.norm(relays("us")[0].position()) == pytest.approx(GEO_RADIUS_KM)


def test_russian_sites_are_those_in_russia_or_tagged():
    moscow = GroundSite("mcc", "Moscow", 55.91, 37.81)
    baikonur = GroundSite("baikonur", "Baikonur", 45.96, 63.31)  # Kazakhstan
    houston = GroundSite("jsc", "Houston", 29.56, -95.09)
    tagged = GroundSite("ship", "Tracking ship", 10.0, -30.0, extra={"network": "ru"})
    untagged = GroundSite("mcc2", "Moscow, US desk", 55.91, 37.81, extra={"network": "us"})
    assert russian_sites([moscow, baikonur, houston, tagged, untagged]) == [moscow, tagged]


def test_networks_are_checked():
    assert check_network("us") == "us"
    with pytest.raises(ValueError, match="unknown network 'eu': expected us or ru"):
        check_network("eu")
    assert check_network("any", allow_any=True) == "any"


def test_spans_name_what_is_in_view(iss_orbit, iss_sets):
    t0 = iss_sets[0].epoch.timestamp()
    moscow = GroundSite("mcc", "Moscow", 55.91, 37.81)
    found = sources_in_view(iss_orbit, "ru", [[t0, t0 + 86400]], [moscow])
    assert [(net, name) for net, name, _a in found] == [
        ("ru", "Luch-5A"), ("ru", "Luch-5B"), ("ru", "Luch-5V"), ("ru", "Moscow")]
    spans = coverage_spans(iss_orbit, "ru", t0, t0 + 86400, [moscow])
    union = intervals.union(*(a for _n, _s, a in found))
    # Together the spans are the union: the times with a link at all.
    assert intervals.pairs(intervals.normalise([(s.start, s.end) for s in spans])) == intervals.pairs(union)
    assert len(spans) > len(union)  # a continuous link reads as its hand-overs
    for span in spans:  # what via names is in view for the whole span, and nothing else at any time of it
        whole = {name for _net, name, a in found if intervals.covers(a, span.start, span.end)}
        some = {name for _net, name, a in found if len(intervals.clip(a, span.start, span.end))}
        assert set(span.via) == whole == some and len(span.via) == len(whole)
    for before, after in zip(spans, spans[1:]):  # a new span where something comes or goes, not otherwise
        assert before.end < after.start or set(before.via) != set(after.via)
    assert coverage_spans(iss_orbit, "all", t0, t0 + 3600)[0].network == "us"
    both = coverage_spans(iss_orbit, "all", t0, t0 + 86400, [moscow])
    assert {s.network for s in both} == {"us", "ru"}
    assert [s.start for s in both] == sorted(s.start for s in both)


def test_three_relays_of_a_network_leave_no_gap_but_one_leaves_many(iss_orbit, iss_sets):
    """Geometry alone: three geostationary relays some 100-130 degrees apart see a low orbit all the time (the
    gaps a crew sees come from the station's structure and the relays' schedules, not modelled); one relay sees
    it about half the time."""
    t0 = iss_sets[0].epoch.timestamp()
    for network in ("us", "ru"):
        assert intervals.pairs(link_within(iss_orbit, network, [[t0, t0 + 2 * 86400]])) == [(t0, t0 + 2 * 86400)]
    one = relays_in_view_within(iss_orbit, relays("us")[:1], [[t0, t0 + 86400]])[0]
    assert 12 <= len(one) <= 17 and 0.45 < intervals.duration(one).sum() / 86400 < 0.7


def test_link_within_answers_many_windows_as_one_long_one(iss_orbit, iss_sets):
    t0 = iss_sets[0].epoch.timestamp()
    windows = np.array([[t0 + k * 5000.0, t0 + k * 5000.0 + 1800.0] for k in range(10)])
    one = relays("ru")[:1]
    whole = relays_in_view_within(iss_orbit, one, [[t0, t0 + 60000.0]])[0]
    parts = relays_in_view_within(iss_orbit, one, windows)[0]
    expected = intervals.intersect(whole, windows)
    assert parts.shape == expected.shape and np.abs(parts - expected).max() < 0.01


def test_the_example_moscow_passes_lie_inside_the_russian_coverage():
    from planner.resources import example_project_path
    from planner.store import load_project

    example_project = load_project(example_project_path())
    orbit = Orbit.from_sets(list(example_project.element_sets))
    moscow = next(s for s in example_project.sites if s.id == "mcc-moscow")
    assert [s.id for s in russian_sites(example_project.sites)] == ["mcc-moscow"]
    start, end = utc(2021, 10, 5), utc(2021, 10, 17)
    passes = find_passes(orbit, [moscow], start, end)
    assert len(passes) > 20
    spans = coverage_spans(orbit, "ru", start, end, example_project.sites)
    covered = intervals.normalise([(s.start, s.end) for s in spans])
    for p in passes:
        assert p.rise is not None and p.set is not None
        assert intervals.covers(covered, p.rise + 1.0, p.set - 1.0)  # rise and set within a second
        span = next(s for s in spans if s.start <= p.culminate <= s.end)
        assert moscow.name in span.via
    # Moscow alone (no relays): the site's own in-view times are the passes, to a second.
    from planner.orbit.passes import in_view_within

    alone = in_view_within(orbit, moscow, [[start.timestamp(), end.timestamp()]])
    assert len(alone) == len(passes)
    assert np.abs(alone[:, 0] - [p.rise for p in passes]).max() < 1.0
    assert np.abs(alone[:, 1] - [p.set for p in passes]).max() < 1.0


def test_the_filming_window_finder_asks_for_a_live_link(iss_orbit, iss_sets, monkeypatch):
    from planner.orbit import coverage
    from planner.orbit.daylight import sunlit_within
    from planner.orbit.windows import WindowRequest, filming_windows

    east = tuple(r for r in relays() if r.id == "tdrs-41w")
    monkeypatch.setattr(coverage, "_catalogue", lambda: east)
    t0 = iss_sets[0].epoch.timestamp()
    found = filming_windows(iss_orbit, t0, t0 + 86400, WindowRequest(light="sunlit", link="us", min_duration_s=0),
                            rank="earliest")
    expected = intervals.intersect(sunlit_within(iss_orbit, [[t0, t0 + 86400]]),
                                   relays_in_view_within(iss_orbit, east, [[t0, t0 + 86400]])[0])
    assert len(found) == len(expected) > 10
    assert np.abs(np.array([(w.start, w.end) for w in found]) - expected).max() < 1e-6
    with pytest.raises(ValueError, match="unknown network 'eu'"):
        filming_windows(iss_orbit, t0, t0 + 3600, WindowRequest(link="eu"))


def test_covered_at_samples_agrees_with_the_spans(iss_orbit, iss_sets, monkeypatch):
    """The map's test at its track's samples and the spans say the same, but within a second of an edge (with one
    relay per network catalogued, so that each has gaps)."""
    from planner.orbit import coverage
    from planner.orbit.coverage import covered_at
    from planner.orbit.passes import in_view_within

    moscow = GroundSite("mcc", "Moscow", 55.91, 37.81)
    t0 = iss_sets[0].epoch.timestamp()
    t = np.arange(t0, t0 + 86400, 10.0)
    pos = iss_orbit.ecef(t)
    assert covered_at("us", pos).all() and covered_at("any", pos, [moscow]).all()  # three relays each
    kept = tuple(r for r in relays() if r.id in ("tdrs-41w", "luch-5v"))
    monkeypatch.setattr(coverage, "_catalogue", lambda: kept)
    window = [[t0, t0 + 86400]]
    for network, sites, spans in (
            ("us", [], relays_in_view_within(iss_orbit, kept[:1], window)[0]),
            ("ru", [moscow], intervals.union(relays_in_view_within(iss_orbit, kept[1:], window)[0],
                                             in_view_within(iss_orbit, moscow, window)))):
        seen = covered_at(network, pos, sites)
        near = np.min(np.abs(t[:, None] - spans.ravel()[None, :]), axis=1) < 1.0
        assert np.array_equal(seen[~near], intervals.covers(spans, t, t)[~near]), network
        assert 0.2 < seen.mean() < 0.9, network


def test_a_view_shorter_than_a_knot_step_is_found(iss_orbit, iss_sets, monkeypatch):
    """A target in view for some 20 s (a point 6,900 km from the Earth's centre above 87.17 N, which the
    station's line of sight grazes once a day) lies between two 60 s knots that both say 'hidden': the dip test
    finds it, to a second of a 1 s reference; without the dip test it is missed."""
    from dataclasses import dataclass

    from planner.orbit import coverage
    from planner.orbit.coverage import Relay, line_of_sight_margin

    @dataclass(frozen=True)
    class Point(Relay):
        def position(self):
            lat = np.radians(87.17)
            return 6900.0 * np.array([np.cos(lat), 0.0, np.sin(lat)])

    point = Point("p", "point", "us", 0.0)
    t0 = iss_sets[0].epoch.timestamp()
    t = np.arange(t0, t0 + 86400, 1.0)
    seen = line_of_sight_margin(iss_orbit.ecef(t), point.position()) > 0
    edges = _edges(t, seen)
    lengths = edges[1::2] - edges[0::2] if not seen[0] else edges[2::2] - edges[1:-1:2]
    assert lengths.min() < 45  # the short view is there
    found = relays_in_view_within(iss_orbit, [point], [[t0, t0 + 86400]])[0]
    assert len(found.ravel()) == len(edges) and np.abs(found.ravel() - edges).max() < 1.0
    monkeypatch.setattr(coverage, "_may_dip", lambda m0, *_rest: np.zeros(len(m0), bool))
    assert len(relays_in_view_within(iss_orbit, [point], [[t0, t0 + 86400]])[0]) < len(found)


def test_a_site_judged_on_the_relays_track_is_judged_as_on_its_own(iss_orbit, iss_sets):
    """Sites share the relays' 60 s track (SGP4 once for a network): the same in-view times as the passes' own."""
    from planner.orbit.passes import in_view_within
    from planner.orbit.sampling import HermiteOrbit

    t0 = iss_sets[0].epoch.timestamp()
    windows = [[t0, t0 + 3 * 86400], [t0 + 4 * 86400, t0 + 4.5 * 86400]]
    track = HermiteOrbit(iss_orbit, windows, frame="ecef")
    for site in (GroundSite("mcc", "Moscow", 55.91, 37.81), GroundSite("pk", "Petropavlovsk", 53.02, 158.65, 0, 5)):
        alone, shared = in_view_within(iss_orbit, site, windows), in_view_within(iss_orbit, site, windows, track=track)
        assert len(alone) > 5 and alone.shape == shared.shape and np.abs(alone - shared).max() < 0.01
