"""Where an activity can go: the nearest start, on a whole minute, at which it keeps the rules it is checked
against: its people aboard for all of it, its orbit needs met for all of it (within the element sets' usable
age), clear of dynamic events when it must be, and clear of its people's other activities.

The orbit is read through the rules' own :class:`~planner.rules.orbit_rule.OrbitCache` (the computation the
orbit rule judges by, and its cached answers), and each start found is judged again by the rules themselves
(:func:`judge`, many at once as a full check judges them) before a fix offers it.

Starts are worked out as closed spans ``(first, last)`` of allowed start times, a few per activity: the
allowed spans of each condition met, less the starts that would touch something the activity must avoid.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from typing import Callable, Iterable, NamedTuple

import numpy as np

from planner import intervals
from planner.model.activity import NeedKind
from planner.model.crew_day import BlockKind
from planner.model.time_text import short_time
from planner.orbit.errors import CannotJudge
from planner.orbit.horizon import outside_ephemeris
from planner.rules.activities import (ELEMENT_AGE, ActivityContext, ActivityRow, element_set_distance,
                                      overlap_finding)
from planner.rules.findings import Finding
from planner.rules.orbit_rule import LINK, ORBIT, OrbitCache, link_condition, orbit_findings
from planner.station.crew_day import CrewDay

#: How far either way a fix looks for a new time: a planner moves an activity by hours or days, not weeks.
SEARCH_S = 3 * 86400.0
#: The searches widen in these steps, so that the usual fix (the next orbit's daylight, the next pass) reads
#: little of the orbit.
REACHES_S = (3 * 3600.0, SEARCH_S)
#: New starts fall on whole minutes, as planners write them.
STEP_S = 60.0
#: An orbit condition must hold this long beyond both ends of the new time, so that the same condition worked
#: out over other windows (a later check, another program) finds it met too.
ORBIT_MARGIN_S = 5.0
#: Element sets: a second inside their usable age, so that a new time is judged as a check judges it.
AGE_MARGIN_S = 1.0
#: The nearest starts tried, one after the other, when the rules turn down the one before.
TRIES = 3
# A start this far past an instant it must not touch.
_PAST = 1e-3


class ActivityState:
    """What the activity fixes read beside the station state: the rules' activity rows, the per-activity rules,
    the orbit's cached answers and the ground sites. Each person's activities are put in time order when a fix
    first needs them, and the orbit's answers are kept per condition (for as long as this state is: one listing
    of fixes)."""

    def __init__(self, rows, activities_of: Callable[[str], Iterable[str]], context: ActivityContext,
                 orbit: OrbitCache | None, sites: dict, crew_day: CrewDay | None = None):
        self.rows = rows  # activity id -> ActivityRow (``.get``)
        self.crew_day = crew_day  # the crew's day: where a search that keeps to the working hours looks
        self.activities_of = activities_of  # person id -> ids of their activities
        self.context = context
        self.orbit = orbit
        self.sites = sites
        self._timed: dict[str, tuple] = {}  # person -> (starts, ends, rows) in start order, longest length
        self._asked: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}  # condition -> (windows asked, answer)

    def others(self, row: ActivityRow, lo: float, hi: float) -> list[ActivityRow]:
        """The other activities of the row's people that share a moment with ``[lo, hi)``, each once."""
        found = {}
        for person in row.people:
            starts, ends, rows, longest = self._person(person)
            first = int(np.searchsorted(starts, lo - longest, side="left"))
            last = int(np.searchsorted(starts, hi, side="left"))
            for k in np.flatnonzero(ends[first:last] > lo).tolist():
                other = rows[first + k]
                if other.id != row.id:
                    found[other.id] = other
        return [found[aid] for aid in sorted(found)]

    def _person(self, person: str) -> tuple:
        timed = self._timed.get(person)
        if timed is None:
            rows = [r for r in map(self.rows.get, self.activities_of(person)) if r is not None]
            rows.sort(key=lambda r: (r.start, r.id))
            starts = np.fromiter((r.start for r in rows), float, len(rows))
            ends = np.fromiter((r.end for r in rows), float, len(rows))
            longest = float((ends - starts).max()) if rows else 0.0
            timed = self._timed[person] = (starts, ends, rows, longest)
        return timed

    def holds(self, what: tuple, site, windows) -> np.ndarray:
        """When the orbit condition ``what`` holds, over at least ``windows`` (asked of the orbit cache unless
        asked before). Raises :class:`CannotJudge` when the orbit cannot answer."""
        windows = intervals.normalise(windows)
        asked, answer = self._asked.get(what, (intervals.EMPTY, intervals.EMPTY))
        if not intervals.covers(asked, windows[:, 0], windows[:, 1]).all():
            answer = self.orbit.condition(what, site, windows)
            self._asked[what] = (intervals.union(asked, windows), answer)
        return answer


class Search(NamedTuple):
    """Where to look for an activity's new start: nearest ``want``, within ``[lo, hi]``; with ``stay`` its people
    must be aboard, with ``orbit`` its orbit needs met, with ``working`` all of it in its people's working hours."""

    row: ActivityRow
    want: float
    lo: float
    hi: float
    stay: bool
    orbit: bool
    working: bool = False


def condition(need, sites: dict) -> tuple[tuple | None, object]:
    """The orbit cache's name of the condition a need asks for (shadow: sunlight, turned round), and its ground
    site (a live link: the project's sites); (None, None) for a site the project does not have."""
    if need.kind is NeedKind.LIVE_LINK:
        return link_condition(need, sites)
    if need.kind is not NeedKind.SITE_IN_VIEW:
        return ("sunlit",), None
    site = sites.get(need.site)
    if site is None:
        return None, None
    elevation = need.min_elevation_deg if need.min_elevation_deg is not None else site.min_elevation_deg
    return ("in_view", site.id, elevation), site


def prepare(searches, state: ActivityState) -> None:
    """Ask the orbit at once about every condition these searches need (one question per condition over all
    their windows, as the rule asks), so that each search then reads the answers."""
    if state.orbit is None:
        return
    wanted: dict[tuple, tuple[object, list]] = {}
    for search in searches:
        stretch = _stretch(search)
        if not search.orbit or outside_ephemeris(*stretch):
            continue
        for need in search.row.orbit_needs:
            what, site = condition(need, state.sites)
            if what is not None:
                wanted.setdefault(what, (site, []))[1].append(stretch)
    for what, (site, stretches) in wanted.items():
        try:
            state.holds(what, site, stretches)
        except CannotJudge:
            pass  # each search then asks about its own window, and finds nothing where the orbit cannot say


def _stretch(search: Search) -> tuple[float, float]:
    """The time a search reads the orbit over."""
    pad = ORBIT_MARGIN_S + STEP_S
    return search.lo - pad, search.hi + (search.row.end - search.row.start) + pad


def allowed(search: Search, state: ActivityState) -> list[tuple[float, float]]:
    """The closed spans of starts in ``[lo, hi]`` at which the activity (its length kept) has what the search
    asks for, keeps clear of dynamic events when it must, and shares no moment with its people's other
    activities."""
    row, lo, hi = search.row, search.lo, search.hi
    length = row.end - row.start
    spans = [(lo, hi)]
    ctx = state.context
    if search.stay and row.people:
        together = aboard(ctx, row.people)
        # [start, end) inside one stay (an instant: before the stay's end)
        spans = _meet(spans, [(a, b - length if length > 0 else b - _PAST) for a, b in together])
    if search.working and row.people and state.crew_day is not None:
        spans = _meet(spans, working_starts(state.crew_day, row.people, lo, hi, length))
    if search.orbit and row.orbit_needs:
        limit = ctx.settings.element_set_max_age_days * 86400 - AGE_MARGIN_S
        epochs = ctx.epochs[bisect_left(ctx.epochs, lo - limit):bisect_right(ctx.epochs, hi + length + limit)]
        spans = _meet(spans, _merged([(ep - limit, ep + limit - length) for ep in epochs]))
        spans = _meet(spans, _orbit_spans(search, state)) if spans else spans
    if not spans:
        return spans
    holes = []  # starts to avoid, as open intervals
    if row.guarded:  # an event [s, e] touches [start, end) when s < end and e >= start
        holes += [(e.start - length, e.end + _PAST) for e in ctx.dynamic.overlapping(lo, hi + length)]
    if length > 0:  # an instant shares no moment with anything
        holes += [(o.start - length, o.end) for o in state.others(row, lo, hi + length) if o.end > o.start]
    return _cut(spans, holes) if holes else spans


def working_starts(day: CrewDay, people, lo: float, hi: float, length: float) -> list[tuple[float, float]]:
    """The closed spans of starts in ``[lo, hi]`` at which ``[start, start + length)`` lies in the working hours of
    every one of ``people`` (an instant: inside them)."""
    work = None
    for person in people:
        mine = day.blocks(person, lo, hi + length).of(BlockKind.WORK)
        work = mine if work is None else intervals.intersect(work, mine)
    if work is None:
        return []
    return [(a, b - length if length > 0 else b - _PAST) for a, b in intervals.normalise(work).tolist()]


def _orbit_spans(search: Search, state: ActivityState) -> list[tuple[float, float]]:
    """The spans of starts at which every orbit need holds for the whole activity, with a margin either side."""
    row = search.row
    length = row.end - row.start
    t0, t1 = _stretch(search)
    if state.orbit is None or outside_ephemeris(t0, t1):
        return []
    spans = [(search.lo, search.hi)]
    for need in row.orbit_needs:
        what, site = condition(need, state.sites)
        if what is None:
            return []
        try:
            holds = intervals.within(state.holds(what, site, [(t0, t1)]), t0, t1)
        except CannotJudge:
            return []
        if need.kind is NeedKind.SHADOW:
            holds = intervals.complement(holds, t0, t1)
        spans = _meet(spans, [(a + ORBIT_MARGIN_S, b - ORBIT_MARGIN_S - length) for a, b in holds.tolist()])
    return spans


def aboard(ctx: ActivityContext, people) -> list[tuple[float, float]]:
    """When all of ``people`` are aboard at once, as sorted disjoint ``[start, end)`` pairs."""
    together = None
    for person in people:
        entry = ctx.people.get(person)
        mine = list(getattr(entry, "aboard", entry) or ())
        together = mine if together is None else [(max(a, c), min(b, d)) for a, b in together for c, d in mine
                                                   if max(a, c) < min(b, d)]
    return together or []


def _merged(spans) -> list[tuple[float, float]]:
    """Closed spans sorted and joined where they meet (empty ones dropped)."""
    out: list[list[float]] = []
    for a, b in sorted(s for s in spans if s[0] <= s[1]):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _meet(a, b) -> list[tuple[float, float]]:
    """The times in both lists of closed spans."""
    a, b = _merged(a), _merged(b)
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo <= hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def _cut(spans, holes) -> list[tuple[float, float]]:
    """The closed spans (sorted, disjoint) less the open intervals ``holes``: one sweep over both."""
    merged: list[list[float]] = []
    for x, y in sorted(holes):
        if merged and x < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], y)
        elif x < y:
            merged.append([x, y])
    out, j = [], 0
    for a, b in spans:
        while j < len(merged) and merged[j][1] <= a:
            j += 1
        at, k = a, j
        while k < len(merged) and merged[k][0] < b:
            x, y = merged[k]
            if x >= at:
                out.append((at, x))
            at = max(at, y)
            k += 1
        if at <= b:
            out.append((at, b))
    return out


def nearest_minutes(spans, want: float, count: int = TRIES) -> list[float]:
    """Up to ``count`` whole-minute times inside the closed spans, nearest ``want`` first (the earlier of two
    as near)."""
    found: list[float] = []
    for gap, a, b in sorted((max(a - want, want - b, 0.0), a, b) for a, b in spans):
        if len(found) >= count and gap > abs(found[count - 1] - want):
            break  # the spans after this one are farther still
        first, last = math.ceil(a / STEP_S), math.floor(b / STEP_S)
        if first > last:
            continue
        mid = min(max(round(want / STEP_S), first), last)
        found += [k * STEP_S for k in range(max(first, mid - count), min(last, mid + count) + 1)]
        found.sort(key=lambda t: (abs(t - want), t))
    return found[:count]


def judge(rows, state: ActivityState) -> list[list[Finding]]:
    """Every finding the rules make about each activity row on its own and beside its people's other activities,
    its orbit needs judged (for all the rows at once) where the element sets reach it."""
    ctx = state.context
    limit = ctx.settings.element_set_max_age_days * 86400
    found = []
    for row in rows:
        mine = ctx.findings(row)
        for other in state.others(row, row.start, max(row.end, row.start + _PAST)):
            pair = overlap_finding(row, other, ctx.names)
            if pair is not None:
                mine.append(pair)
        found.append(mine)
    if state.orbit is not None:
        judged = [k for k, row in enumerate(rows) if row.orbit_needs and row.end > row.start]
        if judged:
            starts = np.array([rows[k].start for k in judged])
            ends = np.array([rows[k].end for k in judged])
            judged = [k for k, near in zip(judged, element_set_distance(ctx.epochs, starts, ends)[0] <= limit)
                      if near]
        # Each row under its own name: the rows of one activity at several times are judged together.
        named = [rows[k]._replace(id=f"{k}:{rows[k].id}") for k in judged]
        orbit = orbit_findings(named, state.sites, state.orbit)
        for k, row in zip(judged, named):
            found[k] += [f._replace(activities=(rows[k].id,)) for f in orbit[row.id]]
    return found


#: What a moved activity must be clear of, by the rule of the finding its move fixes (a live link's: its other orbit
#: needs too, and the orbit able to judge it).
_FIXED = {ORBIT: (ORBIT, ELEMENT_AGE), LINK: (LINK, ORBIT, ELEMENT_AGE)}


def place(searches: list[Search], findings: list[Finding], state: ActivityState) -> list[ActivityRow | None]:
    """For each search, its row moved to the nearest allowed start that the rules confirm: no finding of the rule
    its ``findings`` entry broke, and no conflict the activity did not have; None where there is none."""
    tries: list[list[float]] = [[] for _ in searches]
    for reach in REACHES_S:  # the nearest starts within a reach are the nearest of all
        todo = [i for i, t in enumerate(tries) if not t]
        near = [searches[i]._replace(lo=max(searches[i].lo, searches[i].want - reach),
                                     hi=min(searches[i].hi, searches[i].want + reach)) for i in todo]
        prepare(near, state)
        for i, search in zip(todo, near):
            tries[i] = nearest_minutes(allowed(search, state), search.want)
    placed: list[ActivityRow | None] = [None] * len(searches)
    for k in range(TRIES):
        todo = [i for i, t in enumerate(tries) if placed[i] is None and k < len(t)]
        if not todo:
            break
        moved = [searches[i].row._replace(start=tries[i][k], end=tries[i][k] + searches[i].row.end
                                          - searches[i].row.start) for i in todo]
        for i, new, after in zip(todo, moved, judge(moved, state)):
            if _better(searches[i].row, after, findings[i], state):
                placed[i] = new
    return placed


def _better(old: ActivityRow, after: list[Finding], finding: Finding, state: ActivityState) -> bool:
    """True when the findings ``after`` a move are clear of the finding's rule and add no conflict."""
    def keys(found):
        return {(f.rule, f.vehicles, f.people, f.activities) for f in found if f.is_conflict}

    fixed = _FIXED.get(finding.rule, (finding.rule,))
    if any(f.rule in fixed for f in after):
        return False
    new = keys(after)
    return not new or new <= keys(judge([old], state)[0])


def nearest_stay(row: ActivityRow, state: ActivityState) -> tuple[float, float] | None:
    """The closed span of starts that keeps all the activity's people aboard for all of it, in the time they are
    all aboard nearest the activity; None when they are never aboard together that long."""
    length = row.end - row.start
    spans = [(a, b - length if length > 0 else b - _PAST) for a, b in aboard(state.context, row.people)]
    spans = [(a, b) for a, b in spans if a <= b]
    if not spans:
        return None
    return min(spans, key=lambda s: (max(s[0] - row.start, row.start - s[1], 0.0), s[0]))


def moved_text(old: ActivityRow, new: ActivityRow) -> str:
    """'2021-10-05 10:12–10:40 UTC (2 h 5 min later)': the new time and how far it moved."""
    start, end = short_time(new.start), short_time(new.end)
    span = f"{start[:-4]}–{end[11:]}" if start[:10] == end[:10] else f"{start} – {end}"
    delta = new.start - old.start
    return f"{span} ({_duration(abs(delta))} {'later' if delta > 0 else 'earlier'})"


def _duration(seconds: float) -> str:
    """'2 d 3 h', '1 h 12 min', '40 min': the two largest units."""
    minutes = int(round(seconds / 60))
    days, rest = divmod(minutes, 1440)
    hours, minutes = divmod(rest, 60)
    parts = [f"{days} d"] * bool(days) + [f"{hours} h"] * bool(hours) + [f"{minutes} min"] * bool(minutes)
    return " ".join(parts[:2]) or "under a minute"
