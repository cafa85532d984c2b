"""The high-beta rule: dynamic events inside the spans planner.orbit.beta works out (those are held against
skyfield in tests/orbit/test_beta.py) are warned about at each vehicle type's limit, all events judged together
agree with judging them one by one on spans worked out around each, an edit judges its own events only, what
the orbit cannot judge says why, and each fix, applied, takes the finding away (a full re-check)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.model import ElementFormat, ElementSet, Event, EventKind, Mission, Project, StationSettings, parse_utc
from planner.model.times import from_epoch
from planner.orbit import Orbit, read_elements
from planner.orbit.beta import beta_angle, high_beta_spans
from planner.orbit.errors import CannotJudge
from planner.rules import RuleEngine
from planner.rules.fixes import apply_fix
from planner.rules.orbit_link import ProjectOrbit, orbit_conditions

# The 2021-12-22 set: |beta| is above 60 degrees from 9 to 19 December 2021 and above 70 from 11 to 16 December.
SET = "iss-2021-12-22.tle"
DEC = parse_utc("2021-12-01T00:00:00Z").timestamp()
DAY = 86400.0
DATA = Path(__file__).resolve().parent.parent / "data"


def ts(text: str) -> float:
    return parse_utc(text).timestamp()


def _sets(data_dir):
    return read_elements(data_dir / SET)


def _spans(data_dir, limit):
    orbit = Orbit(_sets(data_dir))
    return [(s.start, s.end) for s in high_beta_spans(orbit, DEC - 30 * DAY, DEC + 60 * DAY, limit)]


def _visit(mid, vtype, dock: float, undock: float, port="harmony-forward", land: float | None = None, launch=None):
    kinds = (EventKind.BERTH, EventKind.UNBERTH) if vtype == "cygnus" else (EventKind.DOCK, EventKind.UNDOCK)
    events = [Event(EventKind.LAUNCH, from_epoch(launch))] if launch is not None else []
    events += [Event(kinds[0], from_epoch(dock), port=port), Event(kinds[1], from_epoch(undock), port=port)]
    if land is not None:
        events.append(Event(EventKind.LAND, from_epoch(land)))
    return Mission(mid, mid.upper(), vtype, events)


def _engine(project):
    return RuleEngine(project, orbit=orbit_conditions(project))


def _high(engine):
    return [f for f in engine.findings(suggestions=True) if f.rule == "high-beta"]


def test_a_docking_inside_a_high_beta_span_is_warned_about_and_one_outside_is_not(data_dir):
    [(a, b)] = [s for s in _spans(data_dir, 60.0) if s[0] > DEC]  # 2021-12-09 to 12-19
    inside, outside = (a + b) / 2, a - 2 * DAY
    project = Project(missions=[_visit("in", "crew-dragon", inside, b + 10 * DAY),
                                _visit("out", "cargo-dragon", outside, outside + DAY, port="harmony-zenith")],
                      element_sets=_sets(data_dir))
    [found] = _high(_engine(project))
    assert found.severity.value == "warning" and found.vehicles == ("in",) and found.ports == ("harmony-forward",)
    assert (found.start, found.end) == (inside, inside)
    beta = float(beta_angle(Orbit(_sets(data_dir)), [inside])[0])
    assert abs(beta) > 60
    assert found.message == (
        f"IN docks {_short(inside)} at beta {beta:.1f}° (Crew Dragon limit ±60°); |beta| above 60° from "
        f"{_short(a)} to {_short(b)}")


def _short(seconds):
    from planner.model.time_text import short_time

    return short_time(seconds)


def test_each_vehicle_type_has_its_limit_and_the_project_settings_change_them(data_dir):
    sixty = [s for s in _spans(data_dir, 60.0) if s[0] > DEC][0]
    seventy = [s for s in _spans(data_dir, 70.0) if s[0] > DEC][0]
    when = sixty[0] + 3600.0  # above 60 degrees, not yet above 70
    assert when < seventy[0]
    missions = [_visit("dragon", "crew-dragon", when, when + 20 * DAY),
                _visit("cygnus", "cygnus", when, when + 20 * DAY, port="unity-nadir"),
                _visit("soyuz", "soyuz-ms", when, when + 20 * DAY, port="rassvet-nadir"),
                _visit("progress", "progress-ms", seventy[0] + 3600.0, seventy[1] + 20 * DAY, port="zvezda-aft")]
    project = Project(missions=missions, element_sets=_sets(data_dir))
    assert {f.vehicles[0] for f in _high(_engine(project))} == {"dragon", "cygnus", "progress"}
    # Each setting moves its own types only.
    project.settings = StationSettings(high_beta_russian_deg=60.0, high_beta_berthing_deg=80.0)
    found = {f.vehicles[0]: f for f in _high(_engine(project))}
    assert set(found) == {"dragon", "soyuz", "progress"}
    assert "(Soyuz MS limit ±60°)" in found["soyuz"].message


def test_a_relocation_touching_a_span_is_warned_about_at_its_first_high_moment(data_dir):
    a = round([s for s in _spans(data_dir, 70.0) if s[0] > DEC][0][0])
    crew = Mission("s", "Soyuz MS-X", "soyuz-ms", [
        Event(EventKind.DOCK, from_epoch(a - 20 * DAY), port="rassvet-nadir"),
        Event(EventKind.RELOCATE, from_epoch(a - 1800), port="nauka-nadir", from_port="rassvet-nadir",
              end_utc=from_epoch(a + 1800))])
    [found] = _high(_engine(Project(missions=[crew], element_sets=_sets(data_dir))))
    assert (found.start, found.end) == (a - 1800, a + 1800)
    assert found.message.startswith(f"Soyuz MS-X relocates from {_short(a - 1800)} to {_short(a + 1800)} at beta "
                                    "-70.0°")


class Counting(ProjectOrbit):
    """The real orbit, counting the high-beta questions and the hours they cover."""

    def __init__(self, orbit):
        super().__init__(orbit)
        self.asked, self.hours = 0, 0.0

    def high_beta(self, threshold_deg, windows):
        self.asked += 1
        self.hours += float((windows[:, 1] - windows[:, 0]).sum()) / 3600
        return super().high_beta(threshold_deg, windows)


def _dump(engine, rules=("high-beta", "landing")):
    return [f.to_json() for f in engine.findings(suggestions=True) if f.rule in rules]


def test_an_edit_judges_its_own_events_and_finds_what_a_full_check_finds(data_dir):
    a, b = [s for s in _spans(data_dir, 60.0) if s[0] > DEC][0]
    missions = [_visit(f"m{k}", "cargo-dragon", a - 8 * DAY + k * 2 * DAY, a - 7 * DAY + k * 2 * DAY,
                       port=("harmony-forward", "harmony-zenith")[k % 2]) for k in range(12)]
    project = Project(missions=missions, element_sets=_sets(data_dir))
    orbit = Counting(Orbit(_sets(data_dir)))
    engine = RuleEngine(project, orbit=orbit)
    before = {f.vehicles[0] for f in _high(engine)}
    assert orbit.asked == 1  # the plan's time in one question (one limit)
    assert before and "m0" not in before
    # m0 moves into the high-beta days: its docking and undocking are warned about, nothing else is re-judged.
    asked = orbit.asked
    moved = _visit("m0", "cargo-dragon", (a + b) / 2, (a + b) / 2 + 6 * 3600)
    project.missions[0] = moved
    engine.changed("missions", "m0")
    assert orbit.asked == asked  # the spans around it were worked out by the full check
    found = [f for f in _high(engine) if f.vehicles == ("m0",)]
    assert [f.start for f in found] == [(a + b) / 2, (a + b) / 2 + 6 * 3600]
    assert _dump(engine) == _dump(RuleEngine(project, orbit=Counting(Orbit(_sets(data_dir)))))
    # Far from the others: the orbit is asked about that stretch only.
    project.missions[0] = _visit("m0", "cargo-dragon", b + 40 * DAY, b + 41 * DAY)
    hours = orbit.hours
    engine.changed("missions", "m0")
    assert orbit.asked == asked + 1 and orbit.hours - hours < 48
    assert [f for f in _high(engine) if f.vehicles == ("m0",)] == []
    assert _dump(engine) == _dump(RuleEngine(project, orbit=Counting(Orbit(_sets(data_dir)))))


def _reference(project, orbit):
    """(mission, start) of each event in high beta, judged one by one on spans worked out over a day around it,
    leaving out events within a minute of a span's edge (windows cut elsewhere may refine an edge a little
    differently)."""
    found, unsure = set(), set()
    station = project.station
    settings_ = project.effective_settings
    for mission in project.missions:
        limit = settings_.high_beta_limit_deg(station.vehicle_type(mission.vehicle_type))
        for event in mission.events:
            if event.kind in (EventKind.LAUNCH, EventKind.LAND):
                continue
            s = event.utc.timestamp()
            e = event.end_utc.timestamp() if event.end_utc else s
            for span in high_beta_spans(orbit, s - DAY, e + DAY, limit):
                if span.start <= e and s < span.end:
                    found.add((mission.id, s))
                if min(abs(span.start - s), abs(span.end - s), abs(span.start - e), abs(span.end - e)) < 60:
                    unsure.add((mission.id, s))
    return found, unsure


TYPES = ("crew-dragon", "cargo-dragon", "soyuz-ms", "progress-ms", "cygnus")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(TYPES), st.integers(0, 40 * 24 * 60), st.integers(0, 5 * 24 * 60)),
                min_size=1, max_size=8))
def test_judged_together_the_events_agree_with_judging_them_one_by_one(drawn):
    data_dir = DATA
    start = DEC - 5 * DAY
    missions = [_visit(f"m{k}", vtype, start + m * 60.0, start + (m + stay) * 60.0, port=f"p{k}")
                for k, (vtype, m, stay) in enumerate(drawn)]
    project = Project(missions=missions, element_sets=_sets(data_dir))
    got = {(f.vehicles[0], f.start) for f in _high(_engine(project))}
    expected, unsure = _reference(project, Orbit(_sets(data_dir)))
    assert got - unsure == expected - unsure


def test_the_plane_an_element_set_gives_holds_for_months(data_dir):
    """Why high beta is judged within 90 days of an element set (the activity rules' 14 days are for where along
    the orbit the station is): the 2021-10-15 set and the 2021-12-22 set give the beta angle within half a degree
    of each other from July 2021 to March 2022, 68 to 160 days from one of them."""
    early = Orbit(read_elements(data_dir / "iss-2021-10-15.tle"))
    late = Orbit(_sets(data_dir))
    t = np.arange(ts("2021-07-17T00:00:00Z"), ts("2022-03-22T00:00:00Z"), 6 * 3600.0)
    assert np.abs(beta_angle(early, t) - beta_angle(late, t)).max() < 0.6


def test_an_event_beyond_what_the_orbit_can_judge_is_a_warning_that_says_why(data_dir):
    sets = _sets(data_dir)
    epoch = sets[0].epoch.timestamp()
    far = _visit("far", "crew-dragon", epoch + 120 * DAY, epoch + 121 * DAY)
    near = _visit("near", "crew-dragon", epoch - 3 * DAY, epoch - 2 * DAY, port="harmony-zenith")
    project = Project(missions=[far, near], element_sets=sets)
    found = _high(_engine(project))
    assert [(f.vehicles, f.start) for f in found] == [(("far",), epoch + 120 * DAY), (("far",), epoch + 121 * DAY)]
    assert found[0].message == (f"FAR docks {_short(epoch + 120 * DAY)}: its beta angle cannot be judged against the "
                                f"±60° limit: 120.0 days from the nearest element set (epoch {_short(epoch)}), which "
                                "predicts the orbit's plane for about 90 days: import one nearer that time")
    assert all(f.suggestions == () for f in found)
    # Past the bundled ephemeris (2053-10-09), near an element set of its own epoch.
    late = parse_utc("2054-01-10T00:00:00Z").timestamp()
    project.missions = [_visit("late", "soyuz-ms", late, late + DAY, port="rassvet-nadir"), near]
    project.element_sets = sets + [ElementSet("x", ElementFormat.TLE, "-", from_epoch(late))]
    found = _high(RuleEngine(project, orbit=ProjectOrbit(Orbit(sets))))
    assert {f.vehicles for f in found} == {("late",)} and len(found) == 2
    assert all("cannot be judged" in f.message and "ephemeris" in f.message for f in found)


class Failing(ProjectOrbit):
    def high_beta(self, threshold_deg, windows):
        raise CannotJudge("SGP4 cannot fly element set e at 2021-12-20T12:00Z", *windows[0])


def test_what_the_orbit_refuses_is_a_warning_naming_the_reason(data_dir):
    sets = _sets(data_dir)
    project = Project(missions=[_visit("m", "crew-dragon", DEC + 10 * DAY, DEC + 11 * DAY)], element_sets=sets)
    found = _high(RuleEngine(project, orbit=Failing(Orbit(sets))))
    assert len(found) == 2 and all(f.message.endswith("cannot be judged against the ±60° limit: SGP4 cannot fly "
                                                      "element set e at 2021-12-20T12:00Z") for f in found)


def _apply(project, finding, suggestion):
    return apply_fix(project, finding, suggestion).applied_to(project)


def test_each_fix_moves_the_event_out_of_the_high_beta_days(data_dir):
    a, b = [s for s in _spans(data_dir, 60.0) if s[0] > DEC][0]
    dock = (a + b) / 2
    dragon = _visit("d", "crew-dragon", dock, b + 30 * DAY, launch=dock - 20 * 3600)
    project = Project(missions=[dragon], element_sets=_sets(data_dir))
    [found] = _high(_engine(project))
    earlier, later = sorted(found.suggestions, key=lambda s: s.utc)
    # The nearest whole minutes at least a minute clear of the span.
    assert a - 120 < earlier.utc <= a - 60 and b + 60 <= later.utc < b + 120
    assert earlier.utc % 60 == later.utc % 60 == 0
    assert earlier.text == f"dock at {_short(earlier.utc)}, before |beta| passes 60° at {_short(a)}; the launch " \
                           "moves with it"
    for fix in (earlier, later):
        fixed = _apply(project, found, fix)
        moved = fixed.mission("d")
        assert moved.first(EventKind.DOCK).utc.timestamp() == fix.utc
        assert moved.first(EventKind.LAUNCH).utc == moved.first(EventKind.DOCK).utc - timedelta(hours=20)
        assert moved.first(EventKind.UNDOCK).utc == dragon.first(EventKind.UNDOCK).utc  # the stay's end is kept
        assert _high(_engine(fixed)) == []


def test_a_soyuz_undocking_moves_with_its_landing_onto_a_daylight_opportunity(data_dir):
    a, b = [s for s in _spans(data_dir, 70.0) if s[0] > DEC][0]
    undock = (a + b) / 2
    soyuz = _visit("s", "soyuz-ms", DEC - 40 * DAY, undock, port="rassvet-nadir", land=undock + 3.5 * 3600)
    project = Project(missions=[soyuz], element_sets=_sets(data_dir))
    [found] = _high(_engine(project))
    assert found.suggestions, "no fix offered"
    for fix in found.suggestions:
        fixed = _apply(project, found, fix)
        moved = fixed.mission("s")
        assert moved.first(EventKind.UNDOCK).utc.timestamp() == fix.utc
        assert moved.first(EventKind.LAND).utc - moved.first(EventKind.UNDOCK).utc == timedelta(hours=3.5)
        engine = _engine(fixed)
        assert [f for f in engine.findings() if f.rule in ("high-beta", "landing")] == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(TYPES), st.integers(0, 30 * 24), st.integers(1, 10 * 24)), min_size=1,
                max_size=5), st.lists(st.tuples(st.integers(0, 4), st.integers(-5 * 24, 5 * 24)), min_size=1, max_size=4))
def test_after_random_edits_the_orbit_findings_are_a_full_checks(drawn, edits):
    """Missions (Soyuz with their landings) moved by hours or days, one edit at a time: the high-beta and landing
    findings, with their fixes, are those of a full check of the edited plan."""
    start = DEC - 5 * DAY
    sets = _sets(DATA)

    def visit(k, vtype, hour, stay):
        land = start + (hour + stay) * 3600.0 + 3.5 * 3600 if vtype == "soyuz-ms" else None
        return _visit(f"m{k}", vtype, start + hour * 3600.0, start + (hour + stay) * 3600.0, port=f"p{k}", land=land)

    project = Project(missions=[visit(k, *d) for k, d in enumerate(drawn)], element_sets=sets)
    orbit = ProjectOrbit(Orbit(sets))
    engine = RuleEngine(project, orbit=orbit)
    for k, hours in edits:
        k %= len(drawn)
        vtype, hour, stay = drawn[k]
        drawn[k] = (vtype, hour + hours, stay)
        project.missions[k] = visit(k, *drawn[k])
        engine.changed("missions", f"m{k}")
        assert _dump(engine) == _dump(RuleEngine(project, orbit=ProjectOrbit(Orbit(sets))))
