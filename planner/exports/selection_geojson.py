"""A selection's map as GeoJSON (RFC 7946): one FeatureCollection of the ground track in daylight and shadow, the
ground sites, the activities and filming windows (the track during each) and the station's dockings and
undockings (the point below).

Positions are [longitude, latitude] in WGS84 degrees; lines that cross 180 degrees are cut there into a
MultiLineString (RFC 7946 section 3.1.9). Each feature's ``layer`` property says what it is ("track", "site",
"activity", "window", "event"); a record the element sets cannot place has a ``null`` geometry and a
``no_place`` property saying why.
"""

from __future__ import annotations

import json

from planner.exports.selection_geo import Placed, SelectionMap, TrackPiece, event_title, utc


def selection_geojson(geo: SelectionMap) -> str:
    """The GeoJSON text of a :class:`SelectionMap`."""
    features = []
    for n, piece in enumerate(geo.track):
        features.append(_feature(f"track-{n}", _lines(piece), {
            "layer": "track", "light": piece.light, "start": utc(piece.start), "end": utc(piece.end)}))
    for site in geo.sites:
        point = {"type": "Point", "coordinates": _position(site.lon_deg, site.lat_deg)}
        features.append(_feature(f"site-{site.id}", point, {
            "layer": "site", "id": site.id, "name": site.name, "alt_m": site.alt_m,
            "min_elevation_deg": site.min_elevation_deg}))
    for placed in geo.activities:
        a = placed.record
        features.append(_feature(f"activity-{a.id}", _geometry(placed), {
            "layer": "activity", "id": a.id, "title": a.title, "kind": a.kind.value,
            "start": utc(a.start.timestamp()), "end": utc(a.end.timestamp()),
            "people": [geo.people.get(p, p) for p in a.people], "module": a.module,
            "needs": [n.kind.value + (f":{n.site or n.network}" if n.site or n.network else "") for n in a.needs]},
            placed))
    for placed in geo.windows:
        w = placed.record
        features.append(_feature(w.uid, _geometry(placed), {
            "layer": "window", "label": w.label, "start": utc(w.start), "end": utc(w.end),
            "duration_s": round(w.end - w.start, 1)}, placed))
    for placed in geo.events:
        mission, index = placed.record
        event = mission.events[index]
        features.append(_feature(f"event-{mission.id}-{index}", _geometry(placed), {
            "layer": "event", "mission": mission.id, "title": event_title(mission.name, event, geo.ports),
            "kind": event.kind.value, "port": event.port, "utc": utc(event.utc.timestamp())}, placed))
    head = {"type": "FeatureCollection", "name": geo.name}
    if geo.notes:
        head["notes"] = geo.notes  # a foreign member (RFC 7946 section 6.1): what could not be drawn
    # One feature a line: small, and a diff of two exports shows which features changed.
    lines = ",\n".join(json.dumps(f, ensure_ascii=False) for f in features)
    return json.dumps(head, ensure_ascii=False)[:-1] + ', "features": [\n' + lines + "\n]}\n"


def _feature(feature_id: str, geometry: dict | None, properties: dict, placed: Placed | None = None) -> dict:
    if placed is not None and placed.missing:
        properties["no_place"] = placed.missing
    return {"type": "Feature", "id": feature_id, "geometry": geometry, "properties": properties}


def _position(lon: float, lat: float) -> list[float]:
    return [round(lon, 5), round(lat, 5)]


def _lines(piece: TrackPiece) -> dict | None:
    lines = [[_position(lon, lat) for lon, lat in line] for line in piece.lines()]
    if not lines:
        return None
    if len(lines) == 1:
        return {"type": "LineString", "coordinates": lines[0]}
    return {"type": "MultiLineString", "coordinates": lines}


def _geometry(placed: Placed) -> dict | None:
    if placed.piece is not None:
        return _lines(placed.piece)
    if placed.point is not None:
        lat, lon = placed.point
        return {"type": "Point", "coordinates": _position(lon, lat)}
    return None
