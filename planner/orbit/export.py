"""The ground track as text: CSV, GeoJSON (a MultiLineString split at the antimeridian) and KML."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

import numpy as np

from planner.model.times import format_utc
from planner.orbit.timebase import to_datetime
from planner.orbit.track import GroundTrack

CSV_HEADER = "utc,lat_deg,lon_deg,alt_km,sunlit"


def _utc(t: float) -> str:
    return format_utc(to_datetime(round(float(t), 3)))


def track_csv(track: GroundTrack, sunlit: np.ndarray) -> str:
    """``utc,lat_deg,lon_deg,alt_km,sunlit`` rows (sunlit 1 or 0); points where SGP4 failed are left out."""
    rows = [CSV_HEADER]
    for t, la, lo, h, s in zip(track.t.tolist(), track.lat_deg.tolist(), track.lon_deg.tolist(),
                               track.alt_km.tolist(), np.asarray(sunlit).tolist()):
        if la == la:  # not NaN
            rows.append(f"{_utc(t)},{la:.5f},{lo:.5f},{h:.3f},{1 if s else 0}")
    return "\n".join(rows) + "\n"


def track_geojson(track: GroundTrack, name: str = "") -> str:
    """A GeoJSON Feature whose geometry is a MultiLineString cut at +/-180 degrees."""
    lines = [[[round(lo, 5), round(la, 5)] for lo, la in zip(seg.lon_deg.tolist(), seg.lat_deg.tolist())]
             for seg in track.segments() if len(seg.t) >= 2]
    feature = {
        "type": "Feature",
        "properties": {"name": name, "start": _utc(track.t[0]) if len(track.t) else None,
                       "end": _utc(track.t[-1]) if len(track.t) else None},
        "geometry": {"type": "MultiLineString", "coordinates": lines},
    }
    return json.dumps({"type": "FeatureCollection", "features": [feature]}, indent=1) + "\n"


def track_kml(track: GroundTrack, name: str = "") -> str:
    """A KML document with the track as a MultiGeometry of LineStrings on the ground (opens in Google Earth)."""
    parts = []
    for seg in track.segments():
        if len(seg.t) < 2:
            continue
        coords = " ".join(f"{lo:.5f},{la:.5f},0" for lo, la in zip(seg.lon_deg.tolist(), seg.lat_deg.tolist()))
        parts.append(f"<LineString><tessellate>1</tessellate><coordinates>{coords}</coordinates></LineString>")
    title = escape(name or "Ground track")
    span = f"{_utc(track.t[0])} to {_utc(track.t[-1])}" if len(track.t) else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n'
        f"<name>{title}</name>\n"
        '<Style id="track"><LineStyle><color>ff00a5ff</color><width>2</width></LineStyle></Style>\n'
        f"<Placemark><name>{title}</name><description>{escape(span)}</description>"
        f"<styleUrl>#track</styleUrl>\n<MultiGeometry>\n" + "\n".join(parts) + "\n</MultiGeometry></Placemark>\n"
        "</Document>\n</kml>\n"
    )
