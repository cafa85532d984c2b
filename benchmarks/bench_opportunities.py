"""Speed of "when can we fly": launch opportunities, the beta angle and landing opportunities, each as a ratio to
a baseline measured in the same run: bare SGP4 (``Satrec.sgp4_array``) over a year at 60 s steps.

Targets (issue 16):
- a year of launch opportunities for six sites: at most 1x;
- a year of beta at hourly steps, with its high-beta spans: at most 0.1x;
- 30 days of landing opportunities in the Soyuz zone: at most 0.5x.

The machine is shared and noisy: each figure is the best of several repeats, baseline and job in turns.

    python benchmarks/bench_opportunities.py
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from planner.model.landing_zones import find_zone
from planner.model.launch_sites import find_launch_site
from planner.orbit import Orbit, read_elements
from planner.orbit.beta import beta_samples, high_beta_spans
from planner.orbit.landing import landing_opportunities
from planner.orbit.launch import launch_opportunities_at
from planner.orbit.timebase import julian_split

TLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "iss-2021-10-15.tle"
SITES = ("Baikonur Site 31/6", "Baikonur Site 1/5", "Kennedy LC-39A", "Cape Canaveral SLC-40", "Wallops Pad 0A",
         "Tanegashima")
YEAR_S = 365 * 86400.0


def best_of(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    sets = read_elements(TLE)
    orbit = Orbit(sets)
    t0 = sets[0].epoch.timestamp() - YEAR_S / 2
    t1 = t0 + YEAR_S
    jd, fr = julian_split(t0 + np.arange(0.0, YEAR_S, 60.0))
    satrec = orbit.satrecs[0]
    sites = [find_launch_site(name) for name in SITES]
    zone = find_zone("soyuz")
    a_month = (sets[0].epoch.timestamp(), sets[0].epoch.timestamp() + 30 * 86400.0)

    def year_of_beta():
        samples = beta_samples(orbit, t0, t1, 3600.0)
        high_beta_spans(orbit, t0, t1, 60.0, samples)

    jobs = [
        ("a year of launch opportunities, six sites", 1.0, lambda: launch_opportunities_at(orbit, sites, t0, t1)),
        ("a year of beta, hourly, with its spans above 60°", 0.1, year_of_beta),
        ("30 days of Soyuz landing opportunities", 0.5, lambda: landing_opportunities(orbit, zone, *a_month)),
    ]
    for _name, _target, job in jobs:
        job()  # warm the caches (timescale, ephemeris, UT1 table)
    bare = best_of(lambda: satrec.sgp4_array(jd, fr), 3)
    print(f"baseline: bare SGP4 over a year at 60 s steps, {bare * 1000:.0f} ms")
    for name, target, job in jobs:
        took = best_of(job, 5)
        bare = min(bare, best_of(lambda: satrec.sgp4_array(jd, fr), 2))
        print(f"{name}: {took * 1000:.1f} ms, {took / bare:.3f}x bare SGP4 (target <= {target}x)")


if __name__ == "__main__":
    main()
