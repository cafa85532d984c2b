"""The ground track: latitude, longitude and height under the station, split where it crosses 180 degrees."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.orbit.geodesy import geodetic
from planner.orbit.orbit import Orbit
from planner.orbit.timebase import epoch_seconds


@dataclass(frozen=True)
class TrackSegment:
    """A piece of track that can be drawn as one line: no antimeridian jump, no gap."""

    t: np.ndarray
    lat_deg: np.ndarray
    lon_deg: np.ndarray
    alt_km: np.ndarray


@dataclass(frozen=True)
class GroundTrack:
    """Sub-station points at times ``t`` (UTC epoch seconds): WGS84 latitude/longitude (degrees), height (km)."""

    t: np.ndarray
    lat_deg: np.ndarray
    lon_deg: np.ndarray
    alt_km: np.ndarray

    def segments(self) -> list[TrackSegment]:
        """The track cut at the antimeridian (each side ends exactly at +/-180 degrees) and at gaps (NaN)."""
        t, lat, lon, alt = self.t, self.lat_deg, self.lon_deg, self.alt_km
        good = np.isfinite(lat) & np.isfinite(lon)
        pieces: list[TrackSegment] = []
        # Runs of valid points first, then the antimeridian cuts inside each run.
        edges = np.flatnonzero(np.diff(np.concatenate(([0], good.astype(np.int8), [0]))))
        for a, b in zip(edges[0::2], edges[1::2]):
            pieces.extend(_split_antimeridian(t[a:b], lat[a:b], lon[a:b], alt[a:b]))
        return pieces


def _split_antimeridian(t, lat, lon, alt) -> list[TrackSegment]:
    jumps = np.flatnonzero(np.abs(np.diff(lon)) > 180.0)
    if not len(jumps):
        return [TrackSegment(t, lat, lon, alt)]
    out = []
    begin = 0
    head = None
    for i in jumps:
        side = 180.0 if lon[i] > 0 else -180.0
        far = lon[i + 1] + 2 * side  # the next point, unwrapped to this side
        f = (side - lon[i]) / (far - lon[i])
        cross = (t[i] + f * (t[i + 1] - t[i]), lat[i] + f * (lat[i + 1] - lat[i]), alt[i] + f * (alt[i + 1] - alt[i]))
        body = slice(begin, i + 1)
        seg_t, seg_lat, seg_lon, seg_alt = t[body], lat[body], lon[body], alt[body]
        if head is not None:
            seg_t, seg_lat, seg_lon, seg_alt = (np.concatenate(([h], x)) for h, x in
                                                zip(head, (seg_t, seg_lat, seg_lon, seg_alt)))
        out.append(TrackSegment(np.append(seg_t, cross[0]), np.append(seg_lat, cross[1]),
                                np.append(seg_lon, side), np.append(seg_alt, cross[2])))
        head = (cross[0], cross[1], -side, cross[2])
        begin = i + 1
    rest = slice(begin, len(t))
    out.append(TrackSegment(*(np.concatenate(([h], x)) for h, x in zip(head, (t[rest], lat[rest], lon[rest], alt[rest])))))
    return out


def ground_track(orbit: Orbit, times) -> GroundTrack:
    """The ground track at an array of times (epoch seconds or datetimes)."""
    t = np.atleast_1d(epoch_seconds(times))
    lat, lon, alt = geodetic(orbit.ecef(t))
    return GroundTrack(t, lat, lon, alt)
