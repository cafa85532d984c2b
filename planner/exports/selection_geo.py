"""Where a selection happens on Earth: the station's ground track over it (in daylight and shadow pieces), the
ground sites, the track during each activity and filming window, and the point below each docking or undocking.

KML (:mod:`planner.exports.selection_kml`) and GeoJSON (:mod:`planner.exports.selection_geojson`) are written
from one :class:`SelectionMap`, so they hold the same things.

The element sets decide what can be drawn: a time the orbit engine cannot judge (too far from every set's epoch,
see :class:`planner.orbit.Horizon`) gets no track, and ``notes`` says so. The overall track is drawn over the
selection's :meth:`~planner.exports.selection.Selection.focus`, at most ``MAX_TRACK_DAYS`` of it; each activity's
and window's own piece is drawn wherever the element sets reach.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from planner import intervals
from planner.exports.schedule import event_title
from planner.exports.selection import ChosenWindow, Selection
from planner.model import DYNAMIC_EVENTS, Activity, Mission, Project
from planner.model.times import format_utc, from_epoch

#: The longest overall track one export draws (two weeks: about how long an element set is good for).
MAX_TRACK_DAYS = 14.0
#: Seconds between track points (the station moves about 230 km; the line is drawn on the globe between them).
TRACK_STEP_S = 30.0


class TrackPiece(NamedTuple):
    """Sub-station points at times ``t`` (epoch seconds): latitude and longitude in degrees (WGS84)."""

    t: np.ndarray
    lat_deg: np.ndarray
    lon_deg: np.ndarray
    light: str = ""  # "sunlit" or "shadow" for the overall track; "" for an activity's or a window's piece

    @property
    def start(self) -> float:
        return float(self.t[0])

    @property
    def end(self) -> float:
        return float(self.t[-1])

    def lines(self) -> list[list[tuple[float, float]]]:
        """The piece as (lon, lat) lines cut at the antimeridian (each side ends exactly at +/-180 degrees)."""
        from planner.orbit.track import GroundTrack

        track = GroundTrack(self.t, self.lat_deg, self.lon_deg, np.zeros(len(self.t)))
        return [list(zip(seg.lon_deg.tolist(), seg.lat_deg.tolist())) for seg in track.segments() if len(seg.t) >= 2]


class Placed(NamedTuple):
    """A record of the selection and where it happens: its track piece, or its point, or None with the reason."""

    record: object  # Activity, ChosenWindow, or (Mission, event index)
    piece: TrackPiece | None = None
    point: tuple[float, float] | None = None  # (lat, lon)
    missing: str = ""  # why there is no geometry


@dataclass
class SelectionMap:
    """Everything a map export of a selection shows (see the module docstring)."""

    name: str
    track: list[TrackPiece] = field(default_factory=list)
    sites: list = field(default_factory=list)
    activities: list[Placed] = field(default_factory=list)
    events: list[Placed] = field(default_factory=list)
    windows: list[Placed] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    people: dict[str, str] = field(default_factory=dict)  # person id -> name
    ports: dict[str, str] = field(default_factory=dict)  # port id -> name
    satellite: str = ""


def selection_map(project: Project, selection: Selection, orbit=None, step_s: float = TRACK_STEP_S,
                  max_days: float = MAX_TRACK_DAYS) -> SelectionMap:
    """The :class:`SelectionMap` of ``selection`` (``orbit``: the project's, made from its element sets when None)."""
    result = SelectionMap(selection.name, sites=list(selection.sites), people=project.person_names(),
                          ports={p.id: p.name for p in project.station.ports})
    events = [(m, i) for m in selection.missions for i, e in enumerate(m.events) if e.kind in DYNAMIC_EVENTS]
    if orbit is None:
        orbit, problem = _orbit_of(project)
        if orbit is None:
            result.notes.append(f"No ground track: {problem}.")
            result.activities = [Placed(a, missing=problem) for a in selection.activities]
            result.windows = [Placed(w, missing=problem) for w in selection.windows]
            result.events = [Placed(e, missing=problem) for e in events]
            return result
    from planner.orbit import Horizon

    horizon = Horizon(orbit)
    result.satellite = orbit.name
    result.track = _overall_track(orbit, horizon, selection, step_s, max_days, result.notes)
    result.activities = [_piece(orbit, horizon, a, a.start.timestamp(), a.end.timestamp(), step_s)
                         for a in selection.activities]
    result.windows = [_piece(orbit, horizon, w, w.start, w.end, step_s) for w in selection.windows]
    result.events = _points(orbit, horizon, events)
    for what, placed in (("activity", result.activities), ("filming window", result.windows),
                         ("station event", result.events)):
        unplaced = [p for p in placed if p.missing]
        if unplaced:
            many = {"activity": "activities"}.get(what, what + "s")
            result.notes.append(f"{len(unplaced)} {what if len(unplaced) == 1 else many} without a place on the "
                                f"map: {unplaced[0].missing}.")
    return result


def _orbit_of(project: Project):
    """(the project's orbit, "") or (None, why there is none)."""
    from planner.orbit import ElementSetError, Orbit

    if not project.element_sets:
        return None, "the project has no element sets of the station (import a TLE or OMM file)"
    try:
        return Orbit.from_sets(project.element_sets), ""
    except ElementSetError as exc:
        return None, f"the element sets cannot be used ({exc})"


def _overall_track(orbit, horizon, selection: Selection, step_s: float, max_days: float,
                   notes: list[str]) -> list[TrackPiece]:
    from planner.orbit import sunlit_within

    focus = selection.focus()
    if focus is None:
        return []
    start, end = focus
    if end <= start:  # one instant (a docking): an orbit either side of it
        start, end = start - 5400.0, end + 5400.0
    spans = intervals.intersect([[start, end]], horizon.spans)
    if not len(spans):
        notes.append(f"No ground track: {horizon.reason(start, end)}.")
        return []
    held = np.cumsum(spans[:, 1] - spans[:, 0])
    limit = max_days * 86400.0
    if held[-1] > limit:  # the first ``max_days`` the element sets reach
        k = int(np.searchsorted(held, limit))
        spans = spans[:k + 1].copy()
        spans[k, 1] -= held[k] - limit
    if spans[0, 0] > start or spans[-1, 1] < end or len(spans) > 1:
        drawn = ", ".join(f"{_day(a)} to {_day(b)}" for a, b in spans)
        why = f"at most {max_days:g} days are drawn" if held[-1] > limit else "the element sets reach no further"
        notes.append(f"The ground track covers {drawn} ({why}).")
    sunlit = sunlit_within(orbit, spans)
    shadow = intervals.subtract(spans, sunlit)
    pieces = sorted([(a, b, "sunlit") for a, b in intervals.pairs(sunlit)]
                    + [(a, b, "shadow") for a, b in intervals.pairs(shadow)])
    return _tracks(orbit, pieces, step_s)


def _tracks(orbit, pieces: list[tuple[float, float, str]], step_s: float) -> list[TrackPiece]:
    """One :class:`TrackPiece` per ``(start, end, light)``, each from its start to its end exactly; SGP4 run once."""
    from planner.orbit import ground_track

    grids = [_grid(a, b, step_s) for a, b, _light in pieces]
    if not grids:
        return []
    track = ground_track(orbit, np.concatenate(grids))
    out, at = [], 0
    for grid, (_a, _b, light) in zip(grids, pieces):
        part = slice(at, at + len(grid))
        out.append(TrackPiece(track.t[part], track.lat_deg[part], track.lon_deg[part], light))
        at += len(grid)
    return out


def _grid(start: float, end: float, step_s: float) -> np.ndarray:
    """``start``, the whole multiples of ``step_s`` inside, and ``end``: pieces that meet share their end point."""
    inside = np.arange(np.floor(start / step_s) + 1, np.ceil(end / step_s)) * step_s
    return np.concatenate(([start], inside, [end] if end > start else []))


def _piece(orbit, horizon, record, start: float, end: float, step_s: float) -> Placed:
    problem = horizon.reason(start, end)
    if problem:
        return Placed(record, missing=problem)
    # A months-long activity is drawn with as many points as two weeks of track, not millions.
    step_s = max(step_s, (end - start) / (MAX_TRACK_DAYS * 86400.0 / TRACK_STEP_S))
    return Placed(record, piece=_tracks(orbit, [(start, end, "")], step_s)[0])


def _points(orbit, horizon, events: list[tuple[Mission, int]]) -> list[Placed]:
    """The point below the station at each event's time (the redocking of a relocation is its own place)."""
    from planner.orbit import ground_track

    placed = []
    for mission, index in events:
        when = mission.events[index].utc.timestamp()
        problem = horizon.reason(when, when)
        if problem:
            placed.append(Placed((mission, index), missing=problem))
            continue
        track = ground_track(orbit, [when])
        placed.append(Placed((mission, index), point=(float(track.lat_deg[0]), float(track.lon_deg[0]))))
    return placed


def utc(seconds: float) -> str:
    """ISO 8601 UTC, to the second unless the time has a fraction (KML's and GeoJSON's time texts)."""
    return format_utc(from_epoch(round(float(seconds), 3)))


def minutes(start: float, end: float) -> str:
    """A span to the minute for a label: "2021-10-06 12:50 to 13:04 UTC" (the end's date when it differs)."""
    a, b = from_epoch(round(start)), from_epoch(round(end))
    end = f"{b:%H:%M}" if a.date() == b.date() else f"{b:%Y-%m-%d %H:%M}"
    return f"{a:%Y-%m-%d %H:%M} to {end} UTC"


def _day(seconds: float) -> str:
    return f"{from_epoch(seconds):%Y-%m-%d %H:%M} UTC"


def activity_lines(activity: Activity, people: dict[str, str]) -> list[str]:
    """An activity described for a map's pop-up: kind, time, people, needs, module, note."""
    lines = [f"{activity.kind.value.replace('-', ' ')}, {utc(activity.start.timestamp())} to "
             f"{utc(activity.end.timestamp())}"]
    if activity.people:
        lines.append("People: " + ", ".join(people.get(p, p) for p in activity.people))
    if activity.module:
        lines.append(f"Module: {activity.module}")
    if activity.needs:
        lines.append("Needs: " + ", ".join(n.kind.value + (f" ({n.site or n.network})" if n.site or n.network else "")
                                           for n in activity.needs))
    if activity.note:
        lines.append(activity.note)
    return lines


__all__ = ["MAX_TRACK_DAYS", "TRACK_STEP_S", "ChosenWindow", "Placed", "SelectionMap", "TrackPiece",
           "activity_lines", "event_title", "minutes", "selection_map", "utc"]
