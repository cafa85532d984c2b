"""Activity rules: outside the participants' stay aboard, a person in two activities at once, an EVA (or an
activity that asks for it) during a dynamic event, and an element set too far from the activity's time (the
orbit conditions are in :mod:`planner.rules.orbit_rule`)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple

import numpy as np

from planner.model.activity import Activity, ActivityKind, Need, NeedKind
from planner.rules.findings import Finding, Severity
from planner.model.time_text import short_time, span_text

OUTSIDE_STAY = "activity-outside-stay"
OVERLAP = "activity-overlap"
DYNAMIC = "activity-dynamic-event"
ELEMENT_AGE = "element-set-age"

_ORBIT_NEEDS = (NeedKind.DAYLIGHT, NeedKind.SHADOW, NeedKind.SITE_IN_VIEW, NeedKind.LIVE_LINK)


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
    """What the per-activity rules read: people's stays, dynamic events, element-set epochs (the orbit's
    conditions are :mod:`planner.rules.orbit_rule`'s, judged for many activities at once)."""

    def __init__(self, people, dynamic, epochs, settings, names, tracks):
        self.people = people  # person -> PersonTrack, or -> when aboard (``planner.station.columns.Aboard``)
        self.dynamic = dynamic  # DynamicIndex
        self.epochs = epochs  # sorted epoch seconds of the project's element sets
        self.settings = settings
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
        return found

    def _element_age(self, row: ActivityRow) -> list[Finding]:
        if not self.epochs:
            return [Finding(ELEMENT_AGE, Severity.WARNING, row.start, row.end,
                            f"'{row.title}' depends on the orbit but the project has no element set",
                            (), (), (), (row.id,))]
        distance, nearest = element_set_distance(self.epochs, np.array([row.start]), np.array([row.end]))
        if distance[0] <= self.settings.element_set_max_age_days * 86400:
            return []
        return [Finding(ELEMENT_AGE, Severity.WARNING, row.start, row.end,
                        f"'{row.title}' {span_text(row.start, row.end)} is {distance[0] / 86400:.1f} days from the "
                        f"nearest element set (epoch {short_time(float(nearest[0]))}), so its orbit needs cannot "
                        f"be judged: orbit predictions are good for {self.settings.element_set_max_age_days:g} days",
                        (), (), (), (row.id,))]


def element_set_distance(epochs, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each ``[start, end]``: seconds from the nearest element-set epoch to its farther end, and that epoch
    (inf and nan without element sets). ``epochs`` sorted."""
    if not len(epochs):
        return np.full(len(starts), np.inf), np.full(len(starts), np.nan)
    ep = np.asarray(epochs, dtype=float)
    mid = (starts + ends) / 2
    k = np.searchsorted(ep, mid)
    before = ep[np.clip(k - 1, 0, len(ep) - 1)]
    after = ep[np.clip(k, 0, len(ep) - 1)]
    nearest = np.where(np.abs(mid - before) <= np.abs(mid - after), before, after)
    return np.abs(mid - nearest) + (ends - starts) / 2, nearest


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
