"""From an element set to a propagator: sgp4's ``Satrec`` and skyfield's ``EarthSatellite``."""

from __future__ import annotations

from planner.model.elements import ElementSet
from planner.orbit.elements import validate_element_set


def satrec_of(element_set: ElementSet):
    """The sgp4 ``Satrec`` of an element set (TLE or OMM), checked as every reader checks it."""
    return validate_element_set(element_set)


def earth_satellite_of(element_set: ElementSet):
    """skyfield's ``EarthSatellite`` of an element set, on the offline timescale."""
    from skyfield.api import EarthSatellite

    from planner.orbit.skydata import timescale

    sat = EarthSatellite.from_satrec(satrec_of(element_set), timescale())
    sat.name = element_set.name or str(element_set.norad_id)
    return sat
