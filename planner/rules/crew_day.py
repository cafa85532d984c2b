"""Rules of the crew's day: an activity in a participant's sleep, post-sleep or pre-sleep; an activity on a
participant's day off; a person's planned activities on one day longer than the work that day holds.

The day is the project's template with its sleep shifts (:mod:`planner.model.crew_day`). A full check screens
every (activity, person) pair with array passes over the blocks of each distinct day (the crew's usual day, and
the day of each person with shifts of their own); the exact findings are then worded for the activities picked,
by the same functions a re-check after an edit calls, so the two always agree.
"""

from __future__ import annotations

import math

import numpy as np

from planner.model.crew_day import BLOCK_WORDS, REST, BlockKind
from planner.station.crew_day import (
    CrewDay, day_grid, day_number, day_of, waking_days, weekday, work_budget_s, working_windows,
)
from planner.model.time_text import span_texts
from planner.rules.findings import Finding, Severity

REST_RULE = "crew-rest"
DAY_OFF_RULE = "crew-day-off"
WORKLOAD_RULE = "crew-workload"
RULES = (REST_RULE, DAY_OFF_RULE, WORKLOAD_RULE)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _hours(seconds: float) -> str:
    minutes = int(round(seconds / 60))
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


def _people_text(people, names) -> str:
    if len(people) == 1:
        return names.get(people[0], people[0])
    said = [names.get(p, p) for p in people]
    return ", ".join(said[:-1]) + " and " + said[-1]


def _day_text(day: int) -> str:
    return f"{_WEEKDAYS[int(weekday(day))]} {day_of(day).isoformat()}"


# -- an activity in rest or on a day off -------------------------------------------------------------------

class Named:
    """``ids[k]`` and ``titles[k]`` of activities, read when a finding is worded (most never are)."""

    def __init__(self, activities, attr: str):
        self._activities, self._attr = activities, attr

    def __getitem__(self, k: int) -> str:
        activity = self._activities[k]
        return getattr(activity, self._attr) or activity.id


class Pairs:
    """One entry per (activity, person), in each activity's order of people: ``start``/``end`` epoch seconds of the
    activity, ``act`` its position in ``ids``/``titles``, ``code`` the person's position in ``person_ids``."""

    __slots__ = ("start", "end", "act", "code", "person_ids", "ids", "titles")

    def __init__(self, start, end, act, code, person_ids, ids, titles):
        self.start, self.end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
        self.act, self.code = np.asarray(act, dtype=np.int64), np.asarray(code, dtype=np.int64)
        self.person_ids, self.ids, self.titles = person_ids, ids, titles

    @classmethod
    def of_rows(cls, rows) -> "Pairs":
        """The pairs of a few activity rows (``id``, ``title``, ``start``, ``end``, ``people``)."""
        rows = list(rows)
        people = [p for r in rows for p in r.people]
        act = [k for k, r in enumerate(rows) for _p in r.people]
        codes = {p: c for c, p in enumerate(dict.fromkeys(people))}
        return cls([rows[k].start for k in act], [rows[k].end for k in act], act, [codes[p] for p in people],
                   list(codes), [r.id for r in rows], [r.title for r in rows])

    def groups(self, day: CrewDay):
        """(profile, pair positions) for each distinct day the pairs' people live (the crew's, then each own)."""
        own = [c for c, person in enumerate(self.person_ids) if person in day.own]
        mine = np.isin(self.code, own)
        if not mine.all():
            yield None, np.flatnonzero(~mine)
        for code in np.unique(self.code[mine]).tolist():
            yield self.person_ids[code], np.flatnonzero(self.code == code)


_WATCHED = np.array([int(k) for k in (*REST, BlockKind.DAY_OFF)])
_WORDS = {int(k): word for k, word in BLOCK_WORDS.items()}


def rest_findings(day: CrewDay, pairs: Pairs, names: dict[str, str]) -> dict[str, list[Finding]]:
    """Activity id -> its rest and day-off findings (only activities with some), for every pair at once."""
    hit_pair, hit_start, hit_end, hit_kind = [], [], [], []
    for profile, rows in pairs.groups(day):
        s, e = pairs.start[rows], pairs.end[rows]
        # The screen: an activity inside the working window of the GMT day it starts on (or running on into the next
        # day's, with nothing between) keeps clear of every rest and day off: the usual activity, cleared by a few
        # array operations per day and per activity. The others are looked at block by block.
        first = int(day_number(s.min())) - 2
        opens, closes, working = working_windows(day.template, day.shifts, profile, first,
                                                 int(day_number(e.max())) + 2)
        k = day_number(s) - first
        following = np.minimum(k + 1, len(opens) - 1)
        inside = working[k] & (s >= opens[k]) & (((e <= closes[k]) & ((e > s) | (s < closes[k])))
                                                 | (working[following] & (closes[k] == opens[following])
                                                    & (e <= closes[following]) & (e > s)))
        doubt = np.flatnonzero(~inside)
        if not len(doubt):
            continue
        rows, s, e = rows[doubt], s[doubt], e[doubt]
        first = int(day_number(s.min())) - 2
        starts, ends, kinds = day_grid(day.template, day.shifts, profile, first, int(day_number(e.max())) + 2)
        watched = np.isin(kinds, _WATCHED) & (ends > starts)
        lo = np.searchsorted(ends, s, "right")
        # An activity shares a moment with the blocks it overlaps; an instant, with the block that holds it.
        hi = np.maximum(np.where(e > s, np.searchsorted(starts, e, "left"), np.searchsorted(starts, e, "right")), lo)
        counted = np.concatenate(([0], np.cumsum(watched)))
        some = np.flatnonzero(counted[hi] > counted[lo])
        if not len(some):
            continue
        n = hi[some] - lo[some]
        block = np.repeat(lo[some], n) + np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
        pair = np.repeat(rows[some], n)
        keep = watched[block]
        block, pair = block[keep], pair[keep]
        ps, pe = pairs.start[pair], pairs.end[pair]
        hit_pair.append(pair)
        hit_start.append(np.where(pe > ps, np.maximum(starts[block], ps), ps))
        hit_end.append(np.where(pe > ps, np.minimum(ends[block], pe), ps))
        hit_kind.append(kinds[block])
    if not hit_pair:
        return {}
    pair, start, end = np.concatenate(hit_pair), np.concatenate(hit_start), np.concatenate(hit_end)
    kind = np.concatenate(hit_kind)
    off = kind == BlockKind.DAY_OFF
    act = pairs.act[pair]
    order = np.lexsort((start, pair, off, act))
    pair, start, end, kind, off, act = pair[order], start[order], end[order], kind[order], off[order], act[order]
    heads = np.flatnonzero(np.concatenate(([True], (act[1:] != act[:-1]) | (off[1:] != off[:-1]))))
    tails = np.append(heads[1:], len(act))
    lows, highs = np.minimum.reduceat(start, heads), np.maximum.reduceat(end, heads)
    spans = span_texts(lows, highs)
    out: dict[str, list[Finding]] = {}
    # Lists, not arrays, from here: most activities have one hit, worded in plain Python.
    people_of = [pairs.person_ids[c] for c in pairs.code[pair].tolist()]
    kinds, starts, days = kind.tolist(), start.tolist(), day_number(start).tolist()
    for g, h, t, k, is_off, low, high in zip(range(len(heads)), heads.tolist(), tails.tolist(), act[heads].tolist(),
                                          off[heads].tolist(), lows.tolist(), highs.tolist()):
        people = (people_of[h],) if t - h == 1 else tuple(dict.fromkeys(people_of[h:t]))
        who = _people_text(people, names)
        if is_off:
            said = ", ".join(_day_text(d) for d in sorted(set(days[h:t])))
            found = Finding(DAY_OFF_RULE, Severity.WARNING, low, high,
                            f"{pairs.titles[k]} is on {said}, a day off for {who}: plan it on a working day, or "
                            "agree it with them", (), people, (), (pairs.ids[k],))
        else:
            if t - h == 1:
                said = _WORDS[kinds[h]]
            else:  # in time order
                words = list(dict.fromkeys(_WORDS[x] for _s, x in sorted(zip(starts[h:t], kinds[h:t]))))
                said = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
            found = Finding(REST_RULE, Severity.WARNING, low, high,
                            f"{pairs.titles[k]} falls in the {said} of {who} {spans[g]}: plan it in their working "
                            "hours, or shift their sleep for it", (), people, (), (pairs.ids[k],))
        out.setdefault(pairs.ids[k], []).append(found)
    return out


# -- a person's planned hours on a day ---------------------------------------------------------------------

def workload_findings(day: CrewDay, pairs: Pairs, names: dict[str, str]) -> dict[str, list[Finding]]:
    """Person id -> their workload findings: each day (from a person's wake to their sleep) whose planned activity
    time is longer than the work the day holds (Sunday, holding none, is the day-off rule's). Lengths are summed
    in whole milliseconds, so that any order of the same activities gives the same sums."""
    out: dict[str, list[Finding]] = {}
    for profile, rows in pairs.groups(day):
        s, e = pairs.start[rows], pairs.end[rows]
        first, last = day_number(s) - 1, day_number(e) + 1
        days, wake, sleep = waking_days(day.template, day.shifts, profile, int(first.min()), int(last.max()))
        hits = []  # (pair, day number, milliseconds)
        # The usual activity lies within one day's wake and sleep, apart from the days either side: it counts there
        # in full. The others are split over the days from the one before their start to the one after their end.
        at = day_number(s) - days[0]
        apart = np.concatenate(([False], sleep[:-2] <= wake[1:-1], [False])) & (sleep <= np.append(wake[1:], -np.inf))
        apart &= sleep <= np.append(wake[2:], [np.inf, -np.inf])
        whole = apart[at] & (s >= wake[at]) & (e <= sleep[at]) & (day_number(e) <= days[at] + 1)
        ms = np.round((e - s) * 1000.0)
        keep = whole & (ms > 0)
        hits.append((rows[keep], days[at[keep]], ms[keep].astype(np.int64)))
        rest = np.flatnonzero(~whole)
        for k in range(int((last[rest] - first[rest]).max()) + 1 if len(rest) else 0):
            d = first[rest] + k
            at = np.minimum(d - days[0], len(days) - 1)
            ms = np.round((np.minimum(e[rest], sleep[at]) - np.maximum(s[rest], wake[at])) * 1000.0)
            keep = (d <= last[rest]) & (ms > 0)
            hits.append((rows[rest][keep], d[keep], ms[keep].astype(np.int64)))
        pair = np.concatenate([h[0] for h in hits])
        if not len(pair):
            continue
        when, ms = np.concatenate([h[1] for h in hits]), np.concatenate([h[2] for h in hits])
        code = pairs.code[pair]
        order = np.argsort(code * (int(when.max() - when.min()) + 1) + (when - when.min()))  # (sums: any order)
        code, when, ms, pair = code[order], when[order], ms[order], pair[order]
        heads = np.flatnonzero(np.concatenate(([True], (code[1:] != code[:-1]) | (when[1:] != when[:-1]))))
        totals = np.add.reduceat(ms, heads)
        # Only the days planned beyond the least work any day holds can be beyond their own.
        least = min((h for h in (day.template.work_hours, day.template.saturday_work_hours,
                                 day.template.sunday_work_hours) if h > 0), default=math.inf)
        full = np.flatnonzero(totals > round(least * 3600.0 * 1000.0)) if math.isfinite(least) else heads[:0]
        budgets = np.zeros(len(heads), dtype=np.int64)
        budgets[full] = np.round(work_budget_s(day.template, weekday(when[heads[full]])) * 1000.0).astype(np.int64)
        tails = np.append(heads[1:], len(code))
        for g in full[(budgets[full] > 0) & (totals[full] > budgets[full])].tolist():
            person, d = pairs.person_ids[int(code[heads[g]])], int(when[heads[g]])
            k = d - int(days[0])
            ids = tuple(sorted({pairs.ids[i] for i in pairs.act[pair[heads[g]:tails[g]]].tolist()}))
            out.setdefault(person, []).append(Finding(
                WORKLOAD_RULE, Severity.WARNING, float(wake[k]), float(sleep[k]),
                f"{names.get(person, person)} has {_hours(totals[g] / 1000)} of activities planned on "
                f"{_day_text(d)}, more than the {_hours(budgets[g] / 1000)} of work the day holds: "
                "move some to a lighter day", (), (person,), (), ids))
    return out
