"""From an element set to a propagator: sgp4's ``Satrec`` and skyfield's ``EarthSatellite``."""

from __future__ import annotations

import re

from planner.model.elements import ElementFormat, ElementSet
from planner.orbit.elements import ElementSetError, omm_fields


def satrec_of(element_set: ElementSet):
    """The sgp4 ``Satrec`` of an element set (TLE or OMM)."""
    from sgp4.api import Satrec

    if element_set.format == ElementFormat.TLE:
        lines = [line.rstrip() for line in element_set.text.splitlines() if line.strip()]
        if len(lines) < 2:
            raise ElementSetError(f"element set {element_set.id}: the text holds no TLE lines")
        return Satrec.twoline2rv(lines[-2], lines[-1])
    from sgp4 import omm

    fields = dict(omm_fields(element_set))
    fields.setdefault("CLASSIFICATION_TYPE", "U")
    fields["CLASSIFICATION_TYPE"] = fields["CLASSIFICATION_TYPE"] or "U"
    for key, default in (("EPHEMERIS_TYPE", "0"), ("ELEMENT_SET_NO", "999"), ("REV_AT_EPOCH", "0"),
                         ("OBJECT_ID", "")):
        if not str(fields.get(key, "")).strip():
            fields[key] = default
    # sgp4's reader wants exactly YYYY-MM-DDTHH:MM:SS.ffffff
    epoch = fields["EPOCH"].strip().rstrip("Z")
    if "." not in epoch:
        epoch += ".0"
    head, frac = epoch.split(".")
    fields["EPOCH"] = f"{head}.{(frac + '000000')[:6]}"
    fields["OBJECT_ID"] = re.sub(r"\s", "", fields["OBJECT_ID"])
    sat = Satrec()
    try:
        omm.initialize(sat, fields)
    except (KeyError, ValueError) as exc:
        raise ElementSetError(f"element set {element_set.id}: SGP4 cannot use these OMM fields ({exc})") from None
    return sat


def earth_satellite_of(element_set: ElementSet):
    """skyfield's ``EarthSatellite`` of an element set, on the offline timescale."""
    from skyfield.api import EarthSatellite

    from planner.orbit.skydata import timescale

    sat = EarthSatellite.from_satrec(satrec_of(element_set), timescale())
    sat.name = element_set.name or str(element_set.norad_id)
    return sat
