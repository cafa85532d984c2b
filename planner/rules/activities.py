"""Activity rules: outside the participants' stay aboard, a person in two activities at once, an EVA (or an
activity that asks for it) during a dynamic event, orbit conditions (daylight, shadow, a ground site in view)
and an element set too far from the activity's time."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple

from planner import intervals
from planner.model.activity import Activity, ActivityKind, Need, NeedKind
from planner.rules.findings import Finding, Severity
from planner.model.time_text import short_time, span_text
from planner.rules.orbit_needs import OrbitConditions

OUTSIDE_STAY = "activity-outside-stay"
OVERLAP = "activity-overlap"
DYNAMIC = "activity-dynamic-event"
ORBIT = "activity-orbit"
ELEMENT_AGE = "element-set-age"

_ORBIT_NEEDS = (NeedKind.DAYLIGHT, NeedKind.SHADOW, NeedKind.SITE_IN_VIEW)


class ActivityRow(NamedTuple):
    """An activity as the rules read it: epoch-second times and what it depends on."""

    id: str
    title: str
    start: float
    end: float
    people: tuple[str, ...]
    guarded: bool  # an EVA, or it needs no dynamic event: dockings and undockings must keep clear
    orbit_needs: tuple[Need, ...]


def activity_row(activity: Activity) -> ActivityRow:
    """The :class:`ActivityRow` of an activity."""
    needs = activity.needs
    guarded = activity.kind is ActivityKind.EVA or any(n.kind is NeedKind.NO_DYNAMIC_EVENT for n in needs)
    orbit = tuple(n for n in needs if n.kind in _ORBIT_NEEDS) if needs else ()
    return ActivityRow(activity.id, activity.title or activity.id, activity.start.timestamp(),
                       activity.end.timestamp(), tuple(activity.people), guarded, orbit)


def within(aboard, start: float, end: float) -> bool:
    """True when one interval of ``aboard`` (sorted, disjoint) holds all of ``[start, end)``."""
    k = bisect_right(aboard, (start, float("inf"))) - 1
    return k >= 0 and aboard[k][0] <= start and end <= aboard[k][1] and start < aboard[k][1]


def overlaps(a: ActivityRow, b: ActivityRow) -> bool:
    """True when two activities share a moment (half-open intervals; an empty one shares none)."""
    return max(a.start, b.start) < min(a.end, b.end)


class ActivityContext:
    """What the per-activity rules read: people's stays, dynamic events, element-set epochs, the orbit."""

    def __init__(self, people, dynamic, epochs, settings, orbit: OrbitConditions | None, sites, names, tracks):
        self.people = people  # person -> PersonTrack, or -> when aboard (``planner.station.columns.Aboard``)
        self.dynamic = dynamic  # DynamicIndex
        self.epochs = epochs  # sorted epoch seconds of the project's element sets
        self.settings = settings
        self.orbit = orbit
        self.sites = sites  # site id -> GroundSite
        self.names = names  # person id -> name
        self.tracks = tracks  # mission id -> anything with the mission's ``name`` (a track, a head)

    def findings(self, row: ActivityRow) -> list[Finding]:
        """Every finding about one activity on its own (not the pairs: see :func:`overlap_finding`)."""
        found = []
        ids = (row.id,)
        for person in row.people:
            entry = self.people.get(person)
            aboard = getattr(entry, "aboard", entry)  # a track's, or the intervals themselves
            if not aboard or not within(aboard, row.start, row.end):
                who = self.names.get(person, person)
                found.append(Finding(OUTSIDE_STAY, Severity.CONFLICT, row.start, row.end,
                                     f"{who} is not aboard for all of '{row.title}' {span_text(row.start, row.end)}",
                                     (), (person,), (), ids))
        if row.guarded:
            for event in self.dynamic.overlapping(row.start, row.end):
                what = self.tracks[event.mission].name if event.mission in self.tracks else event.mission
                found.append(Finding(DYNAMIC, Severity.CONFLICT, max(row.start, event.start),
                                     min(row.end, event.end) if event.end > event.start else event.start,
                                     f"'{row.title}' {span_text(row.start, row.end)} must keep clear of dynamic "
                                     f"events, but {what} {event.kind.value}s at {short_time(event.start)}",
                                     (event.mission,), row.people, event.ports, ids))
        if row.orbit_needs:
            found.extend(self._element_age(row))
            if self.orbit is not None and row.end > row.start:
                found.extend(self._orbit(row))
        return found

    def _element_age(self, row: ActivityRow) -> list[Finding]:
        limit = self.settings.element_set_max_age_days * 86400
        if not self.epochs:
            return [Finding(ELEMENT_AGE, Severity.WARNING, row.start, row.end,
                            f"'{row.title}' depends on the orbit but the project has no element set",
                            (), (), (), (row.id,))]
        mid = (row.start + row.end) / 2
        k = bisect_left(self.epochs, mid)
        nearest = min((self.epochs[j] for j in (k - 1, k) if 0 <= j < len(self.epochs)), key=lambda e: abs(e - mid))
        distance = abs(mid - nearest) + (row.end - row.start) / 2  # to the farther end of the activity
        if distance <= limit:
            return []
        return [Finding(ELEMENT_AGE, Severity.WARNING, row.start, row.end,
                        f"'{row.title}' {span_text(row.start, row.end)} is {distance / 86400:.1f} days from the "
                        f"nearest element set (epoch {short_time(nearest)}); orbit predictions are good for "
                        f"{self.settings.element_set_max_age_days:g} days", (), (), (), (row.id,))]

    def _orbit(self, row: ActivityRow) -> list[Finding]:
        found = []
        for need in row.orbit_needs:
            if need.kind is NeedKind.SITE_IN_VIEW:
                site = self.sites.get(need.site)
                if site is None:
                    found.append(Finding(ORBIT, Severity.CONFLICT, row.start, row.end,
                                         f"'{row.title}' needs the ground site '{need.site}' in view, but the "
                                         "project has no such site", (), (), (), (row.id,)))
                    continue
                elevation = need.min_elevation_deg if need.min_elevation_deg is not None else site.min_elevation_deg
                good = self.orbit.in_view(site, elevation, row.start, row.end)
                what = f"{site.name} in view (above {elevation:g} deg)"
            elif need.kind is NeedKind.DAYLIGHT:
                good = self.orbit.sunlit(row.start, row.end)
                what = "daylight on the station"
            else:
                good = intervals.complement(self.orbit.sunlit(row.start, row.end), row.start, row.end)
                what = "the station in Earth's shadow"
            gaps = intervals.pairs(intervals.complement(good, row.start, row.end))
            if gaps:
                lost = sum(e - s for s, e in gaps)
                found.append(Finding(ORBIT, Severity.CONFLICT, gaps[0][0], gaps[-1][1],
                                     f"'{row.title}' {span_text(row.start, row.end)} needs {what}, but not for "
                                     f"{lost / 60:.1f} min of it, first {span_text(*gaps[0])}",
                                     (), row.people, (), (row.id,)))
        return found


def overlap_finding(a: ActivityRow, b: ActivityRow, names: dict[str, str]) -> Finding | None:
    """The finding about two activities sharing people at the same moment, or None."""
    shared = sorted(set(a.people) & set(b.people))
    if not shared or a.id == b.id or not overlaps(a, b):
        return None
    if (b.start, b.id) < (a.start, a.id):
        a, b = b, a
    start, end = max(a.start, b.start), min(a.end, b.end)
    who = ", ".join(names.get(p, p) for p in shared)
    return Finding(OVERLAP, Severity.CONFLICT, start, end,
                   f"{who} in '{a.title}' and '{b.title}' at once {span_text(start, end)}",
                   (), tuple(shared), (), (a.id, b.id))


def pair_key(a: str, b: str) -> tuple[str, str]:
    """A key for a pair of activities that does not depend on their order."""
    return (a, b) if a <= b else (b, a)
