"""The orbit rule: an activity that needs daylight, shadow or a ground site in view, and does not have it; and the
link rule: a warning for the minutes an activity that needs a live link to the ground goes without one.

All the activities are judged together: each condition is worked out once over the windows of time the
activities cover (one question to the orbit engine per condition, not per activity), then every activity's
missing minutes are read off that interval set with arrays. An edit judges its one activity the same way,
from the same cached sets. An activity the orbit cannot judge (beyond the bundled ephemeris, or where SGP4
cannot fly the element set) gets a warning that says so and why.
"""

from __future__ import annotations

import numpy as np

from planner import intervals
from planner.model.activity import NeedKind
from planner.model.time_text import span_text, span_texts
from planner.orbit.errors import CannotJudge
from planner.orbit.horizon import outside_ephemeris
from planner.rules.findings import Finding, Severity
from planner.rules.orbit_needs import OrbitConditions

ORBIT = "activity-orbit"
LINK = "activity-link"
#: How a warning names each network's link.
LINK_WORDS = {"us": "a US link (TDRS)", "ru": "a Russian link (Luch or a Russian ground site)",
              "any": "a link to the ground (TDRS, Luch or a Russian ground site)"}

#: Activities closer than this are asked about as one window (the orbit works a minute or so beyond each).
JOIN_GAP_S = 600.0


def spans(starts: np.ndarray, ends: np.ndarray, join_gap_s: float = JOIN_GAP_S) -> list[tuple[float, float]]:
    """The stretches of time that cover every ``[start, end]``, joining those less than ``join_gap_s`` apart."""
    if len(starts) == 0:
        return []
    order = np.argsort(starts, kind="stable")
    s, e = starts[order], np.maximum.accumulate(ends[order])
    cut = np.flatnonzero(s[1:] > e[:-1] + join_gap_s) + 1
    first = np.concatenate([[0], cut])
    last = np.concatenate([cut - 1, [len(s) - 1]])
    return list(zip(s[first].tolist(), e[last].tolist()))


class OrbitCache:
    """The orbit's answers kept as one interval set per condition: ``("sunlit",)``, ``("in_view", site id,
    elevation)``, ``("high_beta", threshold)`` or ``("link", network, ground sites)`` (:func:`link_condition`), and
    the landing times at each zone. A condition is asked about
    only the windows not asked before, all of them in one question."""

    def __init__(self, orbit: OrbitConditions):
        self.orbit = orbit
        # what -> (the windows worked out, the intervals found in them), both normalised interval sets
        self._known: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
        # zone id -> (the windows worked out, the landing times found in them)
        self._landings: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def asked(self, what: tuple) -> np.ndarray:
        """The windows ``what`` has been worked out over (a normalised interval set)."""
        return self._known.get(what, (intervals.EMPTY, intervals.EMPTY))[0]

    def condition(self, what: tuple, site, stretches) -> np.ndarray:
        """The intervals when ``what`` holds, over at least ``stretches`` (``site``: the GroundSite of in_view).
        Raises :class:`CannotJudge` when the orbit cannot answer for some of them."""
        done, found = self._known.get(what, (intervals.EMPTY, intervals.EMPTY))
        missing = intervals.subtract(intervals.normalise(list(stretches)), done)
        if len(missing):
            if what[0] == "sunlit":
                new = self.orbit.sunlit(missing)
            elif what[0] == "high_beta":
                new = self.orbit.high_beta(what[1], missing)
            elif what[0] == "link":
                link = getattr(self.orbit, "link", None)
                if link is None:  # a stand-in orbit that answers only sunlight and sites
                    raise CannotJudge("this orbit cannot say when the station has a link", *missing[0])
                new = link(what[1], site, missing)
            else:
                new = self.orbit.in_view(site, what[2], missing)
            done, found = intervals.union(done, missing), intervals.union(found, new)
            self._known[what] = (done, found)
        return found

    def landings(self, zone, stretches) -> np.ndarray:
        """The estimated landing times at ``zone`` (sorted) over at least ``stretches``; :class:`CannotJudge`
        when the orbit cannot answer for some of them."""
        done, found = self._landings.get(zone.id, (intervals.EMPTY, np.zeros(0)))
        missing = intervals.subtract(intervals.normalise(list(stretches)), done)
        if len(missing):
            new = np.sort(np.concatenate((found, self.orbit.landings(zone, missing))))
            # A landing on the edge between two windows is found in both.
            found = new[np.concatenate(([True], np.diff(new) > 1.0))] if len(new) else new
            self._landings[zone.id] = (intervals.union(done, missing), found)
        return found


def link_condition(need, sites: dict) -> tuple[tuple, tuple]:
    """The orbit cache's name of a live-link need's condition, and the ground sites it is worked out with (all the
    project's: which of them count for a network is the orbit's to say). The name holds the sites' places, so an
    answer is never read for other sites."""
    network = need.network or "any"
    ground = () if network == "us" else tuple(sites.values())
    key = tuple((s.id, s.lat_deg, s.lon_deg, s.alt_m, s.min_elevation_deg, s.extra.get("network")) for s in ground)
    return ("link", network, key), ground


def orbit_findings(rows, sites: dict, orbit: OrbitCache) -> dict[str, list[Finding]]:
    """Activity id -> its orbit findings, for activity rows with orbit needs (each longer than an instant)."""
    found: dict[str, list[tuple[int, Finding]]] = {row.id: [] for row in rows}
    wanted: dict[tuple, list[tuple[int, int]]] = {}  # condition -> [(row position, need position)]
    site_of: dict[tuple, object] = {}
    for k, row in enumerate(rows):
        beyond = outside_ephemeris(row.start, row.end)
        if beyond:
            found[row.id].append((0, _cannot_judge(row, beyond)))
            continue
        for j, need in enumerate(row.orbit_needs):
            if need.kind is NeedKind.SITE_IN_VIEW:
                site = sites.get(need.site)
                if site is None:
                    found[row.id].append((j, Finding(
                        ORBIT, Severity.CONFLICT, row.start, row.end, f"'{row.title}' needs the ground site "
                        f"'{need.site}' in view, but the project has no such site", (), (), (), (row.id,))))
                    continue
                elevation = need.min_elevation_deg if need.min_elevation_deg is not None else site.min_elevation_deg
                what = ("in_view", site.id, elevation)
                site_of[what] = site
            elif need.kind is NeedKind.LIVE_LINK:
                what, site_of[what] = link_condition(need, sites)
            else:
                what = ("sunlit", need.kind is NeedKind.SHADOW)
            wanted.setdefault(what, []).append((k, j))
    for what, items in wanted.items():
        pos = [k for k, _j in items]
        starts = np.fromiter((rows[k].start for k in pos), float, len(pos))
        ends = np.fromiter((rows[k].end for k in pos), float, len(pos))
        stretches = spans(starts, ends)
        try:
            if what[0] == "sunlit":
                good = orbit.condition(("sunlit",), None, stretches)
                if what[1]:  # shadow: the stretches less their sunlight
                    good = intervals.subtract(stretches, good)
            else:
                good = orbit.condition(what, site_of[what], stretches)
        except CannotJudge as error:
            for k, j in items:
                found[rows[k].id].append((j, _cannot_judge(rows[k], error.reason)))
            continue
        if what[0] == "link":
            for j, finding in _link_findings(rows, pos, items, good, starts, ends, what[1]):
                found[rows[pos[j]].id].append((items[j][1], finding))
            continue
        if what[0] == "sunlit":
            words = "the station in Earth's shadow" if what[1] else "daylight on the station"
        else:
            words = f"{site_of[what].name} in view (above {what[2]:g} deg)"
        lost, first, last = _gaps(good, starts, ends)
        bad = np.flatnonzero(~intervals.covers(good, starts, ends))
        # The spans of the activities that miss their condition and of their first gaps, worded together.
        said = zip(span_texts(starts[bad], ends[bad]), span_texts(first[bad, 0], first[bad, 1]))
        for i, (said_row, said_gap) in zip(bad.tolist(), said):
            row = rows[pos[i]]
            found[row.id].append((items[i][1], Finding(
                ORBIT, Severity.CONFLICT, float(first[i, 0]), float(last[i]),
                f"'{row.title}' {said_row} needs {words}, but not for {lost[i] / 60:.1f} min of it, first {said_gap}",
                (), row.people, (), (row.id,))))
    return {aid: [f for _j, f in sorted(pairs, key=lambda p: p[0])] for aid, pairs in found.items()}


def _link_findings(rows, pos, items, good, starts, ends, network: str):
    """(item index, warning) for each activity that goes without a link of ``network`` for some of its time:
    "'Live downlink' 5 Oct 10:00-10:30: 12 min of its 30 without a US link (TDRS), first ..."."""
    lost, first, last = _gaps(good, starts, ends)
    bad = np.flatnonzero(~intervals.covers(good, starts, ends))
    said = zip(span_texts(starts[bad], ends[bad]), span_texts(first[bad, 0], first[bad, 1]))
    for i, (said_row, said_gap) in zip(bad.tolist(), said):
        row = rows[pos[i]]
        total = (ends[i] - starts[i]) / 60
        yield i, Finding(LINK, Severity.WARNING, float(first[i, 0]), float(last[i]),
                         f"'{row.title}' {said_row}: {_minutes(lost[i] / 60)} min of its {_minutes(total)} without "
                         f"{LINK_WORDS[network]}, first {said_gap}", (), row.people, (), (row.id,))


def _minutes(value: float) -> str:
    """12, 12.5 or 0.3: whole minutes without a decimal, others to a tenth."""
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def _cannot_judge(row, reason: str) -> Finding:
    return Finding(ORBIT, Severity.WARNING, row.start, row.end,
                   f"'{row.title}' {span_text(row.start, row.end)} needs the orbit, but cannot be judged: {reason}",
                   (), row.people, (), (row.id,))


def _gaps(good: np.ndarray, starts: np.ndarray, ends: np.ndarray):
    """For each window ``[start, end)``: the seconds outside ``good`` (a normalised set), the first gap as
    (start, end), and where the last gap ends."""
    n = len(starts)
    if not len(good):
        return ends - starts, np.stack((starts, ends), axis=1), ends.copy()
    g0, g1 = good[:, 0], good[:, 1]
    lo = np.searchsorted(g1, starts, side="right")  # the first interval ending after the start
    hi = np.searchsorted(g0, ends, side="left")  # past the last interval starting before the end
    meets = hi > lo
    last_in = np.maximum(hi - 1, 0)
    first_in = np.minimum(lo, len(good) - 1)
    # Seconds of good inside each window: whole intervals lo..hi-1, less what sticks out at either end.
    cum = np.concatenate(([0.0], np.cumsum(g1 - g0)))
    inside = np.where(meets, cum[np.maximum(hi, lo)] - cum[lo]
                      - np.maximum(0.0, starts - g0[first_in]) - np.maximum(0.0, g1[last_in] - ends), 0.0)
    lost = np.maximum((ends - starts) - inside, 0.0)
    # The first gap: at the start when the first good interval begins after it, else after that interval.
    gap_at_start = ~meets | (g0[first_in] > starts)
    first_start = np.where(gap_at_start, starts, g1[first_in])
    after = np.minimum(lo + 1, len(good) - 1)
    next_start = np.where(lo + 1 < hi, g0[after], ends)
    first_end = np.where(~meets, ends, np.where(gap_at_start, np.minimum(g0[first_in], ends), np.minimum(next_start, ends)))
    # The last gap ends at the window's end unless good holds to the end; then where that good interval begins.
    last_end = np.where(~meets | (g1[last_in] < ends), ends, g0[last_in])
    return lost, np.stack((first_start, first_end), axis=1).reshape(n, 2), last_end
