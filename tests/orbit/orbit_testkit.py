"""Helpers of the orbit tests (on sys.path through conftest.py): hand-made element sets with valid checksums."""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np

from planner.orbit import parse_elements, tle_checksum
from planner.orbit.skydata import skyfield_times


def make_tle(norad: int, epoch: datetime, inclination: float, raan: float, eccentricity: float,
             argp: float, mean_anomaly: float, mean_motion: float, name: str | None = None,
             bstar: str = " 10000-3") -> str:
    """Text of a 2- or 3-line element set with recomputed checksums."""
    start = datetime(epoch.year, 1, 1, tzinfo=timezone.utc)
    day = (epoch - start).total_seconds() / 86400.0 + 1.0
    line1 = (f"1 {norad:05d}U {'21001A':8} {epoch.year % 100:02d}{day:012.8f}  .00001000  00000-0 "
             f"{bstar} 0  999")
    ecc = f"{eccentricity:.7f}"[2:]
    line2 = (f"2 {norad:05d} {inclination:8.4f} {raan:8.4f} {ecc} {argp:8.4f} {mean_anomaly:8.4f} "
             f"{mean_motion:11.8f}{1000:5d}")
    assert len(line1) == 68 and len(line2) == 68, (line1, line2)
    line1 += str(tle_checksum(line1))
    line2 += str(tle_checksum(line2))
    return "\n".join(([name] if name else []) + [line1, line2]) + "\n"


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


# Orbits the tests run against skyfield: ISS-like at other epochs and seasons, a sun-synchronous
# dawn-dusk orbit (no eclipse in June), a near-polar one (the track reaches the poles' latitudes), a
# retrograde one, and an eccentric one.
SYNTHETIC = {
    "iss-2021-06": dict(norad=25544, epoch=utc(2021, 6, 21, 6), inclination=51.6448, raan=300.1, eccentricity=0.0002,
                        argp=60.0, mean_anomaly=120.0, mean_motion=15.4890, name="ISS (ZARYA)"),
    "iss-2024-12": dict(norad=25544, epoch=utc(2024, 12, 3, 18), inclination=51.6393, raan=12.5, eccentricity=0.0006,
                        argp=200.0, mean_anomaly=10.0, mean_motion=15.5012, name="ISS (ZARYA)"),
    "sso-dawn-dusk": dict(norad=43013, epoch=utc(2021, 6, 21, 0), inclination=98.2, raan=0.0, eccentricity=0.0010,
                          argp=90.0, mean_anomaly=270.0, mean_motion=14.57, name="DAWN DUSK"),
    "polar": dict(norad=40001, epoch=utc(2022, 3, 1, 12), inclination=89.7, raan=45.0, eccentricity=0.0015,
                  argp=10.0, mean_anomaly=200.0, mean_motion=14.9, name="POLAR"),
    "molniya-ish": dict(norad=40002, epoch=utc(2023, 9, 10), inclination=63.4, raan=120.0, eccentricity=0.05,
                        argp=270.0, mean_anomaly=30.0, mean_motion=13.2, name="ECCENTRIC"),
}


def synthetic_set(key: str):
    """One hand-made element set by key of ``SYNTHETIC``."""
    return parse_elements(make_tle(**SYNTHETIC[key]), source=key)[0]


def times_of(t):
    """skyfield times for epoch seconds."""
    return skyfield_times(np.asarray(t, dtype=float))
