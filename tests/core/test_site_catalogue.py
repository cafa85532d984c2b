"""The bundled catalogue of usual ground sites: five control centres, each with its source."""

from __future__ import annotations

import pytest

from planner.model.site_catalogue import usual_sites


def test_five_centres_each_with_a_source_and_plausible_coordinates():
    sites = usual_sites()
    assert [s.name.split(" (")[0] for s in sites] == ["Houston", "Moscow", "Munich", "Tsukuba", "Huntsville"]
    assert len({s.id for s in sites}) == 5
    for site in sites:
        assert -90 <= site.lat_deg <= 90 and -180 <= site.lon_deg <= 180
        assert "Where the coordinates come from:" in site.note and len(site.note) > 80
        assert site.min_elevation_deg == 10.0


@pytest.mark.parametrize("name, lat, lon", [("Houston", 29.56, -95.09), ("Moscow", 55.91, 37.81)])
def test_the_centres_named_in_the_domain_notes_agree_with_them(name, lat, lon):
    site = next(s for s in usual_sites() if s.name.startswith(name))
    assert site.lat_deg == pytest.approx(lat, abs=0.01) and site.lon_deg == pytest.approx(lon, abs=0.01)


def test_each_call_gives_new_records():
    first = usual_sites()
    first[0].name = "changed"
    assert usual_sites()[0].name != "changed"
