"""The real 2021 traffic: no conflicts, DOMAIN.md's headcount series, and the counterfactuals that must
each produce exactly the expected findings."""

from __future__ import annotations

import pytest

from planner.model import Event, EventKind, Mission, parse_utc
from planner.rules import RuleEngine
from planner.traffic import read_traffic_csv

# DOMAIN.md: people aboard, and seats home equal to them at every step.
EXPECTED_HEADCOUNT = [
    ("2021-04-09T11:05:07Z", 3), ("2021-04-24T09:08:00Z", 7), ("2021-10-05T12:22:31Z", 10),
    ("2021-10-17T01:14:00Z", 7), ("2021-11-08T19:05:00Z", 3), ("2021-11-11T23:32:00Z", 7),
    ("2021-12-08T13:40:42Z", 10), ("2021-12-19T23:50:25Z", 7), ("2022-03-30T07:21:03Z", 4),
]


def ts(text: str) -> float:
    return parse_utc(text).timestamp()


@pytest.fixture
def traffic(data_dir):
    return read_traffic_csv(data_dir / "iss-traffic-2021h2.csv")


def conflicts(project):
    return [f for f in RuleEngine(project).findings(suggestions=True) if f.is_conflict]


def warnings(project):
    return [f.to_json() for f in RuleEngine(project).findings() if not f.is_conflict]


def test_the_real_traffic_has_no_conflict(traffic):
    assert conflicts(traffic) == []


def test_the_only_warnings_are_two_close_pairs_of_uncrewed_events(traffic):
    found = {(w["rule"], w["start"], tuple(w["vehicles"])) for w in warnings(traffic)}
    assert found == {("spacing", "2021-11-26T15:19:39Z", ("prichal", "progress-m-um")),
                     ("spacing", "2021-12-22T08:41:00Z", ("crs-24", "progress-m-um"))}


def test_headcount_series_is_domain_md_with_seats_equal_to_people(traffic):
    series = RuleEngine(traffic).headcount()
    assert [(s.utc, s.people) for s in series] == [(ts(t), n) for t, n in EXPECTED_HEADCOUNT]
    assert [s.seats for s in series] == [n for _t, n in EXPECTED_HEADCOUNT]


def test_film_crew_rides_home_on_ms18_and_ms18_crew_stays_on_ms19(traffic):
    timeline = RuleEngine(traffic).timeline
    mid_visit = ts("2021-10-10T00:00:00Z")
    boat = {p: next(v for v, s, e in timeline.lifeboats(p) if s <= mid_visit < e)
            for p in ("yulia-peresild", "klim-shipenko", "pyotr-dubrov", "oleg-novitskiy")}
    assert boat == {"yulia-peresild": "soyuz-ms-18", "klim-shipenko": "soyuz-ms-18",
                    "pyotr-dubrov": "soyuz-ms-19", "oleg-novitskiy": "soyuz-ms-18"}
    before = ts("2021-10-01T00:00:00Z")  # MS-19 not yet there: Dubrov's lifeboat is the one he came on
    assert next(v for v, s, e in timeline.lifeboats("pyotr-dubrov") if s <= before < e) == "soyuz-ms-18"


def _mission(project, mission_id) -> Mission:
    return project.mission(mission_id)


def _drop_ms18_relocation(project):
    ms18 = _mission(project, "soyuz-ms-18")
    ms18.events = [e for e in ms18.events if e.kind is not EventKind.RELOCATE]
    return ms18


def test_without_ms18_relocation_ms18_and_ms19_share_rassvet(traffic):
    baseline = warnings(traffic)
    _drop_ms18_relocation(traffic)
    found = conflicts(traffic)
    assert [(f.rule, f.start, f.end, f.vehicles, f.ports) for f in found] == [
        ("port-double-booking", ts("2021-10-05T12:22:31Z"), ts("2021-10-17T01:14:00Z"),
         ("soyuz-ms-19", "soyuz-ms-18"), ("rassvet-nadir",)),
        # The undock row still names Nauka, where MS-18 now never went.
        ("event-order", ts("2021-10-17T01:14:00Z"), ts("2021-10-17T01:14:00Z"), ("soyuz-ms-18",),
         ("nauka-nadir", "rassvet-nadir")),
    ]
    assert found[0].message == ("Soyuz MS-19 and Soyuz MS-18 both at rassvet-nadir from 2021-10-05 12:22 UTC "
                                "to 2021-10-17 01:14 UTC")
    # MS-19 stays until March: no other Russian port is free that long (Progress MS-17 takes Nauka on
    # 22 Oct, MS-20 Poisk in December). Waiting for Rassvet does not fix it either: MS-19's visitors leave on
    # MS-18, so any later MS-19 has them leave before they arrive (and overfills MS-19 as a lifeboat). No fix.
    assert found[0].suggestions == ()
    assert warnings(traffic) == baseline


def test_without_ms18_relocation_and_undocking_from_rassvet_only_the_double_booking_remains(traffic):
    ms18 = _drop_ms18_relocation(traffic)
    ms18.last(EventKind.UNDOCK).port = "rassvet-nadir"
    assert [f.rule for f in conflicts(traffic)] == ["port-double-booking"]


def test_a_progress_at_harmony_forward_is_incompatible(traffic):
    baseline = warnings(traffic)
    traffic.missions.append(Mission(id="progress-x", name="Progress X", vehicle_type="progress-ms", events=[
        Event(EventKind.LAUNCH, parse_utc("2021-10-08T12:00:00Z")),
        Event(EventKind.DOCK, parse_utc("2021-10-10T12:00:00Z"), port="harmony-forward"),
        Event(EventKind.UNDOCK, parse_utc("2021-10-25T12:00:00Z"), port="harmony-forward"),
    ]))
    [found] = conflicts(traffic)
    assert (found.rule, found.start, found.end, found.vehicles, found.ports) == (
        "port-compatibility", ts("2021-10-10T12:00:00Z"), ts("2021-10-25T12:00:00Z"), ("progress-x",),
        ("harmony-forward",))
    # Of the Russian ports only Zvezda aft is free for the whole stay (Progress MS-18 arrives 30 Oct).
    assert [(s.action, s.port) for s in found.suggestions] == [("use-port", "zvezda-aft")]
    assert warnings(traffic) == baseline


def test_a_fourth_person_on_a_soyuz_has_no_seat(traffic):
    ms20 = _mission(traffic, "soyuz-ms-20")
    for event in ms20.events:
        event.crew = event.crew + ("ivan-extra",)
    found = conflicts(traffic)
    assert [(f.rule, f.start, f.end, f.vehicles) for f in found] == [
        ("lifeboat-seats", ts("2021-12-08T13:40:42Z"), ts("2021-12-19T23:50:25Z"), ("soyuz-ms-20",)),
        ("lifeboat-departure", ts("2021-12-19T23:50:25Z"), ts("2021-12-19T23:50:25Z"), ("soyuz-ms-20",)),
    ]
    assert "ivan-extra" in found[0].people and len(found[0].people) == 4
    # Every other docked seat is taken (in 2021 seats equalled people), so no seat can be suggested.
    assert found[0].suggestions == ()


def test_crew3_at_harmony_zenith_while_crew2_is_there(traffic):
    crew3 = _mission(traffic, "crew-3")
    crew3.first(EventKind.LAUNCH).utc = parse_utc("2021-11-01T01:00:00Z")
    dock = crew3.first(EventKind.DOCK)
    dock.utc, dock.port = parse_utc("2021-11-02T00:00:00Z"), "harmony-zenith"
    found = conflicts(traffic)
    assert [(f.rule, f.start, f.end, f.vehicles) for f in found] == [
        ("port-double-booking", ts("2021-11-02T00:00:00Z"), ts("2021-11-08T19:05:00Z"), ("crew-3", "crew-2")),
        # Crew-3 never leaves zenith in this plan, so CRS-24 cannot have it either.
        ("port-double-booking", ts("2021-12-22T08:41:00Z"), float("inf"), ("crs-24", "crew-3")),
    ]
    # Forward is free from CRS-23's departure on: the real plan's answer. Zenith frees when Crew-2 leaves, but
    # both are crewed: Crew-3 may dock the spacing margin (48 h) after Crew-2's undocking, not the minute it leaves.
    fixes = [(s.action, s.port, s.utc) for s in found[0].suggestions]
    assert fixes == [("use-port", "harmony-forward", None), ("move-to", "harmony-zenith", ts("2021-11-10T19:05:00Z"))]
    assert found[0].suggestions[1].text == ("harmony-zenith is free from 2021-11-10 19:05 UTC (after the spacing "
                                            "from Crew-2's undocking)")


def test_json_form_carries_every_field(traffic):
    _drop_ms18_relocation(traffic)
    from planner.rules import build_report

    data = build_report(RuleEngine(traffic)).to_json()
    assert set(data) == {"conflicts", "warnings", "headcount"}
    finding = data["conflicts"][0]
    assert set(finding) == {"rule", "severity", "start", "end", "vehicles", "people", "ports", "activities",
                            "message", "suggestions"}
    assert finding["start"] == "2021-10-05T12:22:31Z" and finding["end"] == "2021-10-17T01:14:00Z"
    assert data["headcount"][0] == {"utc": "2021-04-09T11:05:07Z", "people": 3, "seats": 3}


# -- the orbit: high beta at dynamic events and the Soyuz landings (element sets of 2021-10-15 and 2021-12-22) --

def _with_orbit(traffic, data_dir):
    from planner.orbit import read_elements
    from planner.rules.orbit_link import orbit_conditions

    traffic.element_sets = [*read_elements(data_dir / "iss-2021-10-15.tle"),
                            *read_elements(data_dir / "iss-2021-12-22.tle")]
    return RuleEngine(traffic, orbit=orbit_conditions(traffic))


def test_no_real_dynamic_event_fell_in_high_beta_and_the_far_ones_cannot_be_judged(traffic, data_dir):
    """In the second half of 2021 no docking, undocking, berthing or relocation came while |beta| was above its
    type's default limit: the nearest were Soyuz MS-18's undocking (2021-10-17, beta -59.0) and MS-20's docking and
    undocking (-56.4, -57.4), the Soyuz limit being 70 and the lowest default 60. Events more than 90 days from
    both element sets cannot be judged, and say so."""
    found = [f for f in _with_orbit(traffic, data_dir).findings() if f.rule == "high-beta"]
    assert all(not f.is_conflict and "cannot be judged" in f.message for f in found)
    assert {(f.vehicles[0], f.start) for f in found} == {
        ("progress-ms-16", ts("2021-02-17T00:00:00Z")), ("soyuz-ms-18", ts("2021-04-09T11:05:07Z")),
        ("crew-2", ts("2021-04-24T09:08:00Z")), ("crs-22", ts("2021-06-05T09:09:00Z")),
        ("progress-ms-17", ts("2021-07-02T00:59:41Z")), ("crs-22", ts("2021-07-08T14:45:00Z")),
        ("soyuz-ms-19", ts("2022-03-30T07:21:03Z"))}


def test_at_58_degrees_ms18_undocking_would_have_been_in_high_beta(traffic, data_dir):
    from planner.model import StationSettings

    traffic.settings = StationSettings(high_beta_docking_deg=58.0, high_beta_berthing_deg=58.0,
                                       high_beta_russian_deg=58.0)
    [found] = [f for f in _with_orbit(traffic, data_dir).findings() if f.rule == "high-beta"
               and "cannot be judged" not in f.message]
    assert (found.vehicles, found.start) == (("soyuz-ms-18",), ts("2021-10-17T01:14:00Z"))
    assert found.message.startswith("Soyuz MS-18 undocks 2021-10-17 01:14 UTC at beta -59.0° (Soyuz MS limit ±58°)")


def test_both_judged_soyuz_landings_came_in_daylight_on_an_opportunity(traffic, data_dir):
    """MS-18 (2021-10-17 04:35, mid-morning) and MS-20 (2021-12-20 03:12:52, just after sunrise) give no landing
    warning; MS-19's (2022-03-30, 98 days from the 12-22 set) opportunities cannot be judged, its daylight can."""
    from planner.rules.landing_rule import LandingContext, judge, landing_rows
    from planner.rules.orbit_rule import OrbitCache

    engine = _with_orbit(traffic, data_dir)
    [found] = [f for f in engine.findings() if f.rule == "landing"]
    assert found.vehicles == ("soyuz-ms-19",) and found.message.startswith(
        "Soyuz MS-19 lands 2022-03-30 11:28 UTC; whether it meets a landing opportunity at Zhezkazgan cannot be judged")
    rows = [r for r in landing_rows(traffic.missions) if r.mission in ("soyuz-ms-18", "soyuz-ms-20")]
    epochs = sorted(s.epoch.timestamp() for s in traffic.element_sets)
    ms18, ms20 = judge(rows, LandingContext(traffic.effective_settings, epochs, OrbitCache(engine.orbit)))
    assert ms18.sun_deg > 20 and abs(ms18.nearest - ts("2021-10-17T04:35:00Z")) < 60
    # MS-20: the Sun 0.3-0.4 degrees up at the zone's centre, eight minutes after sunrise (-0.833).
    assert 0.0 < ms20.sun_deg < 1.0 and ms20.rising and abs(ms20.nearest - ts("2021-12-20T03:12:52Z")) < 60
