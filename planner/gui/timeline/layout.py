"""What the timeline draws, derived once per change (never per paint) from the project and its StationTimeline.

No Qt here: lanes hold numpy arrays of start and end times, so a paint only asks which spans are visible.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from planner.model import Project
from planner.rules.findings import Finding
from planner.rules.timeline import StationTimeline

PORT_LANE_H = 26
HEADCOUNT_LANE_H = 70
ACTIVITY_LANE_H = 22
SECTION_GAP = 8

#: bar colours by vehicle type (fixed hues: vehicles keep their colour in light and dark palettes)
VEHICLE_COLORS = {
    "soyuz-ms": "#d84343", "progress-ms": "#e8912d", "crew-dragon": "#2f6fd6", "cargo-dragon": "#6fa8e8",
    "starliner": "#1f9e8f", "cygnus": "#c9b62a", "htv-x": "#8e5bc4", "dream-chaser": "#d35fa8",
    "module": "#8a8f98",
}
OTHER_VEHICLE_COLOR = "#6d7f5a"
ACTIVITY_COLORS = {
    "film-shoot": "#7b61c9", "live-downlink": "#2e9c5a", "eva": "#cc5a2a", "experiment": "#3a86a8",
    "other": "#808a96",
}


class Spans:
    """Time spans ``[start, end)`` with one payload each; ``end`` may be ``inf`` (drawn to the view's edge)."""

    def __init__(self, starts, ends, payloads: list):
        order = np.argsort(np.asarray(starts, dtype=float), kind="stable")
        self.start = np.asarray(starts, dtype=float)[order]
        self.end = np.asarray(ends, dtype=float)[order]
        self.payloads = [payloads[i] for i in order]

    def __len__(self) -> int:
        return len(self.payloads)

    def visible(self, t0: float, t1: float) -> np.ndarray:
        """Indices of the spans that overlap ``[t0, t1]`` (starts sorted: only the tail before ``t1`` is tested)."""
        stop = int(np.searchsorted(self.start, t1, side="right"))
        if stop == 0:
            return np.empty(0, dtype=int)
        return np.flatnonzero(self.end[:stop] >= t0)


EMPTY = Spans([], [], [])


@dataclass(frozen=True, slots=True)
class StayBar:
    """A vehicle at a port: the payload of a port lane's span."""

    mission: str
    ordinal: int  # position in the mission's stays
    label: str
    vehicle_type: str
    port: str
    by_relocation: bool


@dataclass(frozen=True, slots=True)
class ActivityBar:
    """An activity: the payload of an activity lane's span."""

    activity: str
    title: str
    kind: str


@dataclass
class Lane:
    """One row of the timeline."""

    key: str  # "port:<id>", "headcount", "person:<id>", "kind:<kind>"
    kind: str  # "port", "headcount" or "activity"
    title: str
    height: int
    spans: Spans = EMPTY
    absent: tuple[tuple[float, float], ...] = ()  # a port not part of the station then: grey
    background: Spans = EMPTY  # a person's stays aboard, drawn faintly
    top: int = 0  # y of the lane inside the lane area (set by :meth:`TimelineLayout.stack`)
    port: str | None = None
    tooltip: str = ""


@dataclass(frozen=True, slots=True)
class Relocation:
    """A vehicle leaving one port and redocking at another: a link between two lanes."""

    mission: str
    from_port: str
    to_port: str
    undock: float
    redock: float


@dataclass
class Headcount:
    """People aboard and seats home over time (steps), with the station's thresholds."""

    times: np.ndarray
    people: np.ndarray
    seats: np.ndarray
    beds: int
    warning: int
    limit: int

    def at(self, t: float) -> tuple[int, int]:
        """(people, seats) at ``t``."""
        i = int(np.searchsorted(self.times, t, side="right")) - 1
        return (0, 0) if i < 0 else (int(self.people[i]), int(self.seats[i]))


@dataclass
class FindingBands:
    """The findings' exact windows, for translucent bands."""

    start: np.ndarray
    end: np.ndarray
    findings: list
    conflict: np.ndarray | None = None  # per finding: a conflict (True) or a warning

    def visible(self, t0: float, t1: float) -> np.ndarray:
        """Indices of the findings whose window overlaps ``[t0, t1]``."""
        if not self.findings:
            return np.empty(0, dtype=int)
        return np.flatnonzero((self.start <= t1) & (self.end >= t0))


@dataclass
class TimelineLayout:
    """Every lane with its spans, the relocation links, the headcount and the findings' bands."""

    lanes: list[Lane] = field(default_factory=list)
    relocations: list[Relocation] = field(default_factory=list)
    headcount: Headcount | None = None
    findings: FindingBands = field(default_factory=lambda: FindingBands(np.empty(0), np.empty(0), []))
    extent: tuple[float, float] = (0.0, 86400.0)
    height: int = 0

    def lane(self, key: str) -> Lane | None:
        """The lane with this key, or None."""
        return next((lane for lane in self.lanes if lane.key == key), None)

    def lane_at(self, y: float) -> Lane | None:
        """The lane at ``y`` (lane-area coordinates), or None."""
        for lane in self.lanes:
            if lane.top <= y < lane.top + lane.height:
                return lane
        return None

    def stack(self) -> None:
        """Give each lane its ``top``: port lanes, the headcount, then the activity lanes, with gaps between."""
        y, previous = 0, None
        for lane in self.lanes:
            if previous is not None and lane.kind != previous:
                y += SECTION_GAP
            lane.top = y
            y += lane.height
            previous = lane.kind
        self.height = y


def port_lanes(project: Project, timeline: StationTimeline) -> tuple[list[Lane], list[Relocation]]:
    """A lane per catalogue port (greyed outside its existence), a bar per stay; relocation links."""
    names = {m.id: m.name for m in project.missions}
    by_port: dict[str, tuple[list, list, list]] = {}
    relocations = []
    for mission_id, track in timeline.missions.items():
        for ordinal, stay in enumerate(track.stays):
            starts, ends, payloads = by_port.setdefault(stay.port, ([], [], []))
            starts.append(stay.start)
            ends.append(stay.end)
            payloads.append(StayBar(mission_id, ordinal, names.get(mission_id, mission_id), track.vehicle_type,
                                    stay.port, stay.by_relocation))
            if stay.by_relocation and ordinal > 0:
                before = track.stays[ordinal - 1]
                relocations.append(Relocation(mission_id, before.port, stay.port, before.end, stay.start))
    lanes = []
    known = set()
    for port in project.station.ports:
        known.add(port.id)
        absent = []
        if port.exists_from is not None:
            absent.append((-math.inf, port.exists_from.timestamp()))
        if port.exists_until is not None:
            absent.append((port.exists_until.timestamp(), math.inf))
        starts, ends, payloads = by_port.get(port.id, ([], [], []))
        lanes.append(Lane(f"port:{port.id}", "port", port.name, PORT_LANE_H, Spans(starts, ends, payloads),
                          tuple(absent), port=port.id, tooltip=f"{port.name} ({port.mechanism.value})"))
    # A port the catalogue does not know still gets a lane, so that no stay is hidden.
    for port_id in sorted(set(by_port) - known):
        starts, ends, payloads = by_port[port_id]
        lanes.append(Lane(f"port:{port_id}", "port", f"{port_id} (unknown)", PORT_LANE_H,
                          Spans(starts, ends, payloads), port=port_id, tooltip="A port the station catalogue does not list"))
    return lanes, relocations


def headcount_of(project: Project, timeline: StationTimeline) -> Headcount:
    """The headcount series and the project's capacity settings."""
    steps = timeline.headcount()
    settings = project.effective_settings
    return Headcount(np.array([s.utc for s in steps], dtype=float),
                     np.array([s.people for s in steps], dtype=int),
                     np.array([s.seats for s in steps], dtype=int),
                     settings.beds, settings.headcount_warning, settings.headcount_limit)


def activity_lanes(project: Project, timeline: StationTimeline, mode: str = "person") -> list[Lane]:
    """Activity lanes, one per person (``mode="person"``, with their stays aboard behind) or per kind."""
    groups: dict[str, tuple[list, list, list]] = {}
    for activity in project.activities:
        bar = ActivityBar(activity.id, activity.title, activity.kind.value)
        start, end = activity.start.timestamp(), activity.end.timestamp()
        if mode == "kind":
            keys = (activity.kind.value,)
        else:
            keys = activity.people or ("",)
        for key in keys:
            starts, ends, payloads = groups.setdefault(key, ([], [], []))
            starts.append(start)
            ends.append(end)
            payloads.append(bar)
    lanes = []
    if mode == "kind":
        for key in sorted(groups):
            lanes.append(Lane(f"kind:{key}", "activity", key.replace("-", " ").capitalize(), ACTIVITY_LANE_H,
                              Spans(*groups[key])))
        return lanes
    names = project.person_names()
    # Everybody aboard at some time gets a lane, even with no activity: their stays show when they are free.
    people = [p.id for p in project.people if p.id in groups or p.id in timeline.people]
    people += sorted(set(groups) - set(people) - {""})
    for person in people:
        track = timeline.people.get(person)
        aboard = track.aboard if track else ()
        background = Spans([s for s, _ in aboard], [e for _, e in aboard], [None] * len(aboard))
        lanes.append(Lane(f"person:{person}", "activity", names.get(person, person), ACTIVITY_LANE_H,
                          Spans(*groups.get(person, ([], [], []))), background=background))
    if "" in groups:
        lanes.append(Lane("person:", "activity", "(nobody named)", ACTIVITY_LANE_H, Spans(*groups[""])))
    return lanes


def finding_bands(findings: list[Finding]) -> FindingBands:
    """The findings with their windows as arrays (an instant gets no width here: the painter widens it)."""
    return FindingBands(np.array([f.start for f in findings], dtype=float),
                        np.array([f.end for f in findings], dtype=float), list(findings),
                        np.array([f.is_conflict for f in findings], dtype=bool))


def extent_of(lanes: list[Lane]) -> tuple[float, float]:
    """The span from the earliest start to the latest finite end of any bar (one day when there is none)."""
    lo, hi = math.inf, -math.inf
    for lane in lanes:
        spans = lane.spans
        if len(spans):
            lo = min(lo, float(spans.start[0]))
            finite = spans.end[np.isfinite(spans.end)]
            hi = max(hi, float(finite.max()) if len(finite) else float(spans.start[-1]))
    if not math.isfinite(lo):
        return (0.0, 86400.0)
    return lo, max(hi, lo + 3600.0)


def build_layout(project: Project, timeline: StationTimeline, findings: list[Finding], mode: str = "person",
                 ports: tuple[list[Lane], list[Relocation]] | None = None,
                 activities: list[Lane] | None = None) -> TimelineLayout:
    """The whole layout; pass ``ports`` or ``activities`` lanes already built to reuse them."""
    port_part, relocations = ports if ports is not None else port_lanes(project, timeline)
    activity_part = activities if activities is not None else activity_lanes(project, timeline, mode)
    headcount_lane = Lane("headcount", "headcount", "People aboard", HEADCOUNT_LANE_H,
                          tooltip="People aboard (black) against seats home (green); dashed: beds, warning, limit")
    layout = TimelineLayout(port_part + [headcount_lane] + activity_part, relocations,
                            headcount_of(project, timeline), finding_bands(findings))
    layout.extent = extent_of(port_part + activity_part)
    layout.stack()
    return layout


def refresh_person_backgrounds(lanes: list[Lane], timeline: StationTimeline) -> None:
    """Redraw who is aboard behind the person lanes after a mission changed (their activities stay)."""
    for lane in lanes:
        if lane.key.startswith("person:") and lane.key != "person:":
            track = timeline.people.get(lane.key[len("person:"):])
            aboard = track.aboard if track else ()
            lane.background = Spans([s for s, _ in aboard], [e for _, e in aboard], [None] * len(aboard))
