"""A selection's map as KML 2.2 (Google Earth, Marble, QGIS): folders of the ground track in daylight and shadow,
the ground sites, the activities and filming windows (the track during each) and the station's dockings and
undockings (the point below), each with its time, so a viewer's time slider plays them. Written with the standard
library's ElementTree, which escapes every text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from planner.exports.selection_geo import (Placed, SelectionMap, TrackPiece, activity_lines, event_title, minutes,
                                          utc)

KML_NS = "http://www.opengis.net/kml/2.2"

# Colours are aabbggrr.
_LINE_STYLES = {
    "sunlit": ("ff00c8ff", 2),  # amber
    "shadow": ("ff8b3a1e", 2),  # navy
    "activity": ("ff2828e6", 5),  # red
    "window": ("ff3cb43c", 5),  # green
}
_POINT_STYLES = {"site": ("ffffffff", 1.1), "event": ("ff00c8ff", 0.9)}


def selection_kml(geo: SelectionMap) -> str:
    """The KML document of a :class:`SelectionMap`."""
    root = ET.Element("kml", xmlns=KML_NS)
    doc = ET.SubElement(root, "Document")
    _text(doc, "name", geo.name)
    _text(doc, "description", "\n".join(["Exported by ISS Visit Planner.", *geo.notes]))
    for style, (colour, width) in _LINE_STYLES.items():
        line = ET.SubElement(ET.SubElement(doc, "Style", id=style), "LineStyle")
        _text(line, "color", colour)
        _text(line, "width", str(width))
    for style, (colour, scale) in _POINT_STYLES.items():
        icon = ET.SubElement(ET.SubElement(doc, "Style", id=style), "IconStyle")
        _text(icon, "color", colour)
        _text(icon, "scale", str(scale))

    if geo.track:
        folder = _folder(doc, f"{geo.satellite or 'Station'} ground track")
        for n, piece in enumerate(geo.track):
            mark = _placemark(folder, f"{'Sunlit' if piece.light == 'sunlit' else 'In shadow'} "
                                      f"{minutes(piece.start, piece.end)}", "", f"track-{n}")
            _span(mark, piece.start, piece.end)
            _style(mark, piece.light)
            _lines(mark, piece)
    if geo.sites:
        folder = _folder(doc, "Ground sites")
        for site in geo.sites:
            mark = _placemark(folder, site.name or site.id,
                              f"{site.lat_deg:.4f}, {site.lon_deg:.4f}; in view above {site.min_elevation_deg:g}°"
                              + (f"\n{site.note}" if site.note else ""), f"site-{site.id}")
            _style(mark, "site")
            _data(mark, {"id": site.id, "min_elevation_deg": f"{site.min_elevation_deg:g}"})
            _point(mark, site.lat_deg, site.lon_deg)
    if geo.activities:
        folder = _folder(doc, "Activities")
        for placed in geo.activities:
            activity = placed.record
            lines = activity_lines(activity, geo.people) + ([f"No track: {placed.missing}"] if placed.missing else [])
            mark = _placemark(folder, activity.title, "\n".join(lines), f"activity-{activity.id}")
            _span(mark, activity.start.timestamp(), activity.end.timestamp())
            _style(mark, "activity")
            _data(mark, {"id": activity.id, "kind": activity.kind.value,
                         "people": ";".join(geo.people.get(p, p) for p in activity.people)})
            _geometry(mark, placed)
    if geo.windows:
        folder = _folder(doc, "Filming windows")
        for placed in geo.windows:
            window = placed.record
            length = (window.end - window.start) / 60.0
            lines = [f"{utc(window.start)} to {utc(window.end)}, {length:.1f} min"]
            lines += [f"No track: {placed.missing}"] if placed.missing else []
            mark = _placemark(folder, window.label or "Filming window", "\n".join(lines), window.uid)
            _span(mark, window.start, window.end)
            _style(mark, "window")
            _geometry(mark, placed)
    if geo.events:
        folder = _folder(doc, "Dockings and undockings")
        for placed in geo.events:
            mission, index = placed.record
            event = mission.events[index]
            text = f"{utc(event.utc.timestamp())}" + (f"\nNo place: {placed.missing}" if placed.missing else "")
            mark = _placemark(folder, event_title(mission.name, event, geo.ports), text, f"event-{mission.id}-{index}")
            stamp = ET.SubElement(mark, "TimeStamp")
            _text(stamp, "when", utc(event.utc.timestamp()))
            _style(mark, "event")
            _geometry(mark, placed)
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def _folder(doc: ET.Element, name: str) -> ET.Element:
    folder = ET.SubElement(doc, "Folder")
    _text(folder, "name", name)
    return folder


def _placemark(folder: ET.Element, name: str, description: str, mark_id: str) -> ET.Element:
    # KML 2.2 orders a Placemark's children: name, description, time, styleUrl, ExtendedData, geometry.
    mark = ET.SubElement(folder, "Placemark", id=mark_id)
    _text(mark, "name", name)
    if description:
        _text(mark, "description", description)
    return mark


def _span(mark: ET.Element, start: float, end: float) -> None:
    span = ET.SubElement(mark, "TimeSpan")
    _text(span, "begin", utc(start))
    _text(span, "end", utc(end))


def _style(mark: ET.Element, style: str) -> None:
    _text(mark, "styleUrl", f"#{style}")


def _data(mark: ET.Element, values: dict[str, str]) -> None:
    extended = ET.SubElement(mark, "ExtendedData")
    for key, value in values.items():
        _text(ET.SubElement(extended, "Data", name=key), "value", value)


def _geometry(mark: ET.Element, placed: Placed) -> None:
    if placed.piece is not None:
        _lines(mark, placed.piece)
    elif placed.point is not None:
        _point(mark, *placed.point)


def _lines(mark: ET.Element, piece: TrackPiece) -> None:
    lines = piece.lines()
    if not lines:
        return
    multi = ET.SubElement(mark, "MultiGeometry")
    for line in lines:
        string = ET.SubElement(multi, "LineString")
        _text(string, "tessellate", "1")  # follow the globe between points, not a straight chord
        _text(string, "coordinates", " ".join(f"{lon:.5f},{lat:.5f},0" for lon, lat in line))


def _point(mark: ET.Element, lat: float, lon: float) -> None:
    _text(ET.SubElement(mark, "Point"), "coordinates", f"{lon:.5f},{lat:.5f},0")
