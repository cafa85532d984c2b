"""A selection written as a file: iCalendar (.ics), KML (.kml) or GeoJSON (.geojson), chosen by the file's name.

    chosen = select(project, missions=["soyuz-ms-19"])
    notes = write_selection(project, chosen, Path(f"{chosen.stem}.kml"))   # what could not be drawn, if anything

The calendar holds the same lines as the whole plan's (:mod:`planner.exports.ical`, the same stable UIDs: a
selection imported over an earlier export of the plan updates its events), only those of the selection, plus one
event per filming window.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from planner.exports.schedule import ScheduleEntry, schedule_entries
from planner.exports.selection import Selection
from planner.model import Project

#: format -> the file name's extension
SUFFIXES = {"ics": ".ics", "kml": ".kml", "geojson": ".geojson"}
#: file name extension -> format (GeoJSON files are often named .json)
_BY_SUFFIX = {".ics": "ics", ".ical": "ics", ".kml": "kml", ".geojson": "geojson", ".json": "geojson"}


def format_of(path) -> str | None:
    """The export format a file name asks for ("ics", "kml", "geojson"), or None."""
    return _BY_SUFFIX.get(Path(path).suffix.lower())


def selection_entries(project: Project, selection: Selection) -> list[ScheduleEntry]:
    """The schedule lines of the selection: its missions' stays and events, its activities, then its windows, in
    time order."""
    part = replace(project, missions=list(selection.missions), activities=list(selection.activities))
    entries = schedule_entries(part)
    entries += [ScheduleEntry(w.uid, "window", w.start, w.end, w.label or "Filming window", "", "",
                              detail=f"found by the filming-window search, {(w.end - w.start) / 60.0:.1f} min")
                for w in selection.windows]
    entries.sort(key=lambda e: (e.start, e.kind == "window"))
    return entries


def selection_ics(project: Project, selection: Selection, stamp: datetime | None = None) -> bytes:
    """The selection as the bytes of an iCalendar file named after it."""
    from planner.exports.ical import ics_bytes

    return ics_bytes(project, selection_entries(project, selection), stamp=stamp, name=selection.name)


def selection_bytes(project: Project, selection: Selection, fmt: str, orbit=None,
                    stamp: datetime | None = None) -> tuple[bytes, list[str]]:
    """The selection as a file's bytes in ``fmt``, and notes on what a map could not show (see
    :func:`planner.exports.selection_geo.selection_map`; ``orbit``: the project's, made when None)."""
    if fmt == "ics":
        return selection_ics(project, selection, stamp), []
    if fmt not in SUFFIXES:
        raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(SUFFIXES)})")
    from planner.exports.selection_geo import selection_map

    geo = selection_map(project, selection, orbit)
    if fmt == "kml":
        from planner.exports.selection_kml import selection_kml

        text = selection_kml(geo)
    else:
        from planner.exports.selection_geojson import selection_geojson

        text = selection_geojson(geo)
    return text.encode("utf-8"), geo.notes


def write_selection(project: Project, selection: Selection, path, fmt: str | None = None, orbit=None,
                    stamp: datetime | None = None) -> list[str]:
    """Write the selection to ``path`` (the format from its extension unless ``fmt`` says) atomically; returns the
    notes on what a map could not show. An export is made again at will: no previous version is kept."""
    from planner.store.atomic import atomic_write_bytes

    path = Path(path)
    fmt = fmt or format_of(path)
    if fmt is None:
        raise ValueError(f"{path.name}: name the file .ics, .kml or .geojson")
    data, notes = selection_bytes(project, selection, fmt, orbit, stamp)
    atomic_write_bytes(path, data, keep_backup=False)
    return notes
