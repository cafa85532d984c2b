"""The crew's day on the station: a day template in GMT, sleep shifts, and each person's blocks of time.

The station runs on GMT. Defaults (``resources/stations/iss.json``, ``crew_day``; sources in
``docs/crew-day.md``): wake 06:00, an hour of post-sleep, a morning daily planning conference, the working
window (6.5 h of work, 1 h of lunch and 2.5 h of exercise), an evening conference, pre-sleep, sleep 21:30.
Saturday is a half day (housekeeping), Sunday a day off.

A :class:`SleepShift` moves one day's wake and sleep for the whole crew or one person (the crew's sleep moves
around a night-time docking or undocking); a shift with no day moves every day of that person (a person whose
day differs from the template's). :func:`person_blocks` gives a person's blocks over any span as arrays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from datetime import date
from enum import IntEnum

import numpy as np

DAY_S = 86400.0
_EPOCH_DAY = date(1970, 1, 1).toordinal()
SATURDAY, SUNDAY = 5, 6  # date.weekday()


class BlockKind(IntEnum):
    """What a person does in a block of their day."""

    SLEEP = 0
    POST_SLEEP = 1
    CONFERENCE = 2  # a daily planning conference with the ground
    WORK = 3  # the working window: work, lunch and exercise
    DAY_OFF = 4  # the waking hours of a day off
    PRE_SLEEP = 5


#: The blocks a planned activity should keep out of.
REST = (BlockKind.SLEEP, BlockKind.POST_SLEEP, BlockKind.PRE_SLEEP)
BLOCK_WORDS = {BlockKind.SLEEP: "sleep", BlockKind.POST_SLEEP: "post-sleep", BlockKind.CONFERENCE: "planning conference",
               BlockKind.WORK: "working hours", BlockKind.DAY_OFF: "day off", BlockKind.PRE_SLEEP: "pre-sleep"}


@dataclass(frozen=True, slots=True)
class DayTemplate:
    """The crew's usual day, in GMT hours. A project's own or the station catalogue's defaults."""

    wake_hour: float = 6.0  # wake-up, GMT
    post_sleep_hours: float = 1.0  # hygiene, breakfast, getting ready
    conference_hours: float = 0.25  # each daily planning conference, morning and evening
    work_hours: float = 6.5  # work a weekday holds (the rest of the working window: lunch, exercise)
    lunch_hours: float = 1.0
    exercise_hours: float = 2.5
    pre_sleep_hours: float = 2.0  # dinner, hygiene, own time before sleep
    sleep_hour: float = 21.5  # bed time, GMT
    saturday_work_hours: float = 3.25  # a half day of housekeeping
    sunday_work_hours: float = 0.0  # 0: a day off
    extra: dict = field(default_factory=dict, compare=False)  # unknown file fields, kept for saving

    def updated(self, **changes) -> "DayTemplate":
        """A copy with some values changed."""
        return replace(self, **changes)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The value names, in documentation order."""
        return tuple(f.name for f in fields(cls) if f.name != "extra")

    def work_budget_s(self, weekdays: np.ndarray) -> np.ndarray:
        """Seconds of work each day (by its weekday, Monday 0) holds."""
        out = np.full(len(weekdays), self.work_hours * 3600.0)
        out[weekdays == SATURDAY] = self.saturday_work_hours * 3600.0
        out[weekdays == SUNDAY] = self.sunday_work_hours * 3600.0
        return out


#: A day of work around the clock, every day: no rest, no day off, no limit a day's plan can pass (for plans whose
#: crew's day is not to be judged, e.g. tests of other rules at any hour).
AROUND_THE_CLOCK = DayTemplate(wake_hour=0.0, post_sleep_hours=0.0, conference_hours=0.0, work_hours=24.0,
                               pre_sleep_hours=0.0, sleep_hour=24.0, saturday_work_hours=24.0, sunday_work_hours=24.0)


@dataclass(slots=True, eq=True)
class SleepShift:
    """The crew's (``person`` None) or one person's wake and sleep moved on ``day`` (GMT), or on every day when
    ``day`` is None. Hours later (negative: earlier): the wake of that day, and the sleep that starts that day."""

    id: str
    day: date | None = None
    person: str | None = None
    wake_delay_hours: float = 0.0
    sleep_delay_hours: float = 0.0
    note: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def name(self) -> str:
        """How the planner names it in lists and undo steps."""
        when = self.day.isoformat() if self.day else "every day"
        return f"Sleep shift {when}"


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


def person_blocks(template: DayTemplate, shifts, person: str | None, start: float, end: float) -> DayBlocks:
    """The blocks of ``person`` (None: the crew's usual day) that cover ``[start, end]``, epoch seconds."""
    if not (math.isfinite(start) and math.isfinite(end)):
        raise ValueError("person_blocks needs a finite span")
    # A day's blocks can reach a day either side of it (shifts of up to a day); two days of margin are enough.
    days, wake, sleep = waking_days(template, shifts, person, int(day_number(start)) - 2, int(day_number(end)) + 2)
    post = template.post_sleep_hours * 3600.0
    conf = template.conference_hours * 3600.0
    pre = template.pre_sleep_hours * 3600.0
    bounds = np.stack((wake, wake + post, wake + post + conf, sleep - pre - conf, sleep - pre, sleep), axis=1)
    # Crowded days (a short waking day, a shift) keep the order of their blocks: later bounds never go back.
    flat = np.maximum.accumulate(np.append(bounds.ravel(), np.inf))
    flat[-1] = max(flat[-2], wake[-1] + DAY_S)
    kinds = np.tile(np.array([int(k) for k in _DAY_KINDS], dtype=np.int8), len(days))
    kinds = kinds.reshape(len(days), 6)
    off = template.work_budget_s(weekday(days)) <= 0
    kinds[off, 2] = BlockKind.DAY_OFF
    starts, ends, kinds = flat[:-1], flat[1:], kinds.ravel()
    keep = ends > starts
    starts, ends, kinds = starts[keep], ends[keep], kinds[keep]
    lo = int(np.searchsorted(ends, start, "right"))
    hi = int(np.searchsorted(starts, end, "right"))
    return DayBlocks(starts[lo:hi], ends[lo:hi], kinds[lo:hi])


def template_from_catalogue(data: dict) -> DayTemplate:
    """The template of a station catalogue's ``crew_day`` object (``{name: {"default": ...}}``)."""
    known = set(DayTemplate.names())
    return DayTemplate(**{k: float(v["default"]) for k, v in data.items() if k in known})


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
