"""Each person's day on the station as arrays of blocks (sleep, post-sleep, conferences, work, days off, pre-sleep)
over any span: the crew's day template and sleep shifts of :mod:`planner.model.crew_day` worked out in time, for the
rules and the timeline."""

from __future__ import annotations

import math
from datetime import date

import numpy as np

from planner.model.crew_day import DAY_S, REST, SATURDAY, SUNDAY, BlockKind, DayTemplate

_EPOCH_DAY = date(1970, 1, 1).toordinal()


def work_budget_s(template: DayTemplate, weekdays: np.ndarray) -> np.ndarray:
    """Seconds of work each day (by its weekday, Monday 0) holds."""
    out = np.full(len(weekdays), template.work_hours * 3600.0)
    out[weekdays == SATURDAY] = template.saturday_work_hours * 3600.0
    out[weekdays == SUNDAY] = template.sunday_work_hours * 3600.0
    return out


class DayBlocks:
    """A person's blocks, contiguous and in time order: ``start``/``end`` epoch seconds, ``kind`` codes."""

    __slots__ = ("start", "end", "kind")

    def __init__(self, start: np.ndarray, end: np.ndarray, kind: np.ndarray):
        self.start, self.end, self.kind = start, end, kind

    def __len__(self) -> int:
        return len(self.start)

    def of(self, *kinds: BlockKind) -> np.ndarray:
        """The ``(n, 2)`` spans of these kinds."""
        mask = np.isin(self.kind, [int(k) for k in kinds])
        return np.stack((self.start[mask], self.end[mask]), axis=1)

    def overlapping(self, start: float, end: float, kinds=REST) -> list[tuple[float, float, BlockKind]]:
        """The blocks of ``kinds`` that share a moment with ``[start, end)`` (an instant: that hold it)."""
        lo = int(np.searchsorted(self.end, start, "right"))
        hi = int(np.searchsorted(self.start, end, "left" if end > start else "right"))
        wanted = {int(k) for k in kinds}
        return [(s, e, BlockKind(k)) for s, e, k in zip(self.start[lo:hi].tolist(), self.end[lo:hi].tolist(),
                                                         self.kind[lo:hi].tolist()) if k in wanted]


# The blocks of one day, each between two of the day's six boundaries (the last one runs to the next wake).
_DAY_KINDS = (BlockKind.POST_SLEEP, BlockKind.CONFERENCE, BlockKind.WORK, BlockKind.CONFERENCE, BlockKind.PRE_SLEEP,
              BlockKind.SLEEP)


def day_number(seconds) -> np.ndarray:
    """The GMT day (days since 1970-01-01) of epoch seconds."""
    return np.floor(np.asarray(seconds, dtype=float) / DAY_S).astype(np.int64)


def weekday(days: np.ndarray) -> np.ndarray:
    """Monday 0 ... Sunday 6 of GMT day numbers (1970-01-01 was a Thursday)."""
    return (np.asarray(days, dtype=np.int64) + 3) % 7


def day_of(day_number_: int) -> date:
    """The date of a GMT day number."""
    return date.fromordinal(_EPOCH_DAY + int(day_number_))


def _delays(shifts, person: str | None, days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Seconds each day's wake and sleep move for ``person`` (shifts of the whole crew and their own add up)."""
    wake, sleep = np.zeros(len(days)), np.zeros(len(days))
    first = int(days[0]) if len(days) else 0
    for shift in shifts:
        if shift.person is not None and shift.person != person:
            continue
        if shift.day is None:
            wake += shift.wake_delay_hours * 3600.0
            sleep += shift.sleep_delay_hours * 3600.0
            continue
        k = shift.day.toordinal() - _EPOCH_DAY - first
        if 0 <= k < len(days):
            wake[k] += shift.wake_delay_hours * 3600.0
            sleep[k] += shift.sleep_delay_hours * 3600.0
    return wake, sleep


def waking_days(template: DayTemplate, shifts, person: str | None, first_day: int, last_day: int):
    """(days, wake, sleep): GMT day numbers ``first_day``..``last_day`` and each day's wake and sleep
    (epoch seconds, shifts applied; a sleep never before its wake)."""
    days = np.arange(first_day, last_day + 1, dtype=np.int64)
    wake_delay, sleep_delay = _delays(shifts, person, days)
    base = days * DAY_S
    wake = base + template.wake_hour * 3600.0 + wake_delay
    sleep = np.maximum(base + template.sleep_hour * 3600.0 + sleep_delay, wake)
    return days, wake, sleep


def day_grid(template: DayTemplate, shifts, person: str | None, first_day: int, last_day: int):
    """(starts, ends, kinds): the six blocks of each GMT day ``first_day``..``last_day`` in order (block ``6 i + 2`` is
    day ``i``'s working window, or its day off), some of them empty where a day is crowded; the last one runs a day
    past the last wake."""
    days, wake, sleep = waking_days(template, shifts, person, first_day, last_day)
    post = template.post_sleep_hours * 3600.0
    conf = template.conference_hours * 3600.0
    pre = template.pre_sleep_hours * 3600.0
    bounds = np.stack((wake, wake + post, wake + post + conf, sleep - pre - conf, sleep - pre, sleep), axis=1)
    # Crowded days (a short waking day, a shift) keep the order of their blocks: later bounds never go back.
    flat = np.maximum.accumulate(np.append(bounds.ravel(), np.inf))
    flat[-1] = max(flat[-2], wake[-1] + DAY_S)
    kinds = np.tile(np.array([int(k) for k in _DAY_KINDS], dtype=np.int8), len(days))
    kinds = kinds.reshape(len(days), 6)
    kinds[work_budget_s(template, weekday(days)) <= 0, 2] = BlockKind.DAY_OFF
    return flat[:-1], flat[1:], kinds.ravel()


def working_windows(template: DayTemplate, shifts, person: str | None, first_day: int, last_day: int):
    """(starts, ends, working) of each day's working window or day off: the same numbers as block ``6 i + 2`` of
    :func:`day_grid` (its bounds never go back), worked out per day rather than per block."""
    days, wake, sleep = waking_days(template, shifts, person, first_day, last_day)
    post = template.post_sleep_hours * 3600.0
    conf = template.conference_hours * 3600.0
    pre = template.pre_sleep_hours * 3600.0
    opens, closes = wake + post + conf, sleep - pre - conf  # as day_grid adds them: the same floats
    # The latest bound of the days before each one (a day's bounds reach no further than its opening or its sleep).
    reached = np.maximum.accumulate(np.maximum(np.maximum(opens, sleep), closes))
    start = np.maximum(opens, np.concatenate(([-np.inf], reached[:-1])))
    return start, np.maximum(start, closes), work_budget_s(template, weekday(days)) > 0


def person_blocks(template: DayTemplate, shifts, person: str | None, start: float, end: float) -> DayBlocks:
    """The blocks of ``person`` (None: the crew's usual day) that cover ``[start, end]``, epoch seconds."""
    if not (math.isfinite(start) and math.isfinite(end)):
        raise ValueError("person_blocks needs a finite span")
    # A day's blocks can reach a day either side of it (shifts of up to a day); two days of margin are enough.
    starts, ends, kinds = day_grid(template, shifts, person, int(day_number(start)) - 2, int(day_number(end)) + 2)
    keep = ends > starts
    starts, ends, kinds = starts[keep], ends[keep], kinds[keep]
    lo = int(np.searchsorted(ends, start, "right"))
    hi = int(np.searchsorted(starts, end, "right"))
    return DayBlocks(starts[lo:hi], ends[lo:hi], kinds[lo:hi])


class CrewDay:
    """A project's day template and sleep shifts, and whose day each person lives (what the rules and the
    timeline read)."""

    def __init__(self, template: DayTemplate, shifts):
        self.template = template
        self.shifts = list(shifts)
        self.own = frozenset(s.person for s in self.shifts if s.person is not None)

    def profile(self, person: str) -> str | None:
        """The person whose blocks ``person`` has: themselves with shifts of their own, else None (the crew's)."""
        return person if person in self.own else None

    def blocks(self, person: str, start: float, end: float):
        """The blocks of ``person`` over ``[start, end]``."""
        return person_blocks(self.template, self.shifts, self.profile(person), start, end)

    @classmethod
    def of(cls, project) -> "CrewDay":
        """The crew's day of a project (its template, or the catalogue's, and its sleep shifts)."""
        return cls(project.effective_crew_day, project.sleep_shifts)
