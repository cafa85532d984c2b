"""The one check every element set passes, whatever its form: field by field, then one propagation at its epoch.

The TLE and OMM readers turn their text into :class:`Elements` (the numbers, each with how the file
names it) and call :func:`check_elements`, which returns the sgp4 ``Satrec`` or raises
:class:`ElementSetError` naming the field or the set. Nothing that fails here reaches the engine: no NaN,
no hyperbolic orbit, no orbit under the ground or beyond the Earth's reach, no SGP4 error at the epoch.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from planner.model.times import UTC
from planner.orbit.errors import ElementSetError

# SGP4's own Earth (WGS72): the radius its "decayed" test uses and the gravity it turns mean motion into size with.
EARTH_RADIUS_KM = 6378.135
MU_KM3_S2 = 398600.8
# Beyond about 925,000 km the Sun pulls harder than the Earth (the Earth's sphere of influence): no Earth orbit.
SPHERE_OF_INFLUENCE_KM = 925_000.0
# Sputnik 1 was launched on 1957-10-04: no element set is older.
FIRST_EPOCH = datetime(1957, 10, 4, tzinfo=UTC)
# |B*| of a sheet of paper is about 2 per Earth radius; the lightest debris (foil) stays well under 10.
MAX_BSTAR = 10.0
# sgp4 keeps catalogue numbers up to 339999 (Alpha-5 'Z9999'); the number plays no part in the propagation.
_SGP4_MAX_SATNUM = 339_999
MAX_NORAD_ID = 999_999_999  # OMM's nine digits
_SGP4_EPOCH0 = datetime(1949, 12, 31, tzinfo=UTC)  # sgp4init counts its epoch in days from here
_NDOT_UNITS = 1036800.0 / math.pi  # rev/day^2 -> rad/min^2, as sgp4 converts MEAN_MOTION_DOT
_NDDOT_UNITS = 2985984000.0 / 2.0 / math.pi


@dataclass(frozen=True)
class Field:
    """One number of an element set: how the file names it (with its place), the text given, the value."""

    label: str
    text: str
    value: float


@dataclass(frozen=True)
class Elements:
    """The numbers of one element set as read, before any check.

    ``values`` has the keys ``mean_motion`` (revolutions a day), ``eccentricity``, ``inclination``,
    ``raan``, ``arg_perigee``, ``mean_anomaly`` (degrees), ``bstar`` (per Earth radius), ``ndot`` and
    ``nddot`` (as TLE and OMM write them). ``tle_lines`` holds a TLE's two lines, which sgp4 reads itself.
    """

    place: str
    epoch: datetime
    norad_id: int
    values: dict[str, Field] = field(default_factory=dict)
    tle_lines: tuple[str, str] | None = None


_ANGLES = ("raan", "arg_perigee", "mean_anomaly")


def check_elements(elements: Elements):
    """The sgp4 ``Satrec`` of checked elements; ``ElementSetError`` naming the field or the set otherwise."""
    values = elements.values
    for f in values.values():
        if not math.isfinite(f.value):
            raise ElementSetError(f"{f.label} '{f.text}' is not a finite number")
    _check_range(values["eccentricity"], 0.0 <= values["eccentricity"].value < 1.0,
                 "is not an eccentricity of a closed orbit (0 to below 1)")
    _check_range(values["inclination"], 0.0 <= values["inclination"].value <= 180.0,
                 "is not an inclination (0 to 180 degrees)")
    for key in _ANGLES:
        _check_range(values[key], -360.0 <= values[key].value <= 360.0, "is not an angle (-360 to 360 degrees)")
    _check_range(values["bstar"], abs(values["bstar"].value) <= MAX_BSTAR,
                 f"is not the drag term of a real object (at most {MAX_BSTAR:g} either way)")
    _check_size(elements)
    if not 1 <= elements.norad_id <= MAX_NORAD_ID:
        raise ElementSetError(f"{elements.place}: catalogue number {elements.norad_id} is not within "
                              f"1-{MAX_NORAD_ID:,}")
    if elements.epoch < FIRST_EPOCH:
        raise ElementSetError(f"{elements.place}: epoch {elements.epoch:%Y-%m-%d} is before the first satellite "
                              f"(Sputnik 1, {FIRST_EPOCH:%Y-%m-%d})")
    sat = _satrec(elements)
    _check_at_epoch(sat, elements.place)
    return sat


def _check_range(f: Field, good: bool, words: str) -> None:
    if not good:
        raise ElementSetError(f"{f.label} {f.text.strip()} {words}")


def _check_size(elements: Elements) -> None:
    """The orbit the mean motion and eccentricity describe stays above the ground and within the Earth's reach."""
    n, e = elements.values["mean_motion"], elements.values["eccentricity"]
    if n.value <= 0.0:
        raise ElementSetError(f"{n.label} {n.text.strip()} is not a mean motion (revolutions a day, above 0)")
    rad_s = n.value * 2.0 * math.pi / 86400.0
    a = MU_KM3_S2 ** (1.0 / 3.0) * rad_s ** (-2.0 / 3.0)  # Kepler's third law, written not to overflow
    perigee, apogee = a * (1.0 - e.value), a * (1.0 + e.value)
    if perigee < EARTH_RADIUS_KM:
        raise ElementSetError(f"{n.label} {n.text.strip()} with eccentricity {e.value:g} puts the perigee "
                              f"{EARTH_RADIUS_KM - perigee:,.0f} km under the ground: not an orbit")
    if apogee > SPHERE_OF_INFLUENCE_KM:
        raise ElementSetError(f"{n.label} {n.text.strip()} with eccentricity {e.value:g} puts the apogee "
                              f"{apogee:,.3g} km from the Earth's centre, beyond its reach "
                              f"({SPHERE_OF_INFLUENCE_KM:,.0f} km): not an Earth orbit")


def _satrec(elements: Elements):
    from sgp4.api import WGS72, Satrec

    if elements.tle_lines is not None:
        return Satrec.twoline2rv(*elements.tle_lines)
    v = {key: f.value for key, f in elements.values.items()}
    rad = math.pi / 180.0
    sat = Satrec()
    sat.sgp4init(WGS72, "i", elements.norad_id if elements.norad_id <= _SGP4_MAX_SATNUM else 0,
                 (elements.epoch - _SGP4_EPOCH0).total_seconds() / 86400.0, v["bstar"],
                 v["ndot"] / _NDOT_UNITS, v["nddot"] / _NDDOT_UNITS, v["eccentricity"], v["arg_perigee"] * rad,
                 v["inclination"] * rad, v["mean_anomaly"] * rad, v["mean_motion"] / 720.0 * math.pi,
                 v["raan"] * rad)
    return sat


#: What SGP4's error codes mean, in words a planner can read.
SGP4_ERRORS = {
    1: "the mean eccentricity left the range 0 to 1", 2: "the mean motion fell below zero",
    3: "the perturbed eccentricity left the range 0 to 1", 4: "the semi-latus rectum fell below zero",
    5: "the satellite is under the ground", 6: "the orbit has decayed: the satellite is under the ground",
}


def _check_at_epoch(sat, place: str) -> None:
    error, r, _v = sat.sgp4(sat.jdsatepoch, sat.jdsatepochF)
    error = sat.error or error
    if error:
        raise ElementSetError(f"{place}: SGP4 cannot fly these elements at their epoch "
                              f"(error {error}: {SGP4_ERRORS.get(error, 'unknown')})")
    radius = math.sqrt(sum(x * x for x in r))
    if not EARTH_RADIUS_KM <= radius <= SPHERE_OF_INFLUENCE_KM:
        raise ElementSetError(f"{place}: SGP4 puts the satellite {radius:,.6g} km from the Earth's centre at the "
                              "epoch: not an Earth orbit")


MAX_NAME_CHARS = 200  # CelesTrak's names run to about 25 characters


def check_name(name: str, label: str) -> str:
    """A satellite's name without control or direction-changing characters (they would garble every listing)."""
    if len(name) > MAX_NAME_CHARS:
        raise ElementSetError(f"{label}: a name of {len(name):,} characters (at most {MAX_NAME_CHARS})")
    for k, char in enumerate(name):
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            raise ElementSetError(f"{label}: character {k + 1} of the name is U+{ord(char):04X}, not a printable "
                                  "character")
    return name
