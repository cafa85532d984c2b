"""The live-link need: a warning for the minutes without a link of the network asked for, worded for a planner;
one question to the orbit per network; an edited activity judged as a full check judges it; the need kept in
project files."""

from __future__ import annotations

import math
from datetime import timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.model import (Activity, ActivityKind, ElementFormat, ElementSet, Event, EventKind, GroundSite, Mission,
                           Need, NeedKind, Person, Project)
from planner.model.times import from_epoch
from planner.rules import RuleEngine
from planner.rules.orbit_rule import LINK

T0 = 1_900_000_000.0
PERIOD = 92 * 60.0
#: A made-up orbit: a US link for the first 70 minutes of every 92, a Russian one for 20 minutes from minute 60.
US, RU = (0.0, 70 * 60.0), (60 * 60.0, 80 * 60.0)
MOSCOW = GroundSite("mcc", "Moscow", 55.91, 37.81)


def _runs(start, end, on):
    out, k = [], math.floor((start - T0) / PERIOD)
    while T0 + k * PERIOD < end:
        s, e = T0 + k * PERIOD + on[0], T0 + k * PERIOD + on[1]
        if min(e, end) > max(s, start):
            out.append((max(s, start), min(e, end)))
        k += 1
    return out


class Links:
    """Exact, cheap link coverage that counts the questions asked and remembers the sites given."""

    def __init__(self):
        self.asked = []

    def sunlit(self, windows):
        return np.zeros((0, 2))

    def in_view(self, site, elevation, windows):
        return np.zeros((0, 2))

    def link(self, network, sites, windows):
        self.asked.append((network, tuple(s.id for s in sites)))
        spans = {"us": [US], "ru": [RU], "any": [US, RU]}[network]
        rows = [r for s, e in windows.tolist() for on in spans for r in _runs(s, e, on)]
        from planner import intervals

        return intervals.normalise(rows)


def _plan(acts):
    visit = Mission(id="s", name="S", vehicle_type="soyuz-ms", events=[
        Event(EventKind.DOCK, from_epoch(T0 - 86400), port="rassvet-nadir", crew=("ann",))])
    sets = [ElementSet(id="e", format=ElementFormat.TLE, text="-", epoch=from_epoch(T0 + 1.5 * 86400))]
    return Project(missions=[visit], activities=acts, sites=[MOSCOW], element_sets=sets, people=[Person("ann", "Ann")])


def _act(aid, minute, length, *networks, title=None):
    return Activity(id=aid, title=title or aid, kind=ActivityKind.LIVE_DOWNLINK, start=from_epoch(T0 + minute * 60),
                    end=from_epoch(T0 + (minute + length) * 60), people=("ann",),
                    needs=tuple(Need(NeedKind.LIVE_LINK, network=n) for n in networks))


def _links(engine):
    return sorted((f.activities[0], f.start, f.end, f.message) for f in engine.findings() if f.rule == LINK)


def test_the_warning_says_the_minutes_without_the_link_asked_for():
    acts = [_act("a", 50, 30, "us", title="Live downlink to Houston"),  # 50-80: no US link from minute 70
            _act("b", 65, 10, "ru"),  # 65-75: inside the Russian link
            _act("c", 50, 30, "any"),  # 50-80: US to 70, then Russian to 80
            _act("d", 75, 30, None)]  # 75-105: any; the US link comes back at 92, none from 80 to 92
    engine = RuleEngine(_plan(acts), orbit=Links())
    found = _links(engine)
    assert [f[0] for f in found] == ["a", "d"]
    a = next(f for f in engine.findings() if f.rule == LINK and f.activities == ("a",))
    assert a.severity.value == "warning" and not a.is_conflict
    assert a.message.startswith("'Live downlink to Houston' ")
    assert ": 10 min of its 30 without a US link (TDRS), first " in a.message
    assert (a.start, a.end) == (T0 + 70 * 60, T0 + 80 * 60)
    d = found[1]
    assert "12 min of its 30 without a link to the ground (TDRS, Luch or a Russian ground site)" in d[3]
    assert (d[1], d[2]) == (T0 + 80 * 60, T0 + 92 * 60)


def test_one_question_per_network_with_the_project_s_sites_for_ru():
    acts = [_act(f"a{i}", i * 7, 20, n) for i, n in enumerate(["us", "ru", "any", "us", "ru", None] * 20)]
    orbit = Links()
    RuleEngine(_plan(acts), orbit=orbit)
    assert sorted(orbit.asked) == [("any", ("mcc",)), ("ru", ("mcc",)), ("us", ())]


def test_an_orbit_that_cannot_say_makes_a_warning_that_says_so():
    class NoLinks(Links):
        link = None

    engine = RuleEngine(_plan([_act("a", 0, 30, "us")]), orbit=NoLinks())
    (f,) = [f for f in engine.findings() if f.rule == "activity-orbit"]
    assert "cannot be judged: this orbit cannot say when the station has a link" in f.message


NETWORKS = ("us", "ru", "any", None)
activities = st.lists(st.tuples(st.integers(0, 2 * 86400 // 60), st.integers(0, 120),
                                st.lists(st.sampled_from(NETWORKS), min_size=1, max_size=2, unique=True)),
                      max_size=20)


def _drawn(drawn):
    return [_act(f"a{i}", m, length, *networks) for i, (m, length, networks) in enumerate(drawn)]


def _reference(project):
    """(id, first gap start, last gap end, minutes lost) per activity and need, asking minute by minute."""
    on = {"us": [US], "ru": [RU], "any": [US, RU]}
    found = []
    for a in project.activities:
        start, end = a.start.timestamp(), a.end.timestamp()
        for need in a.needs:
            seconds = np.arange(start, end, 1.0)
            phase = (seconds - T0) % PERIOD
            good = np.zeros(len(seconds), bool)
            for lo, hi in on[need.network or "any"]:
                good |= (phase >= lo) & (phase < hi)
            if not good.all():
                bad = seconds[~good]
                found.append((a.id, bad[0], bad[-1] + 1.0, round((~good).sum() / 60, 1)))
    return sorted(found)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(activities)
def test_findings_equal_a_reference_asking_second_by_second(drawn):
    project = _plan(_drawn(drawn))
    got = [(aid, s, e, float(m.split(": ")[-1].split(" min")[0])) for aid, s, e, m in _links(RuleEngine(project, Links()))]
    assert sorted(got) == _reference(project)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(activities, st.data())
def test_an_edited_activity_is_judged_as_a_full_check_judges_it(drawn, data):
    project = _plan(_drawn(drawn or [(0, 30, ["us"])]))
    engine = RuleEngine(project, orbit=Links())
    k = data.draw(st.integers(0, len(project.activities) - 1))
    old = project.activities[k]
    shift = timedelta(minutes=data.draw(st.integers(-300, 300)))
    networks = data.draw(st.lists(st.sampled_from(NETWORKS), max_size=2, unique=True))
    project.activities[k] = Activity(id=old.id, title=old.title, kind=old.kind, start=old.start + shift,
                                     end=old.end + shift, people=old.people,
                                     needs=tuple(Need(NeedKind.LIVE_LINK, network=n) for n in networks))
    engine.activity_changed(old.id)
    assert _links(engine) == _links(RuleEngine(project, orbit=Links()))


def test_with_the_real_orbit_one_relay_leaves_gaps_and_three_leave_none(data_dir, monkeypatch):
    """Three TDRS see the station all the time (geometry alone); with only the relay at 41 W in the catalogue,
    an hour-long downlink goes without a US link for the minutes that relay is below the Earth's limb."""
    from planner.orbit import coverage
    from planner.orbit.elements import read_elements
    from planner.rules.orbit_link import orbit_conditions

    sets = read_elements(data_dir / "iss-2021-10-15.tle")
    epoch = sets[0].epoch.timestamp()
    soyuz = Mission(id="s", name="Soyuz", vehicle_type="soyuz-ms", events=[
        Event(EventKind.DOCK, sets[0].epoch - timedelta(days=5), port="rassvet-nadir", crew=("ann",))])
    act = Activity(id="live", title="Live downlink", kind=ActivityKind.LIVE_DOWNLINK, start=from_epoch(epoch),
                   end=from_epoch(epoch + 3600), people=("ann",), needs=(Need(NeedKind.LIVE_LINK, network="us"),))
    project = Project(missions=[soyuz], activities=[act], element_sets=sets, people=[Person("ann", "Ann")])
    assert _links(RuleEngine(project, orbit=orbit_conditions(project))) == []
    east = tuple(r for r in coverage.relays() if r.id == "tdrs-41w")
    monkeypatch.setattr(coverage, "_catalogue", lambda: east)
    (finding,) = _links(RuleEngine(project, orbit=orbit_conditions(project)))
    seen = coverage.relays_in_view_within(orbit_conditions(project).orbit, east, [[epoch, epoch + 3600]])[0]
    lost = 60 - sum(e - s for s, e in seen.tolist()) / 60
    assert 5 < lost < 55
    assert f": {lost:.1f} min of its 60 without a US link (TDRS), first " in finding[3]


@pytest.mark.parametrize("network", ["us", "ru", "any", None])
def test_the_need_is_kept_in_project_files(tmp_path, network):
    from planner.store import load_project, save_project

    project = _plan([_act("a", 0, 30, network)])
    project.element_sets = []  # a made-up set, which a file may not hold
    path = tmp_path / "p.issplan"
    save_project(project, path)
    (need,) = load_project(path).activities[0].needs
    assert need == Need(NeedKind.LIVE_LINK, network=network)
    text = path.read_text()
    assert '"live-link"' in text and (('"network"' in text) == (network is not None))


def test_a_need_naming_no_network_is_refused_at_its_place(tmp_path):
    import json

    from planner.store import ProjectFileError, load_project, save_project

    path = tmp_path / "p.issplan"
    project = _plan([_act("a", 0, 30, "us")])
    project.element_sets = []
    save_project(project, path)
    doc = json.loads(path.read_text())
    doc["activities"][0]["needs"][0]["network"] = "eu"
    path.write_text(json.dumps(doc))
    with pytest.raises(ProjectFileError, match=r"needs.*0.*network.*'eu' is not a network: expected us, ru or any"):
        load_project(path)
