"""The real 2021 launches to the ISS against the estimated liftoffs, and the leads catalogue's derivation from them.

The launches and their times are the test data's (tests/data/iss-traffic-2021h2.csv); the pad each left from is a
public fact (each flight's Wikipedia article): Soyuz MS-19 and MS-20, Progress MS-17 and MS-18 and Prichal (Soyuz-2.1b)
from Baikonur Site 31/6; Nauka (Proton-M) from Site 200/39; Crew-3, CRS-23 and CRS-24 (Falcon 9) from Kennedy LC-39A;
Cygnus NG-16 (Antares) from Wallops Pad 0A.
"""

from __future__ import annotations

import csv
import statistics

import pytest

from planner.model.launch_sites import find_launch_site
from planner.model.rendezvous import lead_data, launch_lead
from planner.model.times import parse_utc
from planner.orbit import Horizon
from planner.orbit.inplane import plane_crossings
from planner.orbit.launch import launch_opportunities

PADS = {
    "Soyuz MS-19": "baikonur-31", "Soyuz MS-20": "baikonur-31", "Progress MS-17": "baikonur-31",
    "Progress MS-18": "baikonur-31", "Prichal": "baikonur-31", "Nauka": "baikonur-200",
    "Crew-3": "ksc-39a", "CRS-23": "ksc-39a", "CRS-24": "ksc-39a", "Cygnus NG-16": "wallops-0a",
}
A_FEW_MINUTES_S = 180.0


@pytest.fixture(scope="module")
def launches():
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "data" / "iss-traffic-2021h2.csv"
    with path.open(newline="", encoding="utf-8") as f:
        return [(r["vehicle"], r["vehicle_type"], parse_utc(r["utc"])) for r in csv.DictReader(f)
                if r["event"] == "launch"]


def _in_reach(orbit, when):
    return Horizon(orbit).reason(when, when) is None


def test_every_launch_of_the_data_has_its_pad(launches):
    assert {name for name, _, _ in launches} == set(PADS)


def test_each_real_launch_within_a_few_minutes_of_an_estimated_liftoff_on_its_day(launches, iss_orbit):
    judged = []
    for name, vehicle_type, liftoff in launches:
        if not _in_reach(iss_orbit, liftoff):
            continue  # Progress MS-17: 108 days before the element set's epoch
        day = liftoff.replace(hour=0, minute=0, second=0)
        found = launch_opportunities(iss_orbit, find_launch_site(PADS[name]), day, day.replace(hour=23, minute=59),
                                     vehicle_type)
        off = min(abs(o.launch - liftoff.timestamp()) for o in found)
        assert off < A_FEW_MINUTES_S, (name, off)
        judged.append(name)
    assert len(judged) == 9 and "Soyuz MS-19" in judged and "Crew-3" in judged and "Cygnus NG-16" in judged


def _lead_of(orbit, name, liftoff):
    """Seconds from the liftoff to the nearest in-plane moment of the pad, in a direction it launches."""
    site = find_launch_site(PADS[name])
    t = liftoff.timestamp()
    found = plane_crossings(orbit, [(site.lat_deg, site.lon_deg)], t - 86400.0, t + 86400.0)[0]
    ways = [k for k in range(len(found)) if site.flies(found.direction(k))]
    return min((found.times[k] - t for k in ways), key=abs)


def test_the_catalogues_leads_are_what_the_real_launches_give(launches, iss_orbit):
    liftoffs = {name: when for name, _, when in launches}
    types = {name: vtype for name, vtype, _ in launches}
    derived = []
    for entry in lead_data():
        leads = []
        for row in entry["launches"]:
            assert parse_utc(row["liftoff"]) == liftoffs[row["vehicle"]]
            assert row["site"] == PADS[row["vehicle"]] and types[row["vehicle"]] == entry["vehicle_type"]
            lead = _lead_of(iss_orbit, row["vehicle"], liftoffs[row["vehicle"]])
            assert lead == pytest.approx(row["lead_s"], abs=1.0), row["vehicle"]
            leads.append(lead)
        mean = sum(leads) / len(leads)
        assert entry["lead_s"] == 5 * round(mean / 5), entry["vehicle_type"]
        assert launch_lead(entry["vehicle_type"]).seconds == entry["lead_s"]
        derived += leads
    # every launch within the element set's reach is counted, and only those
    counted = {row["vehicle"] for entry in lead_data() for row in entry["launches"]}
    assert counted == {name for name, _, when in launches if _in_reach(iss_orbit, when)}
    assert len(derived) == 9
    default = launch_lead("starliner")
    assert not default.derived and default.seconds == 5 * round(statistics.median(derived) / 5)


def test_in_plane_moments_of_real_launch_days_cross_the_right_way(launches, iss_orbit):
    # NG-16 lifted off from Wallops within seconds of the south-east in-plane moment: a north-east launch at that
    # time is impossible (the north-east crossing that day is hours away)
    ng16 = next(when for name, _, when in launches if name == "Cygnus NG-16")
    assert abs(_lead_of(iss_orbit, "Cygnus NG-16", ng16)) < 5.0
    wallops = find_launch_site("wallops-0a")
    t = ng16.timestamp()
    both = plane_crossings(iss_orbit, [(wallops.lat_deg, wallops.lon_deg)], t - 43200, t + 43200)[0]
    northeast = [both.times[k] for k in range(len(both)) if both.northbound[k]]
    assert min(abs(x - t) for x in northeast) > 3600.0
