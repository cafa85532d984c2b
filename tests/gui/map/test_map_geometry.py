"""The map's Qt-free geometry: the point under the Sun, the day/night line and visibility circles."""

from __future__ import annotations

import numpy as np
import pytest

from planner.model.times import parse_utc
from planner.orbit.footprint import footprint_radius_deg, small_circle
from planner.orbit.geodesy import MEAN_EARTH_RADIUS_KM, central_angle_deg
from planner.orbit.skydata import ephemeris, skyfield_times
from planner.orbit.terminator import night_polygon, subsolar_point, sun_altitude_deg, terminator_latitudes

WHEN = [parse_utc(s).timestamp() for s in ("2021-10-06T12:00:00Z", "2021-12-21T03:30:00Z", "2022-06-21T18:00:00Z",
                                            "2021-03-20T09:37:00Z")]


def _skyfield_altitude(t: float, lat: float, lon: float) -> float:
    from skyfield.api import wgs84

    eph = ephemeris()
    observer = eph["earth"] + wgs84.latlon(lat, lon)
    return observer.at(skyfield_times(t)).observe(eph["sun"]).apparent().altaz()[0].degrees


@pytest.mark.parametrize("t", WHEN)
def test_the_subsolar_point_has_the_sun_overhead_in_skyfield(t):
    lat, lon = (float(v[0]) for v in subsolar_point(t))
    # Geodetic vs geocentric vertical differ by up to 0.2 degrees; aberration by 0.006.
    assert _skyfield_altitude(t, lat, lon) == pytest.approx(90.0, abs=0.25)


@pytest.mark.parametrize("t", WHEN)
def test_points_on_the_terminator_have_the_sun_on_the_horizon(t):
    lat_s, lon_s = (float(v[0]) for v in subsolar_point(t))
    lon = np.array([-150.0, -60.0, 10.0, 95.0, 170.0])
    lat = terminator_latitudes(lat_s, lon_s, lon)
    for la, lo in zip(lat, lon):
        assert _skyfield_altitude(t, la, lo) == pytest.approx(0.0, abs=0.35)


def test_the_night_polygon_closes_over_the_pole_turned_away_from_the_sun():
    june = parse_utc("2022-06-21T12:00:00Z").timestamp()
    december = parse_utc("2021-12-21T12:00:00Z").timestamp()
    assert night_polygon(june)[1][-1] == -90.0  # southern winter: the south pole is dark
    assert night_polygon(december)[1][-1] == 90.0
    assert sun_altitude_deg(june, -89.0, 0.0) < 0 < sun_altitude_deg(june, 89.0, 0.0)


@pytest.mark.parametrize("alt_km, elevation", [(420.0, 0.0), (420.0, 10.0), (800.0, 25.0)])
def test_the_footprint_edge_sees_the_satellite_at_the_minimum_elevation(alt_km, elevation):
    radius = footprint_radius_deg(alt_km, elevation)
    # Independent: a site at central angle psi sees a satellite at height h at elevation
    # atan((cos psi - R/(R+h)) / sin psi).
    psi = np.radians(radius)
    ratio = MEAN_EARTH_RADIUS_KM / (MEAN_EARTH_RADIUS_KM + alt_km)
    seen = np.degrees(np.arctan2(np.cos(psi) - ratio, np.sin(psi)))
    assert seen == pytest.approx(elevation, abs=1e-9)


@pytest.mark.parametrize("lat, lon, radius", [(55.91, 37.81, 12.5), (-10.0, 175.0, 20.0), (0.0, -179.0, 5.0)])
def test_small_circle_points_are_at_the_radius(lat, lon, radius):
    clon, clat = small_circle(lat, lon, radius)
    assert np.allclose(central_angle_deg(lat, lon, clat, clon), radius, atol=1e-6)
    # Unwrapped around the centre: no jump of a whole turn between neighbours.
    assert np.abs(np.diff(clon)).max() < 5.0


def test_a_circle_around_a_pole_is_closed_over_the_pole():
    clon, clat = small_circle(80.0, 30.0, 15.0)
    assert clat[-1] == clat[-2] == 90.0
    assert clon.max() - clon.min() >= 359.0
