"""How fast the station rules run: a full check of 10,000 missions and 100,000 activities, the growth from
a tenth of that, and a re-check after one edit.

Prints each figure in absolute time and as a ratio to a baseline (sorting a million floats) measured in the
same run, since the machine is shared and noisy: each is the best of several repeats, judged as a ratio.
Also the orbit rules (daylight, a ground site in view): 10,000 activities in a fortnight, and a one-year plan
of 10,000 activities that need them, with weekly element sets; and the high-beta and landing rules with their fixes
on two years of traffic at every port (about 120 visits, landings at random times: most Soyuz landings warned
about, each with a fix worked out).
Run: ``python benchmarks/bench_rules.py``.
Targets (on the build machine, baseline 0.295 s): full check <= 0.5 s; 10x the input <= 15x the time; one
edit re-checked <= 50 ms; the one-year orbit plan <= 0.5 s.

Where the full check's time goes: reading the 100,000 activities into columns (``datetime.timestamp`` alone is
about a quarter of the check), the missions into the timeline's columns, wording the spacing findings, and
listing the findings with their fixes. Everything runs on one thread: the engine sets no interpreter or
collector tuning of its own.
"""

from __future__ import annotations

import gc
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from planner.model import (Activity, ActivityKind, ElementFormat, ElementSet, Event, EventKind, Mission, Need,
                           NeedKind, Project)
from planner.model import time_text
from planner.model.crew_day import AROUND_THE_CLOCK
from planner.rules import RuleEngine
from planner.rules.orbit_link import orbit_conditions

TLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "iss-2021-10-15.tle"

T0 = datetime(2030, 1, 1, tzinfo=timezone.utc)
# (port, vehicle type, crew size): each port gets its own stream of back-to-back visits.
STREAMS = [("rassvet-nadir", "soyuz-ms", 3), ("poisk-zenith", "soyuz-ms", 3), ("zvezda-aft", "progress-ms", 0),
           ("harmony-forward", "crew-dragon", 4), ("harmony-zenith", "cargo-dragon", 0),
           ("harmony-nadir", "cygnus", 0), ("unity-nadir", "cygnus", 0)]


def synthetic_mission(i: int, port: str, vtype: str, crew_size: int, dock, undock, land_hours: float) -> Mission:
    """Mission ``m{i}``: launched 6 h before it docks (berths, for a Cygnus) at ``port``, landing ``land_hours``
    after it leaves, with a crew of its own."""
    crew = tuple(f"p{i}-{k}" for k in range(crew_size))
    return Mission(id=f"m{i}", name=f"Mission {i}", vehicle_type=vtype, events=[
        Event(EventKind.LAUNCH, dock - timedelta(hours=6), crew=crew),
        Event(EventKind.BERTH if vtype == "cygnus" else EventKind.DOCK, dock, port=port, crew=crew),
        Event(EventKind.UNBERTH if vtype == "cygnus" else EventKind.UNDOCK, undock, port=port, crew=crew),
        Event(EventKind.LAND, undock + timedelta(hours=land_hours), crew=crew),
    ])


def make_project(n_missions: int, activities_per_mission: int = 10, seed: int = 1) -> Project:
    """A synthetic plan: visits at every port one after another, crews with activities during their stays."""
    rng = random.Random(seed)
    missions, acts, people_stays = [], [], []
    clock = {port: T0 + timedelta(hours=rng.randrange(0, 24 * 30)) for port, _t, _c in STREAMS}
    for i in range(n_missions):
        port, vtype, crew_size = STREAMS[i % len(STREAMS)]
        dock = clock[port] + timedelta(hours=rng.randrange(12, 24 * 20))
        undock = dock + timedelta(hours=rng.randrange(24 * 20, 24 * 150))
        clock[port] = undock
        missions.append(synthetic_mission(i, port, vtype, crew_size, dock, undock, land_hours=4.0))
        crew = missions[-1].events[0].crew
        if crew:
            people_stays.append((crew, dock, undock))
    n_acts = n_missions * activities_per_mission
    slots = -(-n_acts // len(people_stays))
    for j in range(n_acts):
        crew, dock, undock = people_stays[j % len(people_stays)]
        # Each stay's activities in their own slots, as a planner lays them out (a few findings, not thousands).
        slot = (undock - dock) / slots
        start = dock + slot * (j // len(people_stays)) + slot * rng.uniform(0.0, 0.5)
        kind = ActivityKind.EVA if rng.random() < 0.03 else ActivityKind.EXPERIMENT
        needs = (Need(NeedKind.DAYLIGHT),) if rng.random() < 0.2 else ()
        who = tuple(rng.sample(crew, rng.randint(1, min(2, len(crew)))))
        acts.append(Activity(id=f"a{j}", title=f"Activity {j}", kind=kind, start=start,
                             end=start + min(slot / 2, timedelta(minutes=rng.randrange(30, 240))), people=who,
                             needs=needs))
    end = max(clock.values())
    sets, epoch = [], T0
    while epoch < end:
        sets.append(ElementSet(id=f"e{len(sets)}", format=ElementFormat.TLE, text="-", epoch=epoch))
        epoch += timedelta(days=7)
    # The activities fall at any hour of the day: the crew works around the clock here, so that the crew-day rules
    # run their passes over every activity without warning about most of them (a planner lays them out in the
    # working hours; tests/rules/test_crew_day_rules.py holds what they find).
    return Project(missions=missions, activities=acts, element_sets=sets, crew_day=AROUND_THE_CLOCK)


def timed(fn, repeat: int = 5) -> float:
    """The best of ``repeat`` runs, in seconds (the least disturbed by other work on the machine)."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def baseline() -> float:
    """Sorting a million floats: the same-run yardstick the figures are divided by."""
    rng = random.Random(7)
    data = [rng.random() for _ in range(1_000_000)]
    return timed(lambda: sorted(data))


def full_check(project: Project, fixes: bool = False) -> None:
    """Build the engine and list the findings (what ``planner check`` does), with ``fixes`` each with the fixes
    that pass their re-check (``planner check --fixes``)."""
    time_text._minute_text.cache_clear()  # as cold as a fresh ``planner check``: no instant worded before
    time_text._day_text.cache_clear()
    RuleEngine(project).findings(suggestions=fixes)


def edit_times(project: Project, edits: int = 20) -> tuple[float, float, float]:
    """Median seconds to re-check after moving one mission's undocking, and after moving one activity, and the
    slowest of all those edits (the GUI prepares the engine for edits while idle after opening, as here)."""
    engine = RuleEngine(project)
    engine.findings()
    engine.prepare_for_edits()
    gc.collect()
    gc.freeze()  # as the GUI does once a project is open (planner.gui.heap): no full collection walks the plan
    rng = random.Random(3)  # the GUI lists findings after each edit; fixes are asked for one at a time
    mission_s, activity_s = [], []
    for _ in range(edits):
        k = rng.randrange(len(project.missions))
        mission = project.missions[k]
        events = [replace(e) for e in mission.events]
        events[2].utc += timedelta(hours=1)
        events[3].utc += timedelta(hours=1)
        project.missions[k] = replace(mission, events=events)
        t = time.perf_counter()
        engine.mission_changed(mission.id)
        engine.findings()
        mission_s.append(time.perf_counter() - t)
        k = rng.randrange(len(project.activities))
        activity = project.activities[k]
        project.activities[k] = replace(activity, start=activity.start + timedelta(minutes=10),
                                        end=activity.end + timedelta(minutes=10))
        t = time.perf_counter()
        engine.activity_changed(activity.id)
        engine.findings()
        activity_s.append(time.perf_counter() - t)
    gc.unfreeze()
    return statistics.median(mission_s), statistics.median(activity_s), max(mission_s + activity_s)


def orbit_times(n: int = 10_000) -> float:
    """Seconds for the orbit rules of ``n`` daylight activities over two weeks (one stretch of sunlight)."""
    from planner.orbit.elements import read_elements

    sets = read_elements(TLE)
    epoch = sets[0].epoch
    crew = ("anna",)
    visit = Mission(id="s", name="S", vehicle_type="soyuz-ms", events=[
        Event(EventKind.DOCK, epoch - timedelta(days=8), port="rassvet-nadir", crew=crew)])
    step = timedelta(days=14) / n
    acts = [Activity(id=f"a{i}", title="t", kind=ActivityKind.EXPERIMENT, start=epoch - timedelta(days=7) + i * step,
                     end=epoch - timedelta(days=7) + i * step + timedelta(minutes=20), people=crew,
                     needs=(Need(NeedKind.DAYLIGHT),)) for i in range(n)]
    project = Project(missions=[visit], activities=acts, element_sets=sets)
    orbit = orbit_conditions(project)
    return timed(lambda: RuleEngine(project, orbit=orbit).findings(), repeat=3)


def shifted_tle(lines: list[str], days: float) -> str:
    """The element set of ``lines`` (name, line 1, line 2) with its epoch moved by ``days``: the same orbit shape
    at another time, enough to time a year of orbit rules with the one real set this benchmark ships."""
    name, one, two = lines
    year, doy = 2000 + int(one[18:20]), float(one[20:32])
    epoch = datetime(year, 1, 1, tzinfo=timezone.utc) + timedelta(days=doy - 1 + days)
    start = datetime(epoch.year, 1, 1, tzinfo=timezone.utc)
    field = f"{epoch.year % 100:02d}{(epoch - start).total_seconds() / 86400 + 1:012.8f}"
    one = one[:18] + field + one[32:68]
    digits = sum(int(c) if c.isdigit() else c == "-" for c in one)
    return "\n".join([name, one + str(digits % 10), two])


def orbit_year(n: int = 10_000) -> float:
    """Seconds for a full check of a one-year plan whose ``n`` activities need daylight or a ground site in view
    (weekly element sets; sites: Houston and Moscow)."""
    from planner.model import GroundSite
    from planner.orbit.elements import read_elements

    base_set = TLE.read_text().strip().splitlines()
    first = read_elements(TLE)[0].epoch
    sets = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "set.tle"
        for week in range(54):
            path.write_text(shifted_tle(base_set, 7.0 * week - 3.0))
            sets.append(replace(read_elements(path)[0], id=f"e{week}"))
    sites = [GroundSite("houston", "Houston JSC", 29.56, -95.09), GroundSite("moscow", "Mission Control Moscow", 55.91, 37.81)]
    crew = ("anna", "boris", "chen")
    visit = Mission(id="s", name="S", vehicle_type="soyuz-ms", events=[
        Event(EventKind.DOCK, first - timedelta(days=1), port="rassvet-nadir", crew=crew)])
    rng = random.Random(5)
    step = timedelta(days=365) / n
    acts = []
    for i in range(n):
        start = first + i * step
        need = Need(NeedKind.DAYLIGHT) if rng.random() < 0.7 else Need(NeedKind.SITE_IN_VIEW, site=rng.choice(sites).id)
        acts.append(Activity(id=f"a{i}", title="t", kind=ActivityKind.EXPERIMENT, start=start,
                             end=start + timedelta(minutes=rng.randrange(5, 30)), people=(crew[i % 3],), needs=(need,)))
    project = Project(missions=[visit], activities=acts, element_sets=sets, sites=sites)
    return timed(lambda: RuleEngine(project, orbit=orbit_conditions(project)).findings(), repeat=3)


def event_rules_time(years: int = 2) -> float:
    """Seconds for a full check, fixes listed, of ``years`` of traffic at every port (about 60 visits a year,
    Soyuz landings included) with weekly element sets: the high-beta and landing rules, beside the others."""
    from planner.orbit.elements import read_elements

    base_set = TLE.read_text().strip().splitlines()
    first = read_elements(TLE)[0].epoch
    sets = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "set.tle"
        for week in range(53 * years):
            path.write_text(shifted_tle(base_set, 7.0 * week - 3.0))
            sets.append(replace(read_elements(path)[0], id=f"e{week}"))
    rng = random.Random(2)
    clock = {port: first + timedelta(hours=rng.randrange(0, 24 * 10)) for port, _t, _c in STREAMS}
    missions = []
    for i in range(10_000):
        port, vtype, crew_size = STREAMS[i % len(STREAMS)]
        dock = clock[port] + timedelta(hours=rng.randrange(12, 24 * 10))
        undock = dock + timedelta(hours=rng.randrange(24 * 10, 24 * 60))
        if undock > first + timedelta(days=360 * years):
            break
        clock[port] = undock
        missions.append(synthetic_mission(i, port, vtype, crew_size, dock, undock, land_hours=3.5))
    project = Project(missions=missions, element_sets=sets)
    return timed(lambda: RuleEngine(project, orbit=orbit_conditions(project)).findings(suggestions=True), repeat=3)


#: The targets in seconds hold on the build machine, where the baseline (a sort of a million floats) takes 0.295 s;
#: they are judged as ratios to the baseline measured in the same run, so a busy machine does not fail them.
BUILD_BASELINE_S = 0.295
TARGETS_S = {"full": 0.5, "edit": 0.05, "orbit_year": 0.5}


def main() -> int:
    """Measure and print; exit 1 when a target is missed."""
    base = baseline()
    small, large = make_project(1_000), make_project(10_000)
    n_findings = len(RuleEngine(large).findings())
    t_small = timed(lambda: full_check(small))
    t_large = timed(lambda: full_check(large))
    t_fixes = timed(lambda: full_check(large, fixes=True), repeat=1)
    t_edit_mission, t_edit_activity, t_edit_worst = edit_times(large)
    growth = t_large / t_small
    t_orbit = orbit_times()
    t_year = orbit_year()
    t_events = event_rules_time()
    limit = {name: seconds / BUILD_BASELINE_S for name, seconds in TARGETS_S.items()}  # in baselines

    def line(label: str, seconds: float, target: str | None = None, more: str = "") -> None:
        ratio = seconds / base
        goal = f"  target <= {limit[target]:.3f} x ({TARGETS_S[target] * 1000:g} ms on the build machine)" if target else ""
        print(f"{label:<44}{seconds * 1000:9.1f} ms  ({ratio:6.3f} x baseline){goal}{more}")

    print(f"{'baseline (sort 1e6 floats):':<44}{base * 1000:9.1f} ms")
    line("full check 1,000 missions / 10,000 act:", t_small)
    line("full check 10,000 / 100,000:", t_large, "full", f"; {n_findings} findings")
    line("  and every finding's fixes, each re-checked:", t_fixes)
    print(f"{'growth for 10x the input:':<44}{growth:9.2f} x   target <= 15 x")
    line("re-check after a mission edit (median):", t_edit_mission, "edit")
    line("re-check after an activity edit (median):", t_edit_activity, "edit")
    line(f"slowest of those {2 * 20} edits:", t_edit_worst, "edit")
    line("orbit rules, a fortnight of 10,000 act.:", t_orbit)
    line("orbit rules, a year of 10,000 activities:", t_year, "orbit_year")
    line("high beta and landings, two years' traffic:", t_events)
    ok = (t_large / base <= limit["full"] and growth <= 15
          and max(t_edit_mission, t_edit_activity, t_edit_worst) / base <= limit["edit"]
          and t_year / base <= limit["orbit_year"])
    print("all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
