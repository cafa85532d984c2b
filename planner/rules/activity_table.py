"""The project's activities as columns: times converted once, people as (activity, person) pairs, and the
indexes a re-check needs (rows by id, activities by person) made only for what an edit touches.

A full check of 100,000 activities must not build 100,000 Python rows: the array screens
(:mod:`planner.rules.prefilter`) read the columns and pick the few activities the exact rules look at.
"""

from __future__ import annotations

from functools import cached_property
from itertools import chain, repeat
from operator import attrgetter, is_

import numpy as np

from planner.model.activity import ActivityKind, NeedKind
from planner.rules.activities import ActivityRow, activity_row
from planner.station.columns import coded, timestamps

_GUARD_NEED = NeedKind.NO_DYNAMIC_EVENT
_ID, _KIND, _NEEDS = attrgetter("id"), attrgetter("kind"), attrgetter("needs")
_ORBIT_NEEDS = frozenset((NeedKind.DAYLIGHT, NeedKind.SHADOW, NeedKind.SITE_IN_VIEW, NeedKind.LIVE_LINK))


class ActivityTable:
    """Columns of the activities at the time of a full check (``start``, ``end``, ``guarded``, ``orbit``)
    plus ``act``/``person``: one entry per (activity position, person code) with ``names[code]``.

    When two activities share an id the later one counts, as a dict keyed by id would have it.
    """

    def __init__(self, activities):
        acts = list(activities)
        if len(set(map(_ID, acts))) != len(acts):
            pos = dict(zip(map(_ID, acts), range(len(acts))))
            acts = [acts[k] for k in sorted(pos.values())]
        n = len(acts)
        self.activities = acts
        self.start = timestamps(map(attrgetter("start"), acts), n)
        self.end = timestamps(map(attrgetter("end"), acts), n)
        people = list(map(attrgetter("people"), acts))
        self.guarded = np.fromiter(map(is_, map(_KIND, acts), repeat(ActivityKind.EVA)), bool, n)
        # Needs as one flat column: which activity each belongs to, and whether it guards or needs the orbit.
        counts = np.fromiter(map(len, map(_NEEDS, acts)), np.int64, n)
        needy = np.flatnonzero(counts)  # most activities need nothing: only the others are read again
        owner = np.repeat(needy, counts[needy])
        kinds = list(map(_KIND, chain.from_iterable(map(_NEEDS, map(acts.__getitem__, needy.tolist())))))
        self.guarded[owner[np.fromiter(map(is_, kinds, repeat(_GUARD_NEED)), bool, len(kinds))]] = True
        self.orbit = np.zeros(n, dtype=bool)
        self.orbit[owner[np.fromiter(map(_ORBIT_NEEDS.__contains__, kinds), bool, len(kinds))]] = True
        lens = np.fromiter(map(len, people), np.int64, n)
        flat = list(chain.from_iterable(people))
        self.names, self.person = coded(flat)
        self.act = np.repeat(np.arange(n, dtype=np.int64), lens)

    def __len__(self) -> int:
        return len(self.activities)

    @cached_property
    def ids(self) -> list[str]:
        """Activity ids by position (made when first asked: a full check names only the activities it picks)."""
        return list(map(_ID, self.activities))

    @cached_property
    def pos(self) -> dict[str, int]:
        """Activity id -> position (made when first asked: a full check reads by position)."""
        return dict(zip(self.ids, range(len(self.ids))))

    def row(self, k: int) -> ActivityRow:
        """The row of the activity at position ``k``."""
        return activity_row(self.activities[k])


class ActivityRows:
    """Activity id -> :class:`ActivityRow`, made from the table on first use; edits are kept on top."""

    def __init__(self, table: ActivityTable):
        self._table = table
        self._rows: dict[str, ActivityRow] = {}

    @cached_property
    def _pos(self) -> dict[str, int]:
        """Ids still as the table has them (the table's own index, taken over: edits change it)."""
        return self._table.pos

    def at(self, k: int) -> ActivityRow:
        """The row of the table's activity at position ``k`` (for a full check, before any edit)."""
        aid = self._table.activities[k].id
        row = self._rows.get(aid)
        if row is None:
            row = self._rows[aid] = self._table.row(k)
        return row

    def get(self, aid: str) -> ActivityRow | None:
        """The row of ``aid``, or None when there is no such activity."""
        row = self._rows.get(aid)
        if row is None:
            k = self._pos.get(aid)
            if k is None:
                return None
            row = self._rows[aid] = self._table.row(k)
        return row

    def __getitem__(self, aid: str) -> ActivityRow:
        row = self.get(aid)
        if row is None:
            raise KeyError(aid)
        return row

    def __contains__(self, aid: str) -> bool:
        return aid in self._rows or aid in self._pos

    def __setitem__(self, aid: str, row: ActivityRow) -> None:
        self._pos.pop(aid, None)
        self._rows[aid] = row

    def __delitem__(self, aid: str) -> None:
        found = self._rows.pop(aid, None) is not None
        found = self._pos.pop(aid, None) is not None or found
        if not found:
            raise KeyError(aid)

    def __len__(self) -> int:
        return len(self._pos) + sum(1 for aid in self._rows if aid not in self._pos)


class PersonActivities:
    """Person id -> set of activity ids; a person's set is made from the table's columns when first asked."""

    def __init__(self, table: ActivityTable):
        self._table = table
        order = np.argsort(table.person, kind="stable")
        self._acts = table.act[order]
        codes = table.person[order]
        cuts = np.flatnonzero(np.diff(codes)) + 1
        starts = np.concatenate([[0], cuts]).tolist() if len(codes) else []
        stops = np.concatenate([cuts, [len(codes)]]).tolist() if len(codes) else []
        self._code = dict(zip(table.names, range(len(table.names))))
        self._lo = np.zeros(len(table.names), np.int64)
        self._hi = np.zeros(len(table.names), np.int64)
        self._lo[codes[starts]], self._hi[codes[starts]] = starts, stops
        self._sets: dict[str, set[str]] = {}

    def get(self, person: str, default=None):
        """The person's activity ids (the set itself, to be edited in place), or ``default``."""
        found = self._sets.get(person)
        if found is not None:
            return found
        code = self._code.pop(person, None)
        if code is None:
            return default
        ids = self._table.ids
        found = self._sets[person] = {ids[k] for k in self._acts[self._lo[code]:self._hi[code]].tolist()}
        return found

    def setdefault(self, person: str, default: set[str]) -> set[str]:
        """The person's set, made (or set to ``default``) when missing."""
        found = self.get(person)
        if found is None:
            found = self._sets[person] = default
        return found

    def __getitem__(self, person: str) -> set[str]:
        found = self.get(person)
        if found is None:
            raise KeyError(person)
        return found
