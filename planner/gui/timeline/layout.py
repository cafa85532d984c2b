"""What the timeline draws, derived once per change (never per paint) from the project and its StationTimeline.

No Qt here: lanes hold numpy arrays of start and end times, so a paint only asks which spans are visible.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np

from planner.gui.timeline.lod import visible_range
from planner.model import Project
from planner.rules.findings import Finding, Severity
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

    def __init__(self, starts, ends, payloads):
        order = np.argsort(np.asarray(starts, dtype=float), kind="stable")
        self.start = np.asarray(starts, dtype=float)[order]
        self.end = np.asarray(ends, dtype=float)[order]
        # A numpy array of payloads (finding indices) stays one: a million of them are not walked in Python.
        self.payloads = payloads[order] if isinstance(payloads, np.ndarray) else [payloads[i] for i in order]
        # For culling and per-pixel density: the latest end so far, and the ends in their own order.
        self.max_end = np.maximum.accumulate(self.end) if len(self.end) else self.end
        self.sorted_end = np.sort(self.end)

    def __len__(self) -> int:
        return len(self.payloads)

    def visible_bounds(self, t0: float, t1: float) -> tuple[int, int]:
        """``lo, hi``: every span overlapping ``[t0, t1]`` has its index in ``range(lo, hi)``."""
        return visible_range(self.start, self.max_end, t0, t1)

    def visible(self, t0: float, t1: float) -> np.ndarray:
        """Indices of the spans that overlap ``[t0, t1]`` (only those between the binary-searched bounds are tested)."""
        lo, hi = self.visible_bounds(t0, t1)
        return lo + np.flatnonzero(self.end[lo:hi] >= t0)


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


#: above this many findings the bands are not sorted into lanes (a plan that broken is shown per severity)
PER_LANE_LIMIT = 200_000


@dataclass
class FindingBands:
    """The findings' exact windows, for translucent bands.

    ``start``, ``end`` and ``conflict`` are per finding, in the order of ``findings``. For drawing many at
    once, ``by_severity`` holds the windows of the warnings and of the conflicts as :class:`Spans` of
    finding indices, and ``by_lane`` the same per lane key (``"*"``: findings drawn across every lane),
    unless there are more than :data:`PER_LANE_LIMIT` findings.
    """

    start: np.ndarray
    end: np.ndarray
    findings: list
    conflict: np.ndarray | None = None  # per finding: a conflict (True) or a warning
    by_severity: tuple | None = None  # (warnings, conflicts) as Spans of finding indices
    by_lane: dict | None = None  # lane key -> (warnings, conflicts)

    def visible(self, t0: float, t1: float) -> np.ndarray:
        """Indices of the findings whose window overlaps ``[t0, t1]``."""
        if not self.findings:
            return np.empty(0, dtype=int)
        if self.by_severity is None:
            return np.flatnonzero((self.start <= t1) & (self.end >= t0))
        parts = [spans.payloads[spans.visible(t0, t1)] for spans in self.by_severity]
        return np.sort(np.concatenate(parts))

    def count_at_most(self, t0: float, t1: float) -> int:
        """An upper bound of how many findings overlap ``[t0, t1]``, found without looking at each."""
        if self.by_severity is None:
            return len(self.findings)
        return sum(hi - lo for lo, hi in (spans.visible_bounds(t0, t1) for spans in self.by_severity))


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
        index = self.__dict__.get("_by_key")
        if index is None or len(index) != len(self.lanes):
            index = self.__dict__["_by_key"] = {lane.key: lane for lane in self.lanes}
        return index.get(key)

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


def _activity_keys(activity, mode: str) -> tuple[str, ...]:
    return (activity.kind.value,) if mode == "kind" else (activity.people or ("",))


def _person_lane(person: str, title: str, group, timeline: StationTimeline) -> Lane:
    track = timeline.people.get(person)
    aboard = track.aboard if track else ()
    background = Spans([s for s, _ in aboard], [e for _, e in aboard], [None] * len(aboard))
    return Lane(f"person:{person}", "activity", title, ACTIVITY_LANE_H, Spans(*group), background=background)


class ActivityLanes:
    """The activity lanes and where each activity's bars are, so that an edit rebuilds only the lanes it touches."""

    def __init__(self, project: Project, timeline: StationTimeline, mode: str = "person"):
        self.mode = mode
        self.where: dict[str, tuple[str, ...]] = {}  # activity id -> group keys of its bars
        groups: dict[str, tuple[list, list, list]] = {}
        for activity in project.activities:
            bar = ActivityBar(activity.id, activity.title, activity.kind.value)
            start, end = activity.start.timestamp(), activity.end.timestamp()
            keys = _activity_keys(activity, mode)
            self.where[activity.id] = keys
            for key in keys:
                starts, ends, payloads = groups.setdefault(key, ([], [], []))
                starts.append(start)
                ends.append(end)
                payloads.append(bar)
        self.lanes = self._lanes(project, timeline, groups)

    def _lanes(self, project: Project, timeline: StationTimeline, groups: dict) -> list[Lane]:
        if self.mode == "kind":
            return [Lane(f"kind:{key}", "activity", key.replace("-", " ").capitalize(), ACTIVITY_LANE_H,
                         Spans(*groups[key])) for key in sorted(groups)]
        names = project.person_names()
        # Everybody aboard at some time gets a lane, even with no activity: their stays show when they are free.
        people = [p.id for p in project.people if p.id in groups or p.id in timeline.people]
        people += sorted(set(groups) - set(people) - {""})
        lanes = [_person_lane(person, names.get(person, person), groups.get(person, ([], [], [])), timeline)
                 for person in people]
        if "" in groups:
            lanes.append(Lane("person:", "activity", "(nobody named)", ACTIVITY_LANE_H, Spans(*groups[""])))
        return lanes

    def _lane_key(self, group: str) -> str:
        return f"kind:{group}" if self.mode == "kind" else f"person:{group}"

    def update(self, project: Project, timeline: StationTimeline, ids) -> bool:
        """Rebuild the lanes of these (inserted, removed or changed) activities; False when the lanes themselves
        would change (a new lane, or one to drop), which needs a full rebuild."""
        ids = set(ids)
        found = {a.id: a for a in project.activities if a.id in ids}
        by_key = {lane.key: lane for lane in self.lanes}
        touched = set()
        for activity_id in ids:
            touched.update(self._lane_key(g) for g in self.where.get(activity_id, ()))
            if activity_id in found:
                touched.update(self._lane_key(g) for g in _activity_keys(found[activity_id], self.mode))
        if not touched <= by_key.keys():
            return False
        for key in touched:
            lane = by_key[key]
            spans = lane.spans
            keep = [i for i, bar in enumerate(spans.payloads) if bar.activity not in ids]
            starts, ends, payloads = list(spans.start[keep]), list(spans.end[keep]), [spans.payloads[i] for i in keep]
            for activity in found.values():
                if key in {self._lane_key(g) for g in _activity_keys(activity, self.mode)}:
                    starts.append(activity.start.timestamp())
                    ends.append(activity.end.timestamp())
                    payloads.append(ActivityBar(activity.id, activity.title, activity.kind.value))
            if not payloads and (self.mode == "kind" or key == "person:" or key[len("person:"):] not in timeline.people):
                return False  # the lane goes away
            lane.spans = Spans(starts, ends, payloads)
        for activity_id in ids:
            if activity_id in found:
                self.where[activity_id] = _activity_keys(found[activity_id], self.mode)
            else:
                self.where.pop(activity_id, None)
        return True


def activity_lanes(project: Project, timeline: StationTimeline, mode: str = "person") -> list[Lane]:
    """Activity lanes, one per person (``mode="person"``, with their stays aboard behind) or per kind."""
    return ActivityLanes(project, timeline, mode).lanes


def finding_lane_keys(finding: Finding) -> list[str]:
    """The keys of the lanes a finding's band is drawn over (empty: across every lane)."""
    keys = [f"port:{port}" for port in finding.ports] + [f"person:{person}" for person in finding.people]
    if finding.rule.startswith("headcount") or finding.rule.startswith("lifeboat"):
        keys.append("headcount")
    return keys


def finding_bands(findings: list[Finding], lane_keys=None) -> FindingBands:
    """The findings with their windows as arrays (an instant gets no width here: the painter widens it).

    ``lane_keys`` (the keys of the layout's lanes) sorts the bands into lanes; a finding naming no lane
    there goes across every lane.
    """
    n = len(findings)
    # map/attrgetter keep the walk over a million findings in C.
    start = np.fromiter(map(operator.attrgetter("start"), findings), dtype=float, count=n)
    end = np.fromiter(map(operator.attrgetter("end"), findings), dtype=float, count=n)
    conflict = np.fromiter(map(operator.is_, map(operator.attrgetter("severity"), findings), repeat(Severity.CONFLICT)),
                           dtype=bool, count=n)
    bands = FindingBands(start, end, list(findings), conflict)
    if not n:
        return bands
    index = np.arange(n)
    bands.by_severity = tuple(Spans(start[pick], end[pick], pick) for pick in (index[~conflict], index[conflict]))
    if lane_keys is None or n > PER_LANE_LIMIT:
        return bands
    known = set(lane_keys)
    members: dict[str, list[int]] = {}
    for i, finding in enumerate(findings):
        keys = [k for k in finding_lane_keys(finding) if k in known] or ["*"]
        for key in keys:
            members.setdefault(key, []).append(i)
    bands.by_lane = {}
    for key, picked in members.items():
        picked = np.asarray(picked, dtype=int)
        bands.by_lane[key] = tuple(Spans(start[sub], end[sub], sub) for sub in (picked[~conflict[picked]],
                                                                               picked[conflict[picked]]))
    return bands


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
    lanes = port_part + [headcount_lane] + activity_part
    layout = TimelineLayout(lanes, relocations, headcount_of(project, timeline),
                            finding_bands(findings, [lane.key for lane in lanes]))
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
